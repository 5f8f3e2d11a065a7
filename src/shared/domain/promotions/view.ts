// What a room's promotions look like to someone watching — the viewer page and the console
// alike: the running flash sale, coupon and lucky bag with their live counters, the pinned
// comment and the last draw, folded from the promotion fields and messages; and what to show at a
// given moment (countdown, open, sold out). Pure.
import type { CustomEvent } from '../liveCommerce';
import { phaseAt, type Coupon, type FlashSale, type LuckyBag, type LuckyBagDraw, type PinnedComment, type PromoLeft } from './model';
import type { PromotionEvent, PromotionFields } from './wire';

export interface PromoView {
  flashSale: FlashSale | null;
  coupon: Coupon | null;
  luckyBag: LuckyBag | null;
  pinned: PinnedComment | null;
  left: PromoLeft;
  /** Promotions that ended before their time (sold out, all claimed, stopped), by id. */
  endedEarly: Record<string, true>;
  lastDraw: LuckyBagDraw | null;
}

export const emptyPromoView = (): PromoView => ({ flashSale: null, coupon: null, luckyBag: null, pinned: null, left: {}, endedEarly: {}, lastDraw: null });

/** Counters only fall: a value from an older write never raises a newer one for the same id. */
function mergeLeft(a: PromoLeft, b: PromoLeft): PromoLeft {
  const pick = <T extends { id: string; left: number }>(x: T | undefined, y: T | undefined): T | undefined =>
    !y ? x : !x || x.id !== y.id || y.left <= x.left ? y : x;
  const out: PromoLeft = {};
  const fs = pick(a.fs, b.fs);
  const cp = pick(a.cp, b.cp);
  // Stock can rise (a restock): the newest write wins.
  const p = b.p ?? a.p;
  if (fs) out.fs = fs;
  if (cp) out.cp = cp;
  if (p) out.p = p;
  return out;
}

export function applyPromotionFields(v: PromoView, f: PromotionFields): PromoView {
  let next = { ...v };
  if (f.flashSale !== undefined) next.flashSale = f.flashSale;
  if (f.coupon !== undefined) next.coupon = f.coupon;
  if (f.luckyBag !== undefined) next.luckyBag = f.luckyBag;
  if (f.pinned !== undefined) next.pinned = f.pinned;
  if (f.left) next = { ...next, left: { ...mergeLeft(next.left, f.left), ...(f.left.p ? { p: f.left.p } : {}) } };
  return next;
}

export function applyPromotionEvent(v: PromoView, e: PromotionEvent): PromoView {
  switch (e.type) {
    case 'FLASH_SALE':
      return { ...v, flashSale: e.sale };
    case 'COUPON_DROP':
      return { ...v, coupon: e.coupon };
    case 'LUCKY_BAG':
      return { ...v, luckyBag: e.bag };
    case 'LUCKY_BAG_DRAW':
      return { ...v, lastDraw: e.draw, luckyBag: v.luckyBag?.id === e.draw.id ? null : v.luckyBag };
    case 'FLASH_SALE_END':
    case 'COUPON_END':
      return { ...v, endedEarly: { ...v.endedEarly, [e.end.id]: true } };
  }
}

/** A verified order or claim (the backend's BUY_GOODS / USE_COUPON) carries the counters after it. */
export function applyVerifiedEcho(v: PromoView, e: CustomEvent): PromoView {
  if (e.type === 'BUY_GOODS') {
    const left: PromoLeft = {};
    if (e.promoId && e.saleLeft !== undefined && v.flashSale?.id === e.promoId) left.fs = { id: e.promoId, sold: v.flashSale.total - e.saleLeft, left: e.saleLeft };
    if (e.stockLeft !== undefined) left.p = { id: e.id, left: e.stockLeft };
    return left.fs || left.p ? { ...v, left: { ...mergeLeft(v.left, left), ...(left.p ? { p: left.p } : {}) } } : v;
  }
  if (e.type === 'USE_COUPON' && e.couponId && e.left !== undefined && v.coupon?.id === e.couponId) {
    return { ...v, left: mergeLeft(v.left, { cp: { id: e.couponId, claimed: v.coupon.total - e.left, left: e.left } }) };
  }
  return v;
}

export type SaleShow = { phase: 'countdown'; seconds: number } | { phase: 'open'; seconds: number; left: number; sold: number } | { phase: 'soldOut' | 'ended'; sold: number };

/** The flash sale at `now`: countdown to its start, open with time and units left, sold out, or ended. */
export function flashSaleShow(v: PromoView, now: number): SaleShow | null {
  const s = v.flashSale;
  if (!s) return null;
  const counts = v.left.fs?.id === s.id ? v.left.fs : { sold: 0, left: s.total };
  const phase = phaseAt(s, now);
  if (phase === 'countdown') return { phase, seconds: Math.ceil((s.startsAt - now) / 1000) };
  if (counts.left <= 0 || (v.endedEarly[s.id] && counts.left <= 0)) return { phase: 'soldOut', sold: counts.sold };
  if (phase === 'ended' || v.endedEarly[s.id]) return { phase: 'ended', sold: counts.sold };
  return { phase: 'open', seconds: Math.ceil((s.endsAt - now) / 1000), left: counts.left, sold: counts.sold };
}

export type CouponShow = { phase: 'open'; left: number; claimed: number; seconds: number } | { phase: 'allClaimed' | 'ended'; claimed: number };

export function couponShow(v: PromoView, now: number): CouponShow | null {
  const c = v.coupon;
  if (!c) return null;
  const counts = v.left.cp?.id === c.id ? v.left.cp : { claimed: 0, left: c.total };
  if (counts.left <= 0) return { phase: 'allClaimed', claimed: counts.claimed };
  if (now >= c.validUntil || v.endedEarly[c.id]) return { phase: 'ended', claimed: counts.claimed };
  return { phase: 'open', left: counts.left, claimed: counts.claimed, seconds: Math.ceil((c.validUntil - now) / 1000) };
}

/** Seconds to the draw (0 once due). */
export const luckyBagSeconds = (v: PromoView, now: number): number | null => (v.luckyBag ? Math.max(0, Math.ceil((v.luckyBag.drawAt - now) / 1000)) : null);

/** Units left of a product, when the backend tracks its stock. */
export const stockLeft = (v: PromoView, productId: string, launchedStock?: number): number | undefined =>
  v.left.p?.id === productId ? v.left.p.left : launchedStock;

/** m:ss for a countdown. */
export const clock = (seconds: number): string => `${Math.floor(seconds / 60)}:${String(Math.max(0, seconds % 60)).padStart(2, '0')}`;
