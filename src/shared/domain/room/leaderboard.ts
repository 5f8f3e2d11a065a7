// The gift leaderboard: top senders by verified value, then unverified. Totals only grow, so a
// batch only has to merge the senders it touched into the current top — exact, and O(batch).
import { mapEntries, type ShardedMap } from './shardedMap';
import { ROOM_LIMITS, type LeaderEntry, type SenderTotals } from './types';

export function compareLeaders(a: LeaderEntry, b: LeaderEntry): number {
  return (
    b.verifiedValue - a.verifiedValue ||
    b.unverifiedValue - a.unverifiedValue ||
    b.gifts - a.gifts ||
    (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0)
  );
}

const entry = (userId: string, t: SenderTotals): LeaderEntry => ({
  userId,
  nick: t.nick,
  verifiedValue: t.verifiedValue,
  unverifiedValue: t.unverifiedValue,
  gifts: t.gifts,
});

/** The new top after `touched` senders' totals changed (values never decrease). */
export function mergeLeaders(top: readonly LeaderEntry[], touched: ReadonlyMap<string, SenderTotals>): LeaderEntry[] {
  if (touched.size === 0) return top as LeaderEntry[];
  const merged = top.filter((e) => !touched.has(e.userId));
  for (const [userId, t] of touched) merged.push(entry(userId, t));
  return merged.sort(compareLeaders).slice(0, ROOM_LIMITS.leaderboard);
}

/** Full recomputation, for restore (the persisted top is not trusted). */
export function rankAll(senders: ShardedMap<SenderTotals>): LeaderEntry[] {
  const all: LeaderEntry[] = [];
  for (const [userId, t] of mapEntries(senders)) all.push(entry(userId, t));
  return all.sort(compareLeaders).slice(0, ROOM_LIMITS.leaderboard);
}
