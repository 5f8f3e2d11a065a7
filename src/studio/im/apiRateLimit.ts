// The REST frequency limit: N calls per API in any sliding one-second window (error
// 60007 — 200/s for most commands, 100/s for multiaccount_import).
import { type Clock } from '../../shared/domain/cryptoPort';

export class SlidingWindowLimiter {
  private readonly windows = new Map<string, { stamps: number[]; head: number }>();

  constructor(private readonly clock: Clock) {}

  /** Records a call and says whether it is within `limit` calls in the last second. */
  tryAcquire(key: string, limit: number): boolean {
    const now = this.clock.now();
    let w = this.windows.get(key);
    if (!w) {
      w = { stamps: [], head: 0 };
      this.windows.set(key, w);
    }
    while (w.head < w.stamps.length && (w.stamps[w.head] as number) <= now - 1000) w.head++;
    if (w.head > 256 && w.head * 2 > w.stamps.length) {
      w.stamps = w.stamps.slice(w.head);
      w.head = 0;
    }
    if (w.stamps.length - w.head >= limit) return false;
    w.stamps.push(now);
    return true;
  }
}
