// Finds what simulated viewers need from a running studio — realtime URL, SDKAppID, room, a way
// to get UserSigs — from its base URL (GET /studio/info, /studio/usersig) or from StudioInfo.
import { z } from 'zod';
import { genUserSig } from '../../shared/domain/userSig';
import { nodeCrypto } from '../../node/infra/nodeCrypto';

/** The part of `stageside studio`'s JSON line the simulator uses. */
export interface StudioInfoLike {
  realtimeUrl: string;
  sdkAppId: number;
  /** HTTP base of the studio (REST, /studio/usersig). */
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
}

/** The studio cannot be reached or does not answer like one; the message says what to do. */
export class StudioUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StudioUnreachableError';
  }
}

const infoAnswer = z.object({ sdkAppId: z.number().int().positive(), realtimeUrl: z.string().min(1), room: z.string().min(1) });
const sigAnswer = z.object({ userSig: z.string().min(1) });

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

function remoteSigner(base: string, timeoutMs: number): (userID: string) => Promise<string> {
  return async (userID) => {
    const raw = await getJson(`${base}/studio/usersig?user=${encodeURIComponent(userID)}`, 'GET /studio/usersig', base, timeoutMs);
    const parsed = sigAnswer.safeParse(raw);
    if (!parsed.success) throw new StudioUnreachableError(`${base}: /studio/usersig answered without a userSig`);
    return parsed.data.userSig;
  };
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
    return { realtimeUrl: info.realtimeUrl, sdkAppId: info.sdkAppId, room, userSig };
  }
  if (!o.studioUrl) throw new StudioUnreachableError('Pass the studio URL (or its info)');
  const base = normaliseStudioUrl(o.studioUrl);
  const query = o.room === undefined ? '' : `?room=${encodeURIComponent(o.room)}`;
  const parsed = infoAnswer.safeParse(await getJson(`${base}/studio/info${query}`, 'GET /studio/info', base, timeoutMs));
  if (!parsed.success) throw new StudioUnreachableError(`${base} does not look like a Stageside studio: /studio/info has no realtimeUrl`);
  return { ...parsed.data, userSig: remoteSigner(base, timeoutMs) };
}
