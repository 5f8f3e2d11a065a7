// Builds push start/interrupt events in CSS's callback shape
// (https://www.tencentcloud.com/document/product/267/38081) from what the ingest knows about a
// push session; pure, so both the child and the parent use it.
import { maskSecretsInUrl } from '../../shared/domain/lvbAuth';
import { type CryptoPort } from '../../shared/domain/cryptoPort';
import { type PushEvent } from './protocol';

/** CSS's default validity for a callback signature: `t` = now + 10 min. */
export const CALLBACK_SIGN_VALIDITY_SECONDS = 600;

/** What one accepted push session contributes to both of its events. */
export interface PushSession {
  /** Shared by the session's start and interrupt events. */
  sequence: string;
  /** Host the encoder pushed to (CSS reports the push domain here). */
  domain: string;
  appName: string;
  streamId: string;
  /** The ingest's own address. */
  node: string;
  userIp: string;
  /** Query string as pushed, txSecret already masked (see `streamParamOf`). */
  streamParam: string;
  startedAtMs: number;
}

export interface PushEventKeys {
  /** The callback key; the studio uses its push key (documented in docs/studio.md). */
  callbackKey: string;
  appId: number;
}

export interface InterruptDetails {
  width?: number;
  height?: number;
  errcode?: number;
  errmsg?: string;
}

/** sign = md5_hex(key + t) with t in decimal seconds. */
export function callbackSign(crypto: CryptoPort, key: string, t: number): string {
  return crypto.md5Hex(key + String(t));
}

function baseEvent(crypto: CryptoPort, keys: PushEventKeys, s: PushSession, nowMs: number) {
  const eventTime = Math.floor(nowMs / 1000);
  const t = eventTime + CALLBACK_SIGN_VALIDITY_SECONDS;
  return {
    t,
    sign: callbackSign(crypto, keys.callbackKey, t),
    appid: keys.appId,
    app: s.domain,
    appname: s.appName,
    stream_id: s.streamId,
    channel_id: s.streamId,
    event_time: eventTime,
    sequence: s.sequence,
    node: s.node,
    user_ip: s.userIp,
    stream_param: s.streamParam,
  };
}

export function pushStartEvent(crypto: CryptoPort, keys: PushEventKeys, s: PushSession, nowMs: number): PushEvent {
  return {
    ...baseEvent(crypto, keys, s, nowMs),
    event_type: 1,
    push_duration: '0',
    errcode: 0,
    errmsg: '',
    width: 0,
    height: 0,
  };
}

export function pushInterruptEvent(
  crypto: CryptoPort,
  keys: PushEventKeys,
  s: PushSession,
  nowMs: number,
  details: InterruptDetails = {},
): PushEvent {
  const dimension = (n: number | undefined) => (Number.isInteger(n) && (n as number) > 0 ? (n as number) : 0);
  return {
    ...baseEvent(crypto, keys, s, nowMs),
    event_type: 0,
    push_duration: String(Math.max(0, Math.round(nowMs - s.startedAtMs))),
    errcode: details.errcode ?? 0,
    errmsg: details.errmsg ?? '',
    width: dimension(details.width),
    height: dimension(details.height),
  };
}

/** A parsed query back as `a=b&c=d`, txSecret masked so the event can be logged and forwarded. */
export function streamParamOf(query: Record<string, string | string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value ?? '']) params.append(name, v);
  }
  return maskSecretsInUrl(params.toString());
}

/** Session addresses arrive as `addr:port`, IPv4 possibly mapped into IPv6. */
export function clientAddress(ip: string): string {
  return ip.replace(/:\d+$/, '').replace(/^::ffff:/i, '');
}

/** A CSS-like sequence: decimal, up to 19 digits, from 8 random bytes. */
export function sequenceFrom(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes.subarray(0, 8)) n = (n << 8n) | BigInt(b);
  return (n & 0x7fff_ffff_ffff_ffffn).toString();
}
