// Measurement helpers for bench:golive: the clock and waits, medians, the machine and load lines, the
// ingest's publish-start events, and the bare ffmpeg with its -progress frame counts.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import type { StreamSnapshot } from '../../src/shared/domain/broadcast/snapshot';
import type { PushEvent } from '../../src/studio/ingest/ingestProcess';

export const sleep = (t: number) => new Promise<void>((r) => setTimeout(r, t));
export const now = () => performance.now();
export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
export const max = (xs: readonly number[]): number => (xs.length ? Math.max(...xs) : NaN);

export async function until(pred: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const t0 = now();
  while (!pred()) {
    if (now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} logical CPUs, ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
    `${os.platform()}/${os.arch()}, Node ${process.version}`;
}
export const load = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' / ');

/** Publish start/interrupt events from whichever ingest instance is up, time-stamped on arrival. */
export class Publishes {
  private readonly seen: { stream: string; type: 0 | 1; at: number }[] = [];
  readonly onEvent = (e: PushEvent): void => void this.seen.push({ stream: e.stream_id, type: e.event_type, at: now() });
  async next(stream: string, after: number, timeoutMs: number): Promise<number> {
    const find = () => this.seen.find((e) => e.stream === stream && e.type === 1 && e.at >= after);
    await until(() => find() !== undefined, timeoutMs, `the ingest's publish-start event for "${stream}"`);
    return (find() as { at: number }).at;
  }
}

/** The bare ffmpeg: spawned directly, its -progress read only to know its first frame and count. */
export class Bare {
  readonly child: ChildProcess;
  firstFrameAt = NaN;
  readonly blocks: Block[] = [];
  private closed: Promise<void>;
  constructor(file: string, args: string[], live: Set<ChildProcess>) {
    this.child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    live.add(this.child);
    this.closed = new Promise((r) => this.child.once('close', () => (live.delete(this.child), r())));
    this.child.stdin?.on('error', () => {});
    this.child.stderr?.resume();
    this.child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      for (const m of d.matchAll(/^frame=(\d+)/gm)) {
        const frames = Number(m[1]);
        this.blocks.push({ at: now(), frames });
        if (frames > 0 && Number.isNaN(this.firstFrameAt)) this.firstFrameAt = now();
      }
    });
  }
  get pid(): number {
    return this.child.pid ?? -1;
  }
  async stop(): Promise<void> {
    this.child.stdin?.end('q\n');
    const t = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await this.closed;
    clearTimeout(t);
  }
}

export interface Block {
  at: number;
  frames: number;
}

/** Frame rate over the progress blocks inside [from, to] (blocks come once a second). */
export function fpsWithin(blocks: readonly Block[], from: number, to: number): number {
  const inside = blocks.filter((b) => b.at >= from && b.at <= to);
  const first = inside[0];
  const last = inside.at(-1);
  return first && last && last.at > first.at ? (last.frames - first.frames) / ((last.at - first.at) / 1000) : NaN;
}

export interface Transition {
  at: number;
  wall: number;
  snap: StreamSnapshot;
}

export interface GoLiveRound {
  publishMs: number;
  firstFrameMs: number;
  spawnMs: number;
}
