// The console's room fold: one batch of decoded events (one animation frame's worth) → a new
// RoomState. Pure and O(batch): bounded structures are copied once per batch, per-user maps by shard.
import { assertNever } from '../../errors';
import { mergeLeaders } from './leaderboard';
import { RateWriter } from './rateGauge';
import { MapWriter } from './shardedMap';
import { addSafe, cleanId, safeCount } from './text';
import {
  ROOM_LIMITS,
  UNRECOGNISED_REASONS,
  type FeedItem,
  type RoomCounters,
  type RoomEvent,
  type RoomFields,
  type RoomState,
  type SenderTotals,
  type Tally,
  type Who,
} from './types';

export { initialRoomState } from './roomState';

type Ev<K extends RoomEvent['kind']> = Extract<RoomEvent, { kind: K }>;
/** Distributes Omit over the union so each feed kind keeps its own fields. */
type NewFeedItem = FeedItem extends infer F ? (F extends FeedItem ? Omit<F, 'seq'> : never) : never;

const copyTally = (t: Tally): Tally => ({ events: t.events, count: t.count, value: t.value });
const who = (e: Who): Who => ({ userId: e.userId, nick: e.nick, avatar: e.avatar });

/** Folds `events` into `state`; `now` (epoch ms) is the caller's clock for skewed or missing times. */
export function reduceRoom(state: RoomState, events: readonly RoomEvent[], now: number): RoomState {
  if (events.length === 0) return state;
  const b = new Batch(state, Number.isFinite(now) && now > 0 ? now : 0);
  for (const e of events) {
    try {
      b.apply(e);
    } catch {
      b.c.dropped += 1;
    }
  }
  return b.done();
}

class Batch {
  readonly c: RoomCounters;
  private feed: FeedItem[] | undefined;
  private nextSeq: number;
  private likeRun: RoomState['likeRun'];
  private room: RoomFields;
  private readonly rate: RateWriter;
  private readonly senders: MapWriter<SenderTotals>;
  private readonly follows: MapWriter<true>;
  private readonly levels: MapWriter<number>;
  private readonly touched = new Map<string, SenderTotals>();

  constructor(
    private readonly s: RoomState,
    private readonly now: number,
  ) {
    const c = s.counters;
    this.c = {
      ...c,
      gifts: { verified: copyTally(c.gifts.verified), unverified: copyTally(c.gifts.unverified) },
      purchases: { verified: copyTally(c.purchases.verified), unverified: copyTally(c.purchases.unverified) },
      unrecognisedByReason: { ...c.unrecognisedByReason },
    };
    this.nextSeq = s.nextSeq;
    this.likeRun = s.likeRun;
    this.room = s.room;
    this.rate = new RateWriter(s.rate);
    this.senders = new MapWriter(s.senders, ROOM_LIMITS.trackedUsers);
    this.follows = new MapWriter(s.follows, ROOM_LIMITS.trackedUsers);
    this.levels = new MapWriter(s.levels, ROOM_LIMITS.trackedUsers);
  }

  /** The event's time if plausible, else the caller's clock (skew, garbage, missing). */
  private time(at: number | undefined): number {
    return typeof at === 'number' && Number.isFinite(at) && Math.abs(at - this.now) <= ROOM_LIMITS.maxSkewMs ? at : this.now;
  }

  private message(at: number): void {
    this.c.messages += 1;
    this.rate.add(at);
  }

  private push(item: NewFeedItem): number {
    const seq = this.nextSeq++;
    (this.feed ??= this.s.feed.slice()).push({ ...item, seq } as FeedItem);
    return seq;
  }

  apply(e: RoomEvent): void {
    switch (e.kind) {
      case 'text': {
        const at = this.time(e.at);
        this.message(at);
        this.c.texts += 1;
        this.push({ kind: 'text', at, collapsible: false, ...who(e), text: e.text, fromAdmin: e.fromAdmin === true, ...(e.operatorRole ? { operatorRole: e.operatorRole } : {}) });
        return;
      }
      case 'like':
        return this.like(e);
      case 'gift':
        return this.gift(e);
      case 'purchase':
        return this.purchase(e);
      case 'follow':
      case 'unfollow':
        return this.follow(e);
      case 'coupon': {
        const at = this.time(e.at);
        this.message(at);
        this.c.coupons += 1;
        this.push({ kind: 'coupon', at, collapsible: false, ...who(e) });
        return;
      }
      case 'join':
      case 'leave': {
        const total = Math.max(1, safeCount(e.total, 1));
        if (e.kind === 'join') this.c.joins = addSafe(this.c.joins, total);
        else this.c.leaves = addSafe(this.c.leaves, total);
        this.push({ kind: e.kind, at: this.time(e.at), collapsible: true, ...who(e), others: total - 1 });
        return;
      }
      case 'roomFields': {
        const r: RoomFields = { ...this.room };
        if (e.status !== undefined) r.status = e.status;
        if (e.product !== undefined) r.product = e.product;
        if (e.giftCatalog !== undefined) r.giftCatalog = e.giftCatalog;
        if (e.announcement !== undefined) r.announcement = e.announcement;
        this.room = r;
        return;
      }
      case 'notice':
        this.c.notices += 1;
        this.push({ kind: 'notice', at: this.time(e.at), collapsible: false, noticeType: e.noticeType, text: e.text });
        return;
      case 'levels':
        return this.applyLevels(e.levels);
      case 'unrecognised': {
        this.c.unrecognised += 1;
        const reason = UNRECOGNISED_REASONS.includes(e.reason) ? e.reason : 'threw';
        this.c.unrecognisedByReason[reason] = (this.c.unrecognisedByReason[reason] ?? 0) + 1;
        if (e.countsTowardBudget === true) this.message(this.time(e.at));
        return;
      }
      default:
        return assertNever(e);
    }
  }

  private like(e: Ev<'like'>): void {
    const count = safeCount(e.count, 0);
    if (count < 1) throw new RangeError('like count');
    const at = this.time(e.at);
    this.message(at);
    this.c.likes = addSafe(this.c.likes, count);
    const run = this.likeRun;
    const feed = (this.feed ??= this.s.feed.slice());
    const first = feed[0];
    // Only a line still inside the bounded window merges, so batch size never changes the feed.
    const i = run && first && feed.length - (run.seq - first.seq) <= ROOM_LIMITS.feedItems ? run.seq - first.seq : -1;
    const item = i >= 0 ? feed[i] : undefined;
    if (run && item?.kind === 'likes' && Math.abs(at - run.at) <= ROOM_LIMITS.likeMergeMs) {
      feed[i] = { ...item, ...who(e), count: addSafe(item.count, count), lastAt: Math.max(item.lastAt, at) };
      return;
    }
    const seq = this.push({ kind: 'likes', at, collapsible: false, ...who(e), count, lastAt: at });
    this.likeRun = { seq, at };
  }

  private gift(e: Ev<'gift'>): void {
    const count = safeCount(e.count, 0);
    if (count < 1) throw new RangeError('gift count');
    const at = this.time(e.at);
    this.message(at);
    // A viewer's claimed value is not trusted: price known gifts from the catalog viewers see.
    const known = e.verified ? undefined : this.room.giftCatalog.find((g) => g.id === e.giftId);
    const value = addSafe(0, (known ? known.value : safeCount(e.unitValue)) * count);
    const t = e.verified ? this.c.gifts.verified : this.c.gifts.unverified;
    t.events += 1;
    t.count = addSafe(t.count, count);
    t.value = addSafe(t.value, value);
    this.push({ kind: 'gift', at, collapsible: false, ...who(e), giftId: e.giftId, name: e.name, count, value, verified: e.verified });
    // Verified sends without a named payer came from the backend itself: nobody to rank.
    if (e.verified && !e.onBehalf) return;
    const prev = this.senders.get(e.userId);
    const next: SenderTotals = {
      nick: e.nick,
      verifiedValue: addSafe(prev?.verifiedValue ?? 0, e.verified ? value : 0),
      unverifiedValue: addSafe(prev?.unverifiedValue ?? 0, e.verified ? 0 : value),
      gifts: addSafe(prev?.gifts ?? 0, count),
    };
    if (this.senders.set(e.userId, next)) this.touched.set(e.userId, next);
  }

  private purchase(e: Ev<'purchase'>): void {
    const quantity = safeCount(e.quantity, 0);
    if (quantity < 1) throw new RangeError('purchase quantity');
    const at = this.time(e.at);
    this.message(at);
    const p = this.room.product;
    const unit = !e.verified && p && p.id === e.productId ? p.price : safeCount(e.unitPrice);
    const value = addSafe(0, unit * quantity);
    const t = e.verified ? this.c.purchases.verified : this.c.purchases.unverified;
    t.events += 1;
    t.count = addSafe(t.count, quantity);
    t.value = addSafe(t.value, value);
    this.push({
      kind: 'purchase',
      at,
      collapsible: false,
      ...who(e),
      productId: e.productId,
      title: e.title,
      quantity,
      value,
      verified: e.verified,
    });
  }

  /** Idempotent per user: repeated ATTENTIONs count once; CANCELATTENTION undoes only a counted one. */
  private follow(e: Ev<'follow' | 'unfollow'>): void {
    const at = this.time(e.at);
    this.message(at);
    const following = this.follows.get(e.userId) === true;
    if (e.kind === 'unfollow') {
      if (!following) return;
      this.follows.delete(e.userId);
      this.c.followersGained -= 1;
      return;
    }
    if (following) return;
    if (!this.follows.set(e.userId, true)) {
      this.c.dropped += 1;
      return;
    }
    this.c.followersGained += 1;
    this.push({ kind: 'follow', at, collapsible: false, ...who(e) });
  }

  private applyLevels(levels: unknown): void {
    if (levels === null || typeof levels !== 'object' || Array.isArray(levels)) throw new TypeError('levels');
    let n = 0;
    for (const [k, v] of Object.entries(levels)) {
      const userId = cleanId(k, ROOM_LIMITS.userIdChars);
      const level = safeCount(v, -1);
      if (++n > ROOM_LIMITS.levelsPerEvent || !userId || level > ROOM_LIMITS.maxLevel || level < 0) {
        this.c.dropped += 1;
        continue;
      }
      if (level === 0) this.levels.delete(userId);
      else if (!this.levels.set(userId, level)) this.c.dropped += 1;
    }
  }

  done(): RoomState {
    let feed = this.feed ?? this.s.feed;
    if (feed.length > ROOM_LIMITS.feedItems) feed = feed.slice(feed.length - ROOM_LIMITS.feedItems);
    return {
      counters: this.c,
      rate: this.rate.done(),
      feed,
      nextSeq: this.nextSeq,
      likeRun: this.likeRun,
      room: this.room,
      leaderboard: mergeLeaders(this.s.leaderboard, this.touched),
      senders: this.senders.done(),
      follows: this.follows.done(),
      levels: this.levels.done(),
      updatedAt: this.now,
    };
  }
}
