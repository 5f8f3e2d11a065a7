// Batches engine events per socket per event-loop tick and serialises each distinct batch once,
// so one group message to 5,000 viewers costs one JSON.stringify and 5,000 socket writes.
// Slow consumers (socket buffer above a threshold) lose whole batches, counted, instead of
// growing the server's memory without bound.
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
}

interface Batch {
  groupID: string;
  events: GroupEvent[];
}

/** Room left in a frame for its envelope. */
const ENVELOPE_BYTES = 256;

export class Fanout {
  private queued = new Map<Outlet, Batch[]>();
  private scheduled: ReturnType<typeof setImmediate> | undefined;
  private readonly eventIds = new WeakMap<GroupEvent, number>();
  private readonly eventJson = new WeakMap<GroupEvent, string>();
  private nextEventId = 1;
  readonly stats: FanoutStats = { framesSent: 0, droppedFrames: 0, droppedEvents: 0 };

  constructor(private readonly maxBufferedBytes: number) {}

  push(outlet: Outlet, groupID: string, events: GroupEvent[]): void {
    if (events.length === 0) return;
    const batches = this.queued.get(outlet);
    const last = batches?.[batches.length - 1];
    if (last && last.groupID === groupID) last.events.push(...events);
    else if (batches) batches.push({ groupID, events: [...events] });
    else this.queued.set(outlet, [{ groupID, events: [...events] }]);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  forget(outlet: Outlet): void {
    this.queued.delete(outlet);
  }

  dispose(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.queued.clear();
  }

  flush(): void {
    this.scheduled = undefined;
    const queued = this.queued;
    this.queued = new Map();
    // Identical batches (the common case: every viewer got the same events) share their frames.
    const frames = new Map<string, Buffer[]>();
    for (const [outlet, batches] of queued) {
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
