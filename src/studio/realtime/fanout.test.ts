import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_FRAME_BYTES } from '../../shared/realtime/protocol';
import type { GroupEvent } from '../im/engineApi';
import { Fanout, type Outlet } from './fanout';

class TestOutlet implements Outlet {
  frames: Buffer[] = [];
  droppedEvents = 0;
  constructor(public buffered = 0) {}
  bufferedAmount(): number {
    return this.buffered;
  }
  write(frame: Buffer): void {
    this.frames.push(frame);
  }
  dropped(n: number): void {
    this.droppedEvents += n;
  }
  decoded(): { t: string; groupID: string; events: GroupEvent[] }[] {
    return this.frames.map((f) => JSON.parse(f.toString('utf8')) as { t: string; groupID: string; events: GroupEvent[] });
  }
}

const notice = (n: number, size = 10): GroupEvent => ({
  kind: 'system',
  groupId: 'g',
  operationType: 255,
  userDefinedField: String(n).padEnd(size, '.'),
  time: 1,
});

/** Outlets whose every write advances a shared fake clock by `ms` (a costly socket write). */
function slowOutlets(ms: number) {
  let clock = 0;
  class SlowOutlet extends TestOutlet {
    override write(frame: Buffer): void {
      clock += ms;
      super.write(frame);
    }
  }
  return { SlowOutlet, now: () => clock };
}

/**
 * A clock that does not move, for tests not about pacing: a round costs nothing, so no rest follows
 * it (on a loaded machine a real clock measures a round, and the next would wait out its rest).
 */
const FROZEN = { now: () => 0 };

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

async function waitUntil(ok: () => boolean): Promise<void> {
  const until = Date.now() + 5000;
  while (!ok()) {
    if (Date.now() > until) throw new Error('timed out waiting for the fan-out');
    await tick();
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Fanout', () => {
  it('batches everything pushed in one tick into one frame per socket', async () => {
    const f = new Fanout(1024, FROZEN);
    const o = new TestOutlet();
    f.push(o, 'g', [notice(1)]);
    f.push(o, 'g', [notice(2), notice(3)]);
    expect(o.frames).toHaveLength(0);
    await tick();
    expect(o.decoded()).toEqual([{ t: 'events', groupID: 'g', events: [notice(1), notice(2), notice(3)] }]);
    f.push(o, 'g', [notice(4)]);
    await tick();
    expect(o.frames).toHaveLength(2);
  });

  it('serialises an identical batch once for all sockets', async () => {
    const f = new Fanout(1024, FROZEN);
    const outlets = Array.from({ length: 50 }, () => new TestOutlet());
    const events = [notice(1)];
    for (const o of outlets) f.push(o, 'g', events);
    const other = new TestOutlet();
    f.push(other, 'g', [notice(1)]);
    await tick();
    const first = outlets[0]?.frames[0];
    for (const o of outlets) expect(o.frames[0]).toBe(first);
    // Equal content but different event objects: a separate (equal) frame.
    expect(other.frames[0]).not.toBe(first);
    expect(other.frames[0]?.equals(first as Buffer)).toBe(true);
    expect(f.stats.framesSent).toBe(51);
  });

  it('drops batches for a slow consumer and counts them; others still get theirs', async () => {
    const f = new Fanout(1000, FROZEN);
    const slow = new TestOutlet(1001);
    const fast = new TestOutlet(1000);
    f.push(slow, 'g', [notice(1), notice(2)]);
    f.push(fast, 'g', [notice(1)]);
    await tick();
    expect(slow.frames).toHaveLength(0);
    expect(slow.droppedEvents).toBe(2);
    expect(fast.frames).toHaveLength(1);
    expect(f.stats).toMatchObject({ framesSent: 1, droppedFrames: 1, droppedEvents: 2, flushes: 1 });
  });

  it('keeps groups apart and splits batches above the 64 KB frame limit', async () => {
    const f = new Fanout(1 << 30, FROZEN);
    const o = new TestOutlet();
    const big = Array.from({ length: 12 }, (_, i) => notice(i, 12_000));
    f.push(o, 'g', big.slice(0, 6));
    f.push(o, 'h', [notice(99)]);
    f.push(o, 'g', big.slice(6));
    await tick();
    const frames = o.decoded();
    expect(frames.map((x) => x.groupID)).toEqual(['g', 'g', 'h', 'g', 'g']);
    for (const b of o.frames) expect(b.length).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    expect(frames.filter((x) => x.groupID === 'g').flatMap((x) => x.events)).toEqual(big);
  });

  it('paces flushes by their cost: after a flush that took D ms the next waits D × gapFactor (at most maxGapMs), batching meanwhile', () => {
    vi.useFakeTimers();
    // Each socket write costs 40 ms on this clock, as thousands of loopback writes would.
    const { SlowOutlet, now } = slowOutlets(40);
    const f = new Fanout(1 << 20, { now, gapFactor: 1, maxGapMs: 250 });
    const outlets = [new SlowOutlet(), new SlowOutlet(), new SlowOutlet()];
    for (const o of outlets) f.push(o, 'g', [notice(1)]);
    vi.advanceTimersByTime(0);
    expect(outlets.map((o) => o.frames.length)).toEqual([1, 1, 1]);
    // That flush took 120 ms: the next waits 120 ms and carries everything pushed meanwhile.
    for (const o of outlets) f.push(o, 'g', [notice(2)]);
    vi.advanceTimersByTime(60);
    for (const o of outlets) f.push(o, 'g', [notice(3)]);
    vi.advanceTimersByTime(59);
    expect(outlets.map((o) => o.frames.length)).toEqual([1, 1, 1]);
    vi.advanceTimersByTime(1);
    expect(outlets[0]?.decoded()[1]?.events).toEqual([notice(2), notice(3)]);
    // A flush that took far longer (30 writes: 1.2 s, after the 120 ms wait the last one set) is
    // followed by a wait of at most maxGapMs.
    const many = Array.from({ length: 30 }, () => new SlowOutlet());
    for (const o of many) f.push(o, 'g', [notice(4)]);
    vi.advanceTimersByTime(120);
    expect(many.every((o) => o.frames.length === 1)).toBe(true);
    for (const o of outlets) f.push(o, 'g', [notice(5)]);
    vi.advanceTimersByTime(249);
    expect(outlets[0]?.frames).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(outlets[0]?.frames).toHaveLength(3);
  });

  it('writes a big round in slices, serving the event loop in between; a socket not yet reached takes what was queued meanwhile', async () => {
    // 1 ms per write on this clock; a slice yields after 10 ms (checked every 32 writes).
    const { SlowOutlet, now } = slowOutlets(1);
    const f = new Fanout(1 << 20, { now, sliceMs: 10, gapFactor: 0 });
    const outlets = Array.from({ length: 100 }, () => new SlowOutlet());
    for (const o of outlets) f.push(o, 'g', [notice(1)]);
    const between = await new Promise<number>((resolve) => setImmediate(() => resolve(outlets.filter((o) => o.frames.length).length)));
    expect(between).toBe(32);
    // Between slices: one socket already written, one not yet.
    f.push(outlets[0]!, 'g', [notice(2)]);
    f.push(outlets[99]!, 'g', [notice(2)]);
    await waitUntil(() => outlets.every((o) => o.frames.length > 0) && outlets[0]!.frames.length === 2);
    expect(outlets[99]!.decoded()).toEqual([{ t: 'events', groupID: 'g', events: [notice(1), notice(2)] }]);
    expect(outlets[0]!.decoded().map((x) => x.events)).toEqual([[notice(1)], [notice(2)]]);
    expect(f.stats.flushes).toBe(2);
  });

  it('a cheap flush leaves the next one to the next tick, as before', () => {
    vi.useFakeTimers();
    const f = new Fanout(1024, { now: () => 0 });
    const o = new TestOutlet();
    f.push(o, 'g', [notice(1)]);
    vi.advanceTimersByTime(0);
    f.push(o, 'g', [notice(2)]);
    vi.advanceTimersByTime(0);
    expect(o.frames).toHaveLength(2);
  });

  it('group logs: one publish reaches every subscriber but the sessions excepted; subscribers at the same point share frames', async () => {
    const f = new Fanout(1 << 20, FROZEN);
    const [a, b, c] = [new TestOutlet(), new TestOutlet(), new TestOutlet()];
    f.subscribe(a, 'g', 's-a');
    f.subscribe(b, 'g', 's-b');
    f.subscribe(c, 'g', 's-c');
    f.publish('g', [notice(1)], 's-b');
    f.publish('g', [notice(2)], new Set(['s-c']));
    f.publish('g', [notice(3)]);
    f.publish('other', [notice(9)]); // nobody subscribed: dropped
    await tick();
    expect(a.decoded()).toEqual([{ t: 'events', groupID: 'g', events: [notice(1), notice(2), notice(3)] }]);
    expect(b.decoded()[0]?.events).toEqual([notice(2), notice(3)]);
    expect(c.decoded()[0]?.events).toEqual([notice(1), notice(3)]);
    // Taken by everyone: the log is empty again.
    expect(f.logEntries).toBe(0);
    f.publish('g', [notice(4)]);
    await tick();
    expect(b.frames[1]).toBe(a.frames[1]);
    expect(c.frames[1]).toBe(a.frames[1]);
  });

  it('group logs: a late subscriber gets only what comes after; leaving still delivers what came before; a forgotten socket gets nothing', async () => {
    const f = new Fanout(1 << 20, FROZEN);
    const [a, late, gone] = [new TestOutlet(), new TestOutlet(), new TestOutlet()];
    f.subscribe(a, 'g', 's-a');
    f.subscribe(gone, 'g', 's-gone');
    f.publish('g', [notice(1)]);
    f.subscribe(late, 'g', 's-late');
    f.publish('g', [notice(2)]);
    f.unsubscribe(a, 'g');
    f.publish('g', [notice(3)]);
    f.forget(gone);
    await tick();
    expect(a.decoded().flatMap((x) => x.events)).toEqual([notice(1), notice(2)]);
    expect(late.decoded().flatMap((x) => x.events)).toEqual([notice(2), notice(3)]);
    expect(gone.frames).toEqual([]);
    expect(f.logEntries).toBe(0);
  });

  it('group logs: a slow subscriber loses its part, counted; the others get theirs', async () => {
    const f = new Fanout(1000, FROZEN);
    const slow = new TestOutlet(1001);
    const fast = new TestOutlet();
    f.subscribe(slow, 'g', 's-slow');
    f.subscribe(fast, 'g', 's-fast');
    f.publish('g', [notice(1), notice(2)]);
    await tick();
    expect(slow.frames).toEqual([]);
    expect(slow.droppedEvents).toBe(2);
    expect(fast.frames).toHaveLength(1);
    expect(f.stats).toMatchObject({ framesSent: 1, droppedFrames: 1, droppedEvents: 2 });
  });

  it('forget and dispose cancel what is queued', async () => {
    const f = new Fanout(1024, FROZEN);
    const a = new TestOutlet();
    const b = new TestOutlet();
    f.push(a, 'g', [notice(1)]);
    f.push(b, 'g', [notice(1)]);
    f.forget(a);
    await tick();
    expect(a.frames).toHaveLength(0);
    expect(b.frames).toHaveLength(1);
    f.push(b, 'g', [notice(2)]);
    f.dispose();
    await tick();
    expect(b.frames).toHaveLength(1);
  });

  it('a High message does not wait out the rest after a costly round; other messages do, and go with it', () => {
    vi.useFakeTimers();
    const { SlowOutlet, now } = slowOutlets(40);
    const high = (n: number): GroupEvent => ({ kind: 'message', groupId: 'g', from: 'v', nick: 'v', avatar: '', time: 1, seq: n, random: n, priority: 'High', body: [], cloudCustomData: '', modified: false });
    const f = new Fanout(1 << 20, { now, gapFactor: 1, maxGapMs: 250 });
    const outlets = [new SlowOutlet(), new SlowOutlet(), new SlowOutlet()];
    outlets.forEach((o, i) => f.subscribe(o, 'g', `s${i}`));
    f.publish('g', [notice(1)]);
    vi.advanceTimersByTime(0);
    // That round took 120 ms: a Normal message waits out the 120 ms rest ...
    f.publish('g', [notice(2)]);
    vi.advanceTimersByTime(60);
    expect(outlets[0]!.frames).toHaveLength(1);
    // ... but a High one starts the next round at once, carrying the Normal one too.
    f.publish('g', [high(3)]);
    vi.advanceTimersByTime(0);
    expect(outlets.map((o) => o.decoded()[1]?.events.length)).toEqual([2, 2, 2]);
    expect(outlets[2]!.decoded()[1]?.events[1]).toMatchObject({ kind: 'message', priority: 'High', seq: 3 });
  });

  it('frames each serialised batch once with the given framer, for every outlet', async () => {
    let framed = 0;
    const f = new Fanout(1 << 20, {}, (payload) => (framed++, Buffer.concat([Buffer.from('>'), payload])));
    const outlets = [new TestOutlet(), new TestOutlet(), new TestOutlet()];
    outlets.forEach((o, i) => f.subscribe(o, 'g', `s${i}`));
    f.publish('g', [notice(1)]);
    await tick();
    expect(framed).toBe(1);
    expect(outlets.map((o) => o.frames[0]?.toString('utf8').slice(0, 2))).toEqual(['>{', '>{', '>{']);
  });
});
