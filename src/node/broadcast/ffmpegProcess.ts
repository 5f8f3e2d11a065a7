// One ffmpeg run, supervised like mediasoup's Worker (STYLE.md §4): explicit stdio, `-progress`
// blocks from stdout, masked stderr lines, a stall detector, "failed to start" told from "died",
// and an idempotent stop (q on stdin, then SIGTERM, then SIGKILL).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import type { Clock } from '../../shared/domain/cryptoPort';
import { maskSecretsInUrl } from '../../shared/domain/lvbAuth';
import { LineSplitter, ProgressParser, type ProgressStats } from '../../shared/domain/broadcast/progress';

export type Spawner = (file: string, args: string[], options: SpawnOptions) => ChildProcess;
export const nodeSpawner: Spawner = (file, args, options) => spawn(file, args, options);

export interface FfmpegExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** spawn-failed: never ran (ENOENT/EACCES); before-progress: died before its first stats; running: died later. */
  phase: 'spawn-failed' | 'before-progress' | 'running';
  stopRequested: boolean;
  spawnError?: { code: string; message: string };
}

export interface FfmpegProcessOptions {
  file: string;
  args: string[];
  clock: Clock;
  spawner?: Spawner;
  env?: NodeJS.ProcessEnv;
  /** No advancing progress for this long → onStall (default 5 s). */
  stallMs?: number;
  /** Before the first progress block (device open, RTMP connect) (default 10 s). */
  startGraceMs?: number;
  /** Wait per stop phase: q, then SIGTERM, then SIGKILL (default 3 s). */
  stopPhaseMs?: number;
  onSpawn?(pid: number): void;
  onProgress?(stats: ProgressStats): void;
  onStderr?(line: string): void;
  onStall?(): void;
  onExit?(exit: FfmpegExit): void;
}

export class FfmpegProcess {
  private child: ChildProcess | undefined;
  private exitInfo: FfmpegExit | undefined;
  private readonly exitWaiters: ((e: FfmpegExit) => void)[] = [];
  private stopPromise: Promise<FfmpegExit> | undefined;
  private stopRequested = false;
  private sawProgress = false;
  private lastAdvanceAt = 0;
  private lastFrame = -1;
  private stallTimer: NodeJS.Timeout | undefined;
  private stalled = false;
  lastProgress: ProgressStats | null = null;

  constructor(private readonly o: FfmpegProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get exited(): FfmpegExit | undefined {
    return this.exitInfo;
  }

  start(): void {
    if (this.child || this.exitInfo) return;
    const child = (this.o.spawner ?? nodeSpawner)(this.o.file, this.o.args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
      env: this.o.env ?? process.env,
    });
    this.child = child;
    this.lastAdvanceAt = this.o.clock.now();
    const progress = new ProgressParser();
    const outLines = new LineSplitter();
    const errLines = new LineSplitter();
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (d: string) => outLines.push(d).forEach((l) => this.onStdoutLine(progress, l)));
    child.stderr?.on('data', (d: string) => errLines.push(d).forEach((l) => this.emitStderr(l)));
    child.stdin?.on('error', () => {}); // EPIPE when ffmpeg is already gone
    child.once('spawn', () => {
      if (child.pid !== undefined) this.o.onSpawn?.(child.pid);
      this.stallTimer = setInterval(() => this.checkStall(), 500);
    });
    child.once('error', (e: NodeJS.ErrnoException) => {
      if (child.pid === undefined) this.finish({ code: null, signal: null, phase: 'spawn-failed', stopRequested: this.stopRequested, spawnError: { code: e.code ?? 'UNKNOWN', message: e.message } });
    });
    child.once('close', (code, signal) => {
      outLines.flush().forEach((l) => this.onStdoutLine(progress, l));
      errLines.flush().forEach((l) => this.emitStderr(l));
      this.finish({ code, signal, phase: this.sawProgress ? 'running' : 'before-progress', stopRequested: this.stopRequested });
    });
  }

  private onStdoutLine(parser: ProgressParser, line: string): void {
    const stats = parser.push(line);
    if (!stats) return;
    this.sawProgress = true;
    this.lastProgress = stats;
    if (stats.frame > this.lastFrame) {
      this.lastFrame = stats.frame;
      this.lastAdvanceAt = this.o.clock.now();
    }
    this.o.onProgress?.(stats);
  }

  private emitStderr(line: string): void {
    if (line.trim() !== '') this.o.onStderr?.(maskSecretsInUrl(line));
  }

  private checkStall(): void {
    if (this.stalled || this.exitInfo || this.stopRequested) return;
    const limit = this.sawProgress ? (this.o.stallMs ?? 5000) : Math.max(this.o.stallMs ?? 5000, this.o.startGraceMs ?? 10_000);
    if (this.o.clock.now() - this.lastAdvanceAt >= limit) {
      this.stalled = true;
      this.o.onStall?.();
    }
  }

  private finish(exit: FfmpegExit): void {
    if (this.exitInfo) return;
    this.exitInfo = exit;
    if (this.stallTimer) clearInterval(this.stallTimer);
    this.o.onExit?.(exit);
    for (const w of this.exitWaiters.splice(0)) w(exit);
  }

  private waitExit(): Promise<FfmpegExit> {
    if (this.exitInfo) return Promise.resolve(this.exitInfo);
    return new Promise((resolve) => this.exitWaiters.push(resolve));
  }

  private signal(sig: NodeJS.Signals): void {
    const c = this.child;
    if (!c || this.exitInfo || c.exitCode !== null || c.signalCode !== null) return;
    try {
      c.kill(sig);
    } catch {
      // already gone
    }
  }

  /** Graceful: `q` lets ffmpeg write trailers (the recording stays playable); escalates on a hang. */
  stop(): Promise<FfmpegExit> {
    if (this.stopPromise) return this.stopPromise;
    this.stopRequested = true;
    if (!this.child) {
      this.finish({ code: null, signal: null, phase: 'spawn-failed', stopRequested: true });
      return (this.stopPromise = this.waitExit());
    }
    const phase = this.o.stopPhaseMs ?? 3000;
    try {
      if (this.child.stdin?.writable) this.child.stdin.end('q\n');
    } catch {
      // stdin closed
    }
    const timers = [setTimeout(() => this.signal('SIGTERM'), phase), setTimeout(() => this.signal('SIGKILL'), phase * 2)];
    this.stopPromise = this.waitExit().then((e) => {
      timers.forEach(clearTimeout);
      return e;
    });
    return this.stopPromise;
  }

  /** Immediate SIGKILL (stall, dispose); still resolves stop() waiters. */
  kill(): Promise<FfmpegExit> {
    this.stopRequested = true;
    this.signal('SIGKILL');
    return this.waitExit();
  }
}
