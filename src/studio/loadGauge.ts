// How far behind the studio's event loop runs, for back-pressure. A timer due every `intervalMs`
// notes how late it fires; while the recent lag is above `busyLagMs` the studio is busy, and new
// logins and UserSig requests are told when to come back (BUSY + retryAfterMs, HTTP 503 +
// Retry-After) instead of queueing behind the backlog until their callers time out. Admitted work
// (joined viewers' sends, fan-out) is never refused.

export interface LoadGauge {
  /** Recent event-loop lag in ms (a decaying maximum of how late the probe timer fired). */
  lagMs(): number;
  busy(): boolean;
  /** How long a refused caller should wait: about twice the current lag, 250 ms to 5 s. */
  retryAfterMs(): number;
  dispose(): void;
}

export interface LoadGaugeOptions {
  intervalMs?: number;
  busyLagMs?: number;
  /** Monotonic ms (tests). */
  now?: () => number;
}

export const DEFAULT_BUSY_LAG_MS = 300;

export function eventLoopGauge(o: LoadGaugeOptions = {}): LoadGauge {
  const interval = o.intervalMs ?? 20;
  const busyLag = o.busyLagMs ?? DEFAULT_BUSY_LAG_MS;
  const now = o.now ?? (() => performance.now());
  let expected = now() + interval;
  let lag = 0;
  const timer = setInterval(() => {
    const t = now();
    // Halves every probe (20 ms), so one long task keeps the studio busy for a few probes only.
    lag = Math.max(t - expected, lag / 2);
    expected = t + interval;
  }, interval);
  timer.unref();
  return fixedGauge(() => lag, busyLag, () => clearInterval(timer));
}

/** A gauge over any lag source (tests pass their own). */
export function fixedGauge(lag: () => number, busyLagMs = DEFAULT_BUSY_LAG_MS, dispose: () => void = () => undefined): LoadGauge {
  return {
    lagMs: lag,
    busy: () => lag() > busyLagMs,
    retryAfterMs: () => Math.round(Math.min(5000, Math.max(250, 2 * lag()))),
    dispose,
  };
}
