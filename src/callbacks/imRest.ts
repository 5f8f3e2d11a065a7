// The service's own IM REST writes (portrait_set) through the console's one REST client
// (src/node/imRest), signed with the admin's UserSig (REST query: sdkappid, identifier, usersig, random, contenttype).
import { genUserSig } from '../shared/domain/userSig';
import type { ImRestCommand } from '../shared/tencent/restSchemas';
import { CachedUserSig, ImRestClient, ImRestError } from '../node/imRest/imRestClient';
import { silentLogger, type Logger } from '../node/infra/logger';
import { nodeCrypto } from '../node/infra/nodeCrypto';

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

/**
 * The port over the console's one REST client (URL shape, `random`, timeout, zod-checked
 * envelope, logging without secrets). No retries here: the publisher has its own queue and backoff.
 * Tencent's failures come back as envelopes; network faults throw.
 */
export function createImRest(cfg: ImRestConfig, fetchImpl: typeof fetch = fetch, now: () => number = Date.now, log: Logger = silentLogger()): ImRestCall {
  const signed = new CachedUserSig(async () => {
    if (!cfg.secretKey) throw new Error('imRest: secretKey or usersigProvider is required');
    const nowSeconds = Math.floor(now() / 1000);
    return {
      userSig: genUserSig(nodeCrypto, { sdkAppId: cfg.sdkAppId, secretKey: cfg.secretKey, identifier: cfg.adminIdentifier, expireSeconds: SIG_SECONDS, nowSeconds }),
      expiresAt: nowSeconds + SIG_SECONDS,
    };
  }, () => Math.floor(now() / 1000));
  const userSig = { get: async (min: number) => (cfg.usersigProvider ? cfg.usersigProvider() : signed.get(min)) };
  const clients = new Map<string, ImRestClient>();
  const clientFor = (baseUrl: string) => {
    let c = clients.get(baseUrl);
    if (!c) {
      c = new ImRestClient({ baseUrl, sdkAppId: cfg.sdkAppId, adminIdentifier: cfg.adminIdentifier, userSig, log, fetch: fetchImpl, retries: 0 });
      clients.set(baseUrl, c);
    }
    return c;
  };
  return async (path, body) => {
    const base = typeof cfg.baseUrl === 'function' ? cfg.baseUrl() : cfg.baseUrl;
    try {
      return (await clientFor(base).call(path as ImRestCommand, (body ?? {}) as never)) as RestEnvelope;
    } catch (e) {
      if (e instanceof ImRestError && e.errorCode > 0) return { ActionStatus: 'FAIL', ErrorCode: e.errorCode, ErrorInfo: e.errorInfo };
      throw new Error(`IM REST ${path}: ${e instanceof ImRestError ? e.errorInfo : (e as Error).message}`);
    }
  };
}
