// The console's Tencent IM REST admin client — one implementation for the local studio and for
// Tencent Cloud (only the base URL differs). Tencent's URL and JSON shapes (POST /v4/<command>), a fresh
// `random` per call, a client timeout above the server's 3 s, retries with backoff only on
// 60007/60011/10002 and network errors, the admin UserSig cached until near expiry, and every call
// logged with its ErrorCode but never a secret.
import type { z } from 'zod';
import {
  IM_REST_COMMANDS,
  type ImRestCommand,
  type ImRestRequest,
  type ImRestResponse,
} from '../../shared/tencent/restSchemas';
import { describeFetchError } from '../infra/httpErrors';
import type { Logger } from '../infra/logger';
import { backoffDelay } from '../../shared/domain/backoff';

/** Codes worth retrying: frequency limits and Tencent's "internal error, retry". */
export const RETRYABLE_CODES: ReadonlySet<number> = new Set([60007, 60011, 10002]);

export class ImRestError extends Error {
  constructor(
    readonly command: ImRestCommand,
    readonly errorCode: number,
    readonly errorInfo: string,
    readonly response?: unknown,
  ) {
    super(`${command} failed: ${errorCode} ${errorInfo}`);
    this.name = 'ImRestError';
  }
}

export interface UserSigProvider {
  /** An admin UserSig valid for at least `minValidSeconds` more. */
  get(minValidSeconds: number): Promise<string>;
  /** Forget a cached sig Tencent refused (expired early, clock skew, rotated key). */
  invalidate?(): void;
}

/** Tencent refused the UserSig itself (expired, invalid, wrong key): sign afresh once before giving up. */
export const USERSIG_REJECTED_CODES: ReadonlySet<number> = new Set([70001, 70003, 70005]);

export interface ImRestClientOptions {
  baseUrl: string;
  sdkAppId: number;
  adminIdentifier: string;
  userSig: UserSigProvider;
  log: Logger;
  fetch?: typeof fetch;
  /** Per attempt; Tencent's server times out at 3 s, so wait longer. */
  timeoutMs?: number;
  /** Attempts after the first, for retryable outcomes only. */
  retries?: number;
  backoffBaseMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class ImRestClient {
  private readonly fetchImpl: typeof fetch;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly o: ImRestClientOptions) {
    this.fetchImpl = o.fetch ?? fetch;
    this.random = o.random ?? Math.random;
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  get baseUrl(): string {
    return this.o.baseUrl;
  }

  /** One REST command; resolves with the parsed response when ErrorCode is 0, else throws ImRestError. */
  async call<C extends ImRestCommand>(command: C, body: ImRestRequest<C>): Promise<ImRestResponse<C>> {
    const spec = IM_REST_COMMANDS[command];
    const retries = this.o.retries ?? 3;
    let resigned = false;
    for (let attempt = 0; ; attempt++) {
      const started = Date.now();
      let outcome: { kind: 'ok'; value: ImRestResponse<C> } | { kind: 'fail'; error: ImRestError; retry: boolean };
      // Outside the try: a UserSig that cannot be had (e.g. the endpoint refuses) is its own error, never retried here.
      const usersig = await this.o.userSig.get(60);
      try {
        const answer = await this.post(command, body, usersig);
        if (answer.kind === 'not-json') {
          throw new PermanentAnswerError(`Response is not JSON (HTTP ${answer.status}, ${answer.contentType || 'no content type'}): ${answer.snippet}`);
        }
        const json = answer.json;
        const parsed = (spec.response as z.ZodType).safeParse(json);
        if (!parsed.success) {
          outcome = { kind: 'fail', error: new ImRestError(command, -1, `Unexpected response shape: ${parsed.error.issues[0]?.message ?? ''}`, json), retry: false };
        } else {
          const r = parsed.data as ImRestResponse<C> & { ErrorCode: number; ErrorInfo: string; ActionStatus: string };
          // The answer as Tencent sent it (validated), keeping keys the schema does not list (e.g. RequestId).
          if (r.ErrorCode === 0 && r.ActionStatus === 'OK') outcome = { kind: 'ok', value: json as ImRestResponse<C> };
          else if (USERSIG_REJECTED_CODES.has(r.ErrorCode) && !resigned && this.o.userSig.invalidate) {
            this.o.userSig.invalidate();
            resigned = true;
            outcome = { kind: 'fail', error: new ImRestError(command, r.ErrorCode, r.ErrorInfo, r), retry: true };
          } else outcome = { kind: 'fail', error: new ImRestError(command, r.ErrorCode, r.ErrorInfo, r), retry: RETRYABLE_CODES.has(r.ErrorCode) };
        }
      } catch (e) {
        if (e instanceof PermanentAnswerError) {
          // A proxy or captive portal page, or an HTTP 4xx: retrying will not change it.
          outcome = { kind: 'fail', error: new ImRestError(command, -1, e.message), retry: false };
        } else {
          const why = e instanceof HttpStatusError ? e.message : describeFetchError(e, this.o.baseUrl, this.timeout);
          outcome = { kind: 'fail', error: new ImRestError(command, -2, `Network error: ${why}`), retry: true };
        }
      }
      const ms = Date.now() - started;
      if (outcome.kind === 'ok') {
        this.o.log.info({ command, errorCode: 0, ms, attempt }, 'im rest');
        return outcome.value;
      }
      this.o.log.warn({ command, errorCode: outcome.error.errorCode, errorInfo: outcome.error.errorInfo, ms, attempt }, 'im rest failed');
      if (!outcome.retry || attempt >= retries) throw outcome.error;
      await this.sleep(backoffDelay(attempt + 1, this.random(), { baseMs: this.o.backoffBaseMs ?? 300, factor: 2, capMs: Infinity, jitter: 0.5, jitterMode: 'below' }));
    }
  }

  private get timeout(): number {
    return this.o.timeoutMs ?? 5000;
  }

  private async post(
    command: ImRestCommand,
    body: unknown,
    usersig: string,
  ): Promise<{ kind: 'json'; json: unknown } | { kind: 'not-json'; status: number; contentType: string; snippet: string }> {
    const query = new URLSearchParams({
      sdkappid: String(this.o.sdkAppId),
      identifier: this.o.adminIdentifier,
      usersig,
      random: String(Math.floor(this.random() * 0x100000000) >>> 0),
      contenttype: 'json',
    });
    const res = await this.fetchImpl(`${this.o.baseUrl.replace(/\/$/, '')}/v4/${command}?${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      // Tencent requires a body; `{}` when there are no fields.
      body: JSON.stringify(body ?? {}),
      signal: AbortSignal.timeout(this.timeout),
    });
    const text = await res.text();
    // Tencent answers 200 for every API outcome; anything else is a network fault: retried.
    if (!res.ok) {
      const message = `HTTP ${res.status} from ${new URL(this.o.baseUrl).host}${text ? `: ${snippetOf(text)}` : ''}`;
      // 4xx (a wrong base URL or path, a proxy refusing) will not change on retry; 429 and 5xx may.
      if (res.status >= 400 && res.status < 500 && res.status !== 429) throw new PermanentAnswerError(message);
      throw new HttpStatusError(message);
    }
    try {
      return { kind: 'json', json: JSON.parse(text) as unknown };
    } catch {
      return { kind: 'not-json', status: res.status, contentType: res.headers.get('content-type') ?? '', snippet: snippetOf(text) };
    }
  }
}

/** An answer that retrying will not change (not JSON, HTTP 4xx). */
class PermanentAnswerError extends Error {}
class HttpStatusError extends Error {}

/** The start of a body for an error message, on one line. */
function snippetOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 100)}…` : flat;
}

/** UserSigs from a signing function, cached until `refreshBeforeSeconds` before expiry. */
export class CachedUserSig implements UserSigProvider {
  private cached: { sig: string; expiresAt: number } | undefined;
  /** One signing at a time: concurrent first calls share it. */
  private pending: Promise<string> | undefined;

  constructor(
    private readonly sign: () => Promise<{ userSig: string; expiresAt: number }>,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  invalidate(): void {
    this.cached = undefined;
  }

  async get(minValidSeconds: number): Promise<string> {
    const now = this.nowSeconds();
    if (this.cached && this.cached.expiresAt - now > Math.max(minValidSeconds, 300)) return this.cached.sig;
    this.pending ??= this.sign()
      .then((fresh) => {
        this.cached = { sig: fresh.userSig, expiresAt: fresh.expiresAt };
        return fresh.userSig;
      })
      .finally(() => (this.pending = undefined));
    return this.pending;
  }
}
