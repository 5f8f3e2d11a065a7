import { describe, expect, it } from 'vitest';
import { ordersCsv, totalsByProduct } from './orders';

const o = (orderId: string, userId: string, productId: string, quantity: number, unitPrice: number, promoId?: string) => ({
  orderId, userId, nick: userId, productId, title: productId === 'A1' ? 'Dress' : '=HYPERLINK("x")', quantity, unitPrice, currency: 'CNY', at: 1_800_000_000_000, source: 'shop' as const, ...(promoId ? { promoId } : {}),
});

describe('orders feed', () => {
  it('totals GMV, orders, distinct buyers and units per product, biggest first', () => {
    const t = totalsByProduct([o('1', 'a', 'A1', 2, 9900, 'fs-abcd1234'), o('2', 'a', 'A1', 1, 19900), o('3', 'b', 'B2', 1, 500)]);
    expect(t).toEqual([
      { productId: 'A1', title: 'Dress', gmv: 39700, orders: 2, buyers: 1, units: 3, currency: 'CNY' },
      { productId: 'B2', title: '=HYPERLINK("x")', gmv: 500, orders: 1, buyers: 1, units: 1, currency: 'CNY' },
    ]);
  });

  it('exports CSV with amounts in major units and formula-safe cells', () => {
    const csv = ordersCsv([o('1', 'a', 'A1', 2, 9900, 'fs-abcd1234'), o('3', 'b', 'B2', 1, 500)]).split('\r\n');
    expect(csv[0]).toBe('time,orderId,userId,nick,productId,title,quantity,unitPrice,amount,currency,promotion,source');
    expect(csv[1]).toBe('2027-01-15T08:00:00.000Z,1,a,a,A1,Dress,2,99.00,198.00,CNY,fs-abcd1234,shop');
    expect(csv[2]).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
