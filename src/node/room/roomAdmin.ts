// The room's admin actions as IM REST calls, written once for the console (RoomService) and the
// CLI (`stageside room …`): the same operator pre-flight, the same wire codec and the same errors
// wherever an action starts. The caller supplies the REST call (its client, its error handling).
import { AppError } from '../../shared/errors';
import type { Clock } from '../../shared/domain/cryptoPort';
import {
  clearProduct,
  encodeCustomEvent,
  encodeGiftCatalog,
  encodeProduct,
  encodeRoomStatus,
  FieldTooLargeError,
  initialRoomFields,
  type FieldWrite,
  type Gift,
  type LaunchedProduct,
  type RoomStatus,
} from '../../shared/domain/liveCommerce';
import { encodePaidBy } from '../../shared/domain/room';
import {
  commitmentOf,
  couponFrom,
  drawWinners,
  encodeCouponField,
  encodeFlashSaleField,
  encodeLuckyBagField,
  encodePinnedField,
  encodePromotionEvent,
  flashSaleFrom,
  luckyBagFrom,
  newPromoId,
  type Coupon,
  type CouponRequest,
  type FlashSale,
  type FlashSaleRequest,
  type LuckyBag,
  type LuckyBagDraw,
  type LuckyBagRequest,
  type PinRequest,
  type PromotionEvent,
} from '../../shared/domain/promotions';
import { nodeCrypto } from '../infra/nodeCrypto';
import type { AdminAck } from '../../shared/roomContract';
import type { ImRestCommand, ImRestRequest, ImRestResponse } from '../../shared/tencent/restSchemas';

export type RestCall = <C extends ImRestCommand>(command: C, body: ImRestRequest<C>) => Promise<ImRestResponse<C>>;

export interface RoomAdminDeps {
  call: RestCall;
  clock: Clock;
  /** Checks operator texts against the room's word lists before publishing (throws to block). */
  preflight?: (text: string, what: string) => Promise<void>;
  /** Called after each successful action (the console logs it). */
  onDone?: (action: string, groupId: string) => void;
}

/** An acknowledged action with Tencent's (or the studio's) answer as sent, for the CLI to print. */
export interface AdminResult extends AdminAck {
  response: unknown;
}

export interface VerifiedSend {
  kind: 'gift' | 'purchase';
  userId: string;
  nick: string;
  itemId: string;
  name: string;
  value: number;
  count: number;
}

/** A product at zero stock: restock (launch it with a new stock) first. */
export class AdminSoldOut extends AppError {
  constructor(productId: string) {
    super('BAD_REQUEST', `${productId} is sold out (stock 0): restock it before launching it again`, { productId, soldOut: true });
  }
}

const fields = (groupId: string, writes: FieldWrite[]) => ({
  GroupId: groupId,
  AppDefinedData: writes.map((w) => ({ Key: w.key, Value: w.value })),
});

/** FieldTooLargeError → the console's BAD_REQUEST with the size, so both front ends word it alike. */
function encoded<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FieldTooLargeError) {
      throw new AppError('BAD_REQUEST', `${e.message}: shorten the title or drop the image/link`, { field: e.key, bytes: e.bytes });
    }
    throw e;
  }
}

/** The body of create_group for a live room: AVChatRoom with the app's custom fields set. */
export function createRoomBody(r: { groupId: string; name: string; notification?: string; owner?: string }): ImRestRequest<'group_open_http_svc/create_group'> {
  return {
    ...(r.owner ? { Owner_Account: r.owner } : {}),
    Type: 'AVChatRoom',
    ...(r.groupId ? { GroupId: r.groupId } : {}),
    Name: r.name,
    ...(r.notification ? { Notification: r.notification } : {}),
    // The app's custom fields must be configured in the IM console first: writing two of them
    // here makes a missing configuration fail at creation, not mid-show.
    AppDefinedData: initialRoomFields().map((w) => ({ Key: w.key, Value: w.value })),
  };
}

export class RoomAdmin {
  constructor(
    private readonly d: RoomAdminDeps,
    readonly groupId: string,
  ) {}

  /**
   * `add_goods` = the product; link, then image, are left out if needed to fit 512 bytes
   * (`dropped`). A product with `stock: 0` is sold out and is not launched until restocked.
   */
  async launchProduct(product: LaunchedProduct): Promise<AdminResult> {
    if (product.stock === 0) throw new AdminSoldOut(product.id);
    await this.d.preflight?.(product.title, 'product title');
    const { write, dropped } = encoded(() => encodeProduct(product));
    const r = await this.run('launchProduct', 'group_open_http_svc/modify_group_base_info', fields(this.groupId, [write]));
    return dropped.length ? { ...r, dropped } : r;
  }

  /** `Value: ""` deletes the key: viewers see the card disappear. */
  unpinProduct(): Promise<AdminResult> {
    return this.run('unpinProduct', 'group_open_http_svc/modify_group_base_info', fields(this.groupId, [clearProduct()]));
  }

  setStatus(status: RoomStatus): Promise<AdminResult> {
    return this.run('setStatus', 'group_open_http_svc/modify_group_base_info', fields(this.groupId, [encodeRoomStatus(status)]));
  }

  launchGifts(gifts: Gift[]): Promise<AdminResult> {
    const write = encoded(() => encodeGiftCatalog(gifts));
    return this.run('launchGifts', 'group_open_http_svc/modify_group_base_info', fields(this.groupId, [write]));
  }

  async announce(text: string): Promise<AdminResult> {
    await this.d.preflight?.(text, 'announcement');
    return this.run('announce', 'group_open_http_svc/modify_group_base_info', { GroupId: this.groupId, Notification: text });
  }

  async notify(content: string): Promise<AdminResult> {
    await this.d.preflight?.(content, 'system notification');
    return this.run('notify', 'group_open_http_svc/send_group_system_notification', { GroupId: this.groupId, Content: content });
  }

  /** 0 minutes unmutes. */
  mute(userId: string, minutes: number): Promise<AdminResult> {
    return this.run('mute', 'group_open_http_svc/forbid_send_msg', { GroupId: this.groupId, Members_Account: [userId], ShutUpTime: minutes * 60 });
  }

  /** A paid gift or purchase announced by the backend account: High priority, verified revenue. */
  announceVerified(a: VerifiedSend, random: number = Math.floor(Math.random() * 0x100000000) >>> 0): Promise<AdminResult> {
    const { data, extension } =
      a.kind === 'gift'
        ? encodeCustomEvent({ type: 'SEND_GIFT', giftId: a.itemId, name: a.name, value: a.value, count: a.count })
        : encodeCustomEvent({ type: 'BUY_GOODS', id: a.itemId, title: a.name, price: a.value, quantity: a.count });
    return this.run('announceVerified', 'group_open_http_svc/send_group_msg', {
      GroupId: this.groupId,
      Random: random,
      MsgPriority: 'High',
      MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: data, Desc: '', Ext: extension } }],
      // Ext keeps im-live-sells' shape; who paid rides in CloudCustomData.
      CloudCustomData: encodePaidBy({ userId: a.userId, ...(a.nick ? { nick: a.nick } : {}) }),
    });
  }

  // -------------------------------------------------------------------------------------------
  // Promotions: the field a late joiner reads, then the High-priority message everyone sees now.

  /** A flash sale: announced now, open after its countdown, ended by itself after its duration. */
  async startFlashSale(r: FlashSaleRequest, random: () => number = Math.random): Promise<AdminResult & { sale: FlashSale }> {
    await this.d.preflight?.(r.title, 'flash sale title');
    const sale = flashSaleFrom(r, newPromoId('flashSale', random), this.d.clock.now());
    const result = await this.promotion('startFlashSale', encoded(() => encodeFlashSaleField(sale)), { type: 'FLASH_SALE', sale });
    return { ...result, sale };
  }

  /** Stops a flash sale early; `sold` is what the console's counters say. */
  stopFlashSale(id: string, sold: number): Promise<AdminResult> {
    return this.promotion('stopFlashSale', encodeFlashSaleField(null), { type: 'FLASH_SALE_END', end: { id, reason: 'stopped', count: sold } });
  }

  async dropCoupon(r: CouponRequest, random: () => number = Math.random): Promise<AdminResult & { coupon: Coupon }> {
    if (r.title) await this.d.preflight?.(r.title, 'coupon title');
    const coupon = couponFrom(r, newPromoId('coupon', random), this.d.clock.now());
    const result = await this.promotion('dropCoupon', encoded(() => encodeCouponField(coupon)), { type: 'COUPON_DROP', coupon });
    return { ...result, coupon };
  }

  endCoupon(id: string, claimed: number): Promise<AdminResult> {
    return this.promotion('endCoupon', encodeCouponField(null), { type: 'COUPON_END', end: { id, reason: 'stopped', count: claimed } });
  }

  /**
   * A lucky bag: publishes SHA-256(seed) before its countdown. The seed stays with the caller
   * until `drawLuckyBag` reveals it.
   */
  async startLuckyBag(r: LuckyBagRequest, seed: string, random: () => number = Math.random): Promise<AdminResult & { bag: LuckyBag }> {
    await this.d.preflight?.(r.prize, 'lucky bag prize');
    if (r.keyword) await this.d.preflight?.(r.keyword, 'lucky bag keyword');
    const bag = luckyBagFrom(r, newPromoId('luckyBag', random), commitmentOf(nodeCrypto, seed), this.d.clock.now());
    const result = await this.promotion('startLuckyBag', encoded(() => encodeLuckyBagField(bag)), { type: 'LUCKY_BAG', bag });
    return { ...result, bag };
  }

  /** Reveals the seed and the winners (drawWinners over the entrants) to the room; the bag's field is cleared. */
  async drawLuckyBag(bag: LuckyBag, seed: string, entrants: Iterable<string>): Promise<AdminResult & { draw: LuckyBagDraw; entrants: string[] }> {
    const r = drawWinners(nodeCrypto, { commit: bag.commit, seed, entrants, winners: bag.winners });
    if (!r.ok) throw new AppError('BAD_REQUEST', r.message);
    const draw: LuckyBagDraw = { id: bag.id, prize: bag.prize, commit: bag.commit, seed, entrants: r.entrants.length, entrantsSha256: r.entrantsSha256, winners: r.winners };
    const result = await this.promotion('drawLuckyBag', encodeLuckyBagField(null), { type: 'LUCKY_BAG_DRAW', draw });
    return { ...result, draw, entrants: r.entrants };
  }

  /** Pins a viewer's (or the operator's own) comment above everyone's chat until unpinned. */
  async pinComment(p: PinRequest): Promise<AdminResult> {
    await this.d.preflight?.(p.text, 'pinned comment');
    const write = encoded(() => encodePinnedField({ userId: p.userId, nick: p.nick, text: p.text, at: this.d.clock.now() }));
    return this.run('pinComment', 'group_open_http_svc/modify_group_base_info', fields(this.groupId, [write]));
  }

  unpinComment(): Promise<AdminResult> {
    return this.run('unpinComment', 'group_open_http_svc/modify_group_base_info', fields(this.groupId, [encodePinnedField(null)]));
  }

  /** Field first (late joiners), then the message (everyone now, High priority). */
  private async promotion(action: string, write: FieldWrite, event: PromotionEvent): Promise<AdminResult> {
    const { data, extension } = encodePromotionEvent(event);
    await this.d.call('group_open_http_svc/modify_group_base_info', fields(this.groupId, [write]));
    return this.run(action, 'group_open_http_svc/send_group_msg', {
      GroupId: this.groupId,
      Random: Math.floor(Math.random() * 0x100000000) >>> 0,
      MsgPriority: 'High',
      MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: data, Desc: '', Ext: extension } }],
    });
  }

  /** Ends the room for everyone (cleanup after a show or a rehearsal). */
  destroy(): Promise<AdminResult> {
    return this.run('destroy', 'group_open_http_svc/destroy_group', { GroupId: this.groupId });
  }

  private async run<C extends ImRestCommand>(action: string, command: C, body: ImRestRequest<C>): Promise<AdminResult> {
    const response = await this.d.call(command, body);
    this.d.onDone?.(action, this.groupId);
    return { action, at: this.d.clock.now(), groupId: this.groupId, response };
  }
}
