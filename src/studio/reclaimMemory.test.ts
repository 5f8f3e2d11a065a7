// reclaimMemory gives a crowd's heap back: after garbage that leaves the survivors scattered over
// many pages, its compacting collections shrink the old space to about what is live, where a plain
// full GC keeps most pages; it reports two passes.
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { reclaimMemory, type Reclaimed } from './reclaimMemory';

const oldSpace = () => {
  const s = v8.getHeapSpaceStatistics().find((x) => x.space_name === 'old_space');
  return { committedMb: (s?.space_size ?? 0) / 2 ** 20, usedMb: (s?.space_used_size ?? 0) / 2 ** 20 };
};

describe('reclaimMemory', () => {
  it('compacts a fragmented old space down to about what is live, in two passes', async () => {
    // Old-space garbage with one object in ten surviving, spread over every page.
    let crowd: { a: string; b: number[]; c: { d: number } }[] | null = [];
    for (let i = 0; i < 400_000; i++) crowd.push({ a: `viewer-${i}-`.padEnd(40, 'x'), b: [i, i + 1], c: { d: i } });
    const survivors = crowd.filter((_, i) => i % 10 === 0);
    crowd = null;
    const before = oldSpace();
    const passes: Reclaimed[] = [];
    const twice = new Promise<void>((resolve) =>
      reclaimMemory((r) => {
        passes.push(r);
        if (r.pass === 2) resolve();
      }, 10),
    );
    const after = oldSpace();
    expect(before.committedMb).toBeGreaterThan(after.committedMb + 40);
    // Compacted: what stays committed is close to what is live (a plain GC keeps several times more).
    expect(after.committedMb).toBeLessThan(after.usedMb * 1.5 + 8);
    await twice;
    expect(passes.map((p) => p.pass)).toEqual([1, 2]);
    expect(passes.every((p) => p.gcMs >= 0 && p.rssMb > 0)).toBe(true);
    expect(survivors).toHaveLength(40_000);
  });
});
