import { describe, expect, it } from 'vitest';
import { parseExpiry } from './expiry';

const NOW_MS = 1_700_000_000_750; // 2023-11-14T22:13:20.750Z
const NOW = 1_700_000_000;

describe('parseExpiry', () => {
  it.each([
    ['+24h', NOW + 86400],
    ['+90m', NOW + 5400],
    ['+7d', NOW + 7 * 86400],
    ['+3600s', NOW + 3600],
    ['+1S', NOW + 1],
    ['  +24h  ', NOW + 86400],
  ])('reads relative %j from now', (text, expected) => {
    expect(parseExpiry(text, NOW_MS)).toBe(expected);
  });

  it('reads decimal Unix seconds as given', () => {
    expect(parseExpiry('1800000000', NOW_MS)).toBe(1800000000);
  });

  it.each([
    ['2024-01-01', 1704067200],
    ['2024-01-01T20:00:00Z', 1704139200],
    ['2024-01-01T20:00:00+08:00', 1704110400],
    ['2024-01-01T20:00:00-0530', 1704159000],
    ['2024-01-01T20:00', 1704139200],
    ['2024-01-01 20:00:00', 1704139200],
    ['2024-01-01T20:00:00.999Z', 1704139200],
    ['2024-02-29T00:00:00Z', 1709164800],
  ])('reads ISO %j (UTC unless an offset is given)', (text, expected) => {
    expect(parseExpiry(text, NOW_MS)).toBe(expected);
  });

  it.each(['', 'tomorrow', '24h', '+24', '+1w', '-1h', '+1.5h', '12:00', '2024/01/01', '0x5C271099', '1e10'])(
    'rejects %j with a hint at the accepted forms',
    (text) => {
      expect(() => parseExpiry(text, NOW_MS)).toThrow(/Cannot read expiry .*Unix seconds.*ISO.*\+24h/);
    },
  );

  it.each(['2023-02-30', '2024-13-01', '2024-01-01T24:00:00Z', '2024-01-01T20:61Z'])('rejects the impossible date %j', (text) => {
    expect(() => parseExpiry(text, NOW_MS)).toThrow(/not a real date/);
  });

  it('accepts a past time only when asked to (reproducing published vectors)', () => {
    expect(parseExpiry('1546064025', NOW_MS, { allowPast: true })).toBe(1546064025);
    expect(() => parseExpiry('1546064025', NOW_MS)).toThrow(/in the past/);
  });

  it('rejects times in the past and now itself', () => {
    expect(() => parseExpiry('1600000000', NOW_MS)).toThrow(/in the past \(2020-09-13T12:26:40\.000Z\)/);
    expect(() => parseExpiry(String(NOW), NOW_MS)).toThrow(/in the past/);
    expect(() => parseExpiry('2020-01-01', NOW_MS)).toThrow(/in the past/);
    expect(() => parseExpiry('+0h', NOW_MS)).toThrow(/more than zero/);
    expect(parseExpiry(String(NOW + 1), NOW_MS)).toBe(NOW + 1);
  });

  it('rejects milliseconds and dates beyond 32-bit txTime', () => {
    expect(() => parseExpiry('1800000000000', NOW_MS)).toThrow(/milliseconds/);
    expect(() => parseExpiry('2200-01-01', NOW_MS)).toThrow(/too far/);
    expect(() => parseExpiry('+99999999d', NOW_MS)).toThrow(/too far/);
  });
});
