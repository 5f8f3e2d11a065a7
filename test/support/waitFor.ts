// Waiting in tests without depending on the machine's speed. A test that sleeps a fixed time and then
// asserts that something happened fails on a loaded machine; wait on the condition instead, with a
// bound generous enough that only a real failure reaches it (a passing test never waits that long).

/** The bound for "this should happen soon". Below the unit project's 20 s test timeout. */
export const PATIENCE_MS = 15_000;

/** Options for `expect.poll` with the same generous bound (its default is only 1 s). */
export const patiently = { timeout: PATIENCE_MS, interval: 20 } as const;

export interface WaitForOptions {
  /** Give up after this long; default PATIENCE_MS. */
  timeoutMs?: number;
  /** Time between checks; default 10 ms. */
  intervalMs?: number;
  /** What was awaited, for the error message. */
  message?: string;
}

/**
 * Polls `check` until it returns something other than undefined/null/false (which is returned), or
 * throws after `timeoutMs`. An exception from `check` counts as "not yet"; the last one is reported.
 */
export async function waitFor<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, opts: WaitForOptions = {}): Promise<T> {
  const { timeoutMs = PATIENCE_MS, intervalMs = 10, message = 'condition' } = opts;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== null && v !== false) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const why = lastError === undefined ? '' : ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}${why}`);
    }
    await sleep(intervalMs);
  }
}

/**
 * A plain pause. Use it only for a negative window ("nothing more happens"), and only after a
 * positive control has shown the system was able to act; never before asserting that something did happen.
 */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
