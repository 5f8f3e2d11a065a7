// The promotions' wire: every field and event round-trips, fits Tencent's limits in the worst
// case (longest CJK texts), and what is not ours reads as nothing rather than throwing.
import { describe, expect, it } from 'vitest';
import { byteLength, decodeCustomEvent, encodeCustomEvent } from '../liveCommerce';
import { couponFrom, flashSaleFrom, luckyBagFrom, PROMO_LIMITS } from './model';
import {
  decodePromotionEvent,
  decodePromotionFields,
  encodeCouponField,
  encodeFlashSaleField,
  encodeLuckyBagField,
  encodePinnedField,
  encodePromoLeftField,
  encodePromotionEvent,
} from './wire';

const T0 = 1_800_000_000_000;
const cjk = (n: number) => '促'.repeat(n);
const sale = flashSaleFrom(
  { productId: 'p'.repeat(64), title: cjk(PROMO_LIMITS.titleChars), price: 1_000_000_000, listPrice: 1_000_000_000, currency: 'CNY', countdownSeconds: 300, durationMinutes: 20, total: 100_000, perBuyer: 99 },
  'fs-abcdefgh',
  T0,
);
const coupon = couponFrom({ title: cjk(PROMO_LIMITS.titleChars), amountOff: 1_000_000_000, threshold: 1_000_000_000, currency: 'CNY', total: 100_000, validMinutes: 60 }, 'cp-abcdefgh', T0);
const bag = luckyBagFrom(
  { prize: cjk(PROMO_LIMITS.prizeChars), winners: 100, keyword: cjk(PROMO_LIMITS.keywordChars), followHost: true, watchedMinutes: 240, countdownSeconds: 1800 },
  'lb-abcdefgh',
  'f'.repeat(64),
  T0,
);
const pinned = { userId: 'u'.repeat(64), nick: cjk(32), text: cjk(PROMO_LIMITS.pinnedTextChars), at: T0 };

describe('promotion fields', () => {
  it('fit 512 bytes at their longest and round-trip', () => {
    const writes = [encodeFlashSaleField(sale), encodeCouponField(coupon), encodeLuckyBagField(bag), encodePinnedField(pinned), encodePromoLeftField({ fs: { id: sale.id, sold: 99_999, left: 1 }, cp: { id: coupon.id, claimed: 1, left: 99_999 }, p: { id: 'p'.repeat(64), left: 1_000_000 } })];
    for (const w of writes) expect(byteLength(w.value)).toBeLessThanOrEqual(512);
    const read = decodePromotionFields(writes);
    expect(read).toEqual({ flashSale: sale, coupon, luckyBag: bag, pinned, left: expect.objectContaining({ fs: { id: sale.id, sold: 99_999, left: 1 } }) });
  });

  it('reads cleared and foreign values as null and ignores other keys', () => {
    expect(decodePromotionFields([{ key: 'flash_sale', value: '' }, { key: 'coupon', value: '{"id":1}' }, { key: 'pinned', value: 'not json' }, { key: 'room_status', value: 'live' }])).toEqual({ flashSale: null, coupon: null, pinned: null });
    expect(encodeFlashSaleField(null)).toEqual({ key: 'flash_sale', value: '' });
  });
});

describe('promotion messages', () => {
  it('round-trip and stay far inside 12 KB with 100 winners', () => {
    const draw = { id: bag.id, prize: bag.prize, commit: bag.commit, seed: 's'.repeat(128), entrants: 5000, entrantsSha256: 'e'.repeat(64), winners: Array.from({ length: 100 }, (_, i) => `${'w'.repeat(30)}${i}`) };
    for (const e of [
      { type: 'FLASH_SALE', sale },
      { type: 'COUPON_DROP', coupon },
      { type: 'LUCKY_BAG', bag },
      { type: 'LUCKY_BAG_DRAW', draw },
      { type: 'FLASH_SALE_END', end: { id: sale.id, reason: 'soldOut', count: 20 } },
      { type: 'COUPON_END', end: { id: coupon.id, reason: 'allClaimed', count: 50 } },
    ] as const) {
      const { data, extension } = encodePromotionEvent(e);
      expect(byteLength(extension)).toBeLessThan(12_288 / 2);
      expect(decodePromotionEvent(data, extension)).toEqual(e);
    }
  });

  it('reads nothing from what is not ours', () => {
    expect(decodePromotionEvent('FLASH_SALE', '{}')).toBeUndefined();
    expect(decodePromotionEvent('FLASH_SALE', 'nope')).toBeUndefined();
    expect(decodePromotionEvent('LIKE', '{}')).toBeUndefined();
  });

  it("understands im-live-sells' coupon event both ways", () => {
    // Theirs: useCoupon(ext?) sends USE_COUPON with any or no extension.
    expect(decodeCustomEvent('USE_COUPON', '')).toEqual({ ok: true, event: { type: 'USE_COUPON' } });
    expect(decodeCustomEvent('USE_COUPON', '"any"')).toEqual({ ok: true, event: { type: 'USE_COUPON' } });
    // Ours: a backend's verified claim keeps Data = USE_COUPON, so their listeners fire too.
    const ours = encodeCustomEvent({ type: 'USE_COUPON', couponId: coupon.id, claimId: 'c1', left: 3 });
    expect(ours.data).toBe('USE_COUPON');
    expect(decodeCustomEvent(ours.data, ours.extension)).toEqual({ ok: true, event: { type: 'USE_COUPON', couponId: coupon.id, claimId: 'c1', left: 3 } });
  });

  it('a decided order keeps BUY_GOODS readable and carries its ids and counters', () => {
    const e = { type: 'BUY_GOODS', id: 'A1', title: 'Dress', price: 9900, quantity: 1, orderId: 'o1', promoId: sale.id, saleLeft: 3, stockLeft: 7 } as const;
    const { data, extension } = encodeCustomEvent(e);
    expect(JSON.parse(extension)).toMatchObject({ id: 'A1', title: 'Dress', price: 9900, quantity: 1 });
    expect(decodeCustomEvent(data, extension)).toEqual({ ok: true, event: e });
  });
});
