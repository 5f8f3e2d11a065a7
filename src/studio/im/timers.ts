// Time ports of the IM engine: a clock and one-shot timers, injected so rate limiting, de-dup,
// mute expiry and debounced saves run deterministically under test.
import { type Clock } from '../../shared/domain/cryptoPort';

export interface Timers {
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Pending {
  id: number;
  at: number;
  fn: () => void;
}

/**
 * A clock and timers that move only when told to: `advance(ms)` runs due timers in time order,
 * setting the clock to each timer's due time first. For tests and reproducible benchmarks.
 */
export class ManualTime implements Clock, Timers {
  private current: number;
  private nextId = 1;
  private pending: Pending[] = [];

  constructor(start = 1_700_000_000_000) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.push({ id, at: this.current + Math.max(0, ms), fn });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }

  /** Moves the clock forward by `ms`, running every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      let next: Pending | undefined;
      for (const p of this.pending) if (p.at <= end && (!next || p.at < next.at || (p.at === next.at && p.id < next.id))) next = p;
      if (!next) break;
      const due = next;
      this.pending = this.pending.filter((p) => p.id !== due.id);
      this.current = Math.max(this.current, due.at);
      due.fn();
    }
    this.current = end;
  }

  get timerCount(): number {
    return this.pending.length;
  }
}
