// Request schemas and results of the console's promotion commands (contract.ts `promo:*`),
// over the one promotions model (domain/promotions).
import { z } from 'zod';
import {
  couponRequestSchema,
  flashSaleRequestSchema,
  luckyBagRequestSchema,
  pinRequestSchema,
  promoIdSchema,
  type Claim,
  type Coupon,
  type FlashSale,
  type LuckyBag,
  type Order,
} from './domain/promotions';
import type { AdminAck } from './roomContract';

const count = z.number().int().min(0).max(10_000_000);

export const promotionRequests = {
  startFlashSale: z.object({ sale: flashSaleRequestSchema }).strict(),
  stopFlashSale: z.object({ id: promoIdSchema, sold: count.default(0) }).strict(),
  dropCoupon: z.object({ coupon: couponRequestSchema }).strict(),
  endCoupon: z.object({ id: promoIdSchema, claimed: count.default(0) }).strict(),
  startLuckyBag: z.object({ bag: luckyBagRequestSchema }).strict(),
  pinComment: z.object({ comment: pinRequestSchema }).strict(),
  entrants: z.object({ bagId: promoIdSchema }).strict(),
};

/** A lucky bag's entrants (canonical: sorted, distinct) and their SHA-256, for `stageside verify-draw`. */
export interface BagEntrants {
  entrants: string[];
  entrantsSha256: string;
}

export type FlashSaleAck = AdminAck & { sale: FlashSale };
export type CouponAck = AdminAck & { coupon: Coupon };
/** The bag is in the room; main draws it at `bag.drawAt` (the draw is journaled and announced). */
export type LuckyBagAck = AdminAck & { bag: LuckyBag };

/** The room's verified orders and claims as the callbacks service decided or recorded them. */
export interface PromotionLedger {
  orders: Order[];
  claims: Claim[];
}
