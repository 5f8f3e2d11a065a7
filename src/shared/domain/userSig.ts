// Tencent IM UserSig v2: generate, decode and verify (as tls-sig-api-v2 does). The CLI and the
// studio's IM emulator share it, so the emulator accepts exactly what Tencent's libraries issue.
import { type CryptoPort } from './cryptoPort';

/** Server error codes for UserSig failures (https://cloud.tencent.com/document/product/269/1671). */
export const USERSIG_EXPIRED = 70001;
export const USERSIG_EMPTY = 70002;
export const USERSIG_INVALID = 70003;
export const USERSIG_SIGNATURE_MISMATCH = 70009;
export const USERSIG_IDENTIFIER_MISMATCH = 70013;
export const USERSIG_SDKAPPID_MISMATCH = 70014;

export type UserSigErrorCode =
  | typeof USERSIG_EXPIRED
  | typeof USERSIG_EMPTY
  | typeof USERSIG_INVALID
  | typeof USERSIG_SIGNATURE_MISMATCH
  | typeof USERSIG_IDENTIFIER_MISMATCH
  | typeof USERSIG_SDKAPPID_MISMATCH;

/** Default validity of the official libraries' examples: 180 days. */
export const DEFAULT_USERSIG_EXPIRE_SECONDS = 86400 * 180;

/**
 * Our own guard, not a Tencent limit: real UserSigs are ~200 characters, so anything this long is
 * refused before inflating (a small zlib bomb could otherwise expand a thousandfold).
 */
export const MAX_USERSIG_LENGTH = 4096;

const MAX_SDKAPPID = 4294967295;

/** The decoded UserSig document, keys exactly as on the wire. */
export interface UserSigDoc {
  'TLS.ver': string;
  'TLS.identifier': string;
  'TLS.sdkappid': number;
  'TLS.time': number;
  'TLS.expire': number;
  'TLS.userbuf'?: string;
  'TLS.sig': string;
}

/** Thrown by decodeUserSig; `code` is 70002 (empty) or 70003 (invalid). */
export class UserSigError extends Error {
  readonly code: UserSigErrorCode;
  constructor(code: UserSigErrorCode, message: string) {
    super(message);
    this.name = 'UserSigError';
    this.code = code;
  }
}

export interface GenUserSigInput {
  sdkAppId: number;
  secretKey: string;
  identifier: string;
  /** Validity duration in seconds, relative to nowSeconds. */
  expireSeconds: number;
  /** Issue time, Unix seconds (the official libs read the clock; we take it as input). */
  nowSeconds: number;
}

export interface VerifyUserSigInput {
  userSig: string;
  sdkAppId: number;
  secretKey: string;
  identifier: string;
  nowSeconds: number;
}

export type VerifyUserSigResult =
  | { ok: true; expiresAt: number }
  | { ok: false; code: UserSigErrorCode; reason: string };

/** Throws when `id` is not a UserID Tencent accepts: 1–32 bytes of printable ASCII (SDK error 7003). */
export function assertUserId(id: string): void {
  if (id === '') throw new Error('UserID must not be empty');
  if (!/^[\x20-\x7e]+$/.test(id)) throw new Error('UserID must be printable ASCII (0x20-0x7e)');
  if (id.length > 32) throw new Error(`UserID must be at most 32 bytes (got ${id.length})`);
}

export function assertSdkAppId(n: number): void {
  if (!Number.isInteger(n) || n <= 0 || n > MAX_SDKAPPID) {
    throw new Error(`SDKAppID must be a positive integer ≤ ${MAX_SDKAPPID} (got ${n})`);
  }
}

/** The newline-terminated text the HMAC covers, in the official libraries' field order. */
function contentToSign(identifier: string, sdkAppId: number, time: number, expire: number, userbuf?: string): string {
  let content = `TLS.identifier:${identifier}\nTLS.sdkappid:${sdkAppId}\nTLS.time:${time}\nTLS.expire:${expire}\n`;
  if (userbuf !== undefined) content += `TLS.userbuf:${userbuf}\n`;
  return content;
}

/** Generates a UserSig byte-identical to the official Node library (`tls-sig-api-v2`). */
export function genUserSig(crypto: CryptoPort, input: GenUserSigInput): string {
  const { sdkAppId, secretKey, identifier, expireSeconds, nowSeconds } = input;
  assertSdkAppId(sdkAppId);
  assertUserId(identifier);
  if (secretKey === '') throw new Error('SecretKey must not be empty');
  if (!Number.isSafeInteger(expireSeconds) || expireSeconds <= 0) {
    throw new Error(`expire must be a positive whole number of seconds (got ${expireSeconds})`);
  }
  if (!Number.isSafeInteger(nowSeconds) || nowSeconds < 0) {
    throw new Error(`now must be a non-negative whole number of Unix seconds (got ${nowSeconds})`);
  }
  const hmac = crypto.hmacSha256(secretKey, contentToSign(identifier, sdkAppId, nowSeconds, expireSeconds));
  // Key order matches the Node library's JSON so outputs compare equal byte for byte.
  const doc: UserSigDoc = {
    'TLS.ver': '2.0',
    'TLS.identifier': identifier,
    'TLS.sdkappid': sdkAppId,
    'TLS.time': nowSeconds,
    'TLS.expire': expireSeconds,
    'TLS.sig': crypto.base64Encode(hmac),
  };
  const compressed = crypto.deflate(new TextEncoder().encode(JSON.stringify(doc)));
  return crypto.base64Encode(compressed).replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

const invalid = (message: string) => new UserSigError(USERSIG_INVALID, `UserSig invalid: ${message}`);

const isWholeNumber = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Decodes a UserSig into its document. Throws UserSigError (70002 empty, 70003 invalid); checks no signature. */
export function decodeUserSig(crypto: CryptoPort, userSig: string): UserSigDoc {
  if (userSig === '') throw new UserSigError(USERSIG_EMPTY, 'UserSig is empty');
  if (userSig.length > MAX_USERSIG_LENGTH) throw invalid(`longer than ${MAX_USERSIG_LENGTH} characters`);
  let b64 = userSig.replace(/_/g, '=').replace(/-/g, '/').replace(/\*/g, '+');
  // The Node library tolerates missing padding when decoding; so do we.
  if (!b64.includes('=') && b64.length % 4 !== 1) b64 += '='.repeat((4 - (b64.length % 4)) % 4);
  let json: string;
  try {
    const inflated = crypto.inflate(crypto.base64Decode(b64));
    json = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    throw invalid('not base64url-encoded zlib data');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw invalid('not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid('not a JSON object');
  const o = parsed as Record<string, unknown>;
  if (o['TLS.ver'] !== '2.0') throw invalid(`unsupported TLS.ver ${JSON.stringify(o['TLS.ver'])}`);
  if (typeof o['TLS.identifier'] !== 'string') throw invalid('TLS.identifier missing');
  for (const k of ['TLS.sdkappid', 'TLS.time', 'TLS.expire'] as const) {
    if (!isWholeNumber(o[k])) throw invalid(`${k} missing or not a whole number`);
  }
  if (typeof o['TLS.sig'] !== 'string') throw invalid('TLS.sig missing');
  try {
    crypto.base64Decode(o['TLS.sig']);
  } catch {
    throw invalid('TLS.sig is not base64');
  }
  if (o['TLS.userbuf'] !== undefined && typeof o['TLS.userbuf'] !== 'string') throw invalid('TLS.userbuf not a string');
  const doc: UserSigDoc = {
    'TLS.ver': o['TLS.ver'],
    'TLS.identifier': o['TLS.identifier'],
    'TLS.sdkappid': o['TLS.sdkappid'] as number,
    'TLS.time': o['TLS.time'] as number,
    'TLS.expire': o['TLS.expire'] as number,
    'TLS.sig': o['TLS.sig'],
  };
  if (typeof o['TLS.userbuf'] === 'string') doc['TLS.userbuf'] = o['TLS.userbuf'];
  return doc;
}

/**
 * Verifies a UserSig the way the official Go `VerifyUserSig` does: decode, SDKAppID,
 * identifier, expiry, userbuf, then the HMAC. A sig is still valid at exactly time + expire.
 */
export function verifyUserSig(crypto: CryptoPort, input: VerifyUserSigInput): VerifyUserSigResult {
  const { userSig, sdkAppId, secretKey, identifier, nowSeconds } = input;
  if (secretKey === '') throw new Error('SecretKey must not be empty');
  let doc: UserSigDoc;
  try {
    doc = decodeUserSig(crypto, userSig);
  } catch (e) {
    if (e instanceof UserSigError) return { ok: false, code: e.code, reason: e.message };
    throw e;
  }
  if (doc['TLS.sdkappid'] !== sdkAppId) {
    return {
      ok: false,
      code: USERSIG_SDKAPPID_MISMATCH,
      reason: `SDKAppID mismatch: UserSig is for ${doc['TLS.sdkappid']}, expected ${sdkAppId}`,
    };
  }
  if (doc['TLS.identifier'] !== identifier) {
    return {
      ok: false,
      code: USERSIG_IDENTIFIER_MISMATCH,
      reason: `Identifier mismatch: UserSig is for ${JSON.stringify(doc['TLS.identifier'])}, expected ${JSON.stringify(identifier)}`,
    };
  }
  const expiresAt = doc['TLS.time'] + doc['TLS.expire'];
  if (nowSeconds > expiresAt) return { ok: false, code: USERSIG_EXPIRED, reason: 'UserSig expired' };
  // A userbuf only appears in TRTC PrivateMapKeys; an IM login never expects one.
  if (doc['TLS.userbuf'] !== undefined) {
    return { ok: false, code: USERSIG_INVALID, reason: 'UserSig invalid: userbuf not supported' };
  }
  const expected = crypto.hmacSha256(
    secretKey,
    contentToSign(doc['TLS.identifier'], doc['TLS.sdkappid'], doc['TLS.time'], doc['TLS.expire']),
  );
  if (!crypto.timingSafeEqual(expected, crypto.base64Decode(doc['TLS.sig']))) {
    return { ok: false, code: USERSIG_SIGNATURE_MISMATCH, reason: 'UserSig signature mismatch (wrong SecretKey)' };
  }
  return { ok: true, expiresAt };
}
