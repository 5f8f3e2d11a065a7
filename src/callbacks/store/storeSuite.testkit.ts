// The LevelStore contract as a test suite, run against SQLite and (when available) PostgreSQL so
// both back-ends count duplicates and concurrent callbacks alike.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_LEVEL_RULES, levelFor } from '../../shared/domain/levels/levelRules';
import { type LevelStore, type PointEvent } from './levelStore';

const levelOf = (p: number) => levelFor(DEFAULT_LEVEL_RULES, p);
const T0 = 1_714_500_000_000;
const ev = (key: string, o: Partial<PointEvent> = {}): PointEvent => ({
  key,
  account: 'v1',
  kind: 'text',
  points: 1,
  capPerMinute: 0,
  verified: true,
  amount: 1,
  at: T0,
  ...o,
});

export function levelStoreSuite(open: () => Promise<LevelStore>): void {
  let store: LevelStore;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('adds points, levels up and ignores a duplicate key', async () => {
    const a = await store.apply(ev('seq:g:1', { kind: 'gift', points: 25, amount: 250 }), levelOf);
    expect(a).toEqual({ duplicate: false, granted: 25, points: 25, level: 2, previousLevel: 1 });
    const dup = await store.apply(ev('seq:g:1', { kind: 'gift', points: 25, amount: 250 }), levelOf);
    expect(dup).toMatchObject({ duplicate: true, granted: 0, points: 25, level: 2 });
    expect(await store.user('v1')).toMatchObject({ points: 25, level: 2, giftValue: 250, messages: 0 });
  });

  it('caps points per minute and starts afresh the next minute', async () => {
    const grants: number[] = [];
    for (let i = 0; i < 7; i++) grants.push((await store.apply(ev(`k${i}`, { capPerMinute: 5 }), levelOf)).granted);
    grants.push((await store.apply(ev('next', { capPerMinute: 5, at: T0 + 60_000 }), levelOf)).granted);
    expect(grants).toEqual([1, 1, 1, 1, 1, 0, 0, 1]);
    expect(await store.user('v1')).toMatchObject({ points: 6, messages: 8 });
  });

  it('stays consistent under concurrent and duplicated callbacks', async () => {
    const events = Array.from({ length: 40 }, (_, i) => ev(`seq:g:${i % 20}`, { account: `u${i % 4}`, points: 3 }));
    await Promise.all(events.map((e) => store.apply(e, levelOf)));
    const top = await store.top(10);
    expect(top.map((u) => [u.account, u.points, u.messages])).toEqual([
      ['u0', 15, 5],
      ['u1', 15, 5],
      ['u2', 15, 5],
      ['u3', 15, 5],
    ]);
  });

  it('counts unverified claims apart', async () => {
    await store.apply(ev('x', { kind: 'gift', points: 0, verified: false, amount: 5000 }), levelOf);
    expect(await store.user('v1')).toMatchObject({ points: 0, giftValue: 0, unverifiedValue: 5000 });
  });

  it('tracks presence for watch time', async () => {
    await store.joined('g', 'v1', T0);
    await store.joined('g', 'v1', T0 + 5);
    expect(await store.exited('g', 'v1')).toBe(T0 + 5);
    expect(await store.exited('g', 'v1')).toBeUndefined();
  });

  it('stores word lists with a version that moves on every change', async () => {
    const v0 = await store.listsVersion();
    await store.putList({ id: 'app-mask', roomId: null, action: 'mask', words: ['bad', '坏蛋'], updatedAt: 1 });
    await store.putList({ id: 'room', roomId: 'demo', action: 'reject', words: [], updatedAt: 2 });
    expect(await store.listsVersion()).toBe(v0 + 2);
    expect(await store.lists()).toEqual([
      { id: 'app-mask', roomId: null, action: 'mask', words: ['bad', '坏蛋'], updatedAt: 1 },
      { id: 'room', roomId: 'demo', action: 'reject', words: [], updatedAt: 2 },
    ]);
    expect(await store.deleteList('room')).toBe(true);
    expect(await store.deleteList('room')).toBe(false);
    expect(await store.listsVersion()).toBe(v0 + 3);
  });

  it('versions rules and re-levels users when they change', async () => {
    expect(await store.rules()).toBeUndefined();
    const { version: _v, ...draft } = DEFAULT_LEVEL_RULES;
    expect((await store.putRules(draft)).version).toBe(1);
    await store.apply(ev('a', { points: 50 }), levelOf);
    const stricter = await store.putRules({ ...draft, thresholds: [100] });
    expect(stricter.version).toBe(2);
    expect(await store.rules()).toEqual(stricter);
    expect(await store.relevel((p) => levelFor(stricter, p))).toEqual([{ account: 'v1', level: 1 }]);
    expect(await store.relevel((p) => levelFor(stricter, p))).toEqual([]);
  });

  it('prunes old idempotency keys', async () => {
    await store.apply(ev('old', { at: T0 }), levelOf);
    await store.prune(T0 + 1);
    expect((await store.apply(ev('old', { at: T0 }), levelOf)).duplicate).toBe(false);
  });
}
