// The live-commerce wire conventions of Tencent's im-live-sells (reference §6), shared by the
// console, the studio's viewer page and the simulator: custom message `Data` = event type,
// `Ext` = JSON value; group custom fields `room_status`, `add_goods` and our `gift_catalog`.
import { z } from 'zod';

export const CUSTOM_EVENT_TYPES = ['LIKE', 'SEND_GIFT', 'BUY_GOODS', 'ATTENTION', 'CANCELATTENTION', 'USE_COUPON'] as const;
export type CustomEventType = (typeof CUSTOM_EVENT_TYPES)[number];

export const FIELD_ROOM_STATUS = 'room_status';
export const FIELD_ADD_GOODS = 'add_goods';
export const FIELD_GIFT_CATALOG = 'gift_catalog';
export const DEFAULT_CUSTOM_FIELDS = [FIELD_ROOM_STATUS, FIELD_ADD_GOODS, FIELD_GIFT_CATALOG] as const;

/** Group custom field values are at most 512 bytes (reference §2.7). */
export const CUSTOM_FIELD_MAX_BYTES = 512;

/** `room_status` values (app-defined strings per im-live-sells; ours are these four). */
export const ROOM_STATUSES = ['not_started', 'live', 'paused', 'ended'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];

/**
 * LVB StreamName for a room: the group id with characters outside the safe set replaced, so
 * `@TGS#…` ids map to a valid stream (reference §5.1). The studio, main and the renderer agree on it.
 */
export const streamNameForRoom = (roomId: string): string =>
  // No leading '-' or '.': '@TGS#…' ids would otherwise give '-TGS-…', which reads as a CLI option.
  roomId.replace(/[^A-Za-z0-9_.~-]/g, '-').replace(/^[-.]+/, '') || 'room';

export const byteLength = (s: string): number => new TextEncoder().encode(s).length;

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

/** `Ext` payloads per event type. Viewers' values are claims; only backend sends are verified. */
export const likeExtSchema = z.object({ count: z.number().int().min(1).max(1000) }).strict();
export const giftExtSchema = z
  .object({ giftId: shortText(32), name: shortText(32), value: money, count: z.number().int().min(1).max(9999) })
  .strict();
export const buyExtSchema = z
  .object({ id: shortText(64), title: shortText(120), price: money, quantity: z.number().int().min(1).max(999).default(1) })
  .strict();

/** JSON of a custom-field value, refusing anything over the 512-byte field limit. */
export function encodeFieldValue(value: unknown): string {
  const json = JSON.stringify(value);
  const bytes = byteLength(json);
  if (bytes > CUSTOM_FIELD_MAX_BYTES) {
    throw new Error(`Value is ${bytes} bytes; group custom fields hold at most ${CUSTOM_FIELD_MAX_BYTES}`);
  }
  return json;
}

/** Parses a field value with a schema; undefined for empty, non-JSON or invalid values. */
export function decodeFieldValue<T>(schema: z.ZodType<T>, raw: string | undefined): T | undefined {
  if (!raw) return undefined;
  try {
    const r = schema.safeParse(JSON.parse(raw));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The product on screen from `add_goods`. Stageside writes one product object; the reference's
 * create_group example seeds the field with a list (`"[]"`, "current product list pushed by the
 * backend"), so a list written by another backend is read too: its last valid entry is shown and
 * an empty list means none.
 */
export function decodeLaunchedProduct(raw: string | undefined): LaunchedProduct | undefined {
  if (!raw) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const items = Array.isArray(json) ? [...json].reverse() : [json];
  for (const item of items) {
    const r = launchedProductSchema.safeParse(item);
    if (r.success) return r.data;
  }
  return undefined;
}

/**
 * Values other backends write (reference §6: im-live-sells leaves them app-defined, "online /
 * offline / paused", and Tencent's own examples use "0" / "1"), read as our statuses. We write ours.
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
