import { describe, expect, it } from 'vitest';
import { reduceRoom } from './roomReducer';
import { feedItem, initialRoomState, isFollower, levelOf } from './roomState';
import { messagesPerSecond, rateHistory } from './rateGauge';
import type { RoomEvent, RoomState, Who } from './types';

const NOW = 1_714_550_400_000;
const w = (userId: string): Who => ({ userId, nick: userId.toUpperCase(), avatar: '' });
const text = (u: string, at = NOW): RoomEvent => ({ kind: 'text', at, id: `${u}-${at}`, text: 'hi', fromAdmin: false, ...w(u) });
const like = (u: string, count: number, at = NOW): RoomEvent => ({ kind: 'like', at, id: '', count, ...w(u) });
const gift = (u: string, o: Partial<Extract<RoomEvent, { kind: 'gift' }>> = {}): RoomEvent => ({
  kind: 'gift', at: NOW, id: '', giftId: 'rose', name: 'Rose', unitValue: 100, count: 1, verified: false, onBehalf: false, ...w(u), ...o,
});
const buy = (u: string, o: Partial<Extract<RoomEvent, { kind: 'purchase' }>> = {}): RoomEvent => ({
  kind: 'purchase', at: NOW, id: '', productId: 'A1', title: 'Dress', unitPrice: 19900, quantity: 1, verified: false, onBehalf: false, ...w(u), ...o,
});
const follow = (u: string, kind: 'follow' | 'unfollow' = 'follow'): RoomEvent => ({ kind, at: NOW, id: '', ...w(u) });
const run = (events: RoomEvent[], s: RoomState = initialRoomState(), now = NOW) => reduceRoom(s, events, now);

describe('reduceRoom: counter deltas', () => {
  it.each<[string, RoomEvent[], (s: RoomState) => unknown, unknown]>([
    ['text', [text('a')], (s) => [s.counters.texts, s.counters.messages], [1, 1]],
    ['likes sum counts', [like('a', 3), like('b', 4)], (s) => s.counters.likes, 7],
    ['viewer gift priced from the catalog, not the claim', [gift('a', { unitValue: 999_999, count: 2 })], (s) => s.counters.gifts.unverified, { events: 1, count: 2, value: 200 }],
    ['unknown gift uses the claimed value', [gift('a', { giftId: 'x', unitValue: 7, count: 3 })], (s) => s.counters.gifts.unverified.value, 21],
    ['verified gift uses the backend value', [gift('a', { verified: true, onBehalf: true, unitValue: 123 })], (s) => s.counters.gifts.verified, { events: 1, count: 1, value: 123 }],
    ['purchase', [buy('a', { quantity: 2 })], (s) => s.counters.purchases.unverified, { events: 1, count: 2, value: 39800 }],
    ['verified purchase', [buy('a', { verified: true })], (s) => s.counters.purchases.verified.value, 19900],
    ['coupon', [{ kind: 'coupon', at: NOW, id: '', ...w('a') }], (s) => s.counters.coupons, 1],
    ['join counts every joiner', [{ kind: 'join', at: NOW, id: '', userIds: ['a', 'b'], total: 3, ...w('a') }], (s) => [s.counters.joins, s.feed[0]], [3, expect.objectContaining({ kind: 'join', others: 2, collapsible: true })]],
    ['leave', [{ kind: 'leave', at: NOW, id: '', userIds: ['a'], total: 1, ...w('a') }], (s) => s.counters.leaves, 1],
    ['notice adds a line but no budget', [{ kind: 'notice', at: NOW, id: '', noticeType: 'BIT_BEGIN', text: 'x' }], (s) => [s.counters.notices, s.counters.messages, s.feed.length], [1, 0, 1]],
    ['unrecognised custom counts toward budget', [{ kind: 'unrecognised', reason: 'badExt', at: NOW, countsTowardBudget: true }], (s) => [s.counters.unrecognised, s.counters.unrecognisedByReason, s.counters.messages, s.feed.length], [1, { badExt: 1 }, 1, 0]],
    ['unrecognised tip does not', [{ kind: 'unrecognised', reason: 'badTip' }], (s) => s.counters.messages, 0],
    ['malformed caller event is dropped', [{ kind: 'like', at: NOW, id: '', count: -1, ...w('a') }, { kind: 'zzz' } as unknown as RoomEvent], (s) => [s.counters.dropped, s.counters.likes], [2, 0]],
  ])('%s', (_n, events, pick, want) => {
    expect(pick(run(events))).toEqual(want);
  });

  it('applies room fields partially and prices purchases of the launched product', () => {
    const s1 = run([{ kind: 'roomFields', at: NOW, status: 'live', product: { id: 'A1', title: 'Dress', price: 100, currency: 'CNY' } }]);
    expect(s1.room).toMatchObject({ status: 'live', product: { id: 'A1' }, announcement: '' });
    const s2 = run([{ kind: 'roomFields', at: NOW, announcement: 'hello' }, buy('a', { unitPrice: 5 })], s1);
    expect(s2.room).toMatchObject({ status: 'live', product: { id: 'A1' }, announcement: 'hello' });
    expect(s2.counters.purchases.unverified.value).toBe(100);
    expect(run([{ kind: 'roomFields', at: NOW, product: null }], s2).room.product).toBeNull();
  });

  it('never mutates the previous state', () => {
    const s0 = run([text('a'), follow('a'), gift('a')]);
    const frozen = JSON.stringify(s0);
    run([text('b'), follow('b'), follow('a', 'unfollow'), gift('a'), like('c', 2)], s0);
    expect(JSON.stringify(s0)).toBe(frozen);
  });

  it('returns the same state for an empty batch', () => {
    const s = initialRoomState();
    expect(reduceRoom(s, [], NOW)).toBe(s);
  });
});

describe('reduceRoom: feed', () => {
  it('merges likes within 2 s into one growing line, then starts a new one', () => {
    let s = run([like('a', 3)]);
    s = run([text('x', NOW + 500), like('b', 4, NOW + 1000)], s);
    expect(s.feed.filter((f) => f.kind === 'likes')).toEqual([expect.objectContaining({ count: 7, nick: 'B', lastAt: NOW + 1000 })]);
    s = run([like('c', 1, NOW + 2500)], s, NOW + 2500);
    expect(s.feed.filter((f) => f.kind === 'likes').map((f) => f.kind === 'likes' && f.count)).toEqual([7, 1]);
    expect(s.counters.likes).toBe(8);
  });

  it('keeps the feed bounded with contiguous seqs', () => {
    let s = initialRoomState();
    for (let i = 0; i < 30; i++) s = run(Array.from({ length: 40 }, (_, j) => text(`u${j}`)), s);
    expect(s.feed).toHaveLength(500);
    expect(s.feed[0]?.seq).toBe(701);
    expect(feedItem(s, 1000)?.seq).toBe(1000);
    expect(s.nextSeq).toBe(1201);
  });

  it('treats skewed event times as now', () => {
    const s = run([text('a', NOW - 3_600_000)]);
    expect(s.feed[0]?.at).toBe(NOW);
  });
});

describe('reduceRoom: followers, leaderboard, levels', () => {
  it('counts a follower once however often they follow, and only un-counts a counted follow', () => {
    const s = run([follow('a'), follow('a'), follow('b'), follow('c', 'unfollow'), follow('a', 'unfollow'), follow('a', 'unfollow'), follow('a')]);
    expect(s.counters.followersGained).toBe(2);
    expect(isFollower(s, 'a')).toBe(true);
    expect(isFollower(s, 'c')).toBe(false);
    expect(s.feed.filter((f) => f.kind === 'follow')).toHaveLength(3);
  });

  it('ranks by verified value, then unverified; skips backend gifts with no payer', () => {
    const s = run([
      gift('a', { giftId: 'rocket', count: 1 }),
      gift('b', { verified: true, onBehalf: true, unitValue: 100 }),
      gift('administrator', { verified: true, onBehalf: false, unitValue: 1e6 }),
      gift('c', { count: 1 }),
      gift('c', { count: 1 }),
    ]);
    expect(s.leaderboard.map((e) => [e.userId, e.verifiedValue, e.unverifiedValue, e.gifts])).toEqual([
      ['b', 100, 0, 1],
      ['a', 0, 5000, 1],
      ['c', 0, 200, 2],
    ]);
  });

  it('keeps the top ten exact across batches', () => {
    let s = initialRoomState();
    for (let i = 0; i < 30; i++) s = run([gift(`u${i}`, { giftId: 'x', unitValue: i + 1 })], s);
    s = run([gift('u0', { giftId: 'x', unitValue: 1000 })], s);
    expect(s.leaderboard).toHaveLength(10);
    expect(s.leaderboard.map((e) => e.userId)).toEqual(['u0', 'u29', 'u28', 'u27', 'u26', 'u25', 'u24', 'u23', 'u22', 'u21']);
  });

  it('shows no level until a levels event, then merges and clears with 0', () => {
    let s = run([text('a')]);
    expect(levelOf(s, 'a')).toBeUndefined();
    s = run([{ kind: 'levels', levels: { a: 5, b: 12, __proto__x: 3 } }], s);
    s = run([{ kind: 'levels', levels: { b: 0, c: 1e9, d: -1, e: NaN } as Record<string, number> }], s);
    expect([levelOf(s, 'a'), levelOf(s, 'b'), levelOf(s, 'c'), levelOf(s, 'constructor')]).toEqual([5, undefined, undefined, undefined]);
    expect(s.counters.dropped).toBe(3);
  });

  it('treats "__proto__" as an ordinary user id', () => {
    const s = run([follow('__proto__'), { kind: 'levels', levels: JSON.parse('{"__proto__": 7}') as Record<string, number> }]);
    expect(isFollower(s, '__proto__')).toBe(true);
    expect(levelOf(s, '__proto__')).toBe(7);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('messages/s gauge', () => {
  it('buckets by event second and reads the last complete second', () => {
    const events: RoomEvent[] = [];
    for (let i = 0; i < 45; i++) events.push(text('a', NOW));
    for (let i = 0; i < 12; i++) events.push(like('a', 1, NOW + 1000));
    events.push({ kind: 'join', at: NOW + 1000, id: '', userIds: ['a'], total: 1, ...w('a') });
    const s = run(events, initialRoomState(), NOW + 1500);
    expect(messagesPerSecond(s.rate, NOW + 1500)).toBe(45);
    expect(messagesPerSecond(s.rate, NOW + 2100)).toBe(12);
    expect(messagesPerSecond(s.rate, NOW + 60_000)).toBe(0);
    expect(rateHistory(s.rate, NOW + 2100, 3)).toEqual([0, 45, 12]);
    expect(s.rate.peak).toBe(45);
  });

  it('accumulates across batches and forgets seconds that left the ring', () => {
    let s = initialRoomState();
    for (let t = 0; t < 40; t++) s = run([text('a', NOW + t * 1000), text('b', NOW + t * 1000)], s, NOW + t * 1000);
    expect(messagesPerSecond(s.rate, NOW + 40_000)).toBe(2);
    s = run([text('late', NOW)], s, NOW + 5000 + 40_000);
    expect(s.counters.messages).toBe(81);
  });
});
