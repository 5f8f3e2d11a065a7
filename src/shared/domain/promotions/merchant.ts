// The merchant endpoint's protocol (docs/callbacks.md "Merchant endpoint"): on Tencent, the
// merchant's backend reports the orders and coupon claims it took to the callbacks service, which
// records each once (by its id) and announces it to the room. Requests are signed:
//   X-Stageside-Timestamp: unix seconds (within ±300 s of the service's clock)
//   X-Stageside-Nonce:     8–64 of [A-Za-z0-9_-], never reused within 10 minutes
//   X-Stageside-Signature: lowercase hex HMAC-SHA256(secret, timestamp + "\n" + nonce + "\n" + body)
import { z } from 'zod';
import type { CryptoPort } from '../cryptoPort';

export const MERCHANT_HEADERS = { timestamp: 'x-stageside-timestamp', nonce: 'x-stageside-nonce', signature: 'x-stageside-signature' } as const;
export const MERCHANT_SKEW_SECONDS = 300;
export const MERCHANT_NONCE_TTL_MS = 600_000;
export const MERCHANT_PATH = '/merchant/v1/events';

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

export const signMerchantRequest = (crypto: Pick<CryptoPort, 'hmacSha256'>, secret: string, timestamp: string, nonce: string, body: string): string =>
  hex(crypto.hmacSha256(secret, `${timestamp}\n${nonce}\n${body}`));

const id = z.string().trim().min(1).max(64);
const groupId = z.string().trim().min(1).max(48);
const userId = z.string().trim().min(1).max(64);

export const merchantOrderSchema = z
  .object({
    type: z.literal('order'),
    orderId: id,
    groupId,
    userId,
    nick: z.string().max(32).default(''),
    productId: id,
    title: z.string().trim().min(1).max(120),
    quantity: z.number().int().min(1).max(999),
    /** Minor units per item, as paid. */
    unitPrice: z.number().int().min(0).max(1_000_000_000),
    currency: z.string().regex(/^[A-Z]{3}$/).default('CNY'),
    /** The flash sale it was bought in, if any. */
    promoId: z.string().max(32).optional(),
    /** When it was paid, epoch ms (default: when received). */
    paidAt: z.number().int().min(0).optional(),
  })
  .strict();

export const merchantClaimSchema = z
  .object({ type: z.literal('couponClaim'), claimId: id, groupId, userId, nick: z.string().max(32).default(''), couponId: z.string().max(32) })
  .strict();

export const merchantEventSchema = z.discriminatedUnion('type', [merchantOrderSchema, merchantClaimSchema]);
export type MerchantEvent = z.infer<typeof merchantEventSchema>;
