// The console's room vocabulary: decoded events (what the decoder emits and the reducer folds),
// feed items, counters and the room state, kept plain data so the state serialises to JSON.
import type { Gift, LaunchedProduct, RoomStatus } from '../liveCommerce';
import type { RateGauge } from './rateGauge';
import type { ShardedMap } from './shardedMap';
import { LIMITS } from '../../tencent/limits';

/** Bounds applied by the decoder and the reducer (characters unless named otherwise). */
export const ROOM_LIMITS = {
  nickChars: 64,
  userIdChars: 64,
  avatarChars: 300,
  textChars: 500,
  noticeChars: 500,
  noticeTypeChars: 32,
  /** Group Notification is 300 bytes on REST (modify_group_base_info); chars ≥ bytes/3, so 300 chars is safe. */
  announcementChars: 300,
  messageIdChars: 128,
  /** Whole-message body limit is 12,288 bytes (12 K, IM usage limits); anything longer is not from Tencent. */
  rawJsonChars: 12_288,
  /** Join/quit tips name at most this many users in the feed line (the counter takes all of them). */
  tipUsers: 50,
  feedItems: 500,
  persistedFeedItems: 200,
  leaderboard: 10,
  /** Per map (follows, gift senders, levels): enough for a big show, bounded against bot floods. */
  trackedUsers: 100_000,
  levelsPerEvent: 5_000,
  maxLevel: 999,
  likeMergeMs: 2_000,
  /** Event times further than this from the reducer's clock are treated as "now" (clock skew). */
  maxSkewMs: 10_000,
  /** Tencent's per-group message budget for AVChatRoom (docs/studio.md "Rate limiting"). */
  groupBudgetPerSecond: LIMITS.groupMessagesPerSecond,
} as const;

export type UnrecognisedReason =
  | 'notObject'
  | 'badEnvelope'
  | 'badSender'
  | 'unsupportedType'
  | 'emptyText'
  | 'unknownCustomType'
  | 'tooLarge'
  | 'badJson'
  | 'badExt'
  | 'badTip'
  | 'badNotice'
  | 'threw';

export const UNRECOGNISED_REASONS: readonly UnrecognisedReason[] = [
  'notObject',
  'badEnvelope',
  'badSender',
  'unsupportedType',
  'emptyText',
  'unknownCustomType',
  'tooLarge',
  'badJson',
  'badExt',
  'badTip',
  'badNotice',
  'threw',
];

/** Who a feed line or counter is about: the sender, or for verified backend sends the payer. */
export interface Who {
  userId: string;
  nick: string;
  avatar: string;
}

/** `at` is epoch ms (TIM's `time` is seconds, so usually a whole second). */
export type RoomEvent =
  /** `operatorRole`: sent by a console operator (their message's operator tag). */
  | ({ kind: 'text'; at: number; id: string; text: string; fromAdmin: boolean; operatorRole?: 'host' | 'assistant' | 'moderator' } & Who)
  | ({ kind: 'like'; at: number; id: string; count: number } & Who)
  | ({
      kind: 'gift';
      at: number;
      id: string;
      giftId: string;
      name: string;
      /** The sender's claimed value per gift, minor units. */
      unitValue: number;
      count: number;
      verified: boolean;
      /** Verified sends name the paying viewer in cloudCustomData; false when they did not. */
      onBehalf: boolean;
    } & Who)
  | ({
      kind: 'purchase';
      at: number;
      id: string;
      productId: string;
      title: string;
      unitPrice: number;
      quantity: number;
      verified: boolean;
      onBehalf: boolean;
    } & Who)
  | ({ kind: 'follow'; at: number; id: string } & Who)
  | ({ kind: 'unfollow'; at: number; id: string } & Who)
  | ({ kind: 'coupon'; at: number; id: string } & Who)
  /** `total` joiners/leavers in the tip; `userIds` names at most ROOM_LIMITS.tipUsers of them. */
  | ({ kind: 'join'; at: number; id: string; userIds: string[]; total: number } & Who)
  | ({ kind: 'leave'; at: number; id: string; userIds: string[]; total: number } & Who)
  | {
      kind: 'roomFields';
      at: number;
      /** Present only for fields the change carried; null = cleared or not a value viewers accept. */
      status?: RoomStatus | null;
      product?: LaunchedProduct | null;
      giftCatalog?: Gift[];
      announcement?: string;
    }
  | { kind: 'notice'; at: number; id: string; noticeType: string; text: string }
  | { kind: 'levels'; levels: Record<string, number> }
  | { kind: 'unrecognised'; reason: UnrecognisedReason; id?: string; at?: number; countsTowardBudget?: boolean };

export type RoomEventKind = RoomEvent['kind'];
export type UnrecognisedEvent = Extract<RoomEvent, { kind: 'unrecognised' }>;
/** What decodeTimMessage can return (never `levels`, which comes from the callbacks service). */
export type DecodedMessage = Exclude<RoomEvent, { kind: 'levels' }>;

interface FeedBase {
  /** Monotonic per room: a stable React key, and index = seq - feed[0].seq. */
  seq: number;
  at: number;
  /** Join/leave lines: the UI may fold them away when the room is busy. */
  collapsible: boolean;
}

export type FeedItem =
  | (FeedBase & Who & { kind: 'text'; text: string; fromAdmin: boolean; operatorRole?: 'host' | 'assistant' | 'moderator' })
  | (FeedBase & Who & { kind: 'join' | 'leave'; others: number })
  | (FeedBase & Who & { kind: 'gift'; giftId: string; name: string; count: number; value: number; verified: boolean })
  | (FeedBase & Who & { kind: 'purchase'; productId: string; title: string; quantity: number; value: number; verified: boolean })
  | (FeedBase & Who & { kind: 'follow' | 'coupon' })
  /** Merged likes: `count` grows while likes keep coming within ROOM_LIMITS.likeMergeMs of `at`. */
  | (FeedBase & Who & { kind: 'likes'; count: number; lastAt: number })
  | (FeedBase & { kind: 'notice'; noticeType: string; text: string });

export type FeedKind = FeedItem['kind'];

/** events = messages, count = gifts or items bought, value = minor units. */
export interface Tally {
  events: number;
  count: number;
  value: number;
}

export interface RoomCounters {
  likes: number;
  gifts: { verified: Tally; unverified: Tally };
  purchases: { verified: Tally; unverified: Tally };
  /** Users whose latest follow action in this session is ATTENTION (idempotent per user). */
  followersGained: number;
  coupons: number;
  joins: number;
  leaves: number;
  texts: number;
  notices: number;
  /** Group messages (text + custom, recognised or not) — what counts against the 40/s budget. */
  messages: number;
  unrecognised: number;
  unrecognisedByReason: Partial<Record<UnrecognisedReason, number>>;
  /** Events the reducer refused: malformed events from callers, users beyond the tracking bound. */
  dropped: number;
}

export interface RoomFields {
  status: RoomStatus | null;
  product: LaunchedProduct | null;
  giftCatalog: Gift[];
  announcement: string;
}

export interface LeaderEntry {
  userId: string;
  nick: string;
  verifiedValue: number;
  unverifiedValue: number;
  gifts: number;
}

export interface SenderTotals {
  nick: string;
  verifiedValue: number;
  unverifiedValue: number;
  gifts: number;
}

export interface RoomState {
  counters: RoomCounters;
  rate: RateGauge;
  feed: FeedItem[];
  nextSeq: number;
  /** The likes line still accepting merges. */
  likeRun: { seq: number; at: number } | null;
  room: RoomFields;
  leaderboard: LeaderEntry[];
  senders: ShardedMap<SenderTotals>;
  follows: ShardedMap<true>;
  levels: ShardedMap<number>;
  updatedAt: number;
}
