// Where UserSigs come from: signed here with the app's SecretKey, or fetched from the team's own
// signing endpoint (docs/tencent-setup.md, "UserSig endpoint") so the key never sits on this PC.
// Either way the result is checked as a TLS sig v2 for the right SDKAppID and UserID, and its
// expiry is read from the signature itself.
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { Clock, CryptoPort } from '../../shared/domain/cryptoPort';
import { decodeUserSig, genUserSig } from '../../shared/domain/userSig';
import { describeFetchError } from '../infra/httpErrors';

export interface IssuedUserSig {
  userSig: string;
  /** Unix seconds. */
  expiresAt: number;
}

export interface UserSigIssuer {
  /** A short, loggable description ("signed locally", "endpoint https://sig.example.com"). */
  readonly describe: string;
  issue(userId: string, expireSeconds: number): Promise<IssuedUserSig>;
}

export function secretKeyIssuer(crypto: CryptoPort, clock: Clock, sdkAppId: number, secretKey: string): UserSigIssuer {
  return {
    describe: 'signed locally with the SecretKey',
    issue: async (userId, expireSeconds) => {
      const nowSeconds = Math.floor(clock.now() / 1000);
      return {
        userSig: genUserSig(crypto, { sdkAppId, secretKey, identifier: userId, expireSeconds, nowSeconds }),
        expiresAt: nowSeconds + expireSeconds,
      };
    },
  };
}

/** The endpoint's answer: `{"userSig": "…"}`, optionally with `expireAt` (ignored: the sig says). */
const endpointResponseSchema = z.object({ userSig: z.string().min(1).max(8192) }).loose();

export interface EndpointIssuerOptions {
  url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token: string | undefined;
  sdkAppId: number;
  crypto: CryptoPort;
  clock: Clock;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function endpointIssuer(o: EndpointIssuerOptions): UserSigIssuer {
  const fetchImpl = o.fetch ?? fetch;
  const where = safeOrigin(o.url);
  /** `kind`: 'network' may pass by itself (retry later); 'answer' is the endpoint's configuration (fix it). */
  const fail = (message: string, details: Record<string, unknown> = {}, kind: 'network' | 'answer' = 'answer') =>
    new AppError('USERSIG_ENDPOINT_FAILED', `UserSig endpoint ${where}: ${message}`, { endpoint: where, kind, ...details });
  return {
    describe: `fetched from the UserSig endpoint ${where}`,
    issue: async (userId, expireSeconds) => {
      let res: Response;
      try {
        res = await fetchImpl(o.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
          },
          body: JSON.stringify({ sdkAppId: o.sdkAppId, userId, expireSeconds }),
          signal: AbortSignal.timeout(o.timeoutMs ?? 8000),
        });
      } catch (e) {
        throw fail(describeFetchError(e, o.url, o.timeoutMs ?? 8000), {}, 'network');
      }
      const text = await res.text().catch(() => '');
      if (!res.ok) {
        const why = res.status === 401 || res.status === 403 ? ' (check the endpoint token in Settings)' : '';
        throw fail(`HTTP ${res.status}${why}`, { status: res.status }, res.status >= 500 ? 'network' : 'answer');
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw fail('the answer is not JSON', { status: res.status });
      }
      const parsed = endpointResponseSchema.safeParse(body);
      if (!parsed.success) throw fail('the answer has no "userSig" string', { status: res.status });
      let doc;
      try {
        doc = decodeUserSig(o.crypto, parsed.data.userSig);
      } catch (e) {
        throw fail(`the userSig is not a TLS sig v2 (${(e as Error).message})`);
      }
      if (doc['TLS.identifier'] !== userId) throw fail(`the userSig is for "${doc['TLS.identifier']}", not "${userId}"`);
      if (doc['TLS.sdkappid'] !== o.sdkAppId) throw fail(`the userSig is for SDKAppID ${doc['TLS.sdkappid']}, not ${o.sdkAppId}`);
      const expiresAt = doc['TLS.time'] + doc['TLS.expire'];
      if (expiresAt <= Math.floor(o.clock.now() / 1000) + 60) throw fail('the userSig is already expired (or expires within a minute)');
      return { userSig: parsed.data.userSig, expiresAt };
    },
  };
}

/** The endpoint for messages: scheme, host and path, never its query (which may carry tokens). */
function safeOrigin(url: string): string {
  try {
    const u = new URL(url);
    return u.origin + u.pathname;
  } catch {
    return '(invalid URL)';
  }
}
