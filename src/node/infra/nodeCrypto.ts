// The Node implementation of the CryptoPort and Clock ports (node:crypto + node:zlib), wired in
// by main, web mode, the studio and the CLI.
import { createHash, createHmac, timingSafeEqual as nodeTimingSafeEqual } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { type Clock, type CryptoPort } from '../../shared/domain/cryptoPort';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Buffers are Uint8Arrays, but callers compare with plain ones; copy so equality is by value. */
const plain = (b: Uint8Array): Uint8Array => new Uint8Array(b);

export const nodeCrypto: CryptoPort = {
  md5Hex: (text) => createHash('md5').update(text, 'utf8').digest('hex'),
  sha256Hex: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
  hmacSha256: (key, message) => plain(createHmac('sha256', Buffer.from(key, 'utf8')).update(message, 'utf8').digest()),
  deflate: (data) => plain(deflateSync(data)),
  inflate: (data) => plain(inflateSync(data)),
  base64Encode: (data) => Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'),
  base64Decode: (text) => {
    // Buffer.from(text, 'base64') silently skips bad characters and ignores stray bits; a
    // signature check must not accept two spellings of one value.
    if (!BASE64.test(text)) throw new Error('Invalid base64');
    const bytes = Buffer.from(text, 'base64');
    if (bytes.toString('base64') !== text) throw new Error('Invalid base64 (non-canonical padding bits)');
    return plain(bytes);
  },
  timingSafeEqual: (a, b) => a.byteLength === b.byteLength && nodeTimingSafeEqual(a, b),
};

export const systemClock: Clock = { now: () => Date.now() };
