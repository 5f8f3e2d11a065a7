// Batches engine events per socket and serialises each distinct batch once, so one group message
// to 5,000 viewers costs one JSON.stringify and 5,000 socket writes. Writing goes in rounds over
// the sockets that have something queued, in slices of `sliceMs` so logins, joins and sends are
// served between slices; a socket not yet reached in a round also takes what was queued for it
// meanwhile. A round that spent W ms writing is followed by a rest of W × gapFactor (at most
// maxGapMs) before the next, which batches more events per frame in a big room instead of spending
// the whole loop on socket writes (each one a syscall, ~10 µs on loopback); a small room's rounds
// take microseconds and go out on the next tick as before. Slow consumers (socket buffer above a
// threshold) lose whole batches, counted, instead of growing the server's memory without bound.
import type { GroupEvent } from '../im/engineApi';
import { MAX_FRAME_BYTES } from '../../shared/realtime/protocol';

export interface Outlet {
  /** Bytes accepted by the socket but not yet written to the network. */
  bufferedAmount(): number;
  write(frame: Buffer): void;
  /** A batch was dropped because the consumer is too slow. */
  dropped(events: number): void;
}

export interface FanoutStats {
  framesSent: number;
  droppedFrames: number;
  droppedEvents: number;
  /** Rounds over the sockets, and the time spent writing in them (ms, pacing.now), and the longest round's. */
  flushes: number;
  flushMs: number;
  flushMsMax: number;
}

export interface FanoutPacing {
  /** Rest after a round, as a multiple of its writing time: 0.25 leaves fan-out at most 80 % of the loop. */
  gapFactor: number;
  /** The longest rest between rounds, whatever the last one cost. */
  maxGapMs: number;
  /** Writing yields to the event loop after this long. */
  sliceMs: number;
  /** Monotonic milliseconds (tests pass their own). */
  now: () => number;
}

export const DEFAULT_FANOUT_PACING: FanoutPacing = { gapFactor: 0.25, maxGapMs: 250, sliceMs: 10, now: () => performance.now() };

interface Batch {
  groupID: string;
  events: GroupEvent[];
}

interface Round {
  order: Outlet[];
  next: number;
  /** Identical batches (the common case: every viewer got the same events) share their frames. */
  frames: Map<string, Buffer[]>;
  writingMs: number;
}

/** Room left in a frame for its envelope. */
const ENVELOPE_BYTES = 256;
/** Sockets written between looks at the clock. */
const CLOCK_EVERY = 32;

export class Fanout {
  private readonly queued = new Map<Outlet, Batch[]>();
  /** Cancels what is scheduled: the next round (an immediate or a timeout) or the next slice. */
  private scheduled: (() => void) | undefined;
  private round: Round | undefined;
  /** Earliest time (pacing.now) the next round may start. */
  private notBefore = 0;
  private readonly eventIds = new WeakMap<GroupEvent, number>();
  private readonly eventJson = new WeakMap<GroupEvent, string>();
  private nextEventId = 1;
  private readonly pacing: FanoutPacing;
  readonly stats: FanoutStats = { framesSent: 0, droppedFrames: 0, droppedEvents: 0, flushes: 0, flushMs: 0, flushMsMax: 0 };

  constructor(
    private readonly maxBufferedBytes: number,
    pacing: Partial<FanoutPacing> = {},
  ) {
    this.pacing = { ...DEFAULT_FANOUT_PACING, ...pacing };
  }

  push(outlet: Outlet, groupID: string, events: GroupEvent[]): void {
    if (events.length === 0) return;
    const batches = this.queued.get(outlet);
    const last = batches?.[batches.length - 1];
    if (last && last.groupID === groupID) last.events.push(...events);
    else if (batches) batches.push({ groupID, events: [...events] });
    else this.queued.set(outlet, [{ groupID, events: [...events] }]);
    // A running round reaches this socket later, or schedules the next round when it ends.
    if (!this.round && !this.scheduled) this.schedule();
  }

  forget(outlet: Outlet): void {
    this.queued.delete(outlet);
  }

  dispose(): void {
    this.scheduled?.();
    this.scheduled = undefined;
    this.round = undefined;
    this.queued.clear();
  }

  /** Writes everything queued now, in one go (tests, shutdown). */
  flush(): void {
    this.scheduled?.();
    this.scheduled = undefined;
    if (!this.round) this.round = this.newRound();
    this.slice(Infinity);
  }

  private schedule(): void {
    const wait = this.notBefore - this.pacing.now();
    const start = (): void => {
      this.scheduled = undefined;
      this.round = this.newRound();
      this.slice(this.pacing.sliceMs);
    };
    if (wait <= 0) {
      const handle = setImmediate(start);
      this.scheduled = () => clearImmediate(handle);
    } else {
      const handle = setTimeout(start, Math.ceil(wait));
      this.scheduled = () => clearTimeout(handle);
    }
  }

  private newRound(): Round {
    return { order: [...this.queued.keys()], next: 0, frames: new Map(), writingMs: 0 };
  }

  /** Writes the round's sockets for about `budgetMs`, then yields; ends the round when all are done. */
  private slice(budgetMs: number): void {
    const r = this.round;
    if (!r) return;
    this.scheduled = undefined;
    const started = this.pacing.now();
    let written = 0;
    while (r.next < r.order.length) {
      const outlet = r.order[r.next++] as Outlet;
      const batches = this.queued.get(outlet);
      if (!batches) continue;
      this.queued.delete(outlet);
      this.write(outlet, batches, r.frames);
      if (++written % CLOCK_EVERY === 0 && this.pacing.now() - started >= budgetMs) break;
    }
    const ended = this.pacing.now();
    r.writingMs += ended - started;
    if (r.next < r.order.length) {
      const handle = setImmediate(() => this.slice(this.pacing.sliceMs));
      this.scheduled = () => clearImmediate(handle);
      return;
    }
    this.round = undefined;
    this.stats.flushes++;
    this.stats.flushMs += r.writingMs;
    this.stats.flushMsMax = Math.max(this.stats.flushMsMax, r.writingMs);
    this.notBefore = ended + Math.min(this.pacing.maxGapMs, r.writingMs * this.pacing.gapFactor);
    // Sockets reached before something was queued for them go in the next round.
    if (this.queued.size > 0) this.schedule();
  }

  private write(outlet: Outlet, batches: Batch[], frames: Map<string, Buffer[]>): void {
    for (const batch of batches) {
      const key = this.keyOf(batch);
      let bufs = frames.get(key);
      if (!bufs) frames.set(key, (bufs = this.serialise(batch)));
      if (outlet.bufferedAmount() > this.maxBufferedBytes) {
        this.stats.droppedFrames += bufs.length;
        this.stats.droppedEvents += batch.events.length;
        outlet.dropped(batch.events.length);
        continue;
      }
      for (const b of bufs) outlet.write(b);
      this.stats.framesSent += bufs.length;
    }
  }

  private keyOf(batch: Batch): string {
    let key = batch.groupID;
    for (const ev of batch.events) {
      let id = this.eventIds.get(ev);
      if (id === undefined) this.eventIds.set(ev, (id = this.nextEventId++));
      key += ',' + id;
    }
    return key;
  }

  /** One or more `events` frames, each under the 64 KB frame limit where events allow. */
  private serialise(batch: Batch): Buffer[] {
    const head = `{"t":"events","groupID":${JSON.stringify(batch.groupID)},"events":[`;
    const out: Buffer[] = [];
    let parts: string[] = [];
    let bytes = 0;
    const emit = (): void => {
      if (parts.length) out.push(Buffer.from(head + parts.join(',') + ']}'));
      parts = [];
      bytes = 0;
    };
    for (const ev of batch.events) {
      let json = this.eventJson.get(ev);
      if (json === undefined) this.eventJson.set(ev, (json = JSON.stringify(ev)));
      const size = Buffer.byteLength(json) + 1;
      if (parts.length && bytes + size > MAX_FRAME_BYTES - ENVELOPE_BYTES) emit();
      parts.push(json);
      bytes += size;
    }
    emit();
    return out;
  }
}
