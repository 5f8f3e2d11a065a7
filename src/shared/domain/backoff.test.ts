import { describe, expect, it } from 'vitest';
import { backoffDelay, nextRestart, type RestartPolicy } from './backoff';

const randoms = [0, 0.1, 0.25, 0.5, 0.75, 0.999999];
const attempts = Array.from({ length: 40 }, (_, i) => i + 1);

describe('backoffDelay', () => {
  it('grows by factor from baseMs, capped, without jitter', () => {
    const p = { baseMs: 1000, factor: 2, capMs: 30_000, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelay(a, 0.7, p))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(backoffDelay(0, 0, p)).toBe(1000);
    expect(backoffDelay(1e9, 0, p)).toBe(30_000);
  });

  it("'around' jitter spreads ±jitter and never passes the cap", () => {
    const p = { baseMs: 2000, factor: 1.5, capMs: 60_000, jitter: 0.2 };
    expect(backoffDelay(1, 0, p)).toBe(1600);
    expect(backoffDelay(1, 0.5, p)).toBe(2000);
    expect(backoffDelay(1, 0.999999, p)).toBe(2400);
    expect(backoffDelay(30, 0.99, p)).toBe(60_000);
  });

  it("'below' jitter only shortens, down to (1 − jitter)", () => {
    const p = { baseMs: 100, factor: 2, capMs: 1000, jitter: 0.5, jitterMode: 'below' as const };
    expect(backoffDelay(1, 0, p)).toBe(50);
    expect(backoffDelay(1, 0.999999, p)).toBe(100);
    expect(backoffDelay(50, 0, p)).toBe(500);
    expect(backoffDelay(50, 0.999999, p)).toBe(1000);
  });

  // Each caller's numbers, against the formula it used before it called backoffDelay.
  it.each([
    ['stream reconnect (OBS-like)', { baseMs: 2000, factor: 1.5, capMs: 60_000, jitter: 0.2 }, (a: number, r: number) =>
      Math.round(Math.min(60_000, Math.max(0, Math.min(60_000, 2000 * 1.5 ** (a - 1)) * (1 + 0.2 * (2 * r - 1)))))],
    ['TIM reconnect', { baseMs: 500, factor: 2, capMs: 10_000, jitter: 0.5, jitterMode: 'below' as const }, (a: number, r: number) =>
      Math.round(Math.min(10_000, 500 * 2 ** Math.min(a - 1, 20)) * (0.5 + 0.5 * r))],
    ['web-mode socket reconnect', { baseMs: 500, factor: 2, capMs: 10_000, jitter: 0 }, (a: number) => Math.min(10_000, 500 * 2 ** (a - 1))],
    ['studio restart', { baseMs: 1000, factor: 2, capMs: 30_000, jitter: 0 }, (a: number) => Math.min(30_000, 1000 * 2 ** (a - 1))],
    ['room join retry', { baseMs: 5000, factor: 2, capMs: 120_000, jitter: 0 }, (a: number) => Math.min(120_000, 5000 * 2 ** Math.min(a - 1, 16))],
    ['portrait_set retry', { baseMs: 500, factor: 2, capMs: Infinity, jitter: 0 }, (a: number) => 500 * 2 ** (a - 1)],
    // Rounded to whole milliseconds now (it slept fractions of a millisecond before).
    ['IM REST retry', { baseMs: 300, factor: 2, capMs: Infinity, jitter: 0.5, jitterMode: 'below' as const }, (a: number, r: number) =>
      Math.round(300 * 2 ** (a - 1) * (0.5 + r / 2))],
  ])('%s keeps its delays', (_name, policy, before) => {
    for (const a of attempts) for (const r of randoms) expect(backoffDelay(a, r, policy)).toBe(before(a, r));
  });
});

describe('nextRestart', () => {
  const policy: RestartPolicy = { baseMs: 100, factor: 2, capMs: 1000, jitter: 0, maxAttempts: 3, stableMs: 5000 };

  it.each([
    ['first run failed', 0, 10, { kind: 'restart', attempt: 1, delayMs: 100 }],
    ['first restart failed', 1, 10, { kind: 'restart', attempt: 2, delayMs: 200 }],
    ['last restart failed', 3, 10, { kind: 'give-up', attempt: 4 }],
    ['a stable run starts over', 3, 5000, { kind: 'restart', attempt: 1, delayMs: 100 }],
    ['just short of stable keeps counting', 2, 4999, { kind: 'restart', attempt: 3, delayMs: 400 }],
  ] as const)('%s', (_name, attempt, ranMs, decision) => {
    expect(nextRestart(attempt, ranMs, policy, 0.5)).toEqual(decision);
  });

  it('never starts over without stableMs', () => {
    const { stableMs: _unused, ...noReset } = policy;
    expect(nextRestart(3, 1e9, noReset, 0.5)).toEqual({ kind: 'give-up', attempt: 4 });
  });

  it('maxAttempts 0 gives up at once', () => {
    expect(nextRestart(0, 0, { ...policy, maxAttempts: 0 }, 0.5)).toEqual({ kind: 'give-up', attempt: 1 });
  });
});
