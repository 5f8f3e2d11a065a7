// Batches engine events per socket and serialises each distinct batch once, so one group message
// to 5,000 viewers costs one JSON.stringify and 5,000 socket writes. Group events published once
// (GroupChannel) go into the group's log, and each subscribed socket takes the entries past its
// cursor when a round reaches it, so a message costs O(1) until then, not a queue push per viewer. Writing goes in rounds over
// the sockets that have something queued, in slices so logins, joins and sends are served between
// them: a slice lasts `sliceMs`, or as long as the loop spent on other work since the last one, so
// a busy loop cannot starve a round; a socket not yet reached in a round also takes what was
// queued for it meanwhile. A round that spent W ms writing is followed by a rest of W × gapFactor (at most
// maxGapMs) before the next, which batches more events per frame in a big room instead of spending
// the whole loop on socket writes (each one a syscall, ~10 µs on loopback); a small room's rounds
// take microseconds and go out on the next tick as before. A High message skips that rest. Each
// distinct frame is serialised and framed once (the realtime server passes a WebSocket framer) and
// written as is to every socket that gets it. Slow consumers (socket buffer above a
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
  /**
   * Writing yields to the event loop after this long at least. Short, because work that takes
   * several hops through the loop (a send's before-send callback is an HTTP round trip) waits a
   * slice per hop.
   */
  sliceMs: number;
  /** A slice never lasts longer than this, however long the loop was busy elsewhere. */
  maxSliceMs: number;
  /** Monotonic milliseconds (tests pass their own). */
  now: () => number;
}

export const DEFAULT_FANOUT_PACING: FanoutPacing = { gapFactor: 0.25, maxGapMs: 250, sliceMs: 4, maxSliceMs: 50, now: () => performance.now() };

/** One socket's events for one group, as the arrays they were pushed in (never copied, never changed). */
interface Batch {
  groupID: string;
  chunks: GroupEvent[][];
}

/** A published group event and the sessions it leaves out. */
interface LogEntry {
  events: GroupEvent[];
  except: string | ReadonlySet<string> | undefined;
}

/** Entry i of `entries` has the absolute index base + i; entries every subscriber has taken are dropped. */
interface GroupLog {
  entries: LogEntry[];
  base: number;
  subscribers: Map<Outlet, Subscription>;
}

interface Subscription {
  sessionId: string;
  /** Absolute index of the first entry this socket has not taken. */
  cursor: number;
}

interface Round {
  order: Outlet[];
  /** Groups published to before the round began: their logs are trimmed when it ends. */
  groups: string[];
  next: number;
  /** Identical batches (the common case: every viewer got the same events) share their frames. */
  frames: Map<string, Frames>;
  writingMs: number;
}

/** A serialised batch: its frames and how many events they carry. */
interface Frames {
  bufs: Buffer[];
  events: number;
}

const isHigh = (e: GroupEvent): boolean => e.kind === 'message' && e.priority === 'High';

const count = (chunks: GroupEvent[][]): number => chunks.reduce((n, c) => n + c.length, 0);

const excludes = (except: string | ReadonlySet<string> | undefined, sessionId: string): boolean =>
  except !== undefined && (typeof except === 'string' ? except === sessionId : except.has(sessionId));

/** Room left in a frame for its envelope. */
const ENVELOPE_BYTES = 256;
/** Sockets written between looks at the clock. */
const CLOCK_EVERY = 32;

export class Fanout {
  private readonly queued = new Map<Outlet, Batch[]>();
  private readonly logs = new Map<string, GroupLog>();
  private readonly subscriptions = new Map<Outlet, Map<string, Subscription>>();
  /** Groups published to since the current round began. */
  private readonly published = new Set<string>();
  /** Cancels what is scheduled: the next round (an immediate or a timeout) or the next slice. */
  private scheduled: (() => void) | undefined;
  private round: Round | undefined;
  /** Earliest time (pacing.now) the next round may start. */
  private notBefore = 0;
  /** The next round waits out the rest after the last (a timeout is scheduled, not an immediate). */
  private resting = false;
  /** When the last slice yielded (pacing.now): the loop's time elsewhere since is the next slice's share. */
  private yieldedAt = 0;
  private readonly eventIds = new WeakMap<GroupEvent, number>();
  private readonly eventJson = new WeakMap<GroupEvent, string>();
  private nextEventId = 1;
  private readonly pacing: FanoutPacing;
  readonly stats: FanoutStats = { framesSent: 0, droppedFrames: 0, droppedEvents: 0, flushes: 0, flushMs: 0, flushMsMax: 0 };

  constructor(
    private readonly maxBufferedBytes: number,
    pacing: Partial<FanoutPacing> = {},
    /** Turns a serialised batch into what the outlets write (the realtime server: a WebSocket frame, made once). */
    private readonly frame: (payload: Buffer) => Buffer = (payload) => payload,
  ) {
    this.pacing = { ...DEFAULT_FANOUT_PACING, ...pacing };
  }

  /**
   * Queues `events` for one socket. Runs once per member per message, so it only keeps a reference:
   * the caller must not change the array afterwards (the engine's event arrays never change).
   */
  push(outlet: Outlet, groupID: string, events: GroupEvent[]): void {
    if (events.length === 0) return;
    const batches = this.queued.get(outlet);
    const last = batches?.[batches.length - 1];
    if (last && last.groupID === groupID) last.chunks.push(events);
    else if (batches) batches.push({ groupID, chunks: [events] });
    else this.queued.set(outlet, [{ groupID, chunks: [events] }]);
    // A running round reaches this socket later, or schedules the next round when it ends.
    if (!this.round && !this.scheduled) this.schedule();
  }

  /** Group events published but not yet taken by every subscriber (they are dropped after each round). */
  get logEntries(): number {
    let n = 0;
    for (const log of this.logs.values()) n += log.entries.length;
    return n;
  }

  /** From now on the socket takes what is published to the group (its session id names it in exceptions). */
  subscribe(outlet: Outlet, groupID: string, sessionId: string): void {
    let log = this.logs.get(groupID);
    if (!log) this.logs.set(groupID, (log = { entries: [], base: 0, subscribers: new Map() }));
    if (log.subscribers.has(outlet)) return;
    const sub: Subscription = { sessionId, cursor: log.base + log.entries.length };
    log.subscribers.set(outlet, sub);
    let subs = this.subscriptions.get(outlet);
    if (!subs) this.subscriptions.set(outlet, (subs = new Map()));
    subs.set(groupID, sub);
  }

  /** The socket left the group: what was published before still reaches it, as a queue push would. */
  unsubscribe(outlet: Outlet, groupID: string): void {
    const log = this.logs.get(groupID);
    const sub = log?.subscribers.get(outlet);
    if (!log || !sub) return;
    const pending = this.taken(log, sub, log.base + log.entries.length).flat();
    if (pending.length) this.push(outlet, groupID, pending);
    this.drop(outlet, groupID, log);
  }

  /** One group event for every subscribed socket but the sessions excepted. The array is never changed afterwards. */
  publish(groupID: string, events: GroupEvent[], except?: string | ReadonlySet<string>): void {
    const log = this.logs.get(groupID);
    if (!log || events.length === 0) return;
    log.entries.push({ events, except });
    this.published.add(groupID);
    if (this.round) return;
    // A High message does not wait out the rest: the round it starts carries what else is pending.
    if (this.resting && events.some(isHigh)) this.startNow();
    else if (!this.scheduled) this.schedule();
  }

  private startNow(): void {
    this.scheduled?.();
    this.scheduled = undefined;
    this.notBefore = 0;
    this.schedule();
  }

  forget(outlet: Outlet): void {
    this.queued.delete(outlet);
    for (const groupID of [...(this.subscriptions.get(outlet)?.keys() ?? [])]) {
      const log = this.logs.get(groupID);
      if (log) this.drop(outlet, groupID, log);
    }
  }

  dispose(): void {
    this.scheduled?.();
    this.scheduled = undefined;
    this.resting = false;
    this.round = undefined;
    this.queued.clear();
    this.logs.clear();
    this.subscriptions.clear();
    this.published.clear();
  }

  private drop(outlet: Outlet, groupID: string, log: GroupLog): void {
    log.subscribers.delete(outlet);
    const subs = this.subscriptions.get(outlet);
    subs?.delete(groupID);
    if (subs?.size === 0) this.subscriptions.delete(outlet);
    if (log.subscribers.size === 0) this.logs.delete(groupID);
  }

  /** The chunks of the log between the cursor and `end` meant for this subscriber. */
  private taken(log: GroupLog, sub: Subscription, end: number): GroupEvent[][] {
    const chunks: GroupEvent[][] = [];
    for (let i = Math.max(sub.cursor, log.base); i < end; i++) {
      const entry = log.entries[i - log.base] as LogEntry;
      if (!excludes(entry.except, sub.sessionId)) chunks.push(entry.events);
    }
    return chunks;
  }

  /** Writes everything queued now, in one go (tests, shutdown). */
  flush(): void {
    this.scheduled?.();
    this.scheduled = undefined;
    this.resting = false;
    if (!this.round) this.round = this.newRound();
    this.slice(Infinity);
  }

  private schedule(): void {
    const wait = this.notBefore - this.pacing.now();
    const start = (): void => {
      this.scheduled = undefined;
      this.resting = false;
      this.round = this.newRound();
      this.slice(this.pacing.sliceMs);
    };
    this.resting = wait > 0;
    if (wait <= 0) {
      const handle = setImmediate(start);
      this.scheduled = () => clearImmediate(handle);
    } else {
      const handle = setTimeout(start, Math.ceil(wait));
      this.scheduled = () => clearTimeout(handle);
    }
  }

  private newRound(): Round {
    const order = new Set<Outlet>(this.queued.keys());
    const groups = [...this.published];
    this.published.clear();
    for (const groupID of groups) for (const outlet of this.logs.get(groupID)?.subscribers.keys() ?? []) order.add(outlet);
    return { order: [...order], groups, next: 0, frames: new Map(), writingMs: 0 };
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
      if (batches) {
        this.queued.delete(outlet);
        this.write(outlet, batches, r.frames);
      }
      const subs = this.subscriptions.get(outlet);
      if (subs) for (const [groupID, sub] of subs) this.writeLog(outlet, groupID, sub, r.frames);
      if (++written % CLOCK_EVERY === 0 && this.pacing.now() - started >= budgetMs) break;
    }
    const ended = this.pacing.now();
    r.writingMs += ended - started;
    if (r.next < r.order.length) {
      this.yieldedAt = ended;
      const handle = setImmediate(() => {
        const elsewhere = this.pacing.now() - this.yieldedAt;
        this.slice(Math.min(this.pacing.maxSliceMs, Math.max(this.pacing.sliceMs, elsewhere)));
      });
      this.scheduled = () => clearImmediate(handle);
      return;
    }
    this.round = undefined;
    for (const groupID of r.groups) this.trim(groupID);
    this.stats.flushes++;
    this.stats.flushMs += r.writingMs;
    this.stats.flushMsMax = Math.max(this.stats.flushMsMax, r.writingMs);
    this.notBefore = ended + Math.min(this.pacing.maxGapMs, r.writingMs * this.pacing.gapFactor);
    // Sockets reached before something was queued or published for them go in the next round.
    if (this.queued.size > 0 || this.published.size > 0) this.schedule();
  }

  /** Writes a subscriber's part of the group log; subscribers at the same cursor share the frames. */
  private writeLog(outlet: Outlet, groupID: string, sub: Subscription, frames: Map<string, Frames>): void {
    const log = this.logs.get(groupID);
    if (!log) return;
    const end = log.base + log.entries.length;
    if (sub.cursor >= end) return;
    let key = `\u0000${groupID}@${sub.cursor}-${end}`;
    for (let i = Math.max(sub.cursor, log.base); i < end; i++) if (excludes((log.entries[i - log.base] as LogEntry).except, sub.sessionId)) key += `-${i}`;
    let frame = frames.get(key);
    if (!frame) {
      const chunks = this.taken(log, sub, end);
      frames.set(key, (frame = { bufs: chunks.length ? this.serialise({ groupID, chunks }) : [], events: count(chunks) }));
    }
    sub.cursor = end;
    this.send(outlet, frame);
  }

  /** Drops the log entries every subscriber has taken. */
  private trim(groupID: string): void {
    const log = this.logs.get(groupID);
    if (!log) return;
    let min = log.base + log.entries.length;
    for (const sub of log.subscribers.values()) if (sub.cursor < min) min = sub.cursor;
    if (min > log.base) {
      log.entries.splice(0, min - log.base);
      log.base = min;
    }
  }

  private write(outlet: Outlet, batches: Batch[], frames: Map<string, Frames>): void {
    for (const batch of batches) {
      const key = this.keyOf(batch);
      let frame = frames.get(key);
      if (!frame) frames.set(key, (frame = { bufs: this.serialise(batch), events: count(batch.chunks) }));
      this.send(outlet, frame);
    }
  }

  /** Writes the frames, or drops them (counted) while the socket is a slow consumer. */
  private send(outlet: Outlet, frame: Frames): void {
    if (frame.bufs.length === 0) return;
    if (outlet.bufferedAmount() > this.maxBufferedBytes) {
      this.stats.droppedFrames += frame.bufs.length;
      this.stats.droppedEvents += frame.events;
      outlet.dropped(frame.events);
      return;
    }
    for (const b of frame.bufs) outlet.write(b);
    this.stats.framesSent += frame.bufs.length;
  }

  private keyOf(batch: Batch): string {
    let key = batch.groupID;
    for (const chunk of batch.chunks) {
      for (const ev of chunk) {
        let id = this.eventIds.get(ev);
        if (id === undefined) this.eventIds.set(ev, (id = this.nextEventId++));
        key += ',' + id;
      }
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
      if (parts.length) out.push(this.frame(Buffer.from(head + parts.join(',') + ']}')));
      parts = [];
      bytes = 0;
    };
    for (const chunk of batch.chunks) {
      for (const ev of chunk) {
        let json = this.eventJson.get(ev);
        if (json === undefined) this.eventJson.set(ev, (json = JSON.stringify(ev)));
        const size = Buffer.byteLength(json) + 1;
        if (parts.length && bytes + size > MAX_FRAME_BYTES - ENVELOPE_BYTES) emit();
        parts.push(json);
        bytes += size;
      }
    }
    emit();
    return out;
  }
}
