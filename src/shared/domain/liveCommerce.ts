// The one owner of the live-commerce wire (Tencent's im-live-sells conventions): the group custom
// fields `room_status`, `add_goods` and our `gift_catalog`, and the custom messages (`Data` = event
// type, `Ext` = value). Every reader and writer — console, main, CLI, studio, viewer page,
// simulator — encodes and decodes through here, so they cannot disagree, and the 512-byte field
// limit is checked once, on the writing side.
import { z } from 'zod';
import { LIMITS, utf8Bytes } from '../tencent/limits';

export const CUSTOM_EVENT_TYPES = ['LIKE', 'SEND_GIFT', 'BUY_GOODS', 'ATTENTION', 'CANCELATTENTION', 'USE_COUPON'] as const;
export type CustomEventType = (typeof CUSTOM_EVENT_TYPES)[number];

export const FIELD_ROOM_STATUS = 'room_status';
export const FIELD_ADD_GOODS = 'add_goods';
export const FIELD_GIFT_CATALOG = 'gift_catalog';
export const DEFAULT_CUSTOM_FIELDS = [FIELD_ROOM_STATUS, FIELD_ADD_GOODS, FIELD_GIFT_CATALOG] as const;
/**
 * The promotions' group custom fields (what a late joiner must see; promotions/wire.ts encodes
 * them): the running flash sale, coupon and lucky bag and the pinned comment, written by the admin
 * commands, and `promo_left`, the counters written by whoever decides purchases (the studio's
 * shop, or the callbacks service on Tencent). Eight fields in all, inside Tencent's ten per group.
 */
export const FIELD_FLASH_SALE = 'flash_sale';
export const FIELD_COUPON = 'coupon';
export const FIELD_LUCKY_BAG = 'lucky_bag';
export const FIELD_PINNED = 'pinned';
export const FIELD_PROMO_LEFT = 'promo_left';
export const PROMOTION_FIELDS = [FIELD_FLASH_SALE, FIELD_COUPON, FIELD_LUCKY_BAG, FIELD_PINNED, FIELD_PROMO_LEFT] as const;
/** Every group custom field Stageside reads and writes (configure all of them in the IM console). */
export const ROOM_CUSTOM_FIELDS = [...DEFAULT_CUSTOM_FIELDS, ...PROMOTION_FIELDS] as const;

/** Group custom field values are at most 512 bytes (Tencent IM group custom fields). */
export const CUSTOM_FIELD_MAX_BYTES = LIMITS.customFieldValueBytes;

/** `room_status` values (app-defined strings per im-live-sells; ours are these four). */
export const ROOM_STATUSES = ['not_started', 'live', 'paused', 'ended'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];

/**
 * LVB StreamName for a room: the group id with characters outside the safe set replaced, so
 * `@TGS#…` ids map to a valid stream. The studio, main and the renderer agree on it.
 */
export const streamNameForRoom = (roomId: string): string =>
  // No leading '-' or '.': '@TGS#…' ids would otherwise give '-TGS-…', which reads as a CLI option.
  roomId.replace(/[^A-Za-z0-9_.~-]/g, '-').replace(/^[-.]+/, '') || 'room';

export const byteLength = utf8Bytes;

const shortText = (max: number) => z.string().trim().min(1).max(max);
const money = z.number().int().min(0).max(1_000_000_000);
const httpUrl = z
  .string()
  .max(300)
  .regex(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' });

/** A product as launched into `add_goods`; price in minor units (fen/cents). */
export const launchedProductSchema = z
  .object({
    id: shortText(64),
    title: shortText(120),
    price: money,
    currency: z.string().regex(/^[A-Z]{3}$/).default('CNY'),
    image: httpUrl.optional(),
    link: httpUrl.optional(),
    /** Units in stock when launched (absent: not tracked); 0 shows the product sold out. */
    stock: z.number().int().min(0).max(1_000_000).optional(),
    /**
     * Stream clock of the launch (capture ms since epoch, the clock SEI's `t`): players that read
     * the clock show the card when their video reaches it; others (im-live-sells) ignore the key.
     */
    at: z.number().int().min(0).max(8_640_000_000_000).optional(),
  })
  .strict();
export type LaunchedProduct = z.infer<typeof launchedProductSchema>;

export const giftSchema = z
  .object({
    id: shortText(32),
    name: shortText(32),
    /** Value in minor units per gift. */
    value: money,
    /** An emoji or a short image URL. */
    icon: z.string().max(120).default(''),
  })
  .strict();
export type Gift = z.infer<typeof giftSchema>;
export const giftCatalogSchema = z.array(giftSchema).max(12);

export const DEFAULT_GIFT_CATALOG: Gift[] = [
  { id: 'rose', name: 'Rose', value: 100, icon: '🌹' },
  { id: 'heart', name: 'Heart', value: 500, icon: '💖' },
  { id: 'rocket', name: 'Rocket', value: 5000, icon: '🚀' },
];

// ---------------------------------------------------------------------------------------------
// Group custom fields

/** One `AppDefinedData` entry to write; `value: ""` deletes the key (viewers see it cleared). */
export interface FieldWrite {
  key: string;
  value: string;
}

/** A value that does not fit a group custom field, even after dropping what may be dropped. */
export class FieldTooLargeError extends Error {
  constructor(
    readonly key: string,
    readonly bytes: number,
  ) {
    super(`The ${key} value is ${bytes} bytes; group custom fields hold at most ${CUSTOM_FIELD_MAX_BYTES}`);
    this.name = 'FieldTooLargeError';
  }
}

/** The one writer-side size check of every custom-field value. */
export function fieldJson(key: string, value: unknown): FieldWrite {
  const json = JSON.stringify(value);
  const bytes = utf8Bytes(json);
  if (bytes > CUSTOM_FIELD_MAX_BYTES) throw new FieldTooLargeError(key, bytes);
  return { key, value: json };
}

export const encodeRoomStatus = (status: RoomStatus): FieldWrite => ({ key: FIELD_ROOM_STATUS, value: status });

export const clearProduct = (): FieldWrite => ({ key: FIELD_ADD_GOODS, value: '' });

export type DroppableProductPart = 'link' | 'image';

/**
 * `add_goods` for a launch: the whole product if it fits 512 bytes, else without the link, then
 * without the image too; `dropped` says what was left out. Throws FieldTooLargeError when even the
 * bare product (id, title, price) does not fit.
 */
export function encodeProduct(p: LaunchedProduct): { write: FieldWrite; dropped: DroppableProductPart[] } {
  const { link, image, ...bare } = p;
  const candidates: [LaunchedProduct, DroppableProductPart[]][] = [
    [p, []],
    [{ ...bare, ...(image ? { image } : {}) }, link ? ['link'] : []],
    [bare, [...(link ? (['link'] as const) : []), ...(image ? (['image'] as const) : [])]],
  ];
  for (const [product, dropped] of candidates) {
    if (utf8Bytes(JSON.stringify(product)) <= CUSTOM_FIELD_MAX_BYTES) return { write: { key: FIELD_ADD_GOODS, value: JSON.stringify(product) }, dropped };
  }
  throw new FieldTooLargeError(FIELD_ADD_GOODS, utf8Bytes(JSON.stringify(bare)));
}

export const encodeGiftCatalog = (gifts: Gift[]): FieldWrite => fieldJson(FIELD_GIFT_CATALOG, gifts);

/** The fields a new room starts with: not started, and the default gift catalog. */
export const initialRoomFields = (): FieldWrite[] => [encodeRoomStatus('not_started'), encodeGiftCatalog(DEFAULT_GIFT_CATALOG)];

/**
 * Values other backends write (im-live-sells leaves them app-defined, "online / offline / paused",
 * and Tencent's own examples use "0" / "1"), read as our statuses. We write ours.
 */
const ROOM_STATUS_ALIASES: Record<string, RoomStatus> = {
  '0': 'not_started',
  offline: 'not_started',
  '1': 'live',
  online: 'live',
  '2': 'paused',
  '3': 'ended',
};

export const parseRoomStatus = (raw: string | undefined): RoomStatus | undefined => {
  const v = (raw ?? '').trim();
  if ((ROOM_STATUSES as readonly string[]).includes(v)) return v as RoomStatus;
  return Object.prototype.hasOwnProperty.call(ROOM_STATUS_ALIASES, v.toLowerCase()) ? ROOM_STATUS_ALIASES[v.toLowerCase()] : undefined;
};

function parseJson(raw: string | undefined): unknown {
  if (!raw || raw.length > LIMITS.msgBodyBytes) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The product on screen from `add_goods`. Stageside writes one product object; Tencent's
 * create_group example seeds the field with a list (`"[]"`, "current product list pushed by the
 * backend"), so a list written by another backend is read too: its last valid entry is shown and
 * an empty list means none.
 */
export function decodeProduct(raw: string | undefined): LaunchedProduct | undefined {
  const json = parseJson(raw);
  if (json === undefined) return undefined;
  const items = Array.isArray(json) ? [...json].reverse() : [json];
  for (const item of items) {
    const r = launchedProductSchema.safeParse(item);
    if (r.success) return r.data;
  }
  return undefined;
}

/** The gift catalog from `gift_catalog`: the default catalog when the field is empty, unreadable or an empty list. */
export function decodeGiftCatalog(raw: string | undefined): Gift[] {
  const r = giftCatalogSchema.safeParse(parseJson(raw));
  return r.success && r.data.length > 0 ? r.data : DEFAULT_GIFT_CATALOG;
}

/** What a set of custom fields says about the room; only keys present are set (null = cleared). */
export interface RoomFields {
  status?: RoomStatus | null;
  product?: LaunchedProduct | null;
  giftCatalog?: Gift[];
}

/** Reads `{key, value}` entries (getGroupProfile, a profile tip, get_group_info); unknown keys are ignored. */
export function decodeRoomFields(fields: readonly { key: unknown; value: unknown }[], maxValueChars = LIMITS.msgBodyBytes): RoomFields {
  const out: RoomFields = {};
  for (const f of fields) {
    const value = typeof f.value === 'string' && f.value.length <= maxValueChars ? f.value : '';
    if (f.key === FIELD_ROOM_STATUS) out.status = parseRoomStatus(value) ?? null;
    else if (f.key === FIELD_ADD_GOODS) out.product = decodeProduct(value) ?? null;
    else if (f.key === FIELD_GIFT_CATALOG) out.giftCatalog = decodeGiftCatalog(value);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Custom messages: `Data` = event type, `Ext` = JSON value

/** `Ext` payloads per event type. Viewers' values are claims; only backend sends are verified. */
export const likeExtSchema = z.object({ count: z.number().int().min(1).max(1000) }).strict();
export const giftExtSchema = z
  .object({ giftId: shortText(32), name: shortText(32), value: money, count: z.number().int().min(1).max(9999) })
  .strict();
export const buyExtSchema = z
  .object({
    id: shortText(64),
    title: shortText(120),
    price: money,
    quantity: z.number().int().min(1).max(999).default(1),
    /** Set by the backend that decided the order (promotions): its id, the flash sale, units left. */
    orderId: shortText(64).optional(),
    promoId: shortText(32).optional(),
    saleLeft: z.number().int().min(0).optional(),
    stockLeft: z.number().int().min(0).optional(),
  })
  .strict();
/** `USE_COUPON`'s Ext when the backend announces a claim; im-live-sells sends any (or no) Ext. */
export const couponExtSchema = z
  .object({ couponId: shortText(32), claimId: shortText(64).optional(), left: z.number().int().min(0).optional() })
  .strict();

/**
 * The keys of each event's `Ext` JSON that are identifiers, not human text: a word filter never
 * checks or masks them (a gift's name and a product's title are text; its id is a key apps look
 * up). `Data` itself is the event key and is never text.
 */
export const EXT_ID_KEYS: Readonly<Record<CustomEventType, readonly string[]>> = {
  LIKE: [],
  SEND_GIFT: ['giftId'],
  BUY_GOODS: ['id'],
  ATTENTION: [],
  CANCELATTENTION: [],
  USE_COUPON: [],
};

export const isCustomEventType = (data: unknown): data is CustomEventType => (CUSTOM_EVENT_TYPES as readonly unknown[]).includes(data);

export type CustomEvent =
  | { type: 'LIKE'; count: number }
  /** `foreign`: the extension was not ours (another app's free-form gift data): never verified, value 0. */
  | ({ type: 'SEND_GIFT'; foreign?: true } & z.infer<typeof giftExtSchema>)
  | ({ type: 'BUY_GOODS' } & z.infer<typeof buyExtSchema>)
  | { type: 'ATTENTION' }
  | { type: 'CANCELATTENTION' }
  /** `couponId` etc. only when the extension is ours (a backend's verified claim, or a viewer naming one). */
  | ({ type: 'USE_COUPON' } & Partial<z.infer<typeof couponExtSchema>>);

/** The custom element (`Data`, `Ext`) for an event, in im-live-sells' shape. */
export function encodeCustomEvent(e: CustomEvent): { data: CustomEventType; extension: string } {
  switch (e.type) {
    case 'LIKE':
      return { data: 'LIKE', extension: JSON.stringify({ count: e.count }) };
    case 'SEND_GIFT':
      return { data: 'SEND_GIFT', extension: JSON.stringify({ giftId: e.giftId, name: e.name, value: e.value, count: e.count }) };
    case 'BUY_GOODS': {
      const { type: _t, ...ext } = e;
      return { data: 'BUY_GOODS', extension: JSON.stringify(ext) };
    }
    case 'USE_COUPON': {
      const { type: _t, ...ext } = e;
      return { data: 'USE_COUPON', extension: JSON.stringify(ext) };
    }
    default:
      return { data: e.type, extension: '{}' };
  }
}

export type CustomDecodeFailure = 'tooLarge' | 'badJson' | 'badExt' | 'unknownCustomType';
export type DecodedCustomEvent = { ok: true; event: CustomEvent } | { ok: false; reason: CustomDecodeFailure };

function extJson(ext: string, maxChars: number): { ok: true; value: unknown } | { ok: false; reason: 'tooLarge' | 'badJson' } {
  if (ext.length > maxChars) return { ok: false, reason: 'tooLarge' };
  try {
    return { ok: true, value: JSON.parse(ext) as unknown };
  } catch {
    return { ok: false, reason: 'badJson' };
  }
}

/**
 * A gift whose extension is not ours: im-live-sells documents the extension as free-form app data
 * (`sendGift('rose')`, a gift JSON without `count`), so it is shown by whatever name it carries.
 */
function foreignGift(ext: string, maxChars: number): CustomEvent {
  const j = extJson(ext, maxChars);
  const v = j.ok ? j.value : undefined;
  const rec = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  const pick = (...keys: string[]) => keys.map((k) => rec?.[k]).find((x) => typeof x === 'string' && x.trim() !== '') as string | undefined;
  const raw = (rec ? pick('name', 'giftName', 'giftId', 'id') : undefined) ?? (typeof v === 'string' || typeof v === 'number' ? String(v) : ext);
  const name = (raw ?? '').replace(/\s+/g, ' ').trim().slice(0, 32) || 'gift';
  const count = rec && typeof rec.count === 'number' && Number.isInteger(rec.count) && rec.count >= 1 && rec.count <= 9999 ? rec.count : 1;
  return { type: 'SEND_GIFT', foreign: true, giftId: name, name, value: 0, count };
}

/**
 * Reads a custom element's `Data` and `Ext`; never throws. Likes and gifts are never dropped: a like
 * whose extension is not our `{count}` counts as one like, and a gift whose extension is not ours
 * is a foreign gift (unverified, by its raw name). A purchase must be ours to be read.
 */
export function decodeCustomEvent(data: string, ext: string, maxExtChars: number = LIMITS.msgBodyBytes): DecodedCustomEvent {
  switch (data) {
    case 'LIKE': {
      const j = ext === '' || ext.length > maxExtChars ? undefined : extJson(ext, maxExtChars);
      const r = j?.ok ? likeExtSchema.safeParse(j.value) : undefined;
      return { ok: true, event: { type: 'LIKE', count: r?.success ? r.data.count : 1 } };
    }
    case 'SEND_GIFT': {
      const j = extJson(ext, maxExtChars);
      if (!j.ok && j.reason === 'tooLarge') return j;
      const r = j.ok ? giftExtSchema.safeParse(j.value) : undefined;
      return { ok: true, event: r?.success ? { type: 'SEND_GIFT', ...r.data } : foreignGift(ext, maxExtChars) };
    }
    case 'BUY_GOODS': {
      const j = extJson(ext, maxExtChars);
      if (!j.ok) return j;
      const r = buyExtSchema.safeParse(j.value);
      return r.success ? { ok: true, event: { type: 'BUY_GOODS', ...r.data } } : { ok: false, reason: 'badExt' };
    }
    // im-live-sells sends these with any (or no) extension; only the sender matters.
    case 'ATTENTION':
    case 'CANCELATTENTION':
      return { ok: true, event: { type: data } };
    case 'USE_COUPON': {
      const j = ext === '' || ext.length > maxExtChars ? undefined : extJson(ext, maxExtChars);
      const r = j?.ok ? couponExtSchema.safeParse(j.value) : undefined;
      return { ok: true, event: r?.success ? { type: 'USE_COUPON', ...r.data } : { type: 'USE_COUPON' } };
    }
    default:
      return { ok: false, reason: 'unknownCustomType' };
  }
}
