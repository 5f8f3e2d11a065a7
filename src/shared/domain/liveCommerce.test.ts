import { describe, expect, it } from 'vitest';
import {
  decodeLaunchedProduct,
  byteLength,
  decodeFieldValue,
  DEFAULT_GIFT_CATALOG,
  encodeFieldValue,
  giftCatalogSchema,
  launchedProductSchema,
  parseRoomStatus,
} from './liveCommerce';

describe('live-commerce field values', () => {
  it('round-trips a product and the default gift catalog within 512 bytes', () => {
    const p = launchedProductSchema.parse({ id: 'A1', title: '春季新款连衣裙', price: 19900, image: 'https://cdn.example.com/a1.png' });
    const raw = encodeFieldValue(p);
    expect(decodeFieldValue(launchedProductSchema, raw)).toEqual({ ...p, currency: 'CNY' });
    expect(byteLength(encodeFieldValue(DEFAULT_GIFT_CATALOG))).toBeLessThanOrEqual(512);
    expect(decodeFieldValue(giftCatalogSchema, encodeFieldValue(DEFAULT_GIFT_CATALOG))).toEqual(DEFAULT_GIFT_CATALOG);
  });

  it('counts bytes, not characters, against the field limit', () => {
    expect(byteLength('连衣裙')).toBe(9);
    const big = { title: '裙'.repeat(200) };
    expect(big.title.length).toBeLessThan(512);
    expect(() => encodeFieldValue(big)).toThrow(/at most 512/);
  });

  it.each([undefined, '', 'not json', '{"id":1}', '[]', '{"id":"a","title":"t","price":-1}'])(
    'decodes %j as no product',
    (raw) => {
      expect(decodeFieldValue(launchedProductSchema, raw)).toBeUndefined();
    },
  );

});

describe('decodeLaunchedProduct', () => {
  const p = { id: 'A1', title: 'Dress', price: 19900, currency: 'CNY' };
  it('reads our single product and a product list written by another backend (last valid entry)', () => {
    expect(decodeLaunchedProduct(JSON.stringify(p))).toEqual(p);
    expect(decodeLaunchedProduct(JSON.stringify([{ id: 'B' , title: 'Old', price: 1 }, p, { nonsense: true }]))).toEqual(p);
    expect(decodeLaunchedProduct('[]')).toBeUndefined();
    expect(decodeLaunchedProduct('')).toBeUndefined();
    expect(decodeLaunchedProduct('{oops')).toBeUndefined();
    expect(decodeLaunchedProduct('{"title":"no id"}')).toBeUndefined();
  });
});

describe('parseRoomStatus', () => {
  it('reads ours and the values other backends write (reference §6 / §2.4 examples)', () => {
    expect(['not_started', 'live', 'paused', 'ended'].map((v) => parseRoomStatus(v))).toEqual(['not_started', 'live', 'paused', 'ended']);
    expect(['0', '1', '2', 'online', 'OFFLINE', 'paused'].map((v) => parseRoomStatus(v))).toEqual(['not_started', 'live', 'paused', 'live', 'not_started', 'paused']);
    expect(parseRoomStatus('banana')).toBeUndefined();
    expect(parseRoomStatus('constructor')).toBeUndefined();
    expect(parseRoomStatus(undefined)).toBeUndefined();
  });
});
