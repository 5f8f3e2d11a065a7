// The one place purchases and coupon claims are decided: stock, a flash sale's quantity,
// per-buyer limit and time window, a coupon's quantity, one claim per viewer and validity. Pure
// and synchronous, so a caller that serialises requests per room (the studio's shop, the callbacks
// service's merchant endpoint) decides races in one place: of two buyers for the last unit one
// gets the order, the other `soldOut`. The room's fields (what the admin commands published) are
// fed in with `sync`; the counters come out as `promo_left` with `left()`.
import { decodeProduct, type LaunchedProduct } from '../liveCommerce';
import { phaseAt, type Coupon, type FlashSale, type PromoLeft } from './model';

export interface Order {
  orderId: string;
  userId: string;
  nick: string;
  productId: string;
  title: string;
  quantity: number;
  /** Minor units per item, as paid (the sale price in a flash sale). */
  unitPrice: number;
  currency: string;
  /** The flash sale it was bought in. */
  promoId?: string;
  at: number;
  /** `shop`: decided here (the studio); `merchant`: reported by the merchant's backend. */
  source: 'shop' | 'merchant';
}

export interface Claim {
  claimId: string;
  userId: string;
  nick: string;
  couponId: string;
  at: number;
  source: 'shop' | 'merchant';
}

export const REFUSALS = [
  'noSale',
  'notStarted',
  'ended',
  'soldOut',
  'limitReached',
  'outOfStock',
  'notOnSale',
  'noCoupon',
  'expired',
  'allClaimed',
  'alreadyClaimed',
] as const;
export type Refusal = (typeof REFUSALS)[number];

const MESSAGES: Record<Refusal, string> = {
  noSale: 'There is no such flash sale running',
  notStarted: 'The flash sale has not started yet',
  ended: 'The flash sale has ended',
  soldOut: 'Sold out',
  limitReached: 'You have bought as many as one buyer may',
  outOfStock: 'Out of stock',
  notOnSale: 'This product is not on sale in the room now',
  noCoupon: 'There is no such coupon in the room',
  expired: 'The coupon has expired',
  allClaimed: 'All coupons have been claimed',
  alreadyClaimed: 'You already have this coupon',
};

export type Refused = { ok: false; reason: Refusal; message: string };
const refuse = (reason: Refusal): Refused => ({ ok: false, reason, message: MESSAGES[reason] });

export type BuyOutcome =
  | {
      ok: true;
      order: Order;
      /** An order id seen before: the first outcome stands, nothing counted again. */
      duplicate: boolean;
      saleLeft?: number;
      stockLeft?: number;
      /** This order took the flash sale's last unit. */
      saleSoldOut: boolean;
    }
  | Refused;

export type ClaimOutcome = { ok: true; claim: Claim; duplicate: boolean; left: number; allClaimed: boolean } | Refused;

export interface BuyRequest {
  orderId: string;
  userId: string;
  nick: string;
  productId: string;
  quantity: number;
  /** Buy in this flash sale (at its price, inside its window and limits); else at the launched price. */
  promoId?: string;
}

export interface ClaimRequest {
  claimId: string;
  userId: string;
  nick: string;
  couponId: string;
}

interface SaleCounts {
  sale: FlashSale;
  sold: number;
  byBuyer: Map<string, number>;
}

interface CouponCounts {
  coupon: Coupon;
  byViewer: Map<string, string>;
}

/** What the room's fields say now (get_group_info / the studio's group), as `sync` takes it. */
export interface BookFields {
  /** The raw `add_goods` value: a changed value with `stock` (re)sets that product's stock. */
  addGoods?: string;
  flashSale?: FlashSale | null;
  coupon?: Coupon | null;
}

export class PromotionBook {
  private product: LaunchedProduct | undefined;
  private addGoodsRaw: string | undefined;
  private sale: SaleCounts | undefined;
  private couponCounts: CouponCounts | undefined;
  private readonly stock = new Map<string, number>();
  private readonly orderById = new Map<string, Order>();
  private readonly claimById = new Map<string, Claim>();
  private readonly saleSoldBefore = new Map<string, SaleCounts>();
  private readonly couponsBefore = new Map<string, CouponCounts>();

  constructor(private readonly now: () => number) {}

  sync(f: BookFields): void {
    if (f.addGoods !== undefined && f.addGoods !== this.addGoodsRaw) {
      this.addGoodsRaw = f.addGoods;
      this.product = decodeProduct(f.addGoods);
      if (this.product?.stock !== undefined) this.stock.set(this.product.id, this.product.stock);
    }
    if (f.flashSale !== undefined) {
      if (f.flashSale && f.flashSale.id !== this.sale?.sale.id) {
        if (this.sale) this.saleSoldBefore.set(this.sale.sale.id, this.sale);
        // A sale seen before (the field read again after another one) keeps its counts.
        this.sale = this.saleSoldBefore.get(f.flashSale.id) ?? { sale: f.flashSale, sold: 0, byBuyer: new Map() };
      } else if (!f.flashSale && this.sale) {
        this.saleSoldBefore.set(this.sale.sale.id, this.sale);
        this.sale = undefined;
      }
    }
    if (f.coupon !== undefined) {
      if (f.coupon && f.coupon.id !== this.couponCounts?.coupon.id) {
        if (this.couponCounts) this.couponsBefore.set(this.couponCounts.coupon.id, this.couponCounts);
        this.couponCounts = this.couponsBefore.get(f.coupon.id) ?? { coupon: f.coupon, byViewer: new Map() };
      } else if (!f.coupon && this.couponCounts) {
        this.couponsBefore.set(this.couponCounts.coupon.id, this.couponCounts);
        this.couponCounts = undefined;
      }
    }
  }

  /** Decides a purchase (the studio's shop). */
  buy(r: BuyRequest): BuyOutcome {
    const seen = this.orderById.get(r.orderId);
    if (seen) return this.accepted(seen, true, false);
    if (!Number.isInteger(r.quantity) || r.quantity < 1 || r.quantity > 999) return refuse('limitReached');
    const now = this.now();
    let unitPrice: number;
    let title: string;
    let currency: string;
    if (r.promoId !== undefined) {
      const s = this.sale;
      if (!s || s.sale.id !== r.promoId || s.sale.productId !== r.productId) return refuse('noSale');
      const phase = phaseAt(s.sale, now);
      if (phase === 'countdown') return refuse('notStarted');
      if (phase === 'ended') return refuse('ended');
      if (s.sold >= s.sale.total) return refuse('soldOut');
      if ((s.byBuyer.get(r.userId) ?? 0) + r.quantity > s.sale.perBuyer) return refuse('limitReached');
      if (s.sold + r.quantity > s.sale.total) return refuse('soldOut');
      ({ price: unitPrice, title, currency } = s.sale);
    } else {
      const p = this.product;
      if (!p || p.id !== r.productId) return refuse('notOnSale');
      ({ price: unitPrice, title, currency } = p);
    }
    const stock = this.stock.get(r.productId);
    if (stock !== undefined && stock < r.quantity) return refuse(r.promoId !== undefined && stock === 0 ? 'soldOut' : 'outOfStock');
    const order: Order = {
      orderId: r.orderId,
      userId: r.userId,
      nick: r.nick,
      productId: r.productId,
      title,
      quantity: r.quantity,
      unitPrice,
      currency,
      ...(r.promoId !== undefined ? { promoId: r.promoId } : {}),
      at: now,
      source: 'shop',
    };
    return this.count(order);
  }

  /**
   * Records an order the merchant's backend already took (Tencent): never refused — the buyer has
   * paid — but counted once per order id, against the flash sale it names and the stock.
   */
  record(order: Omit<Order, 'source'>): BuyOutcome {
    const seen = this.orderById.get(order.orderId);
    if (seen) return this.accepted(seen, true, false);
    return this.count({ ...order, source: 'merchant' });
  }

  /** Decides a coupon claim (the studio's shop); `record` variant below for the merchant's backend. */
  claim(r: ClaimRequest): ClaimOutcome {
    return this.takeCoupon(r, 'shop');
  }

  recordClaim(r: ClaimRequest): ClaimOutcome {
    return this.takeCoupon(r, 'merchant');
  }

  /** The counters for `promo_left`. */
  left(): PromoLeft {
    const out: PromoLeft = {};
    if (this.sale) out.fs = { id: this.sale.sale.id, sold: this.sale.sold, left: Math.max(0, this.sale.sale.total - this.sale.sold) };
    if (this.couponCounts) {
      const claimed = this.couponCounts.byViewer.size;
      out.cp = { id: this.couponCounts.coupon.id, claimed, left: Math.max(0, this.couponCounts.coupon.total - claimed) };
    }
    const p = this.product;
    const stock = p ? this.stock.get(p.id) : undefined;
    if (p && stock !== undefined) out.p = { id: p.id, left: stock };
    return out;
  }

  orders(): Order[] {
    return [...this.orderById.values()];
  }

  claims(): Claim[] {
    return [...this.claimById.values()];
  }

  private takeCoupon(r: ClaimRequest, source: Claim['source']): ClaimOutcome {
    const seen = this.claimById.get(r.claimId);
    const c = this.couponCounts?.coupon.id === r.couponId ? this.couponCounts : this.couponsBefore.get(r.couponId);
    if (seen && c) return { ok: true, claim: seen, duplicate: true, left: c.coupon.total - c.byViewer.size, allClaimed: false };
    if (!c) return refuse('noCoupon');
    const now = this.now();
    if (source === 'shop') {
      if (now < c.coupon.startsAt) return refuse('noCoupon');
      if (now >= c.coupon.validUntil) return refuse('expired');
      if (c.byViewer.has(r.userId)) return refuse('alreadyClaimed');
      if (c.byViewer.size >= c.coupon.total) return refuse('allClaimed');
    } else if (c.byViewer.has(r.userId)) {
      return refuse('alreadyClaimed');
    }
    const claim: Claim = { claimId: r.claimId, userId: r.userId, nick: r.nick, couponId: r.couponId, at: now, source };
    c.byViewer.set(r.userId, r.claimId);
    this.claimById.set(r.claimId, claim);
    const left = Math.max(0, c.coupon.total - c.byViewer.size);
    return { ok: true, claim, duplicate: false, left, allClaimed: left === 0 };
  }

  private count(order: Order): BuyOutcome {
    this.orderById.set(order.orderId, order);
    let saleSoldOut = false;
    const s = order.promoId !== undefined ? (this.sale?.sale.id === order.promoId ? this.sale : this.saleSoldBefore.get(order.promoId)) : undefined;
    if (s) {
      const wasLeft = s.sold < s.sale.total;
      s.sold += order.quantity;
      s.byBuyer.set(order.userId, (s.byBuyer.get(order.userId) ?? 0) + order.quantity);
      saleSoldOut = wasLeft && s.sold >= s.sale.total;
    }
    const stock = this.stock.get(order.productId);
    if (stock !== undefined) this.stock.set(order.productId, Math.max(0, stock - order.quantity));
    return this.accepted(order, false, saleSoldOut);
  }

  private accepted(order: Order, duplicate: boolean, saleSoldOut: boolean): BuyOutcome {
    const s = order.promoId !== undefined && this.sale?.sale.id === order.promoId ? this.sale : undefined;
    const stockLeft = this.stock.get(order.productId);
    return {
      ok: true,
      order,
      duplicate,
      ...(s ? { saleLeft: Math.max(0, s.sale.total - s.sold) } : {}),
      ...(stockLeft !== undefined ? { stockLeft } : {}),
      saleSoldOut,
    };
  }
}
