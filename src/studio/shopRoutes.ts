// The studio plays the merchant's shop (docs/studio.md "Shop"): POST /studio/shop/buy and
// /studio/shop/claim, authenticated by the viewer's UserSig, decided by the embedded callbacks
// service's promotions desk (stock, limits, time windows, one request at a time per room) and
// announced to the room as the admin — so what viewers see is verified.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SHOP_PATHS, shopBuyRequestSchema, shopClaimRequestSchema, type ShopAnswer } from '../shared/domain/promotions';
import { DeskUnavailableError, type PromotionDesk } from '../callbacks/promotions/promotionDesk';
import type { ImEngine } from './im/engine';

const newId = (prefix: string) => `${prefix}-${crypto.randomBytes(9).toString('base64url')}`;

export function registerShopRoutes(app: FastifyInstance, d: { engine: ImEngine; desk: PromotionDesk | undefined }): void {
  const problem = (reply: FastifyReply, status: number, error: string) => reply.code(status).send({ ok: false, error });

  async function guarded(reply: FastifyReply, body: { userId: string; userSig: string }, run: (desk: PromotionDesk) => Promise<ShopAnswer>) {
    if (!d.desk) return problem(reply, 503, "The studio's shop needs its embedded callbacks service (started without --callback-url)");
    const sig = d.engine.checkUserSig(body.userId, body.userSig);
    if (!sig.ok) return problem(reply, 401, `UserSig refused: ${sig.message}`);
    if (d.engine.hasAdminRights(body.userId)) return problem(reply, 403, `${body.userId} has admin rights; the shop serves viewers`);
    try {
      const answer = await run(d.desk);
      return reply.code(answer.ok ? 200 : 409).send(answer);
    } catch (e) {
      if (e instanceof DeskUnavailableError) return problem(reply, 503, e.message);
      throw e;
    }
  }

  app.post(SHOP_PATHS.buy, async (req, reply) => {
    const p = shopBuyRequestSchema.safeParse(req.body);
    if (!p.success) return problem(reply, 400, p.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    const b = p.data;
    return guarded(reply, b, async (desk) => {
      const o = await desk.buy(b.room, {
        orderId: b.orderId ?? newId('ord'),
        userId: b.userId,
        nick: b.nick ?? '',
        productId: b.productId,
        quantity: b.quantity,
        ...(b.promoId ? { promoId: b.promoId } : {}),
      });
      return o.ok
        ? { ok: true, id: o.order.orderId, duplicate: o.duplicate, ...(o.saleLeft !== undefined ? { saleLeft: o.saleLeft } : {}), ...(o.stockLeft !== undefined ? { stockLeft: o.stockLeft } : {}) }
        : o;
    });
  });

  app.post(SHOP_PATHS.claim, async (req, reply) => {
    const p = shopClaimRequestSchema.safeParse(req.body);
    if (!p.success) return problem(reply, 400, p.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    const b = p.data;
    return guarded(reply, b, async (desk) => {
      const o = await desk.claim(b.room, { claimId: b.claimId ?? newId('clm'), userId: b.userId, nick: b.nick ?? '', couponId: b.couponId });
      return o.ok ? { ok: true, id: o.claim.claimId, duplicate: o.duplicate, left: o.left } : o;
    });
  });
}
