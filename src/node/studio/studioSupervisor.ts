// Runs the local studio in a child process for the app (Electron main or web mode), so a studio
// crash never takes the window down: reads its JSON lines (the first: endpoints and keys; later
// ones: its ingest's state, which the status carries), keeps the secrets on this side, and
// restarts it with backoff when it dies unexpectedly (the supervision kit in src/node/process).
// Each run's first line is the truth about its address: a restarted studio keeps its saved ports,
// or names the ones it had to give up (portsMoved), and RoomService's URLs follow the status.
import readline from 'node:readline';
import { z } from 'zod';
import type { RestartPolicy } from '../../shared/domain/backoff';
import { assertNever } from '../../shared/errors';
import {
  ingestStatusSchema,
  studioPublicInfoSchema,
  studioUpdateLineSchema,
  type IngestStatus,
  type StudioPublicInfo,
  type StudioStatus,
} from '../../shared/studioStatus';
import type { Logger } from '../infra/logger';
import { RestartLoop, type RestartState } from '../process/restartLoop';
import { SupervisedChild, terminateThenKill, type ChildExit } from '../process/supervisedChild';

const studioLineSchema = studioPublicInfoSchema.extend({
  secretKey: z.string(),
  pushKey: z.string(),
  callbacksAdminToken: z.string().nullable().default(null),
  /** Absent from a studio that predates ingest reporting. */
  ingest: ingestStatusSchema.nullable().optional(),
});

/** One run of the studio: its public info and ingest state (from its lines) and the end of its stderr. */
interface Run {
  info?: StudioPublicInfo;
  ingest?: IngestStatus | null;
  stderrTail: string;
}
export type StudioLine = z.infer<typeof studioLineSchema>;
export interface StudioCredentials {
  secretKey: string;
  pushKey: string;
  callbacksAdminToken: string | null;
}

export interface StudioSupervisorOptions {
  /** argv[0] and the rest: e.g. [process.execPath, 'bin/stageside.js', 'studio', '--port', '0', ...]. */
  command: string[];
  env?: NodeJS.ProcessEnv;
  log: Logger;
  onStatus(status: StudioStatus): void;
  startTimeoutMs?: number;
  maxRestarts?: number;
  /** SIGTERM, then SIGKILL this long after (default 5 s). */
  stopPhaseMs?: number;
  /** The studio's PID while it runs (undefined once it has exited), for the data folder's lock record. */
  onPid?(pid: number | undefined): void;
  /** Registers secrets with the logger's redaction. */
  onSecrets?(secretKey: string, pushKey: string): void;
  /** The restart delays' timers (tests record them). */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** Restarts after 1 s, 2 s, 4 s … capped at 30 s; 5 in a row by default, then `failed`. */
const RESTARTS: Omit<RestartPolicy, 'maxAttempts'> = { baseMs: 1000, factor: 2, capMs: 30_000, jitter: 0 };

export class StudioSupervisor {
  private status: StudioStatus = { state: 'off', restarts: 0 };
  private secrets: StudioCredentials | undefined;
  private readonly loop: RestartLoop;
  /** The current run's public info and ingest state (from its JSON lines) and the end of its stderr. */
  private run: Run = { stderrTail: '' };

  constructor(private readonly o: StudioSupervisorOptions) {
    this.loop = new RestartLoop({
      policy: { ...RESTARTS, maxAttempts: o.maxRestarts ?? 5 },
      spawn: () => this.spawn(),
      onState: (s) => this.onLoopState(s),
      ...(o.setTimer ? { setTimer: o.setTimer } : {}),
      ...(o.clearTimer ? { clearTimer: o.clearTimer } : {}),
    });
  }

  get(): StudioStatus {
    return this.status;
  }

  /** The studio's local credentials, for Node-side REST calls and push URLs only. */
  credentials(): StudioCredentials | undefined {
    return this.secrets;
  }

  /** Nothing while it runs or waits to restart; the restart count carries on until restart(). */
  start(): void {
    this.loop.start(this.status.restarts);
  }

  /** Stops and starts again (e.g. the operator's "Restart studio"). */
  async restart(): Promise<StudioStatus> {
    await this.stop();
    this.status = { state: 'off', restarts: 0 };
    this.start();
    return this.status;
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  private spawn(): SupervisedChild {
    const run: Run = { stderrTail: '' };
    this.run = run;
    const [cmd, ...args] = this.o.command;
    const child: SupervisedChild = new SupervisedChild({
      file: cmd!,
      args,
      // stdin is a pipe the studio watches (--exit-with-parent): it closes when this process dies,
      // however it dies, and the studio then ends itself.
      stdio: ['pipe', 'pipe', 'pipe'],
      env: this.o.env ?? process.env,
      startTimeoutMs: this.o.startTimeoutMs ?? 20_000,
      stop: terminateThenKill(this.o.stopPhaseMs ?? 5000),
      attach: (c) => {
        c.stderr!.on('data', (d) => (run.stderrTail = (run.stderrTail + String(d)).slice(-2000)));
        readline.createInterface({ input: c.stdout! }).on('line', (line) => {
          if (!line.startsWith('{')) return;
          if (child.ready) this.onUpdateLine(run, line);
          else this.onStatusLine(run, child, line);
        });
      },
      onSpawn: (pid) => this.o.onPid?.(pid),
      onExit: () => this.o.onPid?.(undefined),
      onStartTimeout: () => this.o.log.error('studio did not start in time'),
      onError: (e) => this.o.log.error({ err: e }, 'studio failed to spawn'),
    });
    child.start();
    return child;
  }

  private onStatusLine(run: Run, child: SupervisedChild, line: string): void {
    try {
      const { secretKey, pushKey, callbacksAdminToken, ingest, ...info } = studioLineSchema.parse(JSON.parse(line));
      this.secrets = { secretKey, pushKey, callbacksAdminToken };
      this.o.onSecrets?.(secretKey, pushKey);
      if (callbacksAdminToken) this.o.onSecrets?.(callbacksAdminToken, callbacksAdminToken);
      run.info = info;
      // Its address moved (a saved port was taken): the status carries the new URLs to everyone.
      if (info.portsMoved?.length) this.o.log.warn({ portsMoved: info.portsMoved, rest: info.restBaseUrl, rtmp: info.rtmpIngestUrl }, 'studio: saved ports were taken; it listens elsewhere now');
      if (ingest !== undefined) run.ingest = ingest;
      child.markReady();
    } catch (e) {
      this.o.log.error({ err: e }, 'studio printed an unreadable line');
    }
  }

  /** A later line: the ingest's state changed (the console must not show "Running" while it is down). */
  private onUpdateLine(run: Run, line: string): void {
    let ingest: IngestStatus;
    try {
      ingest = studioUpdateLineSchema.parse(JSON.parse(line)).ingest;
    } catch (e) {
      this.o.log.warn({ err: e }, 'studio printed an unreadable status line');
      return;
    }
    run.ingest = ingest;
    if (ingest.state !== 'running') this.o.log.warn({ ingest }, 'studio ingest down');
    else this.o.log.info({ restarts: ingest.restarts }, 'studio ingest running');
    if (this.run === run && this.status.state === 'running') this.set({ ...this.status, ingest });
  }

  private onLoopState(s: RestartState): void {
    switch (s.kind) {
      case 'idle':
        return;
      case 'starting':
        this.set({ ...this.status, state: s.attempt > 0 ? 'restarting' : 'starting', restarts: s.attempt });
        return;
      case 'running': {
        const info = this.run.info as StudioPublicInfo;
        const { ingest } = this.run;
        this.set({ state: 'running', info, restarts: s.attempt, ...(ingest !== undefined ? { ingest } : {}) });
        this.o.log.info({ rest: info.restBaseUrl, viewer: info.viewerUrl }, 'studio running');
        return;
      }
      case 'waiting':
      case 'gave-up': {
        const reason = this.reason(s.lastExit);
        if (s.lastExit.spawnError) this.o.log.error({ err: s.lastExit.spawnError }, 'studio failed to spawn');
        this.o.log.error(reason);
        this.set({ state: s.kind === 'waiting' ? 'restarting' : 'failed', lastError: reason, restarts: s.attempt });
        return;
      }
      case 'stopped':
        this.set({ state: 'off', restarts: this.status.restarts });
        return;
      default:
        assertNever(s);
    }
  }

  /** Why a run ended, for the status (no secrets: the studio's stderr carries none). */
  private reason(exit: ChildExit): string {
    if (exit.spawnError) return `could not start the studio: ${exit.spawnError.message}`;
    const tail = this.run.stderrTail;
    return `studio exited (${exit.signal ?? exit.code})${tail ? `: ${stderrReason(tail)}` : ''}`;
  }

  private set(s: StudioStatus): void {
    this.status = s;
    this.o.onStatus(s);
  }
}

/**
 * The reason a child gave on stderr: its last lines, not just the last one — Node's own errors end
 * with a hint line ("…using `npm rebuild`…") after the line that names the problem.
 */
export function stderrReason(tail: string, maxLines = 12, maxChars = 1500): string {
  const lines = tail
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '' && !/^\s+at .+\(.+\)$|^\s+at [^ ]+$/.test(l) && !/^Node\.js v\d/.test(l));
  return lines.slice(-maxLines).join('\n').slice(-maxChars);
}
