import { describe, expect, it } from 'vitest';
import { decodeTimMessage } from './decode';
import { reduceRoom } from './roomReducer';
import { initialRoomState } from './roomState';
import { mapEntries } from './shardedMap';
import { fuzzMessages, T0 } from './messages.testkit';
import { ROOM_LIMITS, type RoomEvent, type RoomState } from './types';

const ctx = { adminIds: new Set(['administrator']), now: T0 * 1000 };

function allFinite(v: unknown, path = '$'): string[] {
  if (typeof v === 'number') return Number.isFinite(v) ? [] : [path];
  if (v === null || typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, x]) => allFinite(x, `${path}.${k}`));
}

describe('decoder + reducer fuzz', () => {
  it.each([1, 2, 3])('seed %i: 12,000 messages in frame-sized batches never throw and keep counters consistent', (seed) => {
    const messages = fuzzMessages(seed, 12_000, 60);
    const expected = { likes: 0, giftEvents: 0, giftCount: 0, buyEvents: 0, texts: 0, unrecognised: 0, joins: 0, notices: 0 };
    let s: RoomState = initialRoomState();
    let batch: RoomEvent[] = [];
    let kinds = new Set<string>();
    messages.forEach((m, i) => {
      const e = decodeTimMessage(m, ctx);
      if (e) {
        kinds.add(e.kind);
        batch.push(e);
        if (e.kind === 'like') expected.likes += e.count;
        if (e.kind === 'gift') {
          expected.giftEvents += 1;
          expected.giftCount += e.count;
        }
        if (e.kind === 'purchase') expected.buyEvents += 1;
        if (e.kind === 'text') expected.texts += 1;
        if (e.kind === 'unrecognised') expected.unrecognised += 1;
        if (e.kind === 'join') expected.joins += e.total;
        if (e.kind === 'notice') expected.notices += 1;
      }
      if (batch.length >= 33 || i === messages.length - 1) {
        s = reduceRoom(s, batch, T0 * 1000 + Math.floor((i / messages.length) * 60_000));
        batch = [];
      }
    });
    const c = s.counters;
    expect(allFinite(s)).toEqual([]);
    expect(c.likes).toBe(expected.likes);
    expect(c.gifts.verified.events + c.gifts.unverified.events).toBe(expected.giftEvents);
    expect(c.gifts.verified.count + c.gifts.unverified.count).toBe(expected.giftCount);
    expect(c.purchases.verified.events + c.purchases.unverified.events).toBe(expected.buyEvents);
    expect(c.texts).toBe(expected.texts);
    expect(c.joins).toBe(expected.joins);
    expect(c.notices).toBe(expected.notices);
    expect(c.unrecognised).toBe(expected.unrecognised);
    expect(Object.values(c.unrecognisedByReason).reduce((a, b) => a + (b ?? 0), 0)).toBe(expected.unrecognised);
    expect(c.gifts.verified.events).toBeGreaterThan(0);
    expect(c.gifts.unverified.events).toBeGreaterThan(0);
    expect(c.dropped).toBe(0);
    expect(c.followersGained).toBe(s.follows.size);
    expect([...mapEntries(s.follows)]).toHaveLength(s.follows.size);
    expect(s.feed.length).toBeLessThanOrEqual(ROOM_LIMITS.feedItems);
    expect(s.feed.every((f, i) => i === 0 || f.seq === (s.feed[i - 1]?.seq ?? 0) + 1)).toBe(true);
    expect(s.leaderboard.length).toBeLessThanOrEqual(ROOM_LIMITS.leaderboard);
    const likesShown = s.feed.filter((f) => f.kind === 'likes');
    expect(likesShown.every((f) => f.count >= 1)).toBe(true);
    expect(s.feed.every((f) => !('nick' in f) || f.nick.length <= ROOM_LIMITS.nickChars)).toBe(true);
    expect(s.feed.every((f) => !('text' in f) || f.text.length <= ROOM_LIMITS.textChars)).toBe(true);
    expect(kinds).toEqual(
      new Set(['text', 'like', 'gift', 'purchase', 'follow', 'unfollow', 'coupon', 'join', 'leave', 'roomFields', 'notice', 'unrecognised']),
    );
    kinds = new Set();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('one big batch and many small ones give the same counters', () => {
    const events = fuzzMessages(9, 5000).map((m) => decodeTimMessage(m, ctx)).filter((e): e is NonNullable<typeof e> => e !== null);
    const now = T0 * 1000 + 30_000;
    const big = reduceRoom(initialRoomState(), events, now);
    let small = initialRoomState();
    for (let i = 0; i < events.length; i += 17) small = reduceRoom(small, events.slice(i, i + 17), now);
    expect(small.counters).toEqual(big.counters);
    expect(small.leaderboard).toEqual(big.leaderboard);
    expect(small.feed).toEqual(big.feed);
  });
});
