// The one exponential backoff: every retry, reconnect and restart delay in Stageside (stream
// reconnects, child restarts, REST retries, socket reconnects) is `backoffDelay` with its caller's numbers.

export interface Backoff {
  /** Delay before the first retry. */
  baseMs: number;
  /** Growth per attempt: 2 doubles the delay each time. */
  factor: number;
  /** Ceiling of the delay, jitter included; Infinity for none. */
  capMs: number;
  /** Fraction of the delay drawn at random (0: none). */
  jitter: number;
  /** 'around' (default): ±jitter; 'below': only ever shorter, down to (1 − jitter) of the delay. */
  jitterMode?: 'around' | 'below';
}

/** A backoff with a limit: retries (the first try is not counted) before giving up. */
export interface BackoffPolicy extends Backoff {
  maxAttempts: number;
}

/** How a supervised child is restarted. */
export interface RestartPolicy extends BackoffPolicy {
  /** A run that lasted this long starts the count over at attempt 1; absent: the count never resets. */
  stableMs?: number;
}

/** Delay before retry `attempt` (1-based: the first retry waits about `baseMs`); `random` in [0, 1) comes from the caller. */
export function backoffDelay(attempt: number, random: number, policy: Backoff): number {
  const raw = Math.min(policy.capMs, policy.baseMs * policy.factor ** Math.max(0, attempt - 1));
  const spread = policy.jitterMode === 'below' ? 1 - policy.jitter + policy.jitter * random : 1 + policy.jitter * (2 * random - 1);
  return Math.round(Math.min(policy.capMs, Math.max(0, raw * spread)));
}

export type RestartDecision = { kind: 'restart'; attempt: number; delayMs: number } | { kind: 'give-up'; attempt: number };

/**
 * After run `attempt` (0 = the first run, n = the n-th restart) ended by itself after `ranMs`:
 * restart after a delay, or give up once `maxAttempts` restarts in a row have been used.
 */
export function nextRestart(attempt: number, ranMs: number, policy: RestartPolicy, random: number): RestartDecision {
  const next = policy.stableMs !== undefined && ranMs >= policy.stableMs ? 1 : attempt + 1;
  if (next > policy.maxAttempts) return { kind: 'give-up', attempt: next };
  return { kind: 'restart', attempt: next, delayMs: backoffDelay(next, random, policy) };
}
