// The token bucket + priority queue on a ManualTime clock: light-load latency, bursts, sustained
// overload (≈40/s, High first) and the one-second queue age.
import { describe, expect, it } from 'vitest';
import { type MsgPriority } from '../../shared/tencent/msgBody';
import { GroupRateLimiter, PRIORITY_ORDER } from './rateLimiter';
import { ManualTime } from './timers';

interface Msg {
  id: number;
  priority: MsgPriority;
}

function setup() {
  const time = new ManualTime();
  const delivered: { msg: Msg; at: number }[] = [];
  const dropped: Msg[] = [];
  const limiter = new GroupRateLimiter<Msg>({
    clock: time,
    timers: time,
    deliver: (msg) => delivered.push({ msg, at: time.now() }),
    drop: (msg) => dropped.push(msg),
  });
  return { time, delivered, dropped, limiter };
}

/** A seeded mix: 10% High, 30% Normal, 30% Low, 30% Lowest. */
function priorityFor(i: number): MsgPriority {
  const r = (i * 7919) % 10;
  return r === 0 ? 'High' : r <= 3 ? 'Normal' : r <= 6 ? 'Low' : 'Lowest';
}

const rank = (p: MsgPriority) => PRIORITY_ORDER.indexOf(p);

describe('GroupRateLimiter (40 msg/s per group, priority shedding)', () => {
  it('delivers at once under light load — no batching delay', () => {
    const { time, delivered, limiter } = setup();
    for (let i = 0; i < 20; i++) {
      expect(limiter.offer({ id: i, priority: 'Low' }, 'Low')).toBe('delivered');
      time.advance(100); // 10 msg/s
    }
    expect(delivered).toHaveLength(20);
    expect(time.timerCount).toBe(0);
  });

  it('200 mixed messages offered at one instant: 40 at once, then High first from the queue, the rest shed', () => {
    const { time, delivered, dropped, limiter } = setup();
    const offered = Array.from({ length: 200 }, (_, i) => ({ id: i, priority: priorityFor(i) }));
    for (const m of offered) limiter.offer(m, m.priority);
    expect(delivered).toHaveLength(40);
    expect(delivered.map((d) => d.msg.id)).toEqual(offered.slice(0, 40).map((m) => m.id));

    time.advance(3000);
    const fromQueue = delivered.slice(40).map((d) => d.msg);
    // The queue drains at 40/s for the one second a message may wait.
    expect(fromQueue.length).toBeGreaterThanOrEqual(38);
    expect(fromQueue.length).toBeLessThanOrEqual(41);
    for (let i = 1; i < fromQueue.length; i++) {
      expect(rank(fromQueue[i]!.priority)).toBeGreaterThanOrEqual(rank(fromQueue[i - 1]!.priority));
    }
    const queuedHigh = offered.slice(40).filter((m) => m.priority === 'High');
    expect(fromQueue.filter((m) => m.priority === 'High')).toEqual(queuedHigh);
    expect(delivered.length + dropped.length).toBe(200);
    expect(limiter.queued).toBe(0);
  });

  it('sustained 200 msg/s for 5 s delivers ≈ 40/s, every High message, and sheds Lowest the most', () => {
    const { time, delivered, dropped, limiter } = setup();
    const offered: Msg[] = [];
    const start = time.now();
    for (let i = 0; i < 1000; i++) {
      const m = { id: i, priority: priorityFor(i) };
      offered.push(m);
      limiter.offer(m, m.priority);
      time.advance(5);
    }
    time.advance(2000);
    const count = (list: Msg[], p: MsgPriority) => list.filter((m) => m.priority === p).length;
    const got = delivered.map((d) => d.msg);
    // 40/s for 5 s (+ the 40-token initial burst, + what drains in the last second).
    expect(got.length).toBeGreaterThanOrEqual(200);
    expect(got.length).toBeLessThanOrEqual(290);
    expect(count(got, 'High')).toBe(count(offered, 'High'));
    expect(count(got, 'Normal')).toBeGreaterThan(count(got, 'Low'));
    expect(count(got, 'Low')).toBeGreaterThanOrEqual(count(got, 'Lowest'));
    expect(got.length + dropped.length).toBe(1000);
    // In any one-second window after the burst, at most ~40 are delivered.
    const third = delivered.filter((d) => d.at >= start + 2000 && d.at < start + 3000);
    expect(third.length).toBeGreaterThanOrEqual(39);
    expect(third.length).toBeLessThanOrEqual(41);
  });

  it('High alone above 40/s is shed too, oldest waiting first', () => {
    const { time, delivered, dropped, limiter } = setup();
    for (let i = 0; i < 300; i++) {
      limiter.offer({ id: i, priority: 'High' }, 'High');
      time.advance(10); // 100 msg/s
    }
    time.advance(2000);
    expect(dropped.length).toBeGreaterThan(100);
    expect(delivered.length + dropped.length).toBe(300);
  });

  it('a queued message waits at most about a second', () => {
    const { time, delivered, limiter } = setup();
    for (let i = 0; i < 40; i++) limiter.offer({ id: i, priority: 'Normal' }, 'Normal');
    const start = time.now();
    limiter.offer({ id: 99, priority: 'Normal' }, 'Normal');
    time.advance(1000);
    const late = delivered.find((d) => d.msg.id === 99);
    expect(late).toBeDefined();
    expect(late!.at - start).toBeLessThanOrEqual(1000);
  });

  it('dispose drops what is queued and stops its timer', () => {
    const { time, dropped, limiter } = setup();
    for (let i = 0; i < 50; i++) limiter.offer({ id: i, priority: 'Low' }, 'Low');
    limiter.dispose();
    expect(dropped).toHaveLength(10);
    expect(time.timerCount).toBe(0);
  });

  it('a throwing deliver does not break the limiter', () => {
    const time = new ManualTime();
    const errors: unknown[] = [];
    let n = 0;
    const limiter = new GroupRateLimiter<number>({
      clock: time,
      timers: time,
      deliver: () => {
        n++;
        throw new Error('sink broke');
      },
      drop: () => undefined,
      onError: (e) => errors.push(e),
    });
    for (let i = 0; i < 45; i++) limiter.offer(i, 'Normal');
    time.advance(1000);
    expect(n).toBe(45);
    expect(errors).toHaveLength(45);
  });
});
