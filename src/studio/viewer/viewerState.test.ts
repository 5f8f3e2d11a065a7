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
