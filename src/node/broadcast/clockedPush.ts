// The push half of a broadcast with the stream clock: the encoding ffmpeg writes FLV to stdout, this
// stamps it (shared/domain/streamClock/stamper.ts: one clock SEI per keyframe and per cue) and
// feeds a second, supervised `ffmpeg -c copy` that pushes it over RTMP(S). Both ffmpegs stay
// children with one owner; the pusher ends by itself when its stdin closes (its parent died).
import type { Clock } from '../../shared/domain/cryptoPort';
import { maskSecretsInUrl } from '../../shared/domain/lvbAuth';
import { RW_TIMEOUT_SECONDS } from '../../shared/domain/broadcast/ffmpegArgs';
import { LineSplitter } from '../../shared/domain/broadcast/progress';
import { FlvClockStamper } from '../../shared/domain/streamClock/stamper';
import { SupervisedChild, type ChildExit, type Spawner } from '../process/supervisedChild';

/** Bytes the pusher may fall behind before it counts as stalled (~100 s of 2.5 Mbps). */
const MAX_BACKLOG = 32 * 1024 * 1024;

export interface ClockedPushOptions {
  file: string;
  pushUrl: string;
  clock: Clock;
  spawner?: Spawner;
  env?: NodeJS.ProcessEnv;
  stopPhaseMs?: number;
  onSpawn?(pid: number): void;
  onStderr?(line: string): void;
  onExit?(exit: ChildExit): void;
}

/** The pusher's argv: FLV from stdin, copied to the URL (probed for at most 0.5 s at the start). */
export function pusherArgs(pushUrl: string): string[] {
  return [
    '-hide_banner', '-nostats', '-loglevel', 'info',
    '-analyzeduration', '500000', '-f', 'flv', '-i', 'pipe:0',
    '-map', '0', '-c', 'copy',
    '-rw_timeout', String(RW_TIMEOUT_SECONDS * 1_000_000), '-f', 'flv', '-flvflags', 'no_duration_filesize', pushUrl,
  ];
}

/** ffmpeg prints its output only once the RTMP connect and publish succeeded. */
export const PUSHER_CONNECTED = /^Output #0, flv, to /;

export interface PusherChildOptions {
  file: string;
  pushUrl: string;
  spawner?: Spawner;
  env?: NodeJS.ProcessEnv;
  stopPhaseMs?: number;
  /** Splits its stderr; each line (unmasked) goes to onLine, the rest when it exits. */
  lines: LineSplitter;
  onLine(line: string): void;
  onSpawn?(pid: number): void;
  onExit?(exit: ChildExit): void;
}

/** One pusher (`ffmpeg -c copy` from stdin to the URL), supervised; closing its stdin ends it. */
export function pusherChild(o: PusherChildOptions): SupervisedChild {
  return new SupervisedChild({
    file: o.file,
    args: pusherArgs(o.pushUrl),
    stdio: ['pipe', 'ignore', 'pipe'],
    env: o.env ?? process.env,
    ...(o.spawner ? { spawner: o.spawner } : {}),
    // Closing stdin lets it write the FLV end and leave; then SIGTERM, then SIGKILL.
    stop: { steps: [{ kind: 'stdin', text: '' }, { kind: 'signal', signal: 'SIGTERM' }, { kind: 'signal', signal: 'SIGKILL' }], stepMs: o.stopPhaseMs ?? 3000 },
    attach: (child) => {
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (d: string) => o.lines.push(d).forEach((l) => o.onLine(l)));
    },
    ...(o.onSpawn ? { onSpawn: o.onSpawn } : {}),
    onExit: (exit) => {
      o.lines.flush().forEach((l) => o.onLine(l));
      o.onExit?.(exit);
    },
  });
}

/**
 * Writes FLV to a running pusher; nothing once it is gone or stopping. One that fell MAX_BACKLOG
 * behind is killed as stalled (`onLine` gets why, in the words the classifier knows).
 */
export function writePusher(child: SupervisedChild, chunks: readonly Uint8Array[], onLine: (line: string) => void): void {
  const stdin = child.childProcess?.stdin;
  if (!stdin || !stdin.writable || child.exit || child.stopRequested) return;
  for (const b of chunks) stdin.write(b);
  if (stdin.writableLength > MAX_BACKLOG) {
    onLine(`stream clock: the push fell ${Math.round(stdin.writableLength / 1048576)} MB behind; Connection timed out`);
    void child.kill();
  }
}

export class ClockedPush {
  readonly child: SupervisedChild;
  readonly stamper: FlvClockStamper;
  private readonly errLines = new LineSplitter();
  /** CPU time (µs) spent stamping, for the benches. */
  stampMicros = 0;
  private isConnected = false;

  constructor(private readonly o: ClockedPushOptions) {
    this.stamper = new FlvClockStamper(() => o.clock.now());
    this.child = pusherChild({
      ...o,
      lines: this.errLines,
      onLine: (l) => this.emitStderr(l),
      onSpawn: (pid) => {
        this.child.markReady();
        o.onSpawn?.(pid);
      },
    });
  }

  /**
   * The server took the push: ffmpeg prints its output only once the RTMP connect and publish
   * succeeded. Until then the encoder's progress is not "live".
   */
  get connected(): boolean {
    return this.isConnected;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The pusher has not exited (a cue still reaches viewers). */
  get running(): boolean {
    return !this.child.exit;
  }

  start(): void {
    this.child.start();
  }

  /** The next video frame carries this cue (a launch's id). */
  cue(id: string): void {
    this.stamper.cue(id);
  }

  /** A chunk of the encoder's FLV; dropped once the pusher is gone (the recording may go on). */
  write(chunk: Buffer): void {
    const t = process.hrtime.bigint();
    const out = this.stamper.push(chunk);
    this.stampMicros += Number(process.hrtime.bigint() - t) / 1000;
    writePusher(this.child, out, (line) => this.emitStderr(line));
  }

  /** The encoder's FLV ended: the pusher finishes what it has and exits. */
  end(): void {
    const stdin = this.child.childProcess?.stdin;
    if (stdin?.writable) stdin.end();
  }

  stop(): Promise<ChildExit> {
    return this.child.stop();
  }

  private emitStderr(line: string): void {
    if (!this.isConnected && PUSHER_CONNECTED.test(line)) this.isConnected = true;
    if (line.trim() !== '') this.o.onStderr?.(maskSecretsInUrl(line));
  }
}
