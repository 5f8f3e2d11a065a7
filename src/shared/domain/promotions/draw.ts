// The lucky bag's provably fair draw. Before the countdown the console publishes
// commit = SHA-256(seed); at the draw it reveals the seed, and the winners are a pure function of
// the seed and the sorted entrant list, so anyone can recompute them (`stageside verify-draw`,
// or a few lines in any language — docs/promotions-wire.md states the algorithm):
//
//   1. entrants: one UserID per line, surrounding whitespace trimmed, empty lines and duplicates
//      dropped, sorted ascending by their UTF-8 bytes;
//   2. check: lowercase hex SHA-256 of the seed's UTF-8 bytes equals the commitment;
//   3. score(u) = lowercase hex SHA-256 of the UTF-8 bytes of  seed + "\n" + u;
//   4. winners: the N entrants with the lowest scores (hex compared as text; equal scores in
//      sorted-list order), lowest first. Fewer than N entrants: all of them win.
import type { CryptoPort } from '../cryptoPort';

type Sha256 = Pick<CryptoPort, 'sha256Hex'>;

export const commitmentOf = (crypto: Sha256, seed: string): string => crypto.sha256Hex(seed);

/** Ascending by UTF-8 bytes, which is ascending by code point (not JS's UTF-16 order). */
export function compareUtf8(a: string, b: string): number {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
}

/** Step 1: the canonical entrant list from any list of ids (or the lines of a file). */
export function canonicalEntrants(ids: Iterable<string>): string[] {
  const set = new Set<string>();
  for (const raw of ids) {
    const id = raw.trim();
    if (id) set.add(id);
  }
  return [...set].sort(compareUtf8);
}

export const entrantsFromText = (text: string): string[] => canonicalEntrants(text.split('\n'));

/** SHA-256 of the sorted entrant list joined by "\n": published with the draw so a list can be checked. */
export const entrantsDigest = (crypto: Sha256, sorted: readonly string[]): string => crypto.sha256Hex(sorted.join('\n'));

export type DrawCheck = { ok: true; winners: string[]; entrants: string[]; entrantsSha256: string } | { ok: false; message: string };

/** Steps 2–4. `entrants` may be in any order; they are made canonical first. */
export function drawWinners(crypto: Sha256, input: { commit: string; seed: string; entrants: Iterable<string>; winners: number }): DrawCheck {
  const commit = input.commit.trim();
  if (!/^[0-9a-f]{64}$/.test(commit)) return { ok: false, message: 'the commitment must be 64 lowercase hex digits (a SHA-256)' };
  if (!Number.isInteger(input.winners) || input.winners < 1) return { ok: false, message: 'the number of winners must be a whole number ≥ 1' };
  const actual = commitmentOf(crypto, input.seed);
  if (actual !== commit) return { ok: false, message: `the seed does not match the commitment: SHA-256 of the seed is ${actual}, the commitment is ${commit}` };
  const entrants = canonicalEntrants(input.entrants);
  const scored = entrants.map((u, i) => ({ u, i, score: crypto.sha256Hex(`${input.seed}\n${u}`) }));
  scored.sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : a.i - b.i));
  return { ok: true, winners: scored.slice(0, input.winners).map((s) => s.u), entrants, entrantsSha256: entrantsDigest(crypto, entrants) };
}
