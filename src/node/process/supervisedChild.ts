// One child process under supervision, written once for ffmpeg, the ingest and the studio: spawned
// with explicit stdio and windowsHide, "failed to start" told from "died while running", one
// idempotent stop with a configurable escalation, and a typed exit. Restarts live in restartLoop.ts.
import { spawn, type ChildProcess, type SpawnOptions, type StdioOptions } from 'node:child_process';
import { assertNever } from '../../shared/errors';

export type Spawner = (file: string, args: string[], options: SpawnOptions) => ChildProcess;
export const nodeSpawner: Spawner = (file, args, options) => spawn(file, args, options);

/** One step of a stop: write to stdin and close it, send a signal, or anything else (an IPC message). */
export type StopStep =
  | { kind: 'stdin'; text: string }
  | { kind: 'signal'; signal: NodeJS.Signals }
  | { kind: 'call'; run(child: ChildProcess): void };

/** The steps run `stepMs` apart until the child has exited; ending with SIGKILL makes every stop end. */
export interface StopEscalation {
  steps: readonly StopStep[];
  stepMs: number;
}

/** SIGTERM, then SIGKILL `stepMs` later. */
export function terminateThenKill(stepMs: number): StopEscalation {
  return { steps: [{ kind: 'signal', signal: 'SIGTERM' }, { kind: 'signal', signal: 'SIGKILL' }], stepMs };
}

/** spawn-failed: never ran (ENOENT, EACCES, or stopped before start); starting: ended before it was ready; running: ended after. */
export type ExitPhase = 'spawn-failed' | 'starting' | 'running';
/** stopped: stop() or kill() asked for it; start-failed: ended by itself before it was ready; died: ended by itself after. */
export type ExitOutcome = 'stopped' | 'start-failed' | 'died';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  phase: ExitPhase;
  outcome: ExitOutcome;
  stopRequested: boolean;
  /** Killed because it was not ready within `startTimeoutMs`. */
  startTimedOut: boolean;
  spawnError?: { code: string; message: string };
}

export interface SupervisedChildOptions {
  file: string;
  args: readonly string[];
  /** Always explicit: the pipes the owner reads and writes, 'ignore' for the rest ('ipc' for a channel). */
  stdio: StdioOptions;
  env?: NodeJS.ProcessEnv;
  spawner?: Spawner;
  stop: StopEscalation;
  /** Not ready (markReady) this long after start() → SIGKILL, reported as a start failure with `startTimedOut`. */
  startTimeoutMs?: number;
  /** After 'exit', how long to wait for 'close' (the last output) before reporting anyway: a grandchild may hold the pipes (default 2 s). */
  closeGraceMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Called once, right after spawning and before any of the child's events: attach output readers here. */
  attach?(child: ChildProcess): void;
  onSpawn?(pid: number): void;
  onStartTimeout?(): void;
  /** An 'error' of a child that did spawn (a failed kill or IPC send); spawn failures end in the exit. */
  onError?(error: Error): void;
  /** Once, with all output read; whenExit() and stop() resolve after it returns. */
  onExit?(exit: ChildExit): void;
}

const DEFAULT_CLOSE_GRACE_MS = 2000;

export class SupervisedChild {
  private proc: ChildProcess | undefined;
  private started = false;
  private isReady = false;
  private stopAsked = false;
  private timedOut = false;
  private exitInfo: ChildExit | undefined;
  private stopPromise: Promise<ChildExit> | undefined;
  private startTimer: unknown;
  private readonly timers = new Set<unknown>();
  private readonly exitWaiters: ((exit: ChildExit) => void)[] = [];
  private readonly readyWaiters: (() => void)[] = [];
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly o: SupervisedChildOptions) {
    this.setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = o.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout));
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** The spawned process (for IPC `send`); undefined before start() or when spawning threw. */
  get childProcess(): ChildProcess | undefined {
    return this.proc;
  }

  get ready(): boolean {
    return this.isReady;
  }

  get stopRequested(): boolean {
    return this.stopAsked;
  }

  get exit(): ChildExit | undefined {
    return this.exitInfo;
  }

  /** Spawns once; later calls (and a call after stop()) do nothing. */
  start(): void {
    if (this.started || this.exitInfo) return;
    this.started = true;
    let child: ChildProcess;
    try {
      child = (this.o.spawner ?? nodeSpawner)(this.o.file, [...this.o.args], { stdio: this.o.stdio, windowsHide: true, env: this.o.env ?? process.env });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      this.finish(null, null, { code: err.code ?? 'SPAWN_FAILED', message: err.message });
      return;
    }
    this.proc = child;
    child.stdin?.on('error', () => {}); // EPIPE: the child is already gone
    this.o.attach?.(child);
    if (this.o.startTimeoutMs !== undefined) this.startTimer = this.after(this.o.startTimeoutMs, () => this.onStartTimeout());
    child.once('spawn', () => {
      if (child.pid !== undefined) this.o.onSpawn?.(child.pid);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (child.pid === undefined) this.finish(null, null, { code: e.code ?? 'UNKNOWN', message: e.message });
      else this.o.onError?.(e);
    });
    child.once('exit', () => {
      if (!this.exitInfo) this.after(this.o.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS, () => this.finish(child.exitCode, child.signalCode));
    });
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => this.finish(code, signal));
  }

  /** The owner saw the child's own sign of life (first progress, a "ready" message, a status line). */
  markReady(): void {
    if (this.isReady || this.exitInfo) return;
    this.isReady = true;
    this.cancel(this.startTimer);
    for (const w of this.readyWaiters.splice(0)) w();
  }

  /** Resolves when the child is ready; never, if it exits first (watch whenExit() too). */
  whenReady(): Promise<void> {
    if (this.isReady) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  whenExit(): Promise<ChildExit> {
    if (this.exitInfo) return Promise.resolve(this.exitInfo);
    return new Promise((resolve) => this.exitWaiters.push(resolve));
  }

  /** Idempotent: runs the escalation (each step `stepMs` after the last) until the child has exited. */
  stop(): Promise<ChildExit> {
    if (this.stopPromise) return this.stopPromise;
    this.stopAsked = true;
    this.stopPromise = this.whenExit();
    if (!this.proc) this.finish(null, null);
    else this.escalate(0);
    return this.stopPromise;
  }

  /** SIGKILL at once (a stall, a failed start); stop() waiters resolve too. */
  kill(): Promise<ChildExit> {
    this.stopAsked = true;
    if (!this.proc) this.finish(null, null);
    this.signal('SIGKILL');
    return this.whenExit();
  }

  private escalate(index: number): void {
    const step = this.o.stop.steps[index];
    if (!step || this.exitInfo) return;
    this.runStep(step);
    if (index + 1 < this.o.stop.steps.length) this.after(this.o.stop.stepMs, () => this.escalate(index + 1));
  }

  private runStep(step: StopStep): void {
    const child = this.proc;
    if (!child) return;
    switch (step.kind) {
      case 'stdin':
        try {
          if (child.stdin?.writable) child.stdin.end(step.text);
        } catch {
          // stdin already closed
        }
        return;
      case 'signal':
        this.signal(step.signal);
        return;
      case 'call':
        try {
          step.run(child);
        } catch {
          // the next step escalates
        }
        return;
      default:
        assertNever(step);
    }
  }

  /** By PID, and only to a child that has not exited (its PID may belong to another process by then). */
  private signal(sig: NodeJS.Signals): void {
    const c = this.proc;
    if (!c || this.exitInfo || c.exitCode !== null || c.signalCode !== null) return;
    try {
      c.kill(sig);
    } catch {
      // already gone
    }
  }

  private onStartTimeout(): void {
    if (this.isReady || this.exitInfo) return;
    this.timedOut = true;
    this.o.onStartTimeout?.();
    this.signal('SIGKILL');
  }

  private finish(code: number | null, signal: NodeJS.Signals | null, spawnError?: { code: string; message: string }): void {
    if (this.exitInfo) return;
    for (const t of this.timers) this.clearTimer(t);
    this.timers.clear();
    const phase: ExitPhase = spawnError || !this.proc ? 'spawn-failed' : this.isReady ? 'running' : 'starting';
    const outcome: ExitOutcome = this.stopAsked ? 'stopped' : phase === 'running' ? 'died' : 'start-failed';
    const exit: ChildExit = { code, signal, phase, outcome, stopRequested: this.stopAsked, startTimedOut: this.timedOut, ...(spawnError ? { spawnError } : {}) };
    this.exitInfo = exit;
    try {
      this.o.onExit?.(exit);
    } finally {
      for (const w of this.exitWaiters.splice(0)) w(exit);
    }
  }

  private after(ms: number, fn: () => void): unknown {
    const handle = this.setTimer(() => {
      this.timers.delete(handle);
      fn();
    }, ms);
    this.timers.add(handle);
    return handle;
  }

  private cancel(handle: unknown): void {
    if (handle === undefined || !this.timers.delete(handle)) return;
    this.clearTimer(handle);
  }
}
