// The promotions an operator runs during a show — flash sale, coupon drop, lucky bag, pinned
// comment — as zod schemas: what an operator asks for (console, CLI) and what goes on the wire
// (group custom fields and custom messages, wire.ts). One model for the console, the CLI, the
// studio's shop, the callbacks service, the viewer page and the simulator.
import { z } from 'zod';

export const PROMO_LIMITS = {
  countdownSeconds: { min: 10, max: 300 },
  durationMinutes: { min: 1, max: 20 },
  quantity: 100_000,
  perBuyer: 99,
  couponValidityMinutes: { min: 1, max: 7 * 24 * 60 },
  /** A draw names at most this many winners (the draw message stays far below 12 KB). */
  winners: 100,
  luckyBagCountdownSeconds: { min: 10, max: 1800 },
  watchedMinutes: 240,
  titleChars: 60,
  prizeChars: 30,
  keywordChars: 12,
  pinnedTextChars: 80,
} as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const money = z.number().int().min(0).max(1_000_000_000);
const currency = z.string().regex(/^[A-Z]{3}$/);
const count = (max: number) => z.number().int().min(1).max(max);
/** Epoch milliseconds. */
const epochMs = z.number().int().min(0).max(8_640_000_000_000);
export const promoIdSchema = z.string().regex(/^[a-z]{2}-[a-z0-9]{4,24}$/, { message: 'must look like fs-…, cp-… or lb-…' });
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be 64 lowercase hex digits (SHA-256)' });

// ---------------------------------------------------------------------------------------------
// What an operator asks for (console form, CLI flags)

export const flashSaleRequestSchema = z
  .object({
    productId: text(64),
    title: text(PROMO_LIMITS.titleChars),
    /** Sale price, minor units. */
    price: money,
    /** The price before the sale, shown struck through. */
    listPrice: money.optional(),
    currency: currency.default('CNY'),
    countdownSeconds: z.number().int().min(PROMO_LIMITS.countdownSeconds.min).max(PROMO_LIMITS.countdownSeconds.max),
    durationMinutes: z.number().int().min(PROMO_LIMITS.durationMinutes.min).max(PROMO_LIMITS.durationMinutes.max),
    total: count(PROMO_LIMITS.quantity),
    perBuyer: count(PROMO_LIMITS.perBuyer),
  })
  .strict();
export type FlashSaleRequest = z.infer<typeof flashSaleRequestSchema>;

export const couponRequestSchema = z
  .object({
    title: text(PROMO_LIMITS.titleChars).optional(),
    /** Minor units off the order. */
    amountOff: count(1_000_000_000),
    /** Minimum order, minor units (0: none). */
    threshold: money.default(0),
    currency: currency.default('CNY'),
    total: count(PROMO_LIMITS.quantity),
    validMinutes: z.number().int().min(PROMO_LIMITS.couponValidityMinutes.min).max(PROMO_LIMITS.couponValidityMinutes.max),
  })
  .strict();
export type CouponRequest = z.infer<typeof couponRequestSchema>;

export const luckyBagConditionsSchema = z
  .object({
    /** Enter by commenting a text that contains this keyword (case-insensitive). */
    keyword: text(PROMO_LIMITS.keywordChars).optional(),
    /** Enter only if following the host (the latest of ATTENTION / CANCELATTENTION is ATTENTION). */
    followHost: z.boolean().optional(),
    /** Enter only after watching at least this many minutes of the show. */
    watchedMinutes: z.number().int().min(1).max(PROMO_LIMITS.watchedMinutes).optional(),
  })
  .strict();
export type LuckyBagConditions = z.infer<typeof luckyBagConditionsSchema>;

export const luckyBagRequestSchema = luckyBagConditionsSchema
  .extend({
    prize: text(PROMO_LIMITS.prizeChars),
    winners: count(PROMO_LIMITS.winners),
    countdownSeconds: z.number().int().min(PROMO_LIMITS.luckyBagCountdownSeconds.min).max(PROMO_LIMITS.luckyBagCountdownSeconds.max),
  })
  .strict()
  .refine((b) => b.keyword !== undefined || b.followHost === true || b.watchedMinutes !== undefined, {
    message: 'a lucky bag needs at least one entry condition (keyword, follow the host, watched minutes)',
  });
export type LuckyBagRequest = z.infer<typeof luckyBagRequestSchema>;

export const pinRequestSchema = z
  .object({ userId: text(64), nick: z.string().trim().max(32).default(''), text: text(PROMO_LIMITS.pinnedTextChars) })
  .strict();
export type PinRequest = z.infer<typeof pinRequestSchema>;

// ---------------------------------------------------------------------------------------------
// On the wire (field values and message extensions)

export const flashSaleSchema = z
  .object({
    id: promoIdSchema,
    productId: text(64),
    title: text(PROMO_LIMITS.titleChars),
    price: money,
    listPrice: money.optional(),
    currency,
    /** The sale opens here (the countdown ends), epoch ms. */
    startsAt: epochMs,
    /** …and ends here by itself. */
    endsAt: epochMs,
    total: count(PROMO_LIMITS.quantity),
    perBuyer: count(PROMO_LIMITS.perBuyer),
  })
  .strict();
export type FlashSale = z.infer<typeof flashSaleSchema>;

export const couponSchema = z
  .object({
    id: promoIdSchema,
    title: text(PROMO_LIMITS.titleChars).optional(),
    amountOff: count(1_000_000_000),
    threshold: money,
    currency,
    total: count(PROMO_LIMITS.quantity),
    /** Claimable from here (the drop), epoch ms. */
    startsAt: epochMs,
    /** Claimable and usable until here, epoch ms. One per viewer. */
    validUntil: epochMs,
  })
  .strict();
export type Coupon = z.infer<typeof couponSchema>;

export const luckyBagSchema = luckyBagConditionsSchema
  .extend({
    id: promoIdSchema,
    prize: text(PROMO_LIMITS.prizeChars),
    winners: count(PROMO_LIMITS.winners),
    /** Lowercase hex SHA-256 of the seed's UTF-8 bytes, published before the countdown (draw.ts). */
    commit: hex64,
    /** Entries count from here… */
    startsAt: epochMs,
    /** …until the draw, epoch ms. */
    drawAt: epochMs,
  })
  .strict();
export type LuckyBag = z.infer<typeof luckyBagSchema>;

export const luckyBagDrawSchema = z
  .object({
    id: promoIdSchema,
    prize: text(PROMO_LIMITS.prizeChars),
    commit: hex64,
    /** The revealed seed: SHA-256(seed) must equal `commit`. */
    seed: z.string().min(1).max(128),
    /** How many distinct entrants took part. */
    entrants: z.number().int().min(0),
    /** SHA-256 of the sorted entrant list joined by "\n" (draw.ts), so a published list can be checked. */
    entrantsSha256: hex64,
    winners: z.array(text(64)).max(PROMO_LIMITS.winners),
  })
  .strict();
export type LuckyBagDraw = z.infer<typeof luckyBagDrawSchema>;

export const pinnedCommentSchema = z
  .object({ userId: text(64), nick: z.string().max(32), text: text(PROMO_LIMITS.pinnedTextChars), at: epochMs })
  .strict();
export type PinnedComment = z.infer<typeof pinnedCommentSchema>;

const left = z.number().int().min(0);
/** `promo_left`: the live counters, written by the backend that decides purchases and claims. */
export const promoLeftSchema = z
  .object({
    fs: z.object({ id: promoIdSchema, sold: left, left }).strict().optional(),
    cp: z.object({ id: promoIdSchema, claimed: left, left }).strict().optional(),
    /** The launched product's stock. */
    p: z.object({ id: text(64), left }).strict().optional(),
  })
  .strict();
export type PromoLeft = z.infer<typeof promoLeftSchema>;

export const PROMO_END_REASONS = ['soldOut', 'allClaimed', 'stopped'] as const;
export type PromoEndReason = (typeof PROMO_END_REASONS)[number];
export const promoEndSchema = z.object({ id: promoIdSchema, reason: z.enum(PROMO_END_REASONS), count: left }).strict();
export type PromoEnd = z.infer<typeof promoEndSchema>;

/** The first two letters of an id say what it names. */
export const PROMO_ID_PREFIX = { flashSale: 'fs', coupon: 'cp', luckyBag: 'lb' } as const;

/** A new promotion id from random bits (the caller's source of randomness). */
export function newPromoId(kind: keyof typeof PROMO_ID_PREFIX, random: () => number): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += Math.floor(random() * 36).toString(36);
  return `${PROMO_ID_PREFIX[kind]}-${s}`;
}

/** Where a timed promotion stands at `now`. */
export type Phase = 'countdown' | 'open' | 'ended';
export const phaseAt = (p: { startsAt: number; endsAt?: number; validUntil?: number }, now: number): Phase =>
  now < p.startsAt ? 'countdown' : now >= (p.endsAt ?? p.validUntil ?? Number.POSITIVE_INFINITY) ? 'ended' : 'open';

export function flashSaleFrom(r: FlashSaleRequest, id: string, now: number): FlashSale {
  const startsAt = now + r.countdownSeconds * 1000;
  return {
    id,
    productId: r.productId,
    title: r.title,
    price: r.price,
    ...(r.listPrice !== undefined ? { listPrice: r.listPrice } : {}),
    currency: r.currency,
    startsAt,
    endsAt: startsAt + r.durationMinutes * 60_000,
    total: r.total,
    perBuyer: r.perBuyer,
  };
}

export function couponFrom(r: CouponRequest, id: string, now: number): Coupon {
  return {
    id,
    ...(r.title ? { title: r.title } : {}),
    amountOff: r.amountOff,
    threshold: r.threshold,
    currency: r.currency,
    total: r.total,
    startsAt: now,
    validUntil: now + r.validMinutes * 60_000,
  };
}

export function luckyBagFrom(r: LuckyBagRequest, id: string, commit: string, now: number): LuckyBag {
  return {
    id,
    prize: r.prize,
    winners: r.winners,
    ...(r.keyword !== undefined ? { keyword: r.keyword } : {}),
    ...(r.followHost ? { followHost: true } : {}),
    ...(r.watchedMinutes !== undefined ? { watchedMinutes: r.watchedMinutes } : {}),
    commit,
    startsAt: now,
    drawAt: now + r.countdownSeconds * 1000,
  };
}
