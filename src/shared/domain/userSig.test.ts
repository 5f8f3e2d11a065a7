import { Api } from 'tls-sig-api-v2';
import { afterEach, describe, expect, it, vi } from 'vitest';
// The module under test is pure; the test supplies the Node adapter of its CryptoPort.
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import {
  decodeUserSig,
  genUserSig,
  USERSIG_EMPTY,
  USERSIG_EXPIRED,
  USERSIG_IDENTIFIER_MISMATCH,
  USERSIG_INVALID,
  USERSIG_SDKAPPID_MISMATCH,
  USERSIG_SIGNATURE_MISMATCH,
  UserSigError,
  verifyUserSig,
} from './userSig';

// Computed with the official tls-sig-api-v2@1.0.2 (Date.now fixed at 1700000000 s, the README's placeholder key).
const VECTOR = {
  sdkAppId: 1400000000,
  secretKey: '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e',
  identifier: 'xiaojun',
  expireSeconds: 15552000,
  nowSeconds: 1700000000,
};
const VECTOR_JSON =
  '{"TLS.ver":"2.0","TLS.identifier":"xiaojun","TLS.sdkappid":1400000000,"TLS.time":1700000000,"TLS.expire":15552000,"TLS.sig":"LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4="}';
const VECTOR_SIG =
  'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStDEwMogMiUZOamKlkZmqOKplYUZBaBxE1NTY3gosWZ6UpWSj5ljuYp*p7l5unBxXnF2WVhVU4uAf7Ozi5JpX7O5SbuHuUhzgZJmQXaTia2SrUAohcx8g__';

const verifyInput = { sdkAppId: VECTOR.sdkAppId, secretKey: VECTOR.secretKey, identifier: VECTOR.identifier };

/** Builds a UserSig from an arbitrary document, as a forger or a buggy library would. */
function encodeDoc(doc: unknown): string {
  const packed = nodeCrypto.deflate(new TextEncoder().encode(typeof doc === 'string' ? doc : JSON.stringify(doc)));
  return nodeCrypto.base64Encode(packed).replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('genUserSig', () => {
  it('reproduces the tls-sig-api-v2 vector: decoded JSON and the Node library string byte for byte', () => {
    const sig = genUserSig(nodeCrypto, VECTOR);
    expect(decodeUserSig(nodeCrypto, sig)).toEqual(JSON.parse(VECTOR_JSON));
    const raw = nodeCrypto.inflate(nodeCrypto.base64Decode(sig.replace(/_/g, '=').replace(/-/g, '/').replace(/\*/g, '+')));
    expect(new TextDecoder().decode(raw)).toBe(VECTOR_JSON);
    expect(sig).toBe(VECTOR_SIG);
    expect(sig).not.toMatch(/[+/=]/);
  });

  it('matches the official library for other inputs too (Date.now mocked)', () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_234_567_890_123);
    const official = new Api(1400123456, 'another-secret').genUserSig('host_01', 86400);
    const ours = genUserSig(nodeCrypto, {
      sdkAppId: 1400123456,
      secretKey: 'another-secret',
      identifier: 'host_01',
      expireSeconds: 86400,
      nowSeconds: 1_234_567_890,
    });
    expect(ours).toBe(official);
  });

  it.each([
    ['empty identifier', { identifier: '' }, /empty/],
    ['33-byte identifier', { identifier: 'a'.repeat(33) }, /32 bytes/],
    ['non-printable identifier', { identifier: 'a\nb' }, /printable/],
    ['non-ASCII identifier', { identifier: '主播' }, /printable/],
    ['zero expire', { expireSeconds: 0 }, /expire/],
    ['fractional expire', { expireSeconds: 1.5 }, /expire/],
    ['negative expire', { expireSeconds: -5 }, /expire/],
    ['zero sdkappid', { sdkAppId: 0 }, /SDKAppID/],
    ['sdkappid over uint32', { sdkAppId: 4294967296 }, /SDKAppID/],
    ['empty key', { secretKey: '' }, /SecretKey/],
    ['fractional now', { nowSeconds: 1.5 }, /now/],
  ])('rejects %s', (_name, patch, message) => {
    expect(() => genUserSig(nodeCrypto, { ...VECTOR, ...patch })).toThrow(message);
  });

  it('accepts a 32-byte identifier with printable punctuation', () => {
    const identifier = 'a'.repeat(28) + ' _-@';
    const sig = genUserSig(nodeCrypto, { ...VECTOR, identifier });
    expect(verifyUserSig(nodeCrypto, { ...verifyInput, identifier, userSig: sig, nowSeconds: VECTOR.nowSeconds })).toEqual({
      ok: true,
      expiresAt: VECTOR.nowSeconds + VECTOR.expireSeconds,
    });
  });
});

describe('decodeUserSig', () => {
  it('throws typed errors: 70002 for empty, 70003 for garbage', () => {
    const codeOf = (sig: string) => {
      try {
        decodeUserSig(nodeCrypto, sig);
      } catch (e) {
        expect(e).toBeInstanceOf(UserSigError);
        return (e as UserSigError).code;
      }
      return undefined;
    };
    expect(codeOf('')).toBe(USERSIG_EMPTY);
    expect(codeOf('not a sig!')).toBe(USERSIG_INVALID);
    expect(codeOf(encodeDoc('not json'))).toBe(USERSIG_INVALID);
    expect(codeOf(encodeDoc([1, 2]))).toBe(USERSIG_INVALID);
    expect(codeOf('A'.repeat(5000))).toBe(USERSIG_INVALID);
  });

  it('tolerates missing base64 padding like the Node library', () => {
    const unpadded = VECTOR_SIG.replace(/_+$/, '');
    expect(unpadded).not.toBe(VECTOR_SIG);
    expect(decodeUserSig(nodeCrypto, unpadded)).toEqual(JSON.parse(VECTOR_JSON));
  });
});

describe('verifyUserSig', () => {
  it('accepts the Node library string while valid and reports 70001 after expiry', () => {
    expect(verifyUserSig(nodeCrypto, { ...verifyInput, userSig: VECTOR_SIG, nowSeconds: 1700000001 })).toEqual({
      ok: true,
      expiresAt: 1715552000,
    });
    expect(verifyUserSig(nodeCrypto, { ...verifyInput, userSig: VECTOR_SIG, nowSeconds: 1715552000 }).ok).toBe(true);
    expect(verifyUserSig(nodeCrypto, { ...verifyInput, userSig: VECTOR_SIG, nowSeconds: 1715552001 })).toEqual({
      ok: false,
      code: USERSIG_EXPIRED,
      reason: 'UserSig expired',
    });
  });

  it('accepts a sig freshly issued by the official library until time + expire', () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_800_000_000_500);
    const official = new Api(1400000001, 'k3y').genUserSig('viewer-9', 300);
    const doc = decodeUserSig(nodeCrypto, official);
    expect(doc['TLS.time']).toBe(1_800_000_000);
    expect(doc['TLS.identifier']).toBe('viewer-9');
    const input = { userSig: official, sdkAppId: 1400000001, secretKey: 'k3y', identifier: 'viewer-9' };
    expect(verifyUserSig(nodeCrypto, { ...input, nowSeconds: 1_800_000_300 })).toEqual({ ok: true, expiresAt: 1_800_000_300 });
    expect(verifyUserSig(nodeCrypto, { ...input, nowSeconds: 1_800_000_301 })).toMatchObject({ ok: false, code: USERSIG_EXPIRED });
  });

  it('verifies a sig with Python-style JSON spacing (another official library)', () => {
    const content = 'TLS.identifier:py\nTLS.sdkappid:1400000000\nTLS.time:1700000000\nTLS.expire:60\n';
    const sig = nodeCrypto.base64Encode(nodeCrypto.hmacSha256(VECTOR.secretKey, content));
    const json = `{"TLS.ver": "2.0", "TLS.identifier": "py", "TLS.sdkappid": 1400000000, "TLS.expire": 60, "TLS.time": 1700000000, "TLS.sig": "${sig}"}`;
    const result = verifyUserSig(nodeCrypto, { ...verifyInput, identifier: 'py', userSig: encodeDoc(json), nowSeconds: 1700000030 });
    expect(result).toEqual({ ok: true, expiresAt: 1700000060 });
  });

  it('reports 70002 for an empty UserSig', () => {
    expect(verifyUserSig(nodeCrypto, { ...verifyInput, userSig: '', nowSeconds: 1700000001 })).toMatchObject({
      ok: false,
      code: USERSIG_EMPTY,
    });
  });

  const valid = JSON.parse(VECTOR_JSON) as Record<string, unknown>;
  it.each([
    ['not base64', 'eJy!!!'],
    ['base64 but not zlib', 'aGVsbG8gd29ybGQ_'],
    ['zlib but not JSON', encodeDoc('{oops')],
    ['missing TLS.sig', encodeDoc({ ...valid, 'TLS.sig': undefined })],
    ['missing TLS.time', encodeDoc({ ...valid, 'TLS.time': undefined })],
    ['string sdkappid', encodeDoc({ ...valid, 'TLS.sdkappid': '1400000000' })],
    ['version 1', encodeDoc({ ...valid, 'TLS.ver': '1.0' })],
    ['non-base64 TLS.sig', encodeDoc({ ...valid, 'TLS.sig': 'not base64!' })],
  ])('reports 70003 for %s', (_name, userSig) => {
    const r = verifyUserSig(nodeCrypto, { ...verifyInput, userSig, nowSeconds: 1700000001 });
    expect(r).toMatchObject({ ok: false, code: USERSIG_INVALID });
    expect(r.ok || r.reason).toMatch(/^UserSig invalid: /);
  });

  it('reports 70003 when a userbuf is present (TRTC PrivateMapKey, not an IM login)', () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
    const pmk = new Api(VECTOR.sdkAppId, VECTOR.secretKey).genPrivateMapKey(VECTOR.identifier, 3600, 1234, 255);
    expect(decodeUserSig(nodeCrypto, pmk)['TLS.userbuf']).toEqual(expect.any(String));
    expect(verifyUserSig(nodeCrypto, { ...verifyInput, userSig: pmk, nowSeconds: 1700000001 })).toEqual({
      ok: false,
      code: USERSIG_INVALID,
      reason: 'UserSig invalid: userbuf not supported',
    });
  });

  it('reports 70014 for another SDKAppID before looking at anything else', () => {
    const r = verifyUserSig(nodeCrypto, { ...verifyInput, sdkAppId: 1400000999, identifier: 'someone', userSig: VECTOR_SIG, nowSeconds: 1715552001 });
    expect(r).toMatchObject({ ok: false, code: USERSIG_SDKAPPID_MISMATCH });
    expect(r.ok || r.reason).toContain('1400000000');
  });

  it('reports 70013 for another identifier, before expiry', () => {
    const r = verifyUserSig(nodeCrypto, { ...verifyInput, identifier: 'xiaoming', userSig: VECTOR_SIG, nowSeconds: 1715552001 });
    expect(r).toMatchObject({ ok: false, code: USERSIG_IDENTIFIER_MISMATCH });
  });

  it('reports 70009 for the wrong SecretKey', () => {
    const r = verifyUserSig(nodeCrypto, { ...verifyInput, secretKey: VECTOR.secretKey.toUpperCase(), userSig: VECTOR_SIG, nowSeconds: 1700000001 });
    expect(r).toEqual({ ok: false, code: USERSIG_SIGNATURE_MISMATCH, reason: 'UserSig signature mismatch (wrong SecretKey)' });
  });

  it('reports 70009 when a field was edited after signing (extended expiry)', () => {
    const forged = encodeDoc({ ...valid, 'TLS.expire': 999999999 });
    expect(verifyUserSig(nodeCrypto, { ...verifyInput, userSig: forged, nowSeconds: 1715552001 })).toMatchObject({
      ok: false,
      code: USERSIG_SIGNATURE_MISMATCH,
    });
  });

  it('reports 70009 for a truncated signature rather than throwing', () => {
    const forged = encodeDoc({ ...valid, 'TLS.sig': 'LvA7d/Iw7gSsnskv' });
    expect(verifyUserSig(nodeCrypto, { ...verifyInput, userSig: forged, nowSeconds: 1700000001 })).toMatchObject({
      ok: false,
      code: USERSIG_SIGNATURE_MISMATCH,
    });
  });
});
