// Forwards push events to a callback URL the way CSS does (JSON POST): fire-and-forget with
// a timeout, so a slow or broken receiver never stalls or crashes the ingest.
import { type Logger } from '../../node/infra/logger';
import { maskSecretsInUrl } from '../../shared/domain/lvbAuth';
import { type PushEvent } from './protocol';

export const CALLBACK_TIMEOUT_MS = 2000;

export type FetchLike = (url: string, init: RequestInit) => Promise<{ status: number }>;

export interface PostPushEventOptions {
  log: Logger;
  timeoutMs?: number;
  fetchImpl?: FetchLike;
}

/** Never rejects; the outcome is logged. */
export async function postPushEvent(url: string, event: PushEvent, opts: PostPushEventOptions): Promise<void> {
  const doFetch: FetchLike = opts.fetchImpl ?? ((u, init) => fetch(u, init));
  const where = { url: maskSecretsInUrl(url), stream: event.stream_id, eventType: event.event_type };
  try {
    const res = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(opts.timeoutMs ?? CALLBACK_TIMEOUT_MS),
    });
    if (res.status < 200 || res.status >= 300) opts.log.warn({ ...where, status: res.status }, 'Push callback refused');
    else opts.log.debug({ ...where, status: res.status }, 'Push callback delivered');
  } catch (e) {
    opts.log.warn({ ...where, error: e instanceof Error ? e.message : String(e) }, 'Push callback failed');
  }
}
