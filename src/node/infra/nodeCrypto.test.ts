import { describe, expect, it } from 'vitest';
import { nodeCrypto, systemClock } from './nodeCrypto';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('nodeCrypto', () => {
  it('hashes UTF-8 text to lowercase hex (RFC 1321 / FIPS 180-2 vectors)', () => {
    expect(nodeCrypto.md5Hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(nodeCrypto.sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(nodeCrypto.md5Hex('é')).toBe(nodeCrypto.md5Hex('\u00e9'));
    expect(nodeCrypto.md5Hex('é')).not.toBe(nodeCrypto.md5Hex('\u0065\u0301'));
  });

  it('HMAC-SHA256 uses the key string as UTF-8 bytes (RFC 4231 case 2)', () => {
    const mac = nodeCrypto.hmacSha256('Jefe', 'what do ya want for nothing?');
    expect(mac).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(mac).toString('hex')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    // A hex-looking key is not hex-decoded.
    expect(nodeCrypto.hmacSha256('00ff', 'm')).not.toEqual(nodeCrypto.hmacSha256('\u0000\u00ff', 'm'));
  });

  it('deflates into a zlib container and inflates back', () => {
    const data = bytes('{"TLS.ver":"2.0"}'.repeat(10));
    const packed = nodeCrypto.deflate(data);
    expect([packed[0], packed[1]]).toEqual([0x78, 0x9c]);
    expect(nodeCrypto.inflate(packed)).toEqual(data);
    expect(() => nodeCrypto.inflate(bytes('not zlib'))).toThrow();
  });

  it('base64 round-trips and rejects what Buffer.from would silently accept', () => {
    const data = new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255]);
    const text = nodeCrypto.base64Encode(data);
    expect(text).toBe('AAEC+vv8/f7/');
    expect(nodeCrypto.base64Decode(text)).toEqual(data);
    expect(nodeCrypto.base64Encode(bytes('ab'))).toBe('YWI=');
    expect(nodeCrypto.base64Decode('')).toEqual(new Uint8Array(0));
    for (const bad of ['YWI', 'Y WI=', 'YW!=', 'YWI==', '=YWI', 'YWJ=', 'YW-_']) {
      expect(() => nodeCrypto.base64Decode(bad), bad).toThrow();
    }
  });

  it('encodes a view of a larger buffer without leaking the rest', () => {
    const whole = bytes('xxabcxx');
    expect(nodeCrypto.base64Encode(whole.subarray(2, 5))).toBe('YWJj');
  });

  it('compares in constant time and returns false for different lengths', () => {
    expect(nodeCrypto.timingSafeEqual(bytes('abc'), bytes('abc'))).toBe(true);
    expect(nodeCrypto.timingSafeEqual(bytes('abc'), bytes('abd'))).toBe(false);
    expect(nodeCrypto.timingSafeEqual(bytes('abc'), bytes('abcd'))).toBe(false);
  });

  it('systemClock reads the wall clock in milliseconds', () => {
    const before = Date.now();
    const t = systemClock.now();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });
});
