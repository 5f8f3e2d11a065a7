// Immutable per-user maps that grow with the audience (follows, gift senders, levels): split into
// shards so a batch copies only the shards it touches — O(batch), not O(audience) — and stay JSON.
// Shards are null-prototype objects, so a userId like "__proto__" is just a key.

export interface ShardedMap<V> {
  shards: Array<Record<string, V>>;
  size: number;
}

export const SHARDS = 64;

const dict = <V>(): Record<string, V> => Object.create(null) as Record<string, V>;
const copy = <V>(o: Record<string, V>): Record<string, V> => Object.assign(dict<V>(), o);

export function emptyShardedMap<V>(): ShardedMap<V> {
  return { shards: Array.from({ length: SHARDS }, () => dict<V>()), size: 0 };
}

/** FNV-1a over UTF-16 units; userIds are short, so this is a few ns. */
function shardOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % SHARDS;
}

export function mapGet<V>(m: ShardedMap<V>, key: string): V | undefined {
  return m.shards[shardOf(key)]?.[key];
}

/** Builds a map from entries (restore, tests); later duplicates win. */
export function mapFromEntries<V>(entries: Iterable<readonly [string, V]>, maxSize = Infinity): ShardedMap<V> {
  const w = new MapWriter(emptyShardedMap<V>(), maxSize);
  for (const [k, v] of entries) w.set(k, v);
  return w.done();
}

export function* mapEntries<V>(m: ShardedMap<V>): Generator<[string, V]> {
  for (const shard of m.shards) for (const k of Object.keys(shard)) yield [k, shard[k] as V];
}

/**
 * Copy-on-write editing for one batch: each touched shard is copied once, the rest are shared
 * with the previous state. `done()` returns the original object when nothing changed.
 */
export class MapWriter<V> {
  private shards: Array<Record<string, V>> | undefined;
  private readonly copied = new Set<number>();
  private size: number;

  constructor(
    private readonly base: ShardedMap<V>,
    private readonly maxSize: number,
  ) {
    this.size = base.size;
  }

  get(key: string): V | undefined {
    return (this.shards ?? this.base.shards)[shardOf(key)]?.[key];
  }

  /** False when the key is new and the map is full (the caller counts it as dropped). */
  set(key: string, value: V): boolean {
    const i = shardOf(key);
    const shard = this.writable(i);
    if (!(key in shard)) {
      if (this.size >= this.maxSize) return false;
      this.size += 1;
    }
    shard[key] = value;
    return true;
  }

  delete(key: string): void {
    const i = shardOf(key);
    if (!(key in ((this.shards ?? this.base.shards)[i] ?? dict<V>()))) return;
    delete this.writable(i)[key];
    this.size -= 1;
  }

  done(): ShardedMap<V> {
    return this.shards ? { shards: this.shards, size: this.size } : this.base;
  }

  private writable(i: number): Record<string, V> {
    this.shards ??= this.base.shards.slice();
    if (!this.copied.has(i)) {
      this.shards[i] = copy(this.shards[i] ?? dict<V>());
      this.copied.add(i);
    }
    return this.shards[i] as Record<string, V>;
  }
}
