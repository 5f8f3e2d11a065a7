import { describe, expect, it } from 'vitest';
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

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('Fanout', () => {
  it('batches everything pushed in one tick into one frame per socket', async () => {
    const f = new Fanout(1024);
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
    const f = new Fanout(1024);
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
    const f = new Fanout(1000);
    const slow = new TestOutlet(1001);
    const fast = new TestOutlet(1000);
    f.push(slow, 'g', [notice(1), notice(2)]);
    f.push(fast, 'g', [notice(1)]);
    await tick();
    expect(slow.frames).toHaveLength(0);
    expect(slow.droppedEvents).toBe(2);
    expect(fast.frames).toHaveLength(1);
    expect(f.stats).toEqual({ framesSent: 1, droppedFrames: 1, droppedEvents: 2 });
  });

  it('keeps groups apart and splits batches above the 64 KB frame limit', async () => {
    const f = new Fanout(1 << 30);
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

  it('forget and dispose cancel what is queued', async () => {
    const f = new Fanout(1024);
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
});
