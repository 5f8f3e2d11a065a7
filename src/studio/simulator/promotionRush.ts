// The audience's side of promotions, for rehearsals: when a flash sale opens, a share of the
// viewers in the room rush to buy through the studio's shop (some try once more, past the per-buyer
// limit); when a coupon drops, a share claim it; when a lucky bag starts, a share comment its
// keyword (and follow the host when it asks). Delays are exponential — most within the first
// seconds, a tail later — the way a real room reacts to a countdown. Seeded like the plan.
import type { Rng } from '../../shared/prng';
import { SHOP_PATHS, type Coupon, type FlashSale, type LuckyBag, type PromotionFields, type ShopAnswer } from '../../shared/domain/promotions';

export interface PromotionRates {
  /** Share of the viewers in the room who try to buy in a flash sale (0-1). */
  buy: number;
  /** Share of the buyers who try once more after their first order (the limit refuses most). */
  again: number;
  /** Share who claim a dropped coupon. */
  claim: number;
  /** Share who enter a lucky bag. */
  enter: number;
}

/** Roughly what live-commerce rooms see: a rush for a flash sale, fewer coupon claims, many lucky-bag entries. */
export const DEFAULT_PROMOTION_RATES: PromotionRates = { buy: 0.3, again: 0.2, claim: 0.4, enter: 0.6 };

export interface PromotionTally {
  buys: { attempts: number; orders: number; units: number; refused: Record<string, number> };
  claims: { attempts: number; claimed: number; refused: Record<string, number> };
  entries: number;
}

export const zeroPromotionTally = (): PromotionTally => ({
  buys: { attempts: 0, orders: 0, units: 0, refused: {} },
  claims: { attempts: 0, claimed: 0, refused: {} },
  entries: 0,
});

export interface RushViewer {
  userID: string;
  nick: string;
}

export interface PromotionRushDeps {
  room: string;
  /** The studio's HTTP base (its shop); without it nobody buys or claims. */
  httpBase: string | undefined;
  userSig(userID: string): Promise<string>;
  /** Viewers in the room now. */
  online(): RushViewer[];
  /** Sends a text (lucky-bag keyword) or a follow as that viewer. */
  say(v: RushViewer, text: string): Promise<void>;
  follow(v: RushViewer): Promise<void>;
  rng: Rng;
  rates: PromotionRates;
  /** Epoch ms. */
  now(): number;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

const bump = (r: Record<string, number>, k: string) => void (r[k] = (r[k] ?? 0) + 1);

export class PromotionRush {
  readonly tally = zeroPromotionTally();
  private readonly seen = new Set<string>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly pending = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly d: PromotionRushDeps) {}

  /** The room's promotion fields (first profile, then every change). */
  onFields(p: PromotionFields): void {
    if (p.flashSale && !this.seen.has(p.flashSale.id)) this.rushSale(p.flashSale);
    if (p.coupon && !this.seen.has(p.coupon.id)) this.rushCoupon(p.coupon);
    if (p.luckyBag && !this.seen.has(p.luckyBag.id)) this.rushBag(p.luckyBag);
  }

  /** Waits for everything scheduled to have run. */
  async idle(): Promise<void> {
    while (this.timers.size || this.pending.size) await Promise.race([...this.pending, new Promise((r) => setTimeout(r, 50))]);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Exponential delay with the given mean, capped. */
  private delay(meanMs: number, capMs: number): number {
    return Math.min(capMs, -Math.log(1 - this.d.rng()) * meanMs);
  }

  private at(when: number, task: () => Promise<void>): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (this.stopped) return;
      const p = task().catch((e: unknown) => this.d.log?.(`promotion action failed: ${e instanceof Error ? e.message : String(e)}`));
      this.pending.add(p);
      void p.finally(() => this.pending.delete(p));
    }, Math.max(0, when - this.d.now()));
    this.timers.add(t);
  }

  private pick(share: number): RushViewer[] {
    return this.d.online().filter(() => this.d.rng() < share);
  }

  private rushSale(s: FlashSale): void {
    this.seen.add(s.id);
    const windowMs = s.endsAt - s.startsAt;
    for (const v of this.pick(this.d.rates.buy)) {
      const quantity = 1 + Math.floor(this.d.rng() * s.perBuyer);
      const again = this.d.rng() < this.d.rates.again;
      this.at(s.startsAt + this.delay(1500, windowMs - 500), async () => {
        const ok = await this.buy(v, s, quantity);
        if (ok && again) await this.buy(v, s, 1);
      });
    }
  }

  private rushCoupon(c: Coupon): void {
    this.seen.add(c.id);
    for (const v of this.pick(this.d.rates.claim)) {
      this.at(c.startsAt + this.delay(2500, c.validUntil - c.startsAt - 500), () => this.claim(v, c));
    }
  }

  private rushBag(b: LuckyBag): void {
    this.seen.add(b.id);
    for (const v of this.pick(this.d.rates.enter)) {
      this.at(b.startsAt + this.delay(2000, b.drawAt - b.startsAt - 2000), async () => {
        if (b.followHost) await this.d.follow(v);
        if (b.keyword) await this.d.say(v, `${b.keyword} 🙏`);
        this.tally.entries++;
      });
    }
  }

  private async buy(v: RushViewer, s: FlashSale, quantity: number): Promise<boolean> {
    this.tally.buys.attempts++;
    const a = await this.post(SHOP_PATHS.buy, { userId: v.userID, nick: v.nick, productId: s.productId, quantity, promoId: s.id });
    if (a.ok) {
      this.tally.buys.orders++;
      this.tally.buys.units += quantity;
    } else bump(this.tally.buys.refused, a.reason);
    return a.ok;
  }

  private async claim(v: RushViewer, c: Coupon): Promise<void> {
    this.tally.claims.attempts++;
    const a = await this.post(SHOP_PATHS.claim, { userId: v.userID, nick: v.nick, couponId: c.id });
    if (a.ok) this.tally.claims.claimed++;
    else bump(this.tally.claims.refused, a.reason);
  }

  private async post(path: string, body: Record<string, unknown> & { userId: string }): Promise<ShopAnswer | { ok: false; reason: string }> {
    if (!this.d.httpBase) return { ok: false, reason: 'noShop' };
    const res = await (this.d.fetch ?? fetch)(`${this.d.httpBase}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ room: this.d.room, userSig: await this.d.userSig(body.userId), ...body }),
    });
    const answer = (await res.json().catch(() => ({}))) as ShopAnswer | { ok: false; error?: string };
    if (res.status === 200 || res.status === 409) return answer as ShopAnswer;
    return { ok: false, reason: `http${res.status}` };
  }
}
