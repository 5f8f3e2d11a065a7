// The per-group 40 messages/s limit with priority shedding
// (https://cloud.tencent.com/document/product/269/3663): over the limit, higher priority goes first
// and the rest is dropped while the sender still sees success.

// Approximation: Tencent counts messages per one-second window and picks the 40 to deliver by
// priority, which would hold every message up to a second. We use a token bucket instead
// (capacity 40, refill 40/s): a message that finds a token is delivered at once, so latency
// under light load is unchanged; otherwise it waits in a priority queue (High > Normal > Low >
// Lowest, FIFO within one priority — Tencent picks randomly) served as tokens refill, and is
// dropped once it has waited more than a second. Sustained overload therefore delivers 40/s,
// High first; the first second of a burst may deliver up to 80 (the full bucket plus refill).
import { type Clock } from '../../shared/domain/cryptoPort';
import { type MsgPriority } from '../../shared/tencent/msgBody';
import { type Timers } from './timers';

export const PRIORITY_ORDER: readonly MsgPriority[] = ['High', 'Normal', 'Low', 'Lowest'];

export interface RateLimiterOptions<T> {
  clock: Clock;
  timers: Timers;
  deliver(item: T): void;
  drop(item: T): void;
  onError?(e: unknown): void;
  ratePerSecond?: number;
  capacity?: number;
  maxQueueAgeMs?: number;
}

/** A FIFO that pops from a moving head, so draining thousands of entries stays O(1) each. */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;
  get size(): number {
    return this.items.length - this.head;
  }
  push(item: T): void {
    this.items.push(item);
  }
  peek(): T | undefined {
    return this.items[this.head];
  }
  shift(): T | undefined {
    const item = this.items[this.head];
    if (item === undefined) return undefined;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
  drainAll(): T[] {
    const rest = this.items.slice(this.head);
    this.items = [];
    this.head = 0;
    return rest;
  }
}

interface Queued<T> {
  item: T;
  at: number;
}

export class GroupRateLimiter<T> {
  private readonly rate: number;
  private readonly capacity: number;
  private readonly maxAge: number;
  private tokens: number;
  private refilledAt: number;
  private readonly queues = new Map<MsgPriority, Fifo<Queued<T>>>(PRIORITY_ORDER.map((p) => [p, new Fifo()]));
  private timer: unknown;

  constructor(private readonly opts: RateLimiterOptions<T>) {
    this.rate = opts.ratePerSecond ?? 40;
    this.capacity = opts.capacity ?? 40;
    this.maxAge = opts.maxQueueAgeMs ?? 1000;
    this.tokens = this.capacity;
    this.refilledAt = opts.clock.now();
  }

  get queued(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.size;
    return n;
  }

  /** Delivers now when a token is free and nothing is waiting; otherwise queues by priority. */
  offer(item: T, priority: MsgPriority): 'delivered' | 'queued' {
    this.refill();
    if (this.queued === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.safely(() => this.opts.deliver(item));
      return 'delivered';
    }
    this.fifo(priority).push({ item, at: this.opts.clock.now() });
    this.schedule();
    return 'queued';
  }

  /** Drops everything still waiting (group destroyed, engine disposed). */
  dispose(): void {
    if (this.timer !== undefined) this.opts.timers.clearTimer(this.timer);
    this.timer = undefined;
    for (const q of this.queues.values()) for (const { item } of q.drainAll()) this.safely(() => this.opts.drop(item));
  }

  private fifo(priority: MsgPriority): Fifo<Queued<T>> {
    return this.queues.get(priority) ?? (this.queues.get('Normal') as Fifo<Queued<T>>);
  }

  private refill(): void {
    const now = this.opts.clock.now();
    const elapsed = Math.max(0, now - this.refilledAt);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.rate) / 1000);
    this.refilledAt = now;
  }

  private drain(): void {
    this.timer = undefined;
    this.refill();
    const now = this.opts.clock.now();
    for (const q of this.queues.values()) {
      for (let head = q.peek(); head && now - head.at > this.maxAge; head = q.peek()) {
        q.shift();
        this.safely(() => this.opts.drop(head.item));
      }
    }
    for (const priority of PRIORITY_ORDER) {
      const q = this.fifo(priority);
      while (this.tokens >= 1 && q.size > 0) {
        const next = q.shift() as Queued<T>;
        this.tokens -= 1;
        this.safely(() => this.opts.deliver(next.item));
      }
    }
    if (this.queued > 0) this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.rate));
    this.timer = this.opts.timers.setTimer(() => this.drain(), wait);
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.opts.onError?.(e);
    }
  }
}
