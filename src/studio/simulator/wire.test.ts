import { zeroPromotionTally } from './promotionRush';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GIFT_CATALOG, encodeGiftCatalog } from '../../shared/domain/liveCommerce';
import type { TimMessage } from '../../tim/timTypes';
import { formatProgress, formatSummary, zeroActions, zeroReceived, type AudienceSummary } from './summary';
import { applyFields, classify, emptyAudienceView, outgoingFor, tipFields, tipMembers, type AudienceView } from './wire';

const product = { id: 'sku-1', title: 'Silk scarf', price: 19900, currency: 'CNY' };
const room: AudienceView = { giftCatalog: DEFAULT_GIFT_CATALOG, product, status: 'live' };

describe('outgoingFor', () => {
  it('chat is Normal text', () => {
    expect(outgoingFor({ kind: 'chat', atMs: 0, viewer: 0, text: '你好' }, room)).toEqual({ type: 'text', text: '你好', priority: 'Normal' });
  });

  it('likes are merged batches, Lowest', () => {
    expect(outgoingFor({ kind: 'like', atMs: 0, viewer: 0, count: 7 }, room)).toEqual({
      type: 'custom',
      data: 'LIKE',
      extension: '{"count":7}',
      priority: 'Lowest',
    });
  });

  it('gifts come from the current catalog, chosen by the planned fraction', () => {
    const first = outgoingFor({ kind: 'gift', atMs: 0, viewer: 0, pick: 0, count: 2 }, room);
    const last = outgoingFor({ kind: 'gift', atMs: 0, viewer: 0, pick: 0.99, count: 1 }, room);
    expect(first).toEqual({
      type: 'custom',
      data: 'SEND_GIFT',
      extension: JSON.stringify({ giftId: 'rose', name: 'Rose', value: 100, count: 2 }),
      priority: 'Lowest',
      value: 200,
    });
    expect(last).toMatchObject({ data: 'SEND_GIFT', value: 5000 });
    expect(outgoingFor({ kind: 'gift', atMs: 0, viewer: 0, pick: 0.5, count: 1 }, emptyAudienceView())).toEqual({
      type: 'skip',
      reason: 'giftNoCatalog',
    });
  });

  it('buys the launched product (High), and only when one is launched', () => {
    expect(outgoingFor({ kind: 'buy', atMs: 0, viewer: 0, quantity: 2 }, room)).toEqual({
      type: 'custom',
      data: 'BUY_GOODS',
      extension: JSON.stringify({ id: 'sku-1', title: 'Silk scarf', price: 19900, quantity: 2 }),
      priority: 'High',
    });
    expect(outgoingFor({ kind: 'buy', atMs: 0, viewer: 0, quantity: 1 }, { ...room, product: undefined })).toEqual({
      type: 'skip',
      reason: 'buyNoProduct',
    });
  });

  it('follows are ATTENTION with an empty object', () => {
    expect(outgoingFor({ kind: 'follow', atMs: 0, viewer: 0 }, room)).toMatchObject({ data: 'ATTENTION', extension: '{}' });
  });
});

describe('room view', () => {
  it('follows gift_catalog, add_goods and room_status; "" clears', () => {
    let v = applyFields(emptyAudienceView(), [
      { key: 'gift_catalog', value: encodeGiftCatalog(DEFAULT_GIFT_CATALOG).value },
      { key: 'add_goods', value: JSON.stringify(product) },
      { key: 'room_status', value: 'live' },
      { key: 'unrelated', value: 'x' },
    ]);
    expect(v).toEqual(room);
    v = applyFields(v, [{ key: 'add_goods', value: '' }]);
    expect(v.product).toBeUndefined();
    expect(applyFields(v, [{ key: 'add_goods', value: '{not json' }]).product).toBeUndefined();
  });
});

describe('classify / tipFields', () => {
  const msg = (type: string, payload: unknown) => ({ type, payload }) as Pick<TimMessage, 'type' | 'payload'>;
  it.each([
    [msg('TIMTextElem', { text: 'hi' }), 'text'],
    [msg('TIMCustomElem', { data: 'LIKE', description: '', extension: '{}' }), 'like'],
    [msg('TIMCustomElem', { data: 'SEND_GIFT', description: '', extension: '{}' }), 'gift'],
    [msg('TIMCustomElem', { data: 'BUY_GOODS', description: '', extension: '{}' }), 'buy'],
    [msg('TIMCustomElem', { data: 'ATTENTION', description: '', extension: '{}' }), 'follow'],
    [msg('TIMCustomElem', { data: 'USE_COUPON', description: '', extension: '' }), 'otherCustom'],
    [msg('TIMGroupTipElem', { operationType: 1 }), 'join'],
    [msg('TIMGroupTipElem', { operationType: 2 }), 'quit'],
    [msg('TIMGroupTipElem', { operationType: 6 }), 'profile'],
    [msg('TIMGroupTipElem', { operationType: 10 }), 'other'],
    [msg('TIMGroupSystemNoticeElem', { operationType: 255 }), 'system'],
    [msg('TIMFaceElem', {}), 'other'],
  ])('%o → %s', (m, kind) => {
    expect(classify(m)).toBe(kind);
  });

  it('counts every viewer a merged join or quit tip names', () => {
    expect(tipMembers(msg('TIMGroupTipElem', { operationType: 1, userIDList: ['a', 'b', 'c'] }))).toBe(3);
    expect(tipMembers(msg('TIMGroupTipElem', { operationType: 2, userIDList: [] }))).toBe(1);
    expect(tipMembers(msg('TIMTextElem', { text: 'x' }))).toBe(1);
  });

  it('reads custom fields from profile-updated tips only', () => {
    const fields = [{ key: 'add_goods', value: '{}' }];
    expect(tipFields(msg('TIMGroupTipElem', { operationType: 6, newGroupProfile: { groupCustomField: fields } }))).toEqual(fields);
    expect(tipFields(msg('TIMGroupTipElem', { operationType: 6, newGroupProfile: { notification: 'x' } }))).toEqual([]);
    expect(tipFields(msg('TIMGroupTipElem', { operationType: 1 }))).toEqual([]);
    expect(tipFields(msg('TIMTextElem', { text: 'x' }))).toEqual([]);
  });
});

describe('summary text', () => {
  it('prints every figure the run kept', () => {
    const s: AudienceSummary = {
      room: 'demo',
      seed: 7,
      durationMs: 61_234,
      aborted: false,
      viewers: { planned: 50, joined: 49, left: 49, failedToJoin: 1, peakOnline: 45, locales: { en: 15, 'zh-CN': 20, ja: 8, ko: 7 } },
      planned: { chat: 120, like: 300, gift: 30, follow: 12, buy: 12 },
      sent: { chat: 118, like: 300, gift: 30, follow: 12, buy: 10 },
      likeTaps: 3150,
      giftValue: 42000,
      skipped: { buyNoProduct: 2, giftNoCatalog: 0, viewerOffline: 2 },
      failures: { '10017': 2, '2801': 1 },
      received: { ...zeroReceived(), total: 520, text: 118, like: 300, join: 49 },
      promotions: zeroPromotionTally(),
    };
    const text = formatSummary(s).join('\n');
    expect(text).toContain('room demo (seed 7)');
    expect(text).toContain('61.2s');
    expect(text).toContain('49/50 joined, 49 left, 1 failed to join, peak 45 online (en 15, zh-CN 20, ja 8, ko 7)');
    expect(text).toContain('planned    chat 120, like 300, gift 30, follow 12, buy 12');
    expect(text).toContain('sent       chat 118, like 300, gift 30, follow 12, buy 10; 3150 like taps, gifts worth 42000');
    expect(text).toContain('skipped    buyNoProduct 2, viewerOffline 2');
    expect(text).toContain('failures   10017 ×2, 2801 ×1 (3 in all)');
    expect(text).toContain('received 520: text 118, like 300');
    expect(formatSummary({ ...s, aborted: true, failures: {} })[0]).toContain('stopped early');
    expect(text).not.toContain('promotions');
    const promo = { buys: { attempts: 70, orders: 15, units: 20, refused: { soldOut: 50, limitReached: 5 } }, claims: { attempts: 60, claimed: 50, refused: { allClaimed: 10 } }, entries: 120 };
    expect(formatSummary({ ...s, promotions: promo }).join('\n')).toContain(
      'promotions flash-sale buys 15/70 (20 units); refused soldOut 50, limitReached 5; coupon claims 50/60; refused allClaimed 10; lucky-bag entries 120',
    );
  });

  it('progress is one line', () => {
    const line = formatProgress({ elapsedMs: 5000, online: 3, joined: 4, left: 1, sent: zeroActions(), failures: 0, received: 9 });
    expect(line).toBe('[5.0s] online 3, joined 4, left 1; sent chat 0 like 0 gift 0 follow 0 buy 0; failures 0; observer received 9');
  });
});
