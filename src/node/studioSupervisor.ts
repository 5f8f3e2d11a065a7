// Runs the local studio in a child process for the app (Electron main or web mode), so a studio
// crash never takes the window down: reads its JSON line, keeps the secrets on this side, and
// restarts it with backoff when it dies unexpectedly.
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { z } from 'zod';
import { studioPublicInfoSchema, type StudioStatus } from '../shared/studioStatus';
import type { Logger } from './logger';

const studioLineSchema = studioPublicInfoSchema.extend({
  secretKey: z.string(),
  pushKey: z.string(),
  callbacksAdminToken: z.string().nullable().default(null),
});
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
  /** Registers secrets with the logger's redaction. */
  onSecrets?(secretKey: string, pushKey: string): void;
}

export class StudioSupervisor {
  private child: ChildProcess | undefined;
  private status: StudioStatus = { state: 'off', restarts: 0 };
  private secrets: StudioCredentials | undefined;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(private readonly o: StudioSupervisorOptions) {}

  get(): StudioStatus {
    return this.status;
  }

  /** The studio's local credentials, for Node-side REST calls and push URLs only. */
  credentials(): StudioCredentials | undefined {
    return this.secrets;
  }

  start(): void {
    this.stopping = false;
    if (this.child) return;
    this.set({ ...this.status, state: this.status.restarts > 0 ? 'restarting' : 'starting' });
    const [cmd, ...args] = this.o.command;
    const child = spawn(cmd!, args, { stdio: ['ignore', 'pipe', 'pipe'], env: this.o.env ?? process.env, windowsHide: true });
    this.child = child;
    let stderrTail = '';
    child.stderr!.on('data', (d) => (stderrTail = (stderrTail + String(d)).slice(-2000)));
    const timer = setTimeout(() => {
      if (this.status.state !== 'running') {
        this.o.log.error('studio did not start in time');
        child.kill('SIGKILL');
      }
    }, this.o.startTimeoutMs ?? 20_000);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{') || this.status.state === 'running') return;
      try {
        const parsed = studioLineSchema.parse(JSON.parse(line));
        clearTimeout(timer);
        const { secretKey, pushKey, callbacksAdminToken, ...info } = parsed;
        this.secrets = { secretKey, pushKey, callbacksAdminToken };
        this.o.onSecrets?.(secretKey, pushKey);
        if (callbacksAdminToken) this.o.onSecrets?.(callbacksAdminToken, callbacksAdminToken);
        this.set({ state: 'running', info, restarts: this.status.restarts });
        this.o.log.info({ rest: info.restBaseUrl, viewer: info.viewerUrl }, 'studio running');
      } catch (e) {
        this.o.log.error({ err: e }, 'studio printed an unreadable line');
      }
    });
    child.once('error', (e) => {
      this.o.log.error({ err: e }, 'studio failed to spawn');
      // A child that never started emits no 'exit': end this run here.
      if (child.pid === undefined) ended(null, null, `could not start the studio: ${e.message}`);
    });
    let done = false;
    const ended = (code: number | null, signal: NodeJS.Signals | null, why?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      this.child = undefined;
      if (this.stopping) {
        this.set({ state: 'off', restarts: this.status.restarts });
        return;
      }
      const reason = why ?? `studio exited (${signal ?? code})${stderrTail ? `: ${lastLine(stderrTail)}` : ''}`;
      this.o.log.error(reason);
      const restarts = this.status.restarts + 1;
      if (restarts > (this.o.maxRestarts ?? 5)) {
        this.set({ state: 'failed', lastError: reason, restarts });
        return;
      }
      this.set({ state: 'restarting', lastError: reason, restarts });
      this.restartTimer = setTimeout(() => this.start(), Math.min(30_000, 1000 * 2 ** (restarts - 1)));
    };
    child.once('exit', (code, signal) => ended(code, signal));
  }

  /** Stops and starts again (e.g. the operator's "Restart studio"). */
  async restart(): Promise<StudioStatus> {
    await this.stop();
    this.status = { state: 'off', restarts: 0 };
    this.start();
    return this.status;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  }

  private set(s: StudioStatus): void {
    this.status = s;
    this.o.onStatus(s);
  }
}

const lastLine = (s: string): string => s.trim().split('\n').at(-1)?.slice(0, 300) ?? '';
