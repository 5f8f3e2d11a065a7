// The promotions' wire, in im-live-sells' conventions beside the rest of liveCommerce.ts: group
// custom fields for what a late joiner must see (the running flash sale, coupon, lucky bag, the
// pinned comment, the live counters) and custom messages (`Data` = event, `Ext` = JSON) for what
// happens, sent by the backend account at High priority. Encoded, decoded and size-checked here
// only; docs/promotions-wire.md describes every field for merchants' apps.
import { type z } from 'zod';
import {
  FIELD_COUPON,
  FIELD_FLASH_SALE,
  FIELD_LUCKY_BAG,
  FIELD_PINNED,
  FIELD_PROMO_LEFT,
  fieldJson,
  type FieldWrite,
} from '../liveCommerce';
import { LIMITS, utf8Bytes } from '../../tencent/limits';
import {
  couponSchema,
  flashSaleSchema,
  luckyBagDrawSchema,
  luckyBagSchema,
  pinnedCommentSchema,
  promoEndSchema,
  promoLeftSchema,
  type Coupon,
  type FlashSale,
  type LuckyBag,
  type LuckyBagDraw,
  type PinnedComment,
  type PromoEnd,
  type PromoLeft,
} from './model';

// ---------------------------------------------------------------------------------------------
// Group custom fields

export const encodeFlashSaleField = (s: FlashSale | null): FieldWrite => (s ? fieldJson(FIELD_FLASH_SALE, s) : { key: FIELD_FLASH_SALE, value: '' });
export const encodeCouponField = (c: Coupon | null): FieldWrite => (c ? fieldJson(FIELD_COUPON, c) : { key: FIELD_COUPON, value: '' });
export const encodeLuckyBagField = (b: LuckyBag | null): FieldWrite => (b ? fieldJson(FIELD_LUCKY_BAG, b) : { key: FIELD_LUCKY_BAG, value: '' });
export const encodePinnedField = (p: PinnedComment | null): FieldWrite => (p ? fieldJson(FIELD_PINNED, p) : { key: FIELD_PINNED, value: '' });
export const encodePromoLeftField = (t: PromoLeft): FieldWrite => fieldJson(FIELD_PROMO_LEFT, t);

function parsed<T>(schema: z.ZodType<T>, raw: string | undefined): T | null {
  if (!raw || utf8Bytes(raw) > LIMITS.customFieldValueBytes * 4) return null;
  try {
    const r = schema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** What the promotion fields say; only keys present in the input are set (null = cleared or unreadable). */
export interface PromotionFields {
  flashSale?: FlashSale | null;
  coupon?: Coupon | null;
  luckyBag?: LuckyBag | null;
  pinned?: PinnedComment | null;
  left?: PromoLeft | null;
}

/** Reads `{key, value}` entries (getGroupProfile, a profile tip, get_group_info); other keys are ignored. */
export function decodePromotionFields(fields: readonly { key: unknown; value: unknown }[]): PromotionFields {
  const out: PromotionFields = {};
  for (const f of fields) {
    const v = typeof f.value === 'string' ? f.value : '';
    if (f.key === FIELD_FLASH_SALE) out.flashSale = parsed(flashSaleSchema, v);
    else if (f.key === FIELD_COUPON) out.coupon = parsed(couponSchema, v);
    else if (f.key === FIELD_LUCKY_BAG) out.luckyBag = parsed(luckyBagSchema, v);
    else if (f.key === FIELD_PINNED) out.pinned = parsed(pinnedCommentSchema, v);
    else if (f.key === FIELD_PROMO_LEFT) out.left = parsed(promoLeftSchema, v);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Custom messages (sent by the backend account, MsgPriority High)

export const PROMOTION_EVENT_TYPES = ['FLASH_SALE', 'FLASH_SALE_END', 'COUPON_DROP', 'COUPON_END', 'LUCKY_BAG', 'LUCKY_BAG_DRAW'] as const;
export type PromotionEventType = (typeof PROMOTION_EVENT_TYPES)[number];
export const isPromotionEventType = (data: unknown): data is PromotionEventType => (PROMOTION_EVENT_TYPES as readonly unknown[]).includes(data);

export type PromotionEvent =
  | { type: 'FLASH_SALE'; sale: FlashSale }
  | { type: 'FLASH_SALE_END'; end: PromoEnd }
  | { type: 'COUPON_DROP'; coupon: Coupon }
  | { type: 'COUPON_END'; end: PromoEnd }
  | { type: 'LUCKY_BAG'; bag: LuckyBag }
  | { type: 'LUCKY_BAG_DRAW'; draw: LuckyBagDraw };

function payloadOf(e: PromotionEvent): unknown {
  switch (e.type) {
    case 'FLASH_SALE':
      return e.sale;
    case 'COUPON_DROP':
      return e.coupon;
    case 'LUCKY_BAG':
      return e.bag;
    case 'LUCKY_BAG_DRAW':
      return e.draw;
    case 'FLASH_SALE_END':
    case 'COUPON_END':
      return e.end;
  }
}

/** A promotion message's custom element, size-checked against Tencent's 12 KB message limit. */
export function encodePromotionEvent(e: PromotionEvent): { data: PromotionEventType; extension: string } {
  const extension = JSON.stringify(payloadOf(e));
  if (utf8Bytes(extension) > LIMITS.msgBodyBytes - 512) throw new Error(`${e.type} is ${utf8Bytes(extension)} bytes; a message holds at most 12 KB`);
  return { data: e.type, extension };
}

/** Reads a promotion message; undefined when `data` is not one or the extension is not valid. */
export function decodePromotionEvent(data: string, ext: string): PromotionEvent | undefined {
  if (!isPromotionEventType(data) || ext.length > LIMITS.msgBodyBytes) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(ext);
  } catch {
    return undefined;
  }
  switch (data) {
    case 'FLASH_SALE': {
      const r = flashSaleSchema.safeParse(json);
      return r.success ? { type: data, sale: r.data } : undefined;
    }
    case 'COUPON_DROP': {
      const r = couponSchema.safeParse(json);
      return r.success ? { type: data, coupon: r.data } : undefined;
    }
    case 'LUCKY_BAG': {
      const r = luckyBagSchema.safeParse(json);
      return r.success ? { type: data, bag: r.data } : undefined;
    }
    case 'LUCKY_BAG_DRAW': {
      const r = luckyBagDrawSchema.safeParse(json);
      return r.success ? { type: data, draw: r.data } : undefined;
    }
    case 'FLASH_SALE_END':
    case 'COUPON_END': {
      const r = promoEndSchema.safeParse(json);
      return r.success ? { type: data, end: r.data } : undefined;
    }
  }
}
