import { encodeOperatorTag } from '../../shared/domain/room';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GIFT_CATALOG } from '../../shared/domain/liveCommerce';
import { applyFields, applyMessage, FEED_LIMIT, initialViewerState, type TimMessageLike } from './viewerState';

const custom = (data: string, extension: string, id = data): TimMessageLike => ({
  ID: id,
  type: 'TIMCustomElem',
  from: 'u1',
  nick: 'Alice',
  payload: { data, description: '', extension },
});

describe('viewer state', () => {
  it('shows the launched product, status and gift catalog from custom fields', () => {
    const s = applyFields(initialViewerState(), [
      { key: 'room_status', value: 'live' },
      { key: 'add_goods', value: JSON.stringify({ id: 'A1', title: 'Dress', price: 19900 }) },
      { key: 'gift_catalog', value: JSON.stringify([{ id: 'star', name: 'Star', value: 10, icon: '⭐' }]) },
    ]);
    expect(s.status).toBe('live');
    expect(s.product).toEqual({ id: 'A1', title: 'Dress', price: 19900, currency: 'CNY' });
    expect(s.gifts.map((g) => g.id)).toEqual(['star']);
    const cleared = applyFields(s, [{ key: 'add_goods', value: '' }, { key: 'gift_catalog', value: 'garbage' }]);
    expect(cleared.product).toBeUndefined();
    expect(cleared.gifts).toEqual(DEFAULT_GIFT_CATALOG);
  });

  it('applies profile-updated tips (fields and announcement)', () => {
    const tip: TimMessageLike = {
      ID: 't',
      type: 'TIMGroupTipElem',
      from: 'admin',
      payload: { operationType: 6, newGroupProfile: { groupCustomField: [{ key: 'room_status', value: 'paused' }], notification: 'Coupons at 8pm' } },
    };
    const s = applyMessage(initialViewerState(), tip);
    expect(s.status).toBe('paused');
    expect(s.announcement).toBe('Coupons at 8pm');
  });

  it('adds merged likes and lines for gifts, purchases, follows, joins and text', () => {
    let s = initialViewerState();
    s = applyMessage(s, custom('LIKE', '{"count":37}'));
    s = applyMessage(s, custom('SEND_GIFT', '{"giftId":"rose","name":"Rose","value":100,"count":2}'));
    s = applyMessage(s, custom('BUY_GOODS', '{"id":"A1","title":"Dress","price":1}'));
    s = applyMessage(s, custom('ATTENTION', ''));
    s = applyMessage(s, { ID: 'j', type: 'TIMGroupTipElem', from: 'u2', nick: 'Bob', payload: { operationType: 1 } });
    s = applyMessage(s, { ID: 'x', type: 'TIMTextElem', from: 'u2', nick: 'Bob', payload: { text: 'hi' } });
    expect(s.likes).toBe(37);
    expect(s.feed.map((l) => l.kind)).toEqual(['like', 'gift', 'buy', 'follow', 'join', 'text']);
    expect(s.feed[1]?.vars).toMatchObject({ name: 'Rose', count: 2, nick: 'Alice' });
  });

  it('survives hostile custom messages without corrupting the like counter', () => {
    let s = initialViewerState();
    for (const ext of ['{"count":1e308}', '{"count":-5}', 'not json', '[1,2]', `{"count":"${'9'.repeat(1000)}"}`]) {
      s = applyMessage(s, custom('LIKE', ext, ext));
    }
    s = applyMessage(s, custom('UNKNOWN_TYPE', '{}'));
    expect(Number.isFinite(s.likes)).toBe(true);
    expect(s.likes).toBe(5);
    expect(s.feed).toHaveLength(5);
  });

  it('keeps only the newest lines', () => {
    let s = initialViewerState();
    for (let i = 0; i < FEED_LIMIT + 10; i++) s = applyMessage(s, { ID: `m${i}`, type: 'TIMTextElem', from: 'u', payload: { text: String(i) } });
    expect(s.feed).toHaveLength(FEED_LIMIT);
    expect(s.feed[0]?.text).toBe('10');
  });
});

describe('viewer promotions', () => {
  const T0 = 1_800_000_000_000;
  const sale = { id: 'fs-abcd1234', productId: 'A1', title: 'Dress', price: 9900, currency: 'CNY', startsAt: T0 + 10_000, endsAt: T0 + 70_000, total: 20, perBuyer: 2 };
  const fromAdmin = (data: string, ext: unknown, id: string): TimMessageLike => ({ ID: id, type: 'TIMCustomElem', from: 'administrator', payload: { data, extension: JSON.stringify(ext) } });

  it('shows the countdown, then units left from verified orders only, then sold out', async () => {
    const { flashSaleShow } = await import('../../shared/domain/promotions');
    let s = applyFields(initialViewerState(), [{ key: 'flash_sale', value: JSON.stringify(sale) }]);
    expect(flashSaleShow(s.promo, T0)).toEqual({ phase: 'countdown', seconds: 10 });
    expect(flashSaleShow(s.promo, T0 + 10_000)).toMatchObject({ phase: 'open', left: 20, seconds: 60 });
    // A viewer's own BUY_GOODS claiming counters moves nothing.
    s = applyMessage(s, { ...fromAdmin('BUY_GOODS', { id: 'A1', title: 'Dress', price: 9900, quantity: 1, promoId: sale.id, saleLeft: 0 }, 'fake'), from: 'mallory' });
    expect(flashSaleShow(s.promo, T0 + 10_000)).toMatchObject({ phase: 'open', left: 20 });
    s = applyMessage(s, fromAdmin('BUY_GOODS', { id: 'A1', title: 'Dress', price: 9900, quantity: 2, promoId: sale.id, saleLeft: 18, orderId: 'o1' }, 'o1'));
    expect(flashSaleShow(s.promo, T0 + 10_000)).toMatchObject({ phase: 'open', left: 18, sold: 2 });
    s = applyFields(s, [{ key: 'promo_left', value: JSON.stringify({ fs: { id: sale.id, sold: 19, left: 1 } }) }]);
    s = applyMessage(s, fromAdmin('FLASH_SALE_END', { id: sale.id, reason: 'soldOut', count: 20 }, 'end'));
    s = applyMessage(s, fromAdmin('BUY_GOODS', { id: 'A1', title: 'Dress', price: 9900, quantity: 1, promoId: sale.id, saleLeft: 0, stockLeft: 0 }, 'o2'));
    expect(flashSaleShow(s.promo, T0 + 20_000)).toEqual({ phase: 'soldOut', sold: 20 });
    expect(s.promo.left.p).toEqual({ id: 'A1', left: 0 });
  });

  it('announces the draw in the feed and shows the pinned comment', () => {
    let s = applyFields(initialViewerState(), [{ key: 'pinned', value: JSON.stringify({ userId: 'u1', nick: 'Alice', text: 'Size guide?', at: 1 }) }]);
    expect(s.promo.pinned?.text).toBe('Size guide?');
    s = applyMessage(s, fromAdmin('LUCKY_BAG_DRAW', { id: 'lb-abcd1234', prize: 'Mug', commit: 'a'.repeat(64), seed: 's', entrants: 3, entrantsSha256: 'b'.repeat(64), winners: ['u1', 'u2'] }, 'd'));
    expect(s.feed.at(-1)).toMatchObject({ kind: 'winners', vars: { prize: 'Mug', winners: 'u1, u2' } });
    expect(s.promo.lastDraw?.winners).toEqual(['u1', 'u2']);
  });
});

describe('operators in the chat', () => {
  it("shows a console operator's role beside their name; a forged or unknown role is just text", () => {
    let s = initialViewerState();
    s = applyMessage(s, { ID: '1', type: 'TIMTextElem', nick: 'Ann', from: 'host_a1', payload: { text: 'Hi!' }, cloudCustomData: encodeOperatorTag({ name: 'Ann', role: 'assistant' }) });
    s = applyMessage(s, { ID: '2', type: 'TIMTextElem', nick: 'Bob', from: 'bob', payload: { text: 'yo' }, cloudCustomData: '{"operator":{"name":"Bob","role":"admin"}}' });
    s = applyMessage(s, { ID: '3', type: 'TIMTextElem', nick: 'Cy', from: 'cy', payload: { text: 'hey' }, cloudCustomData: '{"operator":' });
    expect(s.feed.map((l) => [l.nick, l.text, l.role])).toEqual([
      ['Ann', 'Hi!', 'assistant'],
      ['Bob', 'yo', undefined],
      ['Cy', 'hey', undefined],
    ]);
  });
});
