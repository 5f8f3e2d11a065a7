import { describe, expect, it } from 'vitest';
import { decodeTimMessages } from './decode';
import { restoreRoom, restoreRoomResult, serialiseRoom } from './persist';
import { reduceRoom } from './roomReducer';
import { initialRoomState, isFollower, levelOf } from './roomState';
import { customMsg, fieldsTip, fuzzMessages, T0, textMsg } from './messages.testkit';

const ctx = { adminIds: new Set(['administrator']), now: T0 * 1000 };
const NOW = T0 * 1000 + 500;

function show() {
  let s = initialRoomState();
  const msgs = [
    fieldsTip([{ key: 'room_status', value: 'live' }, { key: 'add_goods', value: '{"id":"A1","title":"Dress","price":19900}' }], 'Welcome'),
    ...Array.from({ length: 300 }, (_, i) => textMsg(`u${i % 7}`, `line ${i}`)),
    customMsg('u1', 'ATTENTION', '{}'),
    customMsg('u2', 'SEND_GIFT', { giftId: 'rocket', name: 'Rocket', value: 5000, count: 1 }),
    customMsg('administrator', 'BUY_GOODS', { id: 'A1', title: 'Dress', price: 19900 }, T0, { cloudCustomData: '{"paidBy":{"userId":"u3"}}' }),
    customMsg('u4', 'LIKE', { count: 9 }),
  ];
  s = reduceRoom(s, decodeTimMessages(msgs, ctx), NOW);
  return reduceRoom(s, [{ kind: 'levels', levels: { u1: 3 } }], NOW);
}

describe('serialiseRoom / restoreRoom', () => {
  it('round-trips counters, room fields, follows, leaderboard, levels and the feed tail', () => {
    const s = show();
    const r = restoreRoomResult(serialiseRoom(s));
    expect(r.ok).toBe(true);
    const t = r.state;
    expect(t.counters).toEqual(s.counters);
    expect(t.room).toEqual(s.room);
    expect(t.room.product?.id).toBe('A1');
    expect(t.leaderboard).toEqual(s.leaderboard);
    expect(isFollower(t, 'u1')).toBe(true);
    expect(levelOf(t, 'u1')).toBe(3);
    expect(t.feed).toHaveLength(200);
    expect(t.feed.map((f) => ({ ...f, seq: 0 }))).toEqual(s.feed.slice(-200).map((f) => ({ ...f, seq: 0 })));
    expect(t.feed[0]?.seq).toBe(1);
    expect(t.nextSeq).toBe(201);
    expect(t.rate.peak).toBe(s.rate.peak);
    // The restored state keeps folding normally.
    const u = reduceRoom(t, decodeTimMessages([customMsg('u1', 'ATTENTION', '{}'), textMsg('z', 'after')], ctx), NOW);
    expect(u.counters.followersGained).toBe(1);
    expect(u.feed.at(-1)).toMatchObject({ kind: 'text', text: 'after', seq: 201 });
  });

  it('round-trips a fuzzed show', () => {
    const s = reduceRoom(initialRoomState(), decodeTimMessages(fuzzMessages(7, 3000), ctx), NOW);
    const t = restoreRoom(serialiseRoom(s));
    expect(t.counters).toEqual(s.counters);
    expect(t.leaderboard).toEqual(s.leaderboard);
    expect(t.feed.length).toBe(Math.min(200, s.feed.length));
  });

  it.each<[string, unknown]>([
    ['empty string', ''],
    ['truncated JSON', serialiseRoom(initialRoomState()).slice(0, 40)],
    ['null', null],
    ['array', []],
    ['wrong version', { ...JSON.parse(serialiseRoom(initialRoomState())), v: 99 }],
    ['negative counter', JSON.parse(serialiseRoom(initialRoomState()).replace('"likes":0', '"likes":-4'))],
    ['string counter', JSON.parse(serialiseRoom(initialRoomState()).replace('"likes":0', '"likes":"lots"'))],
    ['bad status', JSON.parse(serialiseRoom(initialRoomState()).replace('"status":null', '"status":"online"'))],
    ['prototype pollution', JSON.parse(serialiseRoom(initialRoomState()).replace('{"v":1', '{"__proto__":{"polluted":1},"v":"x"'))],
  ])('a corrupt snapshot (%s) gives a fresh state', (_n, raw) => {
    const r = restoreRoomResult(raw);
    expect(r.ok).toBe(false);
    expect(r.state).toEqual(initialRoomState());
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('skips a bad feed line but keeps the rest, renumbered', () => {
    const snap = JSON.parse(serialiseRoom(show())) as { feed: unknown[] };
    snap.feed[5] = { kind: 'text', seq: 1, text: 5 };
    snap.feed[6] = { kind: 'evil' };
    const t = restoreRoom(snap);
    expect(t.feed).toHaveLength(198);
    expect(t.feed.map((f) => f.seq)).toEqual(Array.from({ length: 198 }, (_, i) => i + 1));
  });

  it('derives followersGained from the follow set', () => {
    const snap = JSON.parse(serialiseRoom(show())) as { counters: { followersGained: number } };
    snap.counters.followersGained = 999;
    expect(restoreRoom(snap).counters.followersGained).toBe(1);
  });
});
