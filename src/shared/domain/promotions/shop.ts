// The studio's shop endpoint, the merchant's shop of a rehearsal: the viewer page and the
// audience simulator buy and claim through it (their UserSig proves who they are), the studio
// decides with the PromotionBook and announces the result to the room. One schema for the server
// and its clients.
import { z } from 'zod';
import type { Refusal } from './book';

export const SHOP_PATHS = { buy: '/studio/shop/buy', claim: '/studio/shop/claim' } as const;

const viewer = {
  room: z.string().min(1).max(48),
  userId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  userSig: z.string().min(1).max(2048),
  nick: z.string().max(32).optional(),
};
/** Sending the same id again (a retry) never buys twice. */
const requestId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional();

export const shopBuyRequestSchema = z.strictObject({
  ...viewer,
  productId: z.string().min(1).max(64),
  quantity: z.number().int().min(1).max(999).default(1),
  /** The flash sale to buy in (its price, window and limits); absent: the launched product at its price. */
  promoId: z.string().max(32).optional(),
  orderId: requestId,
});
export type ShopBuyRequest = z.input<typeof shopBuyRequestSchema>;

export const shopClaimRequestSchema = z.strictObject({ ...viewer, couponId: z.string().min(1).max(32), claimId: requestId });
export type ShopClaimRequest = z.input<typeof shopClaimRequestSchema>;

/** 200 `{ok: true, …}`; 409 `{ok: false, reason, message}` for a refusal the viewer should see. */
export type ShopAnswer =
  | { ok: true; id: string; duplicate: boolean; saleLeft?: number; stockLeft?: number; left?: number }
  | { ok: false; reason: Refusal; message: string };
