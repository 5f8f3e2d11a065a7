// The simulator's only source of randomness: a seeded mulberry32 PRNG and the draws built on it,
// so one seed reproduces the same audience (who, when, what they say) on every run.

import { mulberry32, type Rng } from '../../shared/prng';

export { mulberry32, type Rng };

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A seed from the CLI or options: a whole number in 0..2^32-1 is used as is, anything else is hashed. */
export function seedOf(seed: number | string): number {
  const n = typeof seed === 'number' ? seed : /^\d{1,10}$/.test(seed) ? Number(seed) : NaN;
  if (Number.isSafeInteger(n) && n >= 0 && n <= 0xffffffff) return n;
  return fnv1a(String(seed));
}

/**
 * An independent stream per purpose ("viewers", "chat" …), so changing one rate does not
 * reshuffle the rest of the audience.
 */
export const streamFor = (seed: number, purpose: string): Rng => mulberry32((seed ^ fnv1a(purpose)) >>> 0);

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(rng() * items.length)] as T;
}

/** A whole number in [lo, hi]. */
export const intIn = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

/** Milliseconds to the next arrival of a Poisson process with `ratePerSec` events per second. */
export const expGapMs = (rng: Rng, ratePerSec: number): number => (-Math.log(1 - rng()) / ratePerSec) * 1000;

/** Picks by weight; weights need not sum to 1. */
export function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rng() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  const last = items[items.length - 1];
  if (!last) throw new Error('weighted pick from an empty list');
  return last[0];
}
