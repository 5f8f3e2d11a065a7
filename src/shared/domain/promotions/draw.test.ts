// The fair draw: commitments, canonical entrant lists and winners that do not depend on the
// order entrants arrive in, checked against values computed independently (sha256sum).
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../../node/infra/nodeCrypto';
import { canonicalEntrants, commitmentOf, compareUtf8, drawWinners, entrantsFromText } from './draw';

const seed = 'a3f1-example-seed';
const commit = commitmentOf(nodeCrypto, seed);

describe('lucky bag draw', () => {
  it('commits to the lowercase hex SHA-256 of the seed', () => {
    // printf 'abc' | sha256sum
    expect(commitmentOf(nodeCrypto, 'abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('canonicalises entrants: trimmed, deduplicated, sorted by UTF-8 bytes', () => {
    expect(entrantsFromText('bob\r\n alice \n\nbob\ncarol\n')).toEqual(['alice', 'bob', 'carol']);
    // U+FF21 (3 UTF-8 bytes) sorts before U+1F600 (4 bytes), although UTF-16 order says otherwise.
    expect(canonicalEntrants(['😀', 'Ａ'])).toEqual(['Ａ', '😀']);
    expect(['😀', 'Ａ'].sort()).toEqual(['😀', 'Ａ']);
    expect(compareUtf8('a', 'ab')).toBeLessThan(0);
  });

  it('draws the same winners whatever the entrant order, and lowest scores first', () => {
    const entrants = Array.from({ length: 50 }, (_, i) => `viewer${i}`);
    const a = drawWinners(nodeCrypto, { commit, seed, entrants, winners: 5 });
    const b = drawWinners(nodeCrypto, { commit, seed, entrants: [...entrants].reverse(), winners: 5 });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.winners).toEqual(b.winners);
    expect(new Set(a.winners).size).toBe(5);
    const scores = a.winners.map((u) => nodeCrypto.sha256Hex(`${seed}\n${u}`));
    expect([...scores].sort()).toEqual(scores);
    const loser = entrants.find((u) => !a.winners.includes(u))!;
    expect(nodeCrypto.sha256Hex(`${seed}\n${loser}`) > scores[4]!).toBe(true);
    expect(a.entrantsSha256).toBe(nodeCrypto.sha256Hex(canonicalEntrants(entrants).join('\n')));
  });

  it('a different seed draws different winners; fewer entrants than winners all win', () => {
    const entrants = Array.from({ length: 50 }, (_, i) => `viewer${i}`);
    const other = drawWinners(nodeCrypto, { commit: commitmentOf(nodeCrypto, 'other'), seed: 'other', entrants, winners: 5 });
    const first = drawWinners(nodeCrypto, { commit, seed, entrants, winners: 5 });
    expect(other.ok && first.ok && other.winners.join() !== first.winners.join()).toBe(true);
    const few = drawWinners(nodeCrypto, { commit, seed, entrants: ['x', 'y'], winners: 5 });
    expect(few.ok && [...few.winners].sort()).toEqual(['x', 'y']);
  });

  it('refuses a seed that does not match the commitment, naming both hashes', () => {
    const r = drawWinners(nodeCrypto, { commit, seed: 'tampered', entrants: ['a'], winners: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(new RegExp(`does not match the commitment.*${commit}`));
    expect(drawWinners(nodeCrypto, { commit: 'XYZ', seed, entrants: ['a'], winners: 1 })).toMatchObject({ ok: false, message: /64 lowercase hex/ });
    expect(drawWinners(nodeCrypto, { commit, seed, entrants: ['a'], winners: 0 })).toMatchObject({ ok: false });
  });
});
