// The one live-commerce wire codec: every group field and custom event round-trips, the 512-byte
// limit is checked on the writing side, and readers accept what other backends write.
import { describe, expect, it } from 'vitest';
import {
  byteLength,
  clearProduct,
  decodeCustomEvent,
  decodeGiftCatalog,
  decodeProduct,
  decodeRoomFields,
  DEFAULT_GIFT_CATALOG,
  encodeCustomEvent,
  encodeGiftCatalog,
  encodeProduct,
  encodeRoomStatus,
  FieldTooLargeError,
  initialRoomFields,
  launchedProductSchema,
  parseRoomStatus,
  type CustomEvent,
} from './liveCommerce';

describe('live-commerce field values', () => {
  it('round-trips a product and the default gift catalog within 512 bytes', () => {
    const p = launchedProductSchema.parse({ id: 'A1', title: '春季新款连衣裙', price: 19900, image: 'https://cdn.example.com/a1.png' });
    const { write, dropped } = encodeProduct(p);
    expect(write.key).toBe('add_goods');
    expect(dropped).toEqual([]);
    expect(decodeProduct(write.value)).toEqual({ ...p, currency: 'CNY' });
    expect(byteLength(encodeGiftCatalog(DEFAULT_GIFT_CATALOG).value)).toBeLessThanOrEqual(512);
    expect(decodeGiftCatalog(encodeGiftCatalog(DEFAULT_GIFT_CATALOG).value)).toEqual(DEFAULT_GIFT_CATALOG);
  });

  it('counts bytes, not characters, against the field limit', () => {
    expect(byteLength('连衣裙')).toBe(9);
    const gifts = Array.from({ length: 12 }, (_, i) => ({ id: `g${i}`, name: '礼'.repeat(10), value: 1, icon: '' }));
    expect(JSON.stringify(gifts).length).toBeLessThan(1000);
    expect(() => encodeGiftCatalog(gifts)).toThrow(FieldTooLargeError);
    expect(() => encodeGiftCatalog(gifts)).toThrow(/at most 512/);
  });

  it('fits a product by dropping the link, then the image, and says what it dropped', () => {
    const base = { id: 'A1', title: '裙'.repeat(100), price: 1, currency: 'CNY' };
    const link = `https://shop.example.com/${'l'.repeat(200)}`;
    const image = `https://cdn.example.com/${'i'.repeat(150)}`;
    expect(encodeProduct({ ...base, link }).dropped).toEqual(['link']);
    const both = encodeProduct({ ...base, link, image: `https://cdn.example.com/${'i'.repeat(250)}` });
    expect(both.dropped).toEqual(['link', 'image']);
    expect(JSON.parse(both.write.value)).toEqual(base);
    expect(encodeProduct({ ...base, image, link }).dropped).toContain('link');
    for (const r of [encodeProduct({ ...base, link }), both]) expect(byteLength(r.write.value)).toBeLessThanOrEqual(512);
    // JSON escapes control characters as \u00XX: 120 of them are 720 bytes.
    expect(() => encodeProduct({ id: 'x'.repeat(64), title: '\u0001'.repeat(120), price: 1, currency: 'CNY' })).toThrow(FieldTooLargeError);
  });

  it.each([undefined, '', 'not json', '{"id":1}', '[]', '{"id":"a","title":"t","price":-1}'])('decodes %j as no product', (raw) => {
    expect(decodeProduct(raw)).toBeUndefined();
  });

  it('starts a room not started with the default catalog; unpinning clears add_goods', () => {
    expect(initialRoomFields()).toEqual([encodeRoomStatus('not_started'), encodeGiftCatalog(DEFAULT_GIFT_CATALOG)]);
    expect(clearProduct()).toEqual({ key: 'add_goods', value: '' });
  });
});

// The fitting that the console used to do itself: main now fits and reports what it dropped.
describe('encodeProduct fits a launch', () => {
  const base = { id: 'A1', title: 'Red lipstick', price: 19900, currency: 'CNY' };
  it('launches the whole product when it fits 512 bytes', () => {
    const r = encodeProduct({ ...base, image: 'https://img.example.com/a.png' });
    expect({ product: JSON.parse(r.write.value), dropped: r.dropped }).toEqual({ product: { ...base, image: 'https://img.example.com/a.png' }, dropped: [] });
  });

  it('drops the link, then the image, to fit', () => {
    const long = `https://example.com/${'x'.repeat(280)}`;
    expect(encodeProduct({ ...base, image: long, link: long }).dropped).toEqual(['link']);
    expect(encodeProduct({ ...base, title: '长'.repeat(100), image: long, link: long }).dropped).toEqual(['link', 'image']);
  });

  it('fails with the size when even the bare product is too big', () => {
    const e = (() => {
      try {
        encodeProduct({ ...base, title: '长'.repeat(120), id: '长'.repeat(64) });
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(FieldTooLargeError);
    expect((e as FieldTooLargeError).bytes).toBeGreaterThan(512);
  });
});

describe('decodeProduct', () => {
  const p = { id: 'A1', title: 'Dress', price: 19900, currency: 'CNY' };
  it('reads our single product and a product list written by another backend (last valid entry)', () => {
    expect(decodeProduct(JSON.stringify(p))).toEqual(p);
    expect(decodeProduct(JSON.stringify([{ id: 'B', title: 'Old', price: 1 }, p, { nonsense: true }]))).toEqual(p);
    expect(decodeProduct('[]')).toBeUndefined();
    expect(decodeProduct('')).toBeUndefined();
    expect(decodeProduct('{oops')).toBeUndefined();
    expect(decodeProduct('{"title":"no id"}')).toBeUndefined();
  });
});

describe('decodeRoomFields: one reading for every reader', () => {
  it('reads present keys only; "" clears; an empty or unreadable catalog is the default one', () => {
    const p = { id: 'A1', title: 'Dress', price: 19900, currency: 'CNY' };
    expect(decodeRoomFields([{ key: 'add_goods', value: JSON.stringify([p]) }, { key: 'other', value: 'x' }])).toEqual({ product: p });
    expect(decodeRoomFields([{ key: 'add_goods', value: '' }, { key: 'room_status', value: '' }])).toEqual({ product: null, status: null });
    expect(decodeRoomFields([{ key: 'gift_catalog', value: '[]' }]).giftCatalog).toEqual(DEFAULT_GIFT_CATALOG);
    expect(decodeRoomFields([{ key: 'gift_catalog', value: '{bad' }]).giftCatalog).toEqual(DEFAULT_GIFT_CATALOG);
    expect(decodeRoomFields([{ key: 'room_status', value: '1' }])).toEqual({ status: 'live' });
  });
});

describe('custom events', () => {
  it.each<CustomEvent>([
    { type: 'LIKE', count: 3 },
    { type: 'SEND_GIFT', giftId: 'rose', name: 'Rose', value: 100, count: 2 },
    { type: 'BUY_GOODS', id: 'A1', title: 'Dress', price: 19900, quantity: 1 },
    { type: 'ATTENTION' },
    { type: 'CANCELATTENTION' },
    { type: 'USE_COUPON' },
  ])('round-trips %j', (e) => {
    const { data, extension } = encodeCustomEvent(e);
    expect(data).toBe(e.type);
    expect(decodeCustomEvent(data, extension)).toEqual({ ok: true, event: e });
  });

  it('refuses unknown types and unreadable purchases, never throws', () => {
    expect(decodeCustomEvent('BIT_BEGIN', '{}')).toEqual({ ok: false, reason: 'unknownCustomType' });
    expect(decodeCustomEvent('BUY_GOODS', '{')).toEqual({ ok: false, reason: 'badJson' });
    expect(decodeCustomEvent('BUY_GOODS', '{"id":"A1"}')).toEqual({ ok: false, reason: 'badExt' });
    expect(decodeCustomEvent('SEND_GIFT', 'x'.repeat(20_000))).toEqual({ ok: false, reason: 'tooLarge' });
  });
});

describe('parseRoomStatus', () => {
  it('reads ours and the values other backends write (im-live-sells and Tencent examples)', () => {
    expect(['not_started', 'live', 'paused', 'ended'].map((v) => parseRoomStatus(v))).toEqual(['not_started', 'live', 'paused', 'ended']);
    expect(['0', '1', '2', 'online', 'OFFLINE', 'paused'].map((v) => parseRoomStatus(v))).toEqual(['not_started', 'live', 'paused', 'live', 'not_started', 'paused']);
    expect(parseRoomStatus('banana')).toBeUndefined();
    expect(parseRoomStatus('constructor')).toBeUndefined();
    expect(parseRoomStatus(undefined)).toBeUndefined();
  });
});

describe('add_goods with the stream clock of the launch', () => {
  it('is one extra key in the same JSON object: written, read back, and kept when link and image must go', () => {
    const p = { id: 'K1', title: 'Kettle', price: 8800, currency: 'CNY', at: 1_765_000_000_123 };
    const { write } = encodeProduct(p);
    const json = JSON.parse(write.value) as Record<string, unknown>;
    expect(json).toEqual({ id: 'K1', title: 'Kettle', price: 8800, currency: 'CNY', at: 1_765_000_000_123 });
    expect(decodeProduct(write.value)).toEqual(p);
    const big = encodeProduct({ ...p, title: '裙'.repeat(60), image: `https://cdn.example.com/${'x'.repeat(250)}`, link: `https://shop.example.com/${'y'.repeat(250)}` });
    expect(big.dropped).toEqual(['link', 'image']);
    expect(JSON.parse(big.write.value)).toMatchObject({ at: p.at });
  });

  it('reads the same product as before for a reader that knows only the im-live-sells keys', () => {
    const { write } = encodeProduct({ id: 'K1', title: 'Kettle', price: 8800, currency: 'CNY', at: 1 });
    const { id, title, price } = JSON.parse(write.value) as { id: string; title: string; price: number };
    expect({ id, title, price }).toEqual({ id: 'K1', title: 'Kettle', price: 8800 });
    expect(decodeProduct(JSON.stringify({ id: 'K1', title: 'Kettle', price: 8800 }))?.at).toBeUndefined();
    expect(decodeProduct(JSON.stringify({ id: 'K1', title: 'Kettle', price: 8800, at: 'soon' }))).toBeUndefined();
  });
});
