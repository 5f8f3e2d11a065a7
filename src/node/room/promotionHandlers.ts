// The console's promotion commands: thin over RoomService's RoomAdmin (the same admin-command
// module as `stageside room flash-sale|coupon|lucky-bag|pin`), each journaled as a `promotion`
// action. A lucky bag is drawn here at its time — seed kept in main until then, entrants from the
// callbacks service — and the draw is journaled with its seed and winners.
import { callerOf, type Handlers } from '../../shared/rpc';
import { AppError } from '../../shared/errors';
import type { CouponAck, FlashSaleAck, LuckyBagAck } from '../../shared/promotionsContract';
import type { Logger } from '../infra/logger';
import type { CallbacksAdminClient } from '../moderation/callbacksAdminClient';
import type { Team } from '../team/team';
import { drawWhenDue, newSeed } from './luckyBagRun';
import { drawWinners, type LuckyBag, type LuckyBagDraw } from '../../shared/domain/promotions';
import { nodeCrypto } from '../infra/nodeCrypto';
import type { RoomService } from './roomService';

type PromoCommand = Extract<keyof Handlers, `promo:${string}`>;

export interface PromotionHandlerDeps {
  room: RoomService;
  team: Team;
  callbacks: () => Promise<CallbacksAdminClient>;
  log: Logger;
  now?: () => number;
}

export function promotionHandlers(d: PromotionHandlerDeps): Pick<Handlers, PromoCommand> & { dispose(): void } {
  const now = d.now ?? Date.now;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  return {
    'promo:startFlashSale': async ({ sale }, ctx) =>
      (await d.team.journaled({ operator: callerOf(ctx), kind: 'promotion', request: { flashSale: sale }, ackKey: null }, () =>
        d.room.admin((a) => a.startFlashSale(sale)),
      )) as FlashSaleAck,
    'promo:stopFlashSale': ({ id, sold }, ctx) =>
      d.team.journaled({ operator: callerOf(ctx), kind: 'promotion', request: { stopFlashSale: id, sold }, ackKey: null }, () => d.room.admin((a) => a.stopFlashSale(id, sold))),
    'promo:dropCoupon': async ({ coupon }, ctx) =>
      (await d.team.journaled({ operator: callerOf(ctx), kind: 'promotion', request: { coupon }, ackKey: null }, () => d.room.admin((a) => a.dropCoupon(coupon)))) as CouponAck,
    'promo:endCoupon': ({ id, claimed }, ctx) =>
      d.team.journaled({ operator: callerOf(ctx), kind: 'promotion', request: { endCoupon: id, claimed }, ackKey: null }, () => d.room.admin((a) => a.endCoupon(id, claimed))),
    'promo:startLuckyBag': async ({ bag: request }, ctx) => {
      const operator = callerOf(ctx);
      // No callbacks service, no entrants: refuse before anything reaches the room.
      const callbacks = await d.callbacks();
      const seed = newSeed();
      let bag: LuckyBag | undefined;
      const ack = await d.team.journaled({ operator, kind: 'promotion', request: { luckyBag: request }, ackKey: null }, async () => {
        const r = await d.room.admin((a) => a.startLuckyBag(request, seed));
        bag = r.bag;
        return r;
      });
      const started = bag!;
      void drawWhenDue(
        {
          callbacks,
          now,
          sleep,
          groupId: ack.groupId,
          draw: async (entrants) => {
            let out: { draw: LuckyBagDraw; entrants: string[] } | undefined;
            // The journal names the winners and the revealed seed (the same pure draw RoomAdmin runs).
            const preview = drawWinners(nodeCrypto, { commit: started.commit, seed, entrants, winners: started.winners });
            const journalRequest = preview.ok
              ? { drawLuckyBag: started.id, prize: started.prize, seed, commit: started.commit, entrants: preview.entrants.length, winners: preview.winners }
              : { drawLuckyBag: started.id };
            await d.team.journaled({ operator, kind: 'promotion', request: journalRequest, ackKey: null }, async () => {
              const r = await d.room.admin((a) => a.drawLuckyBag(started, seed, entrants));
              out = r;
              return r;
            });
            return out!;
          },
        },
        started,
        seed,
      ).catch((e: unknown) => d.log.warn({ err: e, bag: started.id }, 'lucky bag: the draw failed'));
      return ack as LuckyBagAck;
    },
    'promo:pinComment': ({ comment }, ctx) =>
      d.team.journaled({ operator: callerOf(ctx), kind: 'promotion', request: { pin: comment }, ackKey: null }, () => d.room.admin((a) => a.pinComment(comment))),
    'promo:unpinComment': (_a, ctx) =>
      d.team.journaled({ operator: callerOf(ctx), kind: 'promotion', request: { unpin: true }, ackKey: null }, () => d.room.admin((a) => a.unpinComment())),
    'promo:ledger': async () => {
      const c = await d.callbacks();
      return (await c.ledger(d.room.currentGroupId())) as Awaited<ReturnType<Handlers['promo:ledger']>>;
    },
    'promo:entrants': async ({ bagId }) => {
      const r = await (await d.callbacks()).entrants(d.room.currentGroupId(), bagId);
      if (!r) throw new AppError('NOT_FOUND', `The callbacks service knows no lucky bag ${bagId} in this room`);
      return { entrants: r.entrants, entrantsSha256: r.entrantsSha256 };
    },
    dispose() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
