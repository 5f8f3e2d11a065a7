// A minimal IM REST caller for the service's own writes (portrait_set): Tencent's URL shape with
// an admin UserSig (reference §2.1), a timeout above the 3 s server budget, JSON envelope back.
import { genUserSig } from '../shared/domain/userSig';
import { nodeCrypto } from '../node/nodeCrypto';

export interface ImRestConfig {
  /** e.g. https://console.tim.qq.com or the studio's restBaseUrl; a function when known only later. */
  baseUrl: string | (() => string);
  sdkAppId: number;
  adminIdentifier: string;
  secretKey?: string;
  /** Alternative to secretKey: a UserSig for the admin issued elsewhere. */
  usersigProvider?: () => string | Promise<string>;
}

export interface RestEnvelope {
  ActionStatus?: string;
  ErrorCode: number;
  ErrorInfo?: string;
  [k: string]: unknown;
}

/** The port the publisher uses; tests replace it. */
export type ImRestCall = (path: string, body: unknown) => Promise<RestEnvelope>;

const SIG_SECONDS = 86_400;

export function createImRest(cfg: ImRestConfig, fetchImpl: typeof fetch = fetch, now: () => number = Date.now): ImRestCall {
  let cached: { sig: string; until: number } | undefined;
  const usersig = async (): Promise<string> => {
    if (cfg.usersigProvider) return cfg.usersigProvider();
    if (!cfg.secretKey) throw new Error('imRest: secretKey or usersigProvider is required');
    if (!cached || cached.until < now()) {
      const sig = genUserSig(nodeCrypto, {
        sdkAppId: cfg.sdkAppId,
        secretKey: cfg.secretKey,
        identifier: cfg.adminIdentifier,
        expireSeconds: SIG_SECONDS,
        nowSeconds: Math.floor(now() / 1000),
      });
      cached = { sig, until: now() + (SIG_SECONDS / 2) * 1000 };
    }
    return cached.sig;
  };
  return async (path, body) => {
    const q = new URLSearchParams({
      sdkappid: String(cfg.sdkAppId),
      identifier: cfg.adminIdentifier,
      usersig: await usersig(),
      random: String(Math.floor(Math.random() * 4294967295)),
      contenttype: 'json',
    });
    const base = typeof cfg.baseUrl === 'function' ? cfg.baseUrl() : cfg.baseUrl;
    const res = await fetchImpl(`${base.replace(/\/+$/, '')}/v4/${path}?${q}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) throw new Error(`IM REST ${path}: HTTP ${res.status}`);
    const json = (await res.json()) as RestEnvelope;
    if (typeof json.ErrorCode !== 'number') throw new Error(`IM REST ${path}: no ErrorCode in answer`);
    return json;
  };
}
