// Tencent CSS/LVB URL signing: txTime/txSecret (hotlink protection,
// https://www.tencentcloud.com/document/product/267/31560), the push and playback URL layouts
// (https://www.tencentcloud.com/document/product/267/38393), and the check the studio's RTMP
// ingest applies to incoming pushes.
import { type CryptoPort } from './cryptoPort';

export interface PushUrls {
  rtmp: string;
  webrtc: string;
  /** OBS "Server" field: `rtmp://<domain>/<AppName>/`. */
  obsServer: string;
  /** OBS "Stream Key" field: `<StreamName>?txSecret=…&txTime=…`. */
  obsStreamKey: string;
  txTime: string;
  txSecret: string;
  /** Unix seconds. */
  expiresAt: number;
}

export interface PlayUrls {
  rtmp: string;
  flv: string;
  hls: string;
  webrtc: string;
}

export interface PushUrlInput {
  domain: string;
  appName: string;
  streamName: string;
  key: string;
  /** Unix seconds; becomes txTime. */
  expiresAt: number;
}

export interface PlayUrlInput {
  domain: string;
  appName: string;
  streamName: string;
  /** Playback auth key; without it the URLs carry no query (playback auth disabled). */
  key?: string;
  /** Unix seconds; required with `key`. */
  expiresAt?: number;
  /** https for FLV/HLS (default true); false gives http, e.g. for a local studio. */
  secure?: boolean;
}

/** Anything with URLSearchParams' `get`, or a parsed-query record (node:querystring style). */
export type QueryLike = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

export interface VerifyLvbQueryInput {
  key: string;
  streamName: string;
  query: QueryLike;
  nowSeconds: number;
  /** Extra seconds accepted after txTime: the domain's "authentication validity period". Default 0. */
  graceSeconds?: number;
}

export type LvbQueryFailure = 'missing' | 'bad-signature' | 'expired' | 'malformed';

export type VerifyLvbQueryResult = { ok: true; expiresAt: number } | { ok: false; reason: LvbQueryFailure };

const HOST_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const DOMAIN = new RegExp(`^(?:${HOST_LABEL}(?:\\.${HOST_LABEL})*|\\[[0-9A-Fa-f:.]+\\])(?::\\d{1,5})?$`);
const APP_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** RFC 3986 unreserved characters only, so the signed name and the URL path are the same string. */
const STREAM_NAME = /^[A-Za-z0-9_.~-]{1,255}$/;
const MEDIA_EXTENSION = /\.(?:flv|m3u8|ts|mp4|sdp|mpd|m4s)$/i;
const MAX_TX_TIME = 0xffffffff;

/** Expiry as Tencent writes it: Unix seconds in UPPERCASE hex (the docs' examples). */
export function toTxTime(expiresAtSeconds: number): string {
  if (!Number.isInteger(expiresAtSeconds) || expiresAtSeconds <= 0 || expiresAtSeconds > MAX_TX_TIME) {
    throw new Error(`Expiry must be whole Unix seconds between 1 and ${MAX_TX_TIME} (got ${expiresAtSeconds})`);
  }
  return expiresAtSeconds.toString(16).toUpperCase();
}

/** txSecret = md5_hex(KEY + StreamName + txTime); txTime exactly as sent, since the hash is case-sensitive. */
export function lvbSign(crypto: CryptoPort, key: string, streamName: string, txTime: string): string {
  return crypto.md5Hex(key + streamName + txTime);
}

function assertDomain(domain: string, what = 'Domain'): void {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(domain)) {
    throw new Error(`${what} must be a bare host name without scheme (got "${domain}"), e.g. push.example.com`);
  }
  if (domain.length > 253 || !DOMAIN.test(domain)) {
    throw new Error(`${what} must be a host name such as push.example.com, optionally with :port (got "${domain}")`);
  }
}

function assertAppName(appName: string): void {
  if (!APP_NAME.test(appName)) {
    throw new Error(`AppName must be 1-64 letters, digits, _ or - with no "/" (got "${appName}")`);
  }
}

/** StreamName must be bare: no AppName, no path, no extension. */
export function assertStreamName(streamName: string): void {
  if (streamName.includes('/')) throw new Error(`StreamName must not contain "/" (got "${streamName}")`);
  if (MEDIA_EXTENSION.test(streamName)) {
    throw new Error(`StreamName must be bare, without an extension such as .flv or .m3u8 (got "${streamName}")`);
  }
  if (!STREAM_NAME.test(streamName)) {
    throw new Error(`StreamName must be 1-255 letters, digits, - _ . or ~ (got "${streamName}")`);
  }
}

function assertKey(key: string, what: string): void {
  if (key === '') throw new Error(`${what} must not be empty`);
}

function authQuery(crypto: CryptoPort, key: string, streamName: string, expiresAt: number) {
  const txTime = toTxTime(expiresAt);
  const txSecret = lvbSign(crypto, key, streamName, txTime);
  return { txTime, txSecret, query: `txSecret=${txSecret}&txTime=${txTime}` };
}

/** Push URLs for one stream; the same signature covers RTMP and WebRTC. */
export function buildPushUrls(crypto: CryptoPort, input: PushUrlInput): PushUrls {
  const { domain, appName, streamName, key, expiresAt } = input;
  assertDomain(domain, 'Push domain');
  assertAppName(appName);
  assertStreamName(streamName);
  assertKey(key, 'Push key');
  const { txTime, txSecret, query } = authQuery(crypto, key, streamName, expiresAt);
  const path = `${domain}/${appName}/${streamName}`;
  return {
    rtmp: `rtmp://${path}?${query}`,
    webrtc: `webrtc://${path}?${query}`,
    obsServer: `rtmp://${domain}/${appName}/`,
    obsStreamKey: `${streamName}?${query}`,
    txTime,
    txSecret,
    expiresAt,
  };
}

/** Playback URLs; signed with the bare StreamName even for the .flv/.m3u8 paths. */
export function buildPlayUrls(crypto: CryptoPort, input: PlayUrlInput): PlayUrls {
  const { domain, appName, streamName, key, expiresAt, secure = true } = input;
  assertDomain(domain, 'Playback domain');
  assertAppName(appName);
  assertStreamName(streamName);
  let suffix = '';
  if (key !== undefined) {
    assertKey(key, 'Playback key');
    if (expiresAt === undefined) throw new Error('Playback expiry is required with a playback key');
    suffix = '?' + authQuery(crypto, key, streamName, expiresAt).query;
  }
  const path = `${domain}/${appName}/${streamName}`;
  const http = secure ? 'https' : 'http';
  return {
    rtmp: `rtmp://${path}${suffix}`,
    flv: `${http}://${path}.flv${suffix}`,
    hls: `${http}://${path}.m3u8${suffix}`,
    webrtc: `webrtc://${path}${suffix}`,
  };
}

/** One query value; undefined when absent or empty, null when repeated (ambiguous). */
function queryValue(query: QueryLike, name: string): string | undefined | null {
  if (typeof query.get === 'function') {
    const q = query as { get(name: string): string | null; getAll?: (name: string) => string[] };
    if (q.getAll && q.getAll(name).length > 1) return null;
    return q.get(name) || undefined;
  }
  const v = (query as Record<string, string | string[] | undefined>)[name];
  if (Array.isArray(v)) return v.length > 1 ? null : v[0] || undefined;
  return v || undefined;
}

/**
 * Checks txSecret/txTime on an incoming push or play request, as CSS does: signature
 * over the txTime string exactly as received (either case), then `now ≤ txTime + grace`.
 */
export function verifyLvbQuery(crypto: CryptoPort, input: VerifyLvbQueryInput): VerifyLvbQueryResult {
  const { key, streamName, query, nowSeconds, graceSeconds = 0 } = input;
  assertKey(key, 'Key');
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0) {
    throw new Error(`graceSeconds must be a non-negative integer (got ${graceSeconds})`);
  }
  const txSecret = queryValue(query, 'txSecret');
  const txTime = queryValue(query, 'txTime');
  if (txSecret === null || txTime === null) return { ok: false, reason: 'malformed' };
  if (txSecret === undefined || txTime === undefined) return { ok: false, reason: 'missing' };
  if (!/^[0-9A-Fa-f]{1,8}$/.test(txTime) || !/^[0-9A-Fa-f]{32}$/.test(txSecret) || streamName === '') {
    return { ok: false, reason: 'malformed' };
  }
  const enc = new TextEncoder();
  const expected = enc.encode(lvbSign(crypto, key, streamName, txTime));
  if (!crypto.timingSafeEqual(expected, enc.encode(txSecret.toLowerCase()))) {
    return { ok: false, reason: 'bad-signature' };
  }
  const expiresAt = parseInt(txTime, 16);
  if (nowSeconds > expiresAt + graceSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, expiresAt };
}

/** Replaces txSecret and usersig values with `***` so URLs can be logged and shown. */
export function maskSecretsInUrl(url: string): string {
  return url.replace(/((?:^|[?&#,;])(?:txSecret|usersig)=)[^&#,;\s]*/gi, '$1***');
}
