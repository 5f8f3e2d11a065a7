// Ports for hashing, compression and time, so the signing code in src/shared stays pure and runs
// anywhere; src/node/infra/nodeCrypto.ts provides the Node implementation.

export interface CryptoPort {
  /** Lowercase hex MD5 of the UTF-8 bytes of `text`. */
  md5Hex(text: string): string;
  /** Lowercase hex SHA-256 of the UTF-8 bytes of `text`. */
  sha256Hex(text: string): string;
  /** HMAC-SHA256; the key is the UTF-8 bytes of the string, never hex-decoded (as tls-sig-api-v2 does). */
  hmacSha256(key: string, message: string): Uint8Array;
  /** zlib container (RFC 1950), like zlib.deflateSync. */
  deflate(data: Uint8Array): Uint8Array;
  /** Inverse of deflate; throws on corrupt data. */
  inflate(data: Uint8Array): Uint8Array;
  /** Standard alphabet with `=` padding. */
  base64Encode(data: Uint8Array): string;
  /** Strict: throws on anything that is not canonical padded standard base64. */
  base64Decode(text: string): Uint8Array;
  /** Constant-time comparison; false (not a throw) when lengths differ. */
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
}

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}
