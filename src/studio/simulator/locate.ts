// Finds what simulated viewers need from a running studio — realtime URL, SDKAppID, room, a way
// to get UserSigs — from its base URL (GET /studio/info, POST /studio/usersigs) or from StudioInfo.
// UserSigs are signed here when the studio's SecretKey is given; otherwise they are asked for in
// batches (every viewer that needs one in the same turn of the event loop, up to 1,000 a call),
// and a busy studio's 503 is waited out (Retry-After) rather than timed out.
import { z } from 'zod';
import { genUserSig } from '../../shared/domain/userSig';
import { nodeCrypto } from '../../node/infra/nodeCrypto';

/** The part of `stageside studio`'s JSON line the simulator uses. */
export interface StudioInfoLike {
  realtimeUrl: string;
  sdkAppId: number;
  /** HTTP base of the studio (REST, /studio/usersigs). */
  restBaseUrl?: string;
  /** With it, UserSigs are signed locally instead of fetched per viewer. */
  secretKey?: string;
  demoRoomId?: string;
}

export interface StudioTarget {
  realtimeUrl: string;
  sdkAppId: number;
  room: string;
  userSig(userID: string): Promise<string>;
  /** The studio's HTTP base (its shop), when known. */
  httpBase?: string;
}

/** The studio cannot be reached or does not answer like one; the message says what to do. */
export class StudioUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StudioUnreachableError';
  }
}

const infoAnswer = z.object({ sdkAppId: z.number().int().positive(), realtimeUrl: z.string().min(1), room: z.string().min(1) });
const sigBatchAnswer = z.object({ userSigs: z.record(z.string(), z.string().min(1)), refused: z.record(z.string(), z.string()) });
const busyAnswer = z.object({ retryAfterMs: z.number().int().min(0) });

/** The studio refused a UserSig for this account (it has admin rights there). */
export class UserSigRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserSigRefusedError';
  }
}

/** Users per POST /studio/usersigs (the studio's limit). */
const SIG_BATCH = 1000;
/** How long a batch keeps waiting out a busy studio. */
const BUSY_PATIENCE_MS = 120_000;

const SIG_SECONDS = 86_400;

/** `http://host:port` with any trailing slash removed; throws for anything else. */
export function normaliseStudioUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new StudioUnreachableError(`"${raw}" is not a URL; pass the studio's base URL, e.g. http://127.0.0.1:5180`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StudioUnreachableError(`"${raw}" must be an http:// or https:// URL (the studio's base URL)`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/** Why a fetch failed, in words (undici hides the OS code in `cause`). */
function reason(e: unknown): string {
  if (e instanceof Error && e.name === 'TimeoutError') return 'no answer in time';
  const cause = (e as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return e instanceof Error ? e.message : String(e);
}

async function getJson(url: string, what: string, base: string, timeoutMs: number): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    throw new StudioUnreachableError(
      `Cannot reach the studio at ${base} (${what}: ${reason(e)}). Start one with \`npx stageside studio\` and pass its URL.`,
    );
  }
  const text = await res.text();
  if (!res.ok) {
    throw new StudioUnreachableError(`${base} does not look like a Stageside studio: ${what} answered HTTP ${res.status}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new StudioUnreachableError(`${base} does not look like a Stageside studio: ${what} did not answer JSON`);
  }
}

function localSigner(info: { sdkAppId: number; secretKey: string }): (userID: string) => Promise<string> {
  return async (userID) =>
    genUserSig(nodeCrypto, {
      sdkAppId: info.sdkAppId,
      secretKey: info.secretKey,
      identifier: userID,
      expireSeconds: SIG_SECONDS,
      nowSeconds: Math.floor(Date.now() / 1000),
    });
}

interface SigWaiter {
  resolve(sig: string): void;
  reject(e: Error): void;
}

/** POSTs one batch, waiting out 503s; settles every waiter. */
async function fetchBatch(base: string, timeoutMs: number, batch: Map<string, SigWaiter[]>): Promise<void> {
  const what = 'POST /studio/usersigs';
  const fail = (e: Error) => {
    for (const ws of batch.values()) for (const w of ws) w.reject(e);
  };
  const started = Date.now();
  for (;;) {
    let res: Response;
    try {
      res = await fetch(`${base}/studio/usersigs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ users: [...batch.keys()] }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      return fail(new StudioUnreachableError(`Cannot reach the studio at ${base} (${what}: ${reason(e)}). Start one with \`npx stageside studio\` and pass its URL.`));
    }
    const body: unknown = await res.json().catch(() => undefined);
    if (res.status === 503) {
      const busy = busyAnswer.safeParse(body);
      const wait = busy.success ? busy.data.retryAfterMs : 1000 * (Number(res.headers.get('retry-after')) || 1);
      if (Date.now() + wait - started > BUSY_PATIENCE_MS) return fail(new StudioUnreachableError(`${base} stayed busy for ${BUSY_PATIENCE_MS / 1000} s (${what})`));
      await new Promise((r) => setTimeout(r, wait * (0.75 + Math.random() / 2)));
      continue;
    }
    const parsed = sigBatchAnswer.safeParse(body);
    if (!res.ok || !parsed.success) {
      return fail(new StudioUnreachableError(`${base} does not look like a Stageside studio: ${what} answered HTTP ${res.status}${parsed.success ? '' : ' without userSigs'}`));
    }
    for (const [user, waiters] of batch) {
      const sig = parsed.data.userSigs[user];
      for (const w of waiters) {
        if (sig) w.resolve(sig);
        else w.reject(new UserSigRefusedError(parsed.data.refused[user] ?? `${base} gave no UserSig for ${user}`));
      }
    }
    return;
  }
}

function remoteSigner(base: string, timeoutMs: number): (userID: string) => Promise<string> {
  let gathering: Map<string, SigWaiter[]> | undefined;
  const send = (all: Map<string, SigWaiter[]>): void => {
    const entries = [...all];
    for (let i = 0; i < entries.length; i += SIG_BATCH) void fetchBatch(base, timeoutMs, new Map(entries.slice(i, i + SIG_BATCH)));
  };
  return (userID) =>
    new Promise<string>((resolve, reject) => {
      if (!gathering) {
        const batch = (gathering = new Map());
        setImmediate(() => {
          gathering = undefined;
          send(batch);
        });
      }
      const waiters = gathering.get(userID) ?? [];
      waiters.push({ resolve, reject });
      gathering.set(userID, waiters);
    });
}

export async function locateStudio(o: {
  studioUrl?: string;
  info?: StudioInfoLike;
  room?: string;
  timeoutMs?: number;
}): Promise<StudioTarget> {
  const timeoutMs = o.timeoutMs ?? 5000;
  if (o.info) {
    const info = o.info;
    const room = o.room ?? info.demoRoomId;
    if (!room) throw new StudioUnreachableError('No room: pass room (the studio info names no demo room)');
    let userSig: (userID: string) => Promise<string>;
    if (info.secretKey) userSig = localSigner({ sdkAppId: info.sdkAppId, secretKey: info.secretKey });
    else if (info.restBaseUrl) userSig = remoteSigner(normaliseStudioUrl(info.restBaseUrl), timeoutMs);
    else throw new StudioUnreachableError('Studio info needs secretKey or restBaseUrl to obtain UserSigs');
    return { realtimeUrl: info.realtimeUrl, sdkAppId: info.sdkAppId, room, userSig, ...(info.restBaseUrl ? { httpBase: normaliseStudioUrl(info.restBaseUrl) } : {}) };
  }
  if (!o.studioUrl) throw new StudioUnreachableError('Pass the studio URL (or its info)');
  const base = normaliseStudioUrl(o.studioUrl);
  const query = o.room === undefined ? '' : `?room=${encodeURIComponent(o.room)}`;
  const parsed = infoAnswer.safeParse(await getJson(`${base}/studio/info${query}`, 'GET /studio/info', base, timeoutMs));
  if (!parsed.success) throw new StudioUnreachableError(`${base} does not look like a Stageside studio: /studio/info has no realtimeUrl`);
  return { ...parsed.data, userSig: remoteSigner(base, timeoutMs), httpBase: base };
}
