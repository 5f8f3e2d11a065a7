// One ffmpeg run on the supervision kit (src/node/process): `-progress` blocks read from stdout
// (from fd 3 when stdout carries the FLV push to the stream-clock pass-through, `flvOut`),
// masked stderr lines, a stall detector; ready at the first progress block, so an exit before it is
// a failure to start; stop writes `q` (ffmpeg finishes the file), then SIGTERM, then SIGKILL.
import type { Clock } from '../../shared/domain/cryptoPort';
import { maskSecretsInUrl } from '../../shared/domain/lvbAuth';
import { LineSplitter, ProgressParser, type ProgressStats } from '../../shared/domain/broadcast/progress';
import { SupervisedChild, type ChildExit, type Spawner } from '../process/supervisedChild';

export { nodeSpawner, type Spawner } from '../process/supervisedChild';

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
  /** The push leaves as FLV on stdout (`-progress pipe:3`): each chunk, then the end. */
  flvOut?(chunk: Buffer): void;
  onFlvEnd?(): void;
  onSpawn?(pid: number): void;
  onProgress?(stats: ProgressStats): void;
  onStderr?(line: string): void;
  onStall?(): void;
  onExit?(exit: FfmpegExit): void;
}

const STALL_CHECK_MS = 500;

export class FfmpegProcess {
  /** The supervised run (for a restart loop, or to watch readiness and exit). */
  readonly child: SupervisedChild;
  private exitInfo: FfmpegExit | undefined;
  private stopPromise: Promise<FfmpegExit> | undefined;
  private readonly progress = new ProgressParser();
  private readonly outLines = new LineSplitter();
  private readonly errLines = new LineSplitter();
  private lastAdvanceAt = 0;
  private lastFrame = -1;
  private stallTimer: NodeJS.Timeout | undefined;
  private stalled = false;
  private started = false;
  lastProgress: ProgressStats | null = null;

  constructor(private readonly o: FfmpegProcessOptions) {
    this.child = new SupervisedChild({
      file: o.file,
      args: o.args,
      stdio: o.flvOut ? ['pipe', 'pipe', 'pipe', 'pipe'] : ['pipe', 'pipe', 'pipe'],
      env: o.env ?? process.env,
      ...(o.spawner ? { spawner: o.spawner } : {}),
      stop: {
        steps: [{ kind: 'stdin', text: 'q\n' }, { kind: 'signal', signal: 'SIGTERM' }, { kind: 'signal', signal: 'SIGKILL' }],
        stepMs: o.stopPhaseMs ?? 3000,
      },
      attach: (child) => {
        const progress = o.flvOut ? (child.stdio[3] as NodeJS.ReadableStream | null) : child.stdout;
        progress?.setEncoding('utf8');
        child.stderr?.setEncoding('utf8');
        progress?.on('data', (d: string) => this.outLines.push(d).forEach((l) => this.onStdoutLine(l)));
        const flvOut = o.flvOut;
        if (flvOut) {
          child.stdout?.on('data', (d: Buffer) => flvOut(d));
          child.stdout?.once('end', () => this.o.onFlvEnd?.());
        }
        child.stderr?.on('data', (d: string) => this.errLines.push(d).forEach((l) => this.emitStderr(l)));
      },
      onSpawn: (pid) => {
        this.o.onSpawn?.(pid);
        this.stallTimer = setInterval(() => this.checkStall(), STALL_CHECK_MS);
      },
      onExit: (exit) => this.finish(exit),
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get exited(): FfmpegExit | undefined {
    return this.exitInfo;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.lastAdvanceAt = this.o.clock.now();
    this.child.start();
  }

  private onStdoutLine(line: string): void {
    const stats = this.progress.push(line);
    if (!stats) return;
    this.child.markReady();
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
    if (this.stalled || this.exitInfo || this.child.stopRequested) return;
    const stallMs = this.o.stallMs ?? 5000;
    const limit = this.child.ready ? stallMs : Math.max(stallMs, this.o.startGraceMs ?? 10_000);
    if (this.o.clock.now() - this.lastAdvanceAt >= limit) {
      this.stalled = true;
      this.o.onStall?.();
    }
  }

  private finish(exit: ChildExit): void {
    if (this.stallTimer) clearInterval(this.stallTimer);
    // The last lines arrive with 'close'; read them before reporting the exit.
    this.outLines.flush().forEach((l) => this.onStdoutLine(l));
    this.errLines.flush().forEach((l) => this.emitStderr(l));
    const phase = exit.phase === 'spawn-failed' ? 'spawn-failed' : this.lastProgress ? 'running' : 'before-progress';
    this.exitInfo = { code: exit.code, signal: exit.signal, phase, stopRequested: exit.stopRequested, ...(exit.spawnError ? { spawnError: exit.spawnError } : {}) };
    this.o.onExit?.(this.exitInfo);
  }

  /** Graceful: `q` lets ffmpeg write trailers (the recording stays playable); escalates on a hang. */
  stop(): Promise<FfmpegExit> {
    this.stopPromise ??= this.child.stop().then(() => this.exitInfo as FfmpegExit);
    return this.stopPromise;
  }

  /** Immediate SIGKILL (stall, dispose); still resolves stop() waiters. */
  kill(): Promise<FfmpegExit> {
    return this.child.kill().then(() => this.exitInfo as FfmpegExit);
  }
}
