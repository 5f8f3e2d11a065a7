// The studio's ingest kept up: the first run is startIngest's (free ports, picked again when taken),
// and a child that dies is started again on the same ports (the URLs the studio printed stay valid)
// by the supervision kit's RestartLoop, with the shared backoff; every change is an IngestStatus
// the studio reports to the console.
//
//   running ──child dies──→ restarting(attempt, nextTryAt) ──timer──→ restarting(attempt, null)
//      ↑                         ↑                                          │ ready
//      └─────────────────────────┼──────────────────────────────────────────┤
//                                └──── exits again, or fails to start ──────┘
//   past maxAttempts restarts in a row → failed(lastError), until the studio is restarted
import type { RestartPolicy } from '../../shared/domain/backoff';
import { assertNever } from '../../shared/errors';
import type { IngestStatus } from '../../shared/studioStatus';
import type { Clock } from '../../shared/domain/cryptoPort';
import { systemClock } from '../../node/infra/nodeCrypto';
import { RestartLoop, type RestartState } from '../../node/process/restartLoop';
import type { ChildExit } from '../../node/process/supervisedChild';
import { startIngestSupervisor } from './ingestProcess';
import { IngestSupervisor, type IngestOptions } from './ingestSupervisor';

/**
 * 1 s, 2 s, 4 s … capped at 30 s, 5 restarts in a row (as the studio itself); a run that stayed up a
 * minute starts the count over, so an ingest that dies once a day is never given up on.
 */
export const INGEST_RESTARTS: RestartPolicy = { baseMs: 1000, factor: 2, capMs: 30_000, jitter: 0, maxAttempts: 5, stableMs: 60_000 };

export interface KeptIngestOptions extends IngestOptions {
  onStatus(status: IngestStatus): void;
  policy?: RestartPolicy;
  /** The restart delays' timers (tests record them). */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface KeptIngest {
  /** `rtmp://HOST:PORT/APP`, the same across restarts. */
  readonly rtmpUrl: string;
  readonly playBaseUrl: string;
  /** The current run's PID; -1 between runs. */
  readonly pid: number;
  status(): IngestStatus;
  /** Stream names on the air now (a dead run's pushes were reported interrupted). */
  liveStreams(): string[];
  pushUrl(streamName: string, expiresAt: number): string;
  flvUrl(streamName: string, expiresAt?: number): string;
  /** Idempotent: cancels a pending restart, or stops the run (IPC stop, SIGTERM, SIGKILL). */
  stop(): Promise<void>;
}

/** Resolves once the first run listens (rejects as startIngest does); from then on the ingest is kept up. */
export async function startKeptIngest(o: KeptIngestOptions): Promise<KeptIngest> {
  const first = await startIngestSupervisor(o);
  return new IngestKeeper(o, first);
}

class IngestKeeper implements KeptIngest {
  readonly rtmpUrl: string;
  readonly playBaseUrl: string;
  private current: IngestSupervisor;
  /** Why the current run's start failed, when it did (a taken port names itself better than an exit code). */
  private startError: string | undefined;
  private state: IngestStatus = { state: 'running', restarts: 0 };
  private readonly loop: RestartLoop;
  private readonly clock: Clock;
  private readonly policy: RestartPolicy;

  constructor(
    private readonly o: KeptIngestOptions,
    first: IngestSupervisor,
  ) {
    this.current = first;
    this.rtmpUrl = first.rtmpUrl;
    this.playBaseUrl = first.playBaseUrl;
    this.clock = o.clock ?? systemClock;
    this.policy = o.policy ?? INGEST_RESTARTS;
    this.loop = new RestartLoop({
      policy: this.policy,
      // Run 0 is the one startIngest brought up; later runs bind the same ports.
      spawn: (attempt) => (attempt === 0 ? first.child : this.restart()),
      onState: (s) => this.onLoopState(s),
      clock: this.clock,
      ...(o.setTimer ? { setTimer: o.setTimer } : {}),
      ...(o.clearTimer ? { clearTimer: o.clearTimer } : {}),
    });
    this.loop.start();
  }

  get pid(): number {
    return this.loop.child ? this.current.pid : -1;
  }

  status(): IngestStatus {
    return this.state;
  }

  liveStreams(): string[] {
    return this.current.liveStreams();
  }

  pushUrl(streamName: string, expiresAt: number): string {
    return this.current.pushUrl(streamName, expiresAt);
  }

  flvUrl(streamName: string, expiresAt?: number): string {
    return this.current.flvUrl(streamName, expiresAt);
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  private restart() {
    const run = new IngestSupervisor(this.o, this.current.ports);
    this.current = run;
    this.startError = undefined;
    // A failed start is also the child's exit, which the loop sees; keep only its words.
    run.start().catch((e: unknown) => {
      if (this.current === run) this.startError = e instanceof Error ? e.message : String(e);
    });
    return run.child;
  }

  private onLoopState(s: RestartState): void {
    switch (s.kind) {
      case 'idle':
      case 'stopped':
        return;
      case 'starting':
        if (s.attempt > 0 && this.state.state === 'restarting') this.set({ ...this.state, nextTryAt: null });
        return;
      case 'running':
        if (s.attempt > 0) this.o.log.info({ attempt: s.attempt, pid: this.current.pid }, 'Ingest restarted');
        this.set({ state: 'running', restarts: s.attempt });
        return;
      case 'waiting': {
        const lastError = this.reason(s.lastExit);
        this.o.log.warn({ attempt: s.attempt, delayMs: s.delayMs }, `Ingest down (${lastError}); restarting`);
        this.set({ state: 'restarting', attempt: s.attempt, maxAttempts: this.policy.maxAttempts, nextTryAt: this.clock.now() + s.delayMs, lastError });
        return;
      }
      case 'gave-up': {
        const lastError = `${this.reason(s.lastExit)}; gave up after ${this.policy.maxAttempts} restarts`;
        this.o.log.error(`Ingest down: ${lastError}`);
        this.set({ state: 'failed', lastError });
        return;
      }
      default:
        assertNever(s);
    }
  }

  /** Why a run ended, in words: its start failure, or how the process exited. */
  private reason(exit: ChildExit): string {
    if (exit.phase !== 'running' && this.startError) return this.startError;
    if (exit.spawnError) return `could not start the ingest process: ${exit.spawnError.message}`;
    const silent = this.current.silentForMs;
    if (silent !== undefined) return `ingest process stopped answering for ${Math.round(silent / 1000)} s; killed`;
    return exit.signal ? `ingest process killed by ${exit.signal}` : `ingest process exited with code ${exit.code ?? '-'}`;
  }

  private set(status: IngestStatus): void {
    if (JSON.stringify(status) === JSON.stringify(this.state)) return;
    this.state = status;
    try {
      this.o.onStatus(status);
    } catch (e) {
      this.o.log.error({ error: e instanceof Error ? e.message : String(e) }, 'Ingest status listener threw');
    }
  }
}
