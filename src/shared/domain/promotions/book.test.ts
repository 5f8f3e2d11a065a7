// Purchases and claims decided in one place: windows, limits, stock, races for the last unit,
// idempotent order ids and the counters published as promo_left.
import { describe, expect, it } from 'vitest';
import { PromotionBook } from './book';
import { couponFrom, flashSaleFrom } from './model';

const T0 = 1_800_000_000_000;
const product = (stock?: number) => JSON.stringify({ id: 'A1', title: 'Dress', price: 19900, currency: 'CNY', ...(stock !== undefined ? { stock } : {}) });

function setup(stock?: number) {
  let now = T0;
  const book = new PromotionBook(() => now);
  const sale = flashSaleFrom({ productId: 'A1', title: 'Dress', price: 9900, currency: 'CNY', countdownSeconds: 10, durationMinutes: 1, total: 20, perBuyer: 2 }, 'fs-abcd1234', T0);
  book.sync({ addGoods: product(stock), flashSale: sale });
  return { book, sale, at: (t: number) => (now = t) };
}

const buy = (book: PromotionBook, userId: string, n = 1, orderId = `${userId}-${Math.random()}`) =>
  book.buy({ orderId, userId, nick: userId, productId: 'A1', quantity: n, promoId: 'fs-abcd1234' });

describe('flash sale decisions', () => {
  it('refuses before the countdown ends and after the window, sells inside it at the sale price', () => {
    const { book, sale, at } = setup();
    expect(buy(book, 'u1')).toMatchObject({ ok: false, reason: 'notStarted' });
    at(sale.startsAt);
    expect(buy(book, 'u1')).toMatchObject({ ok: true, order: { unitPrice: 9900, promoId: 'fs-abcd1234' }, saleLeft: 19 });
    at(sale.endsAt);
    expect(buy(book, 'u1')).toMatchObject({ ok: false, reason: 'ended' });
  });

  it('holds the per-buyer limit and sells exactly the total to 200 buyers', () => {
    const { book, sale, at } = setup();
    at(sale.startsAt + 1);
    expect(buy(book, 'u1', 2).ok).toBe(true);
    expect(buy(book, 'u1', 1)).toMatchObject({ ok: false, reason: 'limitReached' });
    const outcomes = Array.from({ length: 200 }, (_, i) => buy(book, `v${i}`, 1 + (i % 2)));
    const sold = outcomes.filter((o) => o.ok).reduce((n, o) => n + (o.ok ? o.order.quantity : 0), 2);
    expect(sold).toBe(20);
    expect(outcomes.filter((o) => o.ok && o.saleSoldOut)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.reason === 'soldOut')).toBe(true);
    expect(book.left().fs).toEqual({ id: 'fs-abcd1234', sold: 20, left: 0 });
  });

  it('two buyers for the last unit: one order, one sold out', () => {
    const { book, sale, at } = setup();
    at(sale.startsAt);
    for (let i = 0; i < 19; i++) expect(buy(book, `v${i}`).ok).toBe(true);
    const [a, b] = [buy(book, 'x'), buy(book, 'y')];
    expect([a.ok, b.ok]).toEqual([true, false]);
    expect(b).toMatchObject({ reason: 'soldOut', message: 'Sold out' });
  });

  it('counts an order id once; stock falls with verified orders and a relaunch restocks', () => {
    const { book, sale, at } = setup(3);
    at(sale.startsAt);
    expect(buy(book, 'u1', 2, 'o1')).toMatchObject({ ok: true, duplicate: false, stockLeft: 1 });
    expect(buy(book, 'u1', 2, 'o1')).toMatchObject({ ok: true, duplicate: true, stockLeft: 1 });
    expect(buy(book, 'u2', 2)).toMatchObject({ ok: false, reason: 'outOfStock' });
    expect(book.buy({ orderId: 'o3', userId: 'u3', nick: '', productId: 'A1', quantity: 1 })).toMatchObject({ ok: true, order: { unitPrice: 19900 }, stockLeft: 0 });
    expect(book.left().p).toEqual({ id: 'A1', left: 0 });
    expect(book.buy({ orderId: 'o4', userId: 'u4', nick: '', productId: 'A1', quantity: 1 })).toMatchObject({ ok: false, reason: 'outOfStock' });
    book.sync({ addGoods: product(3) });
    expect(book.left().p).toEqual({ id: 'A1', left: 0 });
    book.sync({ addGoods: product(10) });
    expect(book.left().p).toEqual({ id: 'A1', left: 10 });
    expect(book.orders().map((o) => o.orderId)).toEqual(['o1', 'o3']);
  });

  it('records merchant orders without refusing them, once per order id', () => {
    const { book } = setup(1);
    const order = { orderId: 'm1', userId: 'u1', nick: 'U', productId: 'A1', title: 'Dress', quantity: 2, unitPrice: 9900, currency: 'CNY', promoId: 'fs-abcd1234', at: T0 };
    expect(book.record(order)).toMatchObject({ ok: true, duplicate: false, stockLeft: 0, saleLeft: 18 });
    expect(book.record(order)).toMatchObject({ ok: true, duplicate: true });
    expect(book.orders()).toHaveLength(1);
  });

  it('a product not launched is not on sale; a wrong sale id is no sale', () => {
    const { book, sale, at } = setup();
    at(sale.startsAt);
    expect(book.buy({ orderId: 'o', userId: 'u', nick: '', productId: 'B2', quantity: 1 })).toMatchObject({ ok: false, reason: 'notOnSale' });
    expect(book.buy({ orderId: 'o', userId: 'u', nick: '', productId: 'A1', quantity: 1, promoId: 'fs-zzzz9999' })).toMatchObject({ ok: false, reason: 'noSale' });
  });
});

describe('coupon claims', () => {
  it('one per viewer, exactly the quantity, until it expires', () => {
    let now = T0;
    const book = new PromotionBook(() => now);
    const coupon = couponFrom({ amountOff: 500, threshold: 5000, currency: 'CNY', total: 50, validMinutes: 10 }, 'cp-abcd1234', T0);
    book.sync({ coupon });
    const claim = (u: string) => book.claim({ claimId: `c-${u}-${Math.random()}`, userId: u, nick: u, couponId: coupon.id });
    expect(claim('u1')).toMatchObject({ ok: true, left: 49 });
    expect(claim('u1')).toMatchObject({ ok: false, reason: 'alreadyClaimed' });
    const rest = Array.from({ length: 80 }, (_, i) => claim(`v${i}`));
    expect(rest.filter((r) => r.ok)).toHaveLength(49);
    expect(rest.filter((r) => r.ok && r.allClaimed)).toHaveLength(1);
    expect(rest.at(-1)).toMatchObject({ ok: false, reason: 'allClaimed' });
    expect(book.left().cp).toEqual({ id: 'cp-abcd1234', claimed: 50, left: 0 });
    now = coupon.validUntil;
    expect(claim('late')).toMatchObject({ ok: false, reason: 'expired' });
    expect(book.claim({ claimId: 'x', userId: 'u', nick: '', couponId: 'cp-nothere1' })).toMatchObject({ ok: false, reason: 'noCoupon' });
  });
});
