import { describe, expect, it } from 'vitest';
import { emptyShardedMap, mapEntries, mapFromEntries, mapGet, MapWriter } from './shardedMap';

describe('ShardedMap', () => {
  it('copies only touched shards and leaves the base untouched', () => {
    const base = mapFromEntries(Array.from({ length: 1000 }, (_, i) => [`u${i}`, i] as const));
    const w = new MapWriter(base, Infinity);
    w.set('u1', -1);
    w.set('new', 7);
    w.delete('u2');
    const next = w.done();
    expect([mapGet(base, 'u1'), mapGet(base, 'new'), mapGet(base, 'u2')]).toEqual([1, undefined, 2]);
    expect([mapGet(next, 'u1'), mapGet(next, 'new'), mapGet(next, 'u2')]).toEqual([-1, 7, undefined]);
    expect([base.size, next.size]).toEqual([1000, 1000]);
    const shared = next.shards.filter((s, i) => s === base.shards[i]).length;
    expect(shared).toBeGreaterThanOrEqual(base.shards.length - 3);
  });

  it('returns the same map when nothing changed, refuses new keys when full', () => {
    const m = emptyShardedMap<number>();
    expect(new MapWriter(m, 1).done()).toBe(m);
    const w = new MapWriter(m, 1);
    expect(w.set('a', 1)).toBe(true);
    expect(w.set('b', 1)).toBe(false);
    expect(w.set('a', 2)).toBe(true);
    expect([...mapEntries(w.done())]).toEqual([['a', 2]]);
  });

  it('has no inherited keys', () => {
    const m = mapFromEntries([['__proto__', 1] as const]);
    expect(mapGet(m, '__proto__')).toBe(1);
    expect(mapGet(m, 'constructor')).toBeUndefined();
    expect(mapGet(m, 'toString')).toBeUndefined();
    expect(JSON.parse(JSON.stringify([...mapEntries(m)]))).toEqual([['__proto__', 1]]);
  });
});
