// HTTP face of the promotions desk on the callbacks service: the signed merchant endpoint (orders
// and coupon claims a merchant's backend took, recorded once per id and announced) and the admin
// routes the console and CLI read (lucky-bag entrants, the ledger). Errors are JSON
// `{error, message}` with a stable `error` code.
import { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  MERCHANT_HEADERS,
  MERCHANT_NONCE_TTL_MS,
  MERCHANT_PATH,
  MERCHANT_SKEW_SECONDS,
  merchantEventSchema,
  signMerchantRequest,
} from '../../shared/domain/promotions';
import type { CryptoPort } from '../../shared/domain/cryptoPort';
import { DeskUnavailableError, type PromotionDesk } from './promotionDesk';

export interface MerchantRouteDeps {
  desk: PromotionDesk;
  /** The shared secret of the merchant's signatures; the route answers 404 without one. */
  secret: string | undefined;
  crypto: Pick<CryptoPort, 'hmacSha256' | 'timingSafeEqual'>;
  now?: () => number;
}

const fail = (reply: FastifyReply, status: number, error: string, message: string) => reply.code(status).send({ error, message });
const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function registerMerchantRoutes(app: FastifyInstance, d: MerchantRouteDeps): void {
  const now = d.now ?? Date.now;
  const seen = new Map<string, number>();
  const enc = new TextEncoder();

  app.post<{ Body: string | undefined }>(MERCHANT_PATH, async (req, reply) => {
    if (!d.secret) return fail(reply, 404, 'not_configured', 'The merchant endpoint is off: start the callbacks service with --merchant-secret');
    const ts = header(req.headers[MERCHANT_HEADERS.timestamp]);
    const nonce = header(req.headers[MERCHANT_HEADERS.nonce]);
    const sig = header(req.headers[MERCHANT_HEADERS.signature]);
    if (!ts || !nonce || !sig) return fail(reply, 401, 'missing_signature', `Sign the request: headers ${Object.values(MERCHANT_HEADERS).join(', ')}`);
    if (!/^\d{1,12}$/.test(ts) || !/^[A-Za-z0-9_-]{8,64}$/.test(nonce)) return fail(reply, 401, 'bad_signature', 'X-Stageside-Timestamp must be unix seconds and X-Stageside-Nonce 8-64 of [A-Za-z0-9_-]');
    const body = typeof req.body === 'string' ? req.body : '';
    const expected = signMerchantRequest(d.crypto as CryptoPort, d.secret, ts, nonce, body);
    if (!d.crypto.timingSafeEqual(enc.encode(expected), enc.encode(sig.toLowerCase()))) {
      return fail(reply, 401, 'bad_signature', 'The signature does not match: HMAC-SHA256(secret, timestamp + "\\n" + nonce + "\\n" + body), lowercase hex');
    }
    const t = now();
    if (Math.abs(t / 1000 - Number(ts)) > MERCHANT_SKEW_SECONDS) {
      return fail(reply, 401, 'stale_timestamp', `X-Stageside-Timestamp is more than ${MERCHANT_SKEW_SECONDS} s from the service's clock (${Math.floor(t / 1000)})`);
    }
    for (const [k, at] of seen) if (t - at > MERCHANT_NONCE_TTL_MS) seen.delete(k);
    if (seen.has(nonce)) return fail(reply, 409, 'replayed', 'This nonce was already used: a replayed request is refused (send a new nonce; resending an order with its orderId is safe)');
    seen.set(nonce, t);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return fail(reply, 400, 'malformed_body', 'The body is not JSON');
    }
    const parsed = merchantEventSchema.safeParse(json);
    if (!parsed.success) {
      return fail(reply, 400, 'malformed_body', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    }
    const e = parsed.data;
    try {
      if (e.type === 'order') {
        const o = await d.desk.recordOrder(e.groupId, {
          orderId: e.orderId,
          userId: e.userId,
          nick: e.nick,
          productId: e.productId,
          title: e.title,
          quantity: e.quantity,
          unitPrice: e.unitPrice,
          currency: e.currency,
          ...(e.promoId ? { promoId: e.promoId } : {}),
          at: e.paidAt ?? t,
        });
        if (!o.ok) return fail(reply, 409, o.reason, o.message);
        return { ok: true, orderId: e.orderId, duplicate: o.duplicate, ...(o.saleLeft !== undefined ? { saleLeft: o.saleLeft } : {}), ...(o.stockLeft !== undefined ? { stockLeft: o.stockLeft } : {}) };
      }
      const c = await d.desk.recordClaim(e.groupId, { claimId: e.claimId, userId: e.userId, nick: e.nick, couponId: e.couponId });
      if (!c.ok) return fail(reply, 409, c.reason, c.message);
      return { ok: true, claimId: e.claimId, duplicate: c.duplicate, left: c.left };
    } catch (err) {
      if (err instanceof DeskUnavailableError) return fail(reply, 503, 'im_unavailable', err.message);
      throw err;
    }
  });
}

/** Admin routes (inside the bearer-token scope). */
export function registerPromotionAdminRoutes(scope: FastifyInstance, desk: PromotionDesk): void {
  scope.get<{ Params: { group: string }; Querystring: { bag?: string } }>('/admin/promotions/:group/entrants', async (req, reply) => {
    if (!req.query.bag) return reply.code(400).send({ error: 'bag=ID is required' });
    const r = await desk.entrants(req.params.group, req.query.bag);
    if (!r) return reply.code(404).send({ error: `no lucky bag ${req.query.bag} in ${req.params.group}` });
    return r;
  });
  scope.get<{ Params: { group: string } }>('/admin/promotions/:group/ledger', async (req) => desk.ledger(req.params.group));
}
