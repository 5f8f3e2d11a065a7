// The fresh room state and the read helpers the renderer needs (level badges, feed lookup), kept
// apart from the reducer so persistence and UI code can import them without the fold.
import { DEFAULT_GIFT_CATALOG } from '../liveCommerce';
import { emptyRateGauge } from './rateGauge';
import { emptyShardedMap, mapGet } from './shardedMap';
import type { FeedItem, RoomCounters, RoomState, Tally } from './types';

export const emptyTally = (): Tally => ({ events: 0, count: 0, value: 0 });

export const emptyCounters = (): RoomCounters => ({
  likes: 0,
  gifts: { verified: emptyTally(), unverified: emptyTally() },
  purchases: { verified: emptyTally(), unverified: emptyTally() },
  followersGained: 0,
  coupons: 0,
  joins: 0,
  leaves: 0,
  texts: 0,
  notices: 0,
  messages: 0,
  unrecognised: 0,
  unrecognisedByReason: {},
  dropped: 0,
});

export function initialRoomState(): RoomState {
  return {
    counters: emptyCounters(),
    rate: emptyRateGauge(),
    feed: [],
    nextSeq: 1,
    likeRun: null,
    room: { status: null, product: null, giftCatalog: DEFAULT_GIFT_CATALOG, announcement: '' },
    leaderboard: [],
    senders: emptyShardedMap(),
    follows: emptyShardedMap(),
    levels: emptyShardedMap(),
    updatedAt: 0,
  };
}

/** The user's level badge, or undefined until the callbacks service has sent one. */
export const levelOf = (s: RoomState, userId: string): number | undefined => mapGet(s.levels, userId);

/** Whether the user followed during this session (and has not unfollowed since). */
export const isFollower = (s: RoomState, userId: string): boolean => mapGet(s.follows, userId) === true;

/** A feed item by seq in O(1) (the feed is contiguous in seq). */
export function feedItem(s: RoomState, seq: number): FeedItem | undefined {
  const first = s.feed[0];
  return first ? s.feed[seq - first.seq] : undefined;
}

/** Verified + unverified, for a headline figure. */
export const totalTally = (t: { verified: Tally; unverified: Tally }): Tally => ({
  events: t.verified.events + t.unverified.events,
  count: t.verified.count + t.unverified.count,
  value: t.verified.value + t.unverified.value,
});
