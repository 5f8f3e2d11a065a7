// Room snapshots for main to persist per room, so a restart mid-show restores counters, the
// launched product, the leaderboard and the feed tail. Restore validates everything with zod:
// a corrupt or foreign snapshot yields a fresh state, a bad feed line is skipped — never a crash.
import { z } from 'zod';
import { giftCatalogSchema, launchedProductSchema, ROOM_STATUSES } from '../liveCommerce';
import { rankAll } from './leaderboard';
import { emptyRateGauge } from './rateGauge';
import { initialRoomState } from './roomState';
import { mapEntries, mapFromEntries } from './shardedMap';
import { cleanId } from './text';
import { ROOM_LIMITS, UNRECOGNISED_REASONS, type FeedItem, type RoomState } from './types';

export const SNAPSHOT_VERSION = 1;

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const time = z.number().min(0).max(8.64e15);
const str = (max: number) => z.string().max(max);
const userId = z.string().min(1).max(ROOM_LIMITS.userIdChars).refine((s) => cleanId(s, ROOM_LIMITS.userIdChars) !== undefined);
const tally = z.object({ events: count, count, value: count });

const countersSchema = z.object({
  likes: count,
  gifts: z.object({ verified: tally, unverified: tally }),
  purchases: z.object({ verified: tally, unverified: tally }),
  followersGained: count,
  coupons: count,
  joins: count,
  leaves: count,
  texts: count,
  notices: count,
  messages: count,
  unrecognised: count,
  unrecognisedByReason: z.partialRecord(z.enum(UNRECOGNISED_REASONS as [string, ...string[]]), count),
  dropped: count,
});

const base = { seq: count, at: time, collapsible: z.boolean() };
const whoShape = { userId, nick: str(ROOM_LIMITS.nickChars), avatar: str(ROOM_LIMITS.avatarChars).regex(/^(https?:\/\/\S*)?$/i) };
const feedItemSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, ...whoShape, kind: z.literal('text'), text: str(ROOM_LIMITS.textChars), fromAdmin: z.boolean() }),
  z.object({ ...base, ...whoShape, kind: z.enum(['join', 'leave']), others: count }),
  z.object({ ...base, ...whoShape, kind: z.literal('gift'), giftId: str(32), name: str(32), count, value: count, verified: z.boolean() }),
  z.object({
    ...base,
    ...whoShape,
    kind: z.literal('purchase'),
    productId: str(64),
    title: str(120),
    quantity: count,
    value: count,
    verified: z.boolean(),
  }),
  z.object({ ...base, ...whoShape, kind: z.enum(['follow', 'coupon']) }),
  z.object({ ...base, ...whoShape, kind: z.literal('likes'), count, lastAt: time }),
  z.object({ ...base, kind: z.literal('notice'), noticeType: str(ROOM_LIMITS.noticeTypeChars), text: str(ROOM_LIMITS.noticeChars) }),
]);

const senderTotals = z.object({ nick: str(ROOM_LIMITS.nickChars), verifiedValue: count, unverifiedValue: count, gifts: count });

const snapshotSchema = z.object({
  v: z.literal(SNAPSHOT_VERSION),
  savedAt: time,
  counters: countersSchema,
  peakRate: count,
  feed: z.array(z.unknown()).max(ROOM_LIMITS.feedItems),
  room: z.object({
    status: z.enum(ROOM_STATUSES).nullable(),
    product: launchedProductSchema.nullable(),
    giftCatalog: giftCatalogSchema,
    announcement: str(ROOM_LIMITS.announcementChars),
  }),
  senders: z.array(z.tuple([userId, senderTotals])).max(ROOM_LIMITS.trackedUsers),
  follows: z.array(userId).max(ROOM_LIMITS.trackedUsers),
  levels: z.array(z.tuple([userId, z.number().int().min(1).max(ROOM_LIMITS.maxLevel)])).max(ROOM_LIMITS.trackedUsers),
});
export type RoomSnapshot = z.infer<typeof snapshotSchema>;

/** JSON for main to write (one file or row per room). The feed keeps its last 200 lines. */
export function serialiseRoom(s: RoomState): string {
  const snapshot: RoomSnapshot = {
    v: SNAPSHOT_VERSION,
    savedAt: s.updatedAt,
    counters: s.counters,
    peakRate: s.rate.peak,
    feed: s.feed.slice(-ROOM_LIMITS.persistedFeedItems),
    room: s.room,
    senders: [...mapEntries(s.senders)],
    follows: [...mapEntries(s.follows)].map(([k]) => k),
    levels: [...mapEntries(s.levels)],
  };
  return JSON.stringify(snapshot);
}

export type RestoreResult = { ok: true; state: RoomState } | { ok: false; state: RoomState; reason: string };

/** Like restoreRoom, but says why a snapshot was refused (for main's log). */
export function restoreRoomResult(json: unknown): RestoreResult {
  let raw: unknown = json;
  if (typeof json === 'string') {
    try {
      raw = JSON.parse(json);
    } catch {
      return { ok: false, state: initialRoomState(), reason: 'not JSON' };
    }
  }
  const parsed = snapshotSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, state: initialRoomState(), reason: `invalid snapshot at ${first?.path.join('.') ?? '?'}: ${first?.message ?? ''}` };
  }
  const snap = parsed.data;
  // Renumber from 1: dropped lines must not leave holes (feed lookup is seq - feed[0].seq).
  const feed: FeedItem[] = [];
  for (const item of snap.feed) {
    const r = feedItemSchema.safeParse(item);
    if (r.success) feed.push({ ...r.data, seq: feed.length + 1 } as FeedItem);
  }
  const fresh = initialRoomState();
  const follows = mapFromEntries(snap.follows.map((u) => [u, true] as const));
  const senders = mapFromEntries(snap.senders);
  const state: RoomState = {
    ...fresh,
    // Follower count is derived from the follow set, so the two can never disagree after restore.
    counters: { ...snap.counters, followersGained: follows.size },
    rate: { ...emptyRateGauge(), peak: snap.peakRate },
    feed,
    nextSeq: feed.length + 1,
    likeRun: null,
    room: snap.room,
    leaderboard: rankAll(senders),
    senders,
    follows,
    levels: mapFromEntries(snap.levels),
    updatedAt: snap.savedAt,
  };
  return { ok: true, state };
}

const countersOnly = snapshotSchema.pick({ counters: true });

/**
 * The cumulative counters a saved snapshot carries (the show report's messages/s and likes, gifts
 * and purchases per minute: gifts counted as items, purchases as orders), or null when it is not
 * a snapshot.
 */
export function snapshotCounters(json: unknown): { messages: number; likes: number; gifts: number; purchases: number } | null {
  let raw: unknown = json;
  if (typeof json === 'string') {
    try {
      raw = JSON.parse(json);
    } catch {
      return null;
    }
  }
  const parsed = countersOnly.safeParse(raw);
  if (!parsed.success) return null;
  const c = parsed.data.counters;
  return { messages: c.messages, likes: c.likes, gifts: c.gifts.verified.count + c.gifts.unverified.count, purchases: c.purchases.verified.events + c.purchases.unverified.events };
}

/** A snapshot string (or parsed JSON) → state; anything corrupt → a fresh state. */
export const restoreRoom = (json: unknown): RoomState => restoreRoomResult(json).state;
