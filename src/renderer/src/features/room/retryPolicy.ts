// When a failed room join is tried again by itself: network trouble backs off exponentially
// (5 s, 10 s, 20 s … capped at 2 min), while configuration errors wait for the operator (Rejoin)
// or a settings change, since retrying them only floods Tencent's REST API and the log.
import { backoffDelay } from '../../../../shared/domain/backoff';
import type { AppErrorData } from '../../../../shared/errors';

export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 120_000;

/** Delay before automatic attempt number `failures` + 1, after `failures` (≥ 1) failed attempts in a row. */
export function retryDelayMs(failures: number): number {
  return backoffDelay(Math.max(1, Math.floor(failures)), 0, { baseMs: FIRST_RETRY_MS, factor: 2, capMs: MAX_RETRY_MS, jitter: 0 });
}

/**
 * Tencent ErrorCodes that a retry cannot fix: UserSig refused (expired, empty, invalid, wrong key,
 * wrong UserID or SDKAppID, no such app), wrong SDKAppID or admin identity at the REST gateway,
 * account refused, and a group that does not exist / bad group id / no permission.
 */
export const CONFIG_ERROR_CODES: ReadonlySet<number> = new Set([
  // UserSig
  70001, 70002, 70003, 70005, 70009, 70013, 70014, 70016, 70020, 70052,
  // REST gateway
  60004, 60006, 60010, 60012,
  // account service
  70107, 70402, 70403,
  // group service
  10004, 10007, 10010, 10015,
]);

/** Console error codes that mean "the settings (or secrets) are not usable as they are". */
const CONFIG_APP_CODES = new Set(['SETTINGS_INVALID', 'SECRET_MISSING', 'ROOM_NOT_READY', 'BAD_REQUEST']);

export type FailureKind = 'config' | 'transient';

const record = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : null);

/**
 * Sorts a failed attempt: an error envelope from main (`room:getSession`) or whatever the TIM
 * client threw (tim-js-sdk rejects with `{code, message}`; Tencent's login/join codes are the
 * same numbers as REST's). Unknown failures count as transient: they are retried with backoff.
 */
export function classifyJoinFailure(e: AppErrorData | unknown): FailureKind {
  const r = record(e);
  if (!r) return 'transient';
  const code = r.code;
  if (typeof code === 'number') return CONFIG_ERROR_CODES.has(code) ? 'config' : 'transient';
  if (typeof code !== 'string') return 'transient';
  if (CONFIG_APP_CODES.has(code)) return 'config';
  const details = record(r.details);
  if (code === 'USERSIG_ENDPOINT_FAILED') {
    // main says whether the endpoint's answer was wrong (fix it) or it could not be reached (retry).
    if (details?.kind === 'answer') return 'config';
    const status = details?.status;
    return typeof status === 'number' && status >= 400 && status < 500 ? 'config' : 'transient';
  }
  if (code === 'IM_REST_FAILED') {
    const errorCode = details?.errorCode;
    return typeof errorCode === 'number' && CONFIG_ERROR_CODES.has(errorCode) ? 'config' : 'transient';
  }
  return 'transient';
}
