// The promotions desk: the backend that decides (the studio's shop) or records (a merchant's
// orders on Tencent) purchases and coupon claims through the one PromotionBook per room, requests
// serialised per room so races have one outcome, and announces each result to the room as the
// admin account (verified, High priority) with the counters in `promo_left`. It also keeps what a
// lucky bag's entry conditions need from the room's callbacks.
import {
  FIELD_ADD_GOODS,
  FIELD_COUPON,
  FIELD_FLASH_SALE,
  FIELD_LUCKY_BAG,
  encodeCustomEvent,
} from '../../shared/domain/liveCommerce';
import {
  decodePromotionFields,
  encodePromoLeftField,
  encodePromotionEvent,
  entrantsDigest,
  PromotionBook,
  type BuyOutcome,
  type BuyRequest,
  type Claim,
  type ClaimOutcome,
  type ClaimRequest,
  type LuckyBag,
  type Order,
  type PromotionEvent,
} from '../../shared/domain/promotions';
import type { CryptoPort } from '../../shared/domain/cryptoPort';
import { encodePaidBy } from '../../shared/domain/room';
import type { Logger } from '../../node/infra/logger';
import type { ImRestCall } from '../imRest';
import type { ExitCallback, JoinCallback, SendMsgCallback } from '../protocol';
import { RoomEntries } from './entries';

export interface PromotionDeskDeps {
  rest: ImRestCall;
  adminIdentifier: string;
  crypto: Pick<CryptoPort, 'sha256Hex'>;
  log: Logger;
  now?: () => number;
  /** Fields older than this are read again before a decision (default 1 s). */
  fieldsMaxAgeMs?: number;
  /** `promo_left` is written at most this often per room (default 500 ms); the last value always. */
  leftEveryMs?: number;
}

/** The desk could not reach IM (or IM refused): the request was not decided. */
export class DeskUnavailableError extends Error {
  override name = 'DeskUnavailableError';
}

const FIELDS = [FIELD_ADD_GOODS, FIELD_FLASH_SALE, FIELD_COUPON, FIELD_LUCKY_BAG];

class RoomDesk {
  readonly book: PromotionBook;
  readonly entries: RoomEntries;
  fetchedAt = Number.NEGATIVE_INFINITY;
  bag: LuckyBag | null = null;
  /** Decisions, one at a time. */
  queue: Promise<unknown> = Promise.resolve();
  /** Announcements, in decision order. */
  announcing: Promise<unknown> = Promise.resolve();
  leftTimer: ReturnType<typeof setTimeout> | undefined;
  leftWritten = '';

  constructor(now: () => number, excluded: ReadonlySet<string>) {
    this.book = new PromotionBook(now);
    this.entries = new RoomEntries(excluded);
  }
}

export class PromotionDesk {
  private readonly rooms = new Map<string, RoomDesk>();
  private readonly now: () => number;
  private disposed = false;

  constructor(private readonly d: PromotionDeskDeps) {
    this.now = d.now ?? Date.now;
  }

  /** Decides a purchase (the studio's shop) and announces an accepted one. */
  buy(groupId: string, r: BuyRequest): Promise<BuyOutcome> {
    return this.decide(groupId, (room) => room.book.buy(r), (o) => !o.ok && ['noSale', 'notOnSale', 'outOfStock'].includes(o.reason)).then((o) => this.afterBuy(groupId, o));
  }

  /** Records an order the merchant's backend took (Tencent), once per order id, and announces it. */
  recordOrder(groupId: string, order: Omit<Order, 'source'>): Promise<BuyOutcome> {
    return this.decide(groupId, (room) => room.book.record(order), () => false).then((o) => this.afterBuy(groupId, o));
  }

  claim(groupId: string, r: ClaimRequest): Promise<ClaimOutcome> {
    return this.decide(groupId, (room) => room.book.claim(r), (o) => !o.ok && o.reason === 'noCoupon').then((o) => this.afterClaim(groupId, o));
  }

  recordClaim(groupId: string, r: ClaimRequest): Promise<ClaimOutcome> {
    return this.decide(groupId, (room) => room.book.recordClaim(r), (o) => !o.ok && o.reason === 'noCoupon').then((o) => this.afterClaim(groupId, o));
  }

  /** The room's verified orders and claims this desk decided or recorded. */
  ledger(groupId: string): { orders: Order[]; claims: Claim[] } {
    const room = this.rooms.get(groupId);
    return { orders: room?.book.orders() ?? [], claims: room?.book.claims() ?? [] };
  }

  /** The running (or last) lucky bag's entrants now, canonical, with their digest. */
  async entrants(groupId: string, bagId: string): Promise<{ bag: LuckyBag; entrants: string[]; entrantsSha256: string } | undefined> {
    const room = this.room(groupId);
    await this.refresh(groupId, room);
    const bag = room.bag;
    if (!bag || bag.id !== bagId) return undefined;
    const entrants = room.entries.entrants(bag, this.now());
    return { bag, entrants, entrantsSha256: entrantsDigest(this.d.crypto, entrants) };
  }

  // Callbacks: what entry conditions need.
  afterSend(b: SendMsgCallback): void {
    const room = this.room(b.GroupId);
    const at = this.now();
    for (const el of b.MsgBody) {
      const c = el.MsgContent;
      if (el.MsgType === 'TIMTextElem' && typeof c.Text === 'string') room.entries.text(b.From_Account, c.Text, at);
      else if (el.MsgType === 'TIMCustomElem' && (c.Data === 'ATTENTION' || c.Data === 'CANCELATTENTION')) room.entries.follow(b.From_Account, c.Data === 'ATTENTION');
    }
  }

  joined(b: JoinCallback): void {
    const room = this.room(b.GroupId);
    for (const m of b.NewMemberList) room.entries.joined(m.Member_Account, this.now());
  }

  exited(b: ExitCallback): void {
    const room = this.rooms.get(b.GroupId);
    for (const m of b.ExitMemberList) room?.entries.exited(m.Member_Account, this.now());
  }

  /** Waits for queued announcements (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.rooms.values()].map((r) => Promise.allSettled([r.queue, r.announcing])));
  }

  dispose(): void {
    this.disposed = true;
    for (const r of this.rooms.values()) clearTimeout(r.leftTimer);
  }

  private room(groupId: string): RoomDesk {
    let r = this.rooms.get(groupId);
    if (!r) {
      r = new RoomDesk(this.now, new Set([this.d.adminIdentifier]));
      this.rooms.set(groupId, r);
    }
    return r;
  }

  /**
   * Runs `f` in the room's queue on fields at most `fieldsMaxAgeMs` old; once more after a re-read
   * when `stale` says a refusal may come from fields that changed since (a new sale, a restock) and
   * they were read before the request arrived — requests queued behind one re-read share it.
   */
  private decide<T>(groupId: string, f: (room: RoomDesk) => T, stale: (t: T) => boolean): Promise<T> {
    const room = this.room(groupId);
    const arrived = this.now();
    const run = room.queue.then(async () => {
      const age = this.now() - room.fetchedAt;
      if (age > (this.d.fieldsMaxAgeMs ?? 1000)) await this.refresh(groupId, room);
      const first = f(room);
      if (!stale(first) || room.fetchedAt > arrived) return first;
      await this.refresh(groupId, room);
      return f(room);
    });
    room.queue = run.catch(() => undefined);
    return run;
  }

  private async refresh(groupId: string, room: RoomDesk): Promise<void> {
    const r = await this.d.rest('group_open_http_svc/get_group_info', { GroupIdList: [groupId], ResponseFilter: { AppDefinedDataFilter_Group: FIELDS } });
    const info = (r.GroupInfo as { ErrorCode?: number; ErrorInfo?: string; AppDefinedData?: { Key: string; Value: string }[] }[] | undefined)?.[0];
    if (r.ErrorCode !== 0 || !info || (info.ErrorCode ?? 0) !== 0) {
      throw new DeskUnavailableError(`IM get_group_info for ${groupId}: ${info?.ErrorInfo ?? r.ErrorInfo ?? 'no answer'} (${info?.ErrorCode ?? r.ErrorCode})`);
    }
    const kv = (info.AppDefinedData ?? []).map((x) => ({ key: x.Key, value: x.Value }));
    const present = new Map(kv.map((x) => [x.key, x.value]));
    const p = decodePromotionFields(FIELDS.filter((k) => k !== FIELD_ADD_GOODS).map((key) => ({ key, value: present.get(key) ?? '' })));
    room.book.sync({ addGoods: present.get(FIELD_ADD_GOODS) ?? '', flashSale: p.flashSale ?? null, coupon: p.coupon ?? null });
    room.bag = p.luckyBag ?? room.bag;
    room.fetchedAt = this.now();
  }

  private async afterBuy(groupId: string, o: BuyOutcome): Promise<BuyOutcome> {
    if (!o.ok || o.duplicate) return o;
    const { order } = o;
    const buy = encodeCustomEvent({
      type: 'BUY_GOODS',
      id: order.productId,
      title: order.title,
      price: order.unitPrice,
      quantity: order.quantity,
      orderId: order.orderId,
      ...(order.promoId !== undefined ? { promoId: order.promoId } : {}),
      ...(o.saleLeft !== undefined ? { saleLeft: o.saleLeft } : {}),
      ...(o.stockLeft !== undefined ? { stockLeft: o.stockLeft } : {}),
    });
    const room = this.room(groupId);
    const sold = room.book.left().fs;
    await this.announce(groupId, [
      { ...buy, paidBy: { userId: order.userId, nick: order.nick } },
      ...(o.saleSoldOut && order.promoId && sold ? [encodePromotionEvent({ type: 'FLASH_SALE_END', end: { id: order.promoId, reason: 'soldOut', count: sold.sold } } satisfies PromotionEvent)] : []),
    ]);
    return o;
  }

  private async afterClaim(groupId: string, o: ClaimOutcome): Promise<ClaimOutcome> {
    if (!o.ok || o.duplicate) return o;
    const use = encodeCustomEvent({ type: 'USE_COUPON', couponId: o.claim.couponId, claimId: o.claim.claimId, left: o.left });
    const total = this.room(groupId).book.left().cp?.claimed ?? 0;
    await this.announce(groupId, [
      { ...use, paidBy: { userId: o.claim.userId, nick: o.claim.nick } },
      ...(o.allClaimed ? [encodePromotionEvent({ type: 'COUPON_END', end: { id: o.claim.couponId, reason: 'allClaimed', count: total } })] : []),
    ]);
    return o;
  }

  /** Sends the messages in order (after earlier announcements), then schedules `promo_left`. */
  private announce(groupId: string, msgs: { data: string; extension: string; paidBy?: { userId: string; nick: string } }[]): Promise<void> {
    const room = this.room(groupId);
    const run = room.announcing.then(async () => {
      for (const m of msgs) {
        const r = await this.d.rest('group_open_http_svc/send_group_msg', {
          GroupId: groupId,
          Random: Math.floor(Math.random() * 0x100000000) >>> 0,
          MsgPriority: 'High',
          MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: m.data, Desc: '', Ext: m.extension } }],
          ...(m.paidBy ? { CloudCustomData: encodePaidBy(m.paidBy.nick ? m.paidBy : { userId: m.paidBy.userId }) } : {}),
        });
        if (r.ErrorCode !== 0) this.d.log.warn({ group: groupId, event: m.data, code: r.ErrorCode, info: r.ErrorInfo }, 'promotions: announcement refused');
      }
    });
    room.announcing = run.catch((e: unknown) => this.d.log.warn({ err: e, group: groupId }, 'promotions: announcement failed'));
    this.scheduleLeft(groupId, room);
    return run.catch(() => undefined);
  }

  private scheduleLeft(groupId: string, room: RoomDesk): void {
    if (room.leftTimer || this.disposed) return;
    room.leftTimer = setTimeout(() => {
      room.leftTimer = undefined;
      const write = encodePromoLeftField(room.book.left());
      if (write.value === room.leftWritten) return;
      room.leftWritten = write.value;
      room.announcing = room.announcing
        .then(() => this.d.rest('group_open_http_svc/modify_group_base_info', { GroupId: groupId, AppDefinedData: [{ Key: write.key, Value: write.value }] }))
        .catch((e: unknown) => this.d.log.warn({ err: e, group: groupId }, 'promotions: promo_left not written'));
    }, this.d.leftEveryMs ?? 500);
    room.leftTimer.unref?.();
  }
}
