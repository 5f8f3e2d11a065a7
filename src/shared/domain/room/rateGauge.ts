// Messages per second against Tencent's 40/s group budget: a small ring of per-second buckets fed
// by event times (so frame batching does not distort it), read against the caller's clock.
import { LIMITS } from '../../tencent/limits';

export const RATE_SECONDS = 16;

export interface RateGauge {
  /** slot i holds the count for second `secs[i]` (epoch seconds); slot = second mod RATE_SECONDS. */
  secs: number[];
  counts: number[];
  /** Highest per-second count seen this session. */
  peak: number;
}

export const emptyRateGauge = (): RateGauge => ({
  secs: new Array<number>(RATE_SECONDS).fill(-1),
  counts: new Array<number>(RATE_SECONDS).fill(0),
  peak: 0,
});

const slotOf = (sec: number): number => ((sec % RATE_SECONDS) + RATE_SECONDS) % RATE_SECONDS;

/** Mutable accumulation for one batch; copies the two small arrays once. */
export class RateWriter {
  private secs: number[] | undefined;
  private counts: number[] | undefined;
  private peak: number;

  constructor(private readonly base: RateGauge) {
    this.peak = base.peak;
  }

  /** Counts one message at `atMs`. Seconds older than the ring are not counted (returns false). */
  add(atMs: number): boolean {
    const sec = Math.floor(atMs / 1000);
    this.secs ??= this.base.secs.slice();
    this.counts ??= this.base.counts.slice();
    const slot = slotOf(sec);
    const held = this.secs[slot] ?? -1;
    if (held > sec) return false;
    if (held !== sec) {
      this.secs[slot] = sec;
      this.counts[slot] = 0;
    }
    const n = (this.counts[slot] ?? 0) + 1;
    this.counts[slot] = n;
    if (n > this.peak) this.peak = n;
    return true;
  }

  done(): RateGauge {
    if (!this.secs || !this.counts) return this.base;
    return { secs: this.secs, counts: this.counts, peak: this.peak };
  }
}

/** Messages counted for one epoch second (0 when it has left the ring). */
export function countAt(g: RateGauge, sec: number): number {
  const slot = slotOf(sec);
  return g.secs[slot] === sec ? (g.counts[slot] ?? 0) : 0;
}

/** The gauge: messages in the last complete second before `nowMs`. */
export const messagesPerSecond = (g: RateGauge, nowMs: number): number => countAt(g, Math.floor(nowMs / 1000) - 1);

/** The last `n` complete seconds, oldest first, for a sparkline (n ≤ RATE_SECONDS - 1). */
export function rateHistory(g: RateGauge, nowMs: number, n = 10): number[] {
  const last = Math.floor(nowMs / 1000) - 1;
  const k = Math.max(0, Math.min(n, RATE_SECONDS - 1));
  return Array.from({ length: k }, (_, i) => countAt(g, last - (k - 1) + i));
}

/** Share of the group budget used in the last complete second (1 = at the 40/s limit). */
export const budgetUse = (g: RateGauge, nowMs: number): number =>
  messagesPerSecond(g, nowMs) / LIMITS.groupMessagesPerSecond;
