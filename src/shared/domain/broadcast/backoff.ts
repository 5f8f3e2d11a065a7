// Reconnect delays like OBS's: 2 s, then ×1.5 per attempt with ±20 % jitter, capped, and a maximum
// number of attempts after which the supervisor gives up (the host can still "retry now").

export interface BackoffPolicy {
  baseMs: number;
  factor: number;
  capMs: number;
  /** Fraction of the delay added or removed at random. */
  jitter: number;
  /** Reconnect attempts before `failed`; the first connection is not counted. */
  maxAttempts: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 2000, factor: 1.5, capMs: 60_000, jitter: 0.2, maxAttempts: 10 };

/** Delay before reconnect attempt `attempt` (1-based); `random` in [0, 1) comes from the caller. */
export function backoffDelay(attempt: number, random: number, policy: BackoffPolicy = defaultBackoff): number {
  const raw = Math.min(policy.capMs, policy.baseMs * policy.factor ** Math.max(0, attempt - 1));
  const jittered = raw * (1 + policy.jitter * (2 * random - 1));
  return Math.round(Math.min(policy.capMs, Math.max(0, jittered)));
}
