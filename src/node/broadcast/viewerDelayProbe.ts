// "Viewers see you N s late", measured: the console pulls its own play URL (the studio's HTTP-FLV,
// or in Tencent mode the LVB FLV play URL) without decoding video, reads the stream-clock SEI of
// each keyframe, and plays the viewer page's buffer policy on a virtual playhead, so the figure is
// what that page shows. One sample a second; no SEI → it says so.
//
// For other modules (the show report): `probe.onSample(fn)` calls `fn(sample: DelaySample)` once a
// second while the probe runs (status, viewerS, edgeS; see shared/domain/streamClock/viewerDelay.ts)
// and returns the function that unsubscribes. The app's probe is `services.viewerDelay`.
import { backoffDelay } from '../../shared/domain/backoff';
import type { Clock } from '../../shared/domain/cryptoPort';
import { FlvClockReader, StreamClockMap } from '../../shared/domain/streamClock/clockReader';
import { VirtualPlayhead } from '../../shared/domain/streamClock/playback';
import { foldDelay, type DelaySample, type DelayStatus, type ViewerDelayView } from '../../shared/domain/streamClock/viewerDelay';

export interface ViewerDelayProbeDeps {
  clock: Clock;
  /** The FLV play URL of what is being pushed now, or null with the reason. */
  playUrl(): Promise<{ url: string } | { url: null; problem: string }>;
  fetch?: typeof fetch;
  sampleMs?: number;
  /** Video this long without a clock mark → no-sei (default 6 s: three 2 s GOPs). */
  noSeiAfterMs?: number;
  /** Connected this long without video → no-video (default 8 s). */
  noVideoAfterMs?: number;
}

const RETRY = { baseMs: 1000, factor: 2, capMs: 15_000, jitter: 0.2 };

export class ViewerDelayProbe {
  private running = false;
  private abort: AbortController | null = null;
  private timer: NodeJS.Timeout | undefined;
  private listeners = new Set<(s: DelaySample) => void>();
  private current: ViewerDelayView | null = null;
  private failures = 0;
  private conn: { since: number; firstFrameAt: number | null; lastPts: number | null; edgeS: number | null } | null = null;
  private problem: { status: DelayStatus; text: string } | null = null;
  private map = new StreamClockMap();
  private playhead = new VirtualPlayhead();
  private loop: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;

  constructor(private readonly d: ViewerDelayProbeDeps) {}

  /** Subscribes to every sample; returns the unsubscribe. */
  onSample(fn: (s: DelaySample) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  view(): ViewerDelayView | null {
    return this.current;
  }

  get active(): boolean {
    return this.running;
  }

  /** Idempotent; the view starts over. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.current = null;
    this.failures = 0;
    this.timer = setInterval(() => this.sample(), this.d.sampleMs ?? 1000);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearInterval(this.timer);
    this.abort?.abort();
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      await this.pullOnce();
      if (!this.running) break;
      this.failures++;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, backoffDelay(this.failures, Math.random(), RETRY));
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private async pullOnce(): Promise<void> {
    const target = await this.d.playUrl().catch((e: unknown) => ({ url: null, problem: e instanceof Error ? e.message : String(e) }));
    if (target.url === null) {
      this.problem = { status: 'unreachable', text: target.problem };
      return;
    }
    const ac = new AbortController();
    this.abort = ac;
    this.map = new StreamClockMap();
    this.playhead = new VirtualPlayhead();
    const reader = new FlvClockReader();
    try {
      const res = await (this.d.fetch ?? fetch)(target.url, { signal: ac.signal });
      if (!res.ok || !res.body) {
        this.problem = { status: 'unreachable', text: `the play URL answered HTTP ${res.status}` };
        await res.body?.cancel().catch(() => undefined);
        return;
      }
      this.problem = null;
      this.conn = { since: this.d.clock.now(), firstFrameAt: null, lastPts: null, edgeS: null };
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        const now = this.d.clock.now();
        for (const f of reader.push(chunk)) {
          const c = this.conn;
          const frameMs = c.lastPts !== null && f.pts > c.lastPts && f.pts - c.lastPts < 200 ? f.pts - c.lastPts : 33;
          c.lastPts = f.pts;
          c.firstFrameAt ??= now;
          if (f.mark) this.map.add(f.mark);
          this.playhead.arrive(f.pts, frameMs, now);
          const clock = this.map.clockAt(f.pts);
          if (clock !== null) c.edgeS = (now - clock) / 1000;
        }
        this.failures = 0;
      }
      this.problem = { status: 'no-video', text: 'the stream ended' };
    } catch (e) {
      if (!ac.signal.aborted) this.problem = { status: 'unreachable', text: e instanceof Error ? e.message : String(e) };
    } finally {
      this.conn = null;
    }
  }

  private sample(): void {
    const at = this.d.clock.now();
    const s = this.measure(at);
    this.current = foldDelay(this.current, s);
    for (const fn of this.listeners) {
      try {
        fn(s);
      } catch {
        // a listener's failure is its own
      }
    }
  }

  private measure(at: number): DelaySample {
    const base = { at, protocol: 'flv' as const, viewerS: null, edgeS: null };
    const c = this.conn;
    if (!c) return this.problem ? { ...base, status: this.problem.status, problem: this.problem.text } : { ...base, status: 'measuring' };
    if (c.firstFrameAt === null) {
      return at - c.since >= (this.d.noVideoAfterMs ?? 8000) ? { ...base, status: 'no-video', problem: 'connected, but no video arrives' } : { ...base, status: 'measuring' };
    }
    const pos = this.playhead.position(at);
    const clock = pos === null ? null : this.map.clockAt(pos);
    if (clock === null || c.edgeS === null) {
      return this.map.size === 0 && at - c.firstFrameAt >= (this.d.noSeiAfterMs ?? 6000)
        ? { ...base, status: 'no-sei', problem: 'the video carries no stream clock (SEI)' }
        : { ...base, status: 'measuring' };
    }
    return { ...base, status: 'ok', viewerS: round((at - clock) / 1000), edgeS: round(c.edgeS) };
  }
}

const round = (s: number): number => Math.round(s * 1000) / 1000;
