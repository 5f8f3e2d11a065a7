// Which feed senders to ask the callbacks service about for level badges: the most recent ones not
// looked up lately, at most one `levels:of` batch. Pure, so the room session only schedules it.
import type { FeedItem } from '../../../../shared/domain/room';
import { userIdSchema } from '../../../../shared/settings';

export const LEVELS_EVERY_MS = 5_000;
/** A level changes slowly; asking again about the same sender within this window buys nothing. */
export const LEVEL_FRESH_MS = 30_000;
/** The `levels:of` request's bound. */
export const LEVELS_MAX_IDS = 200;

/** Newest first, unique, valid UserIDs only (one bad id would fail the whole request). */
export function idsToLookUp(feed: readonly FeedItem[], lookedUpAt: ReadonlyMap<string, number>, now: number, max = LEVELS_MAX_IDS): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (let i = feed.length - 1; i >= 0 && out.length < max; i--) {
    const item = feed[i] as FeedItem;
    if (item.kind === 'notice') continue;
    const id = item.userId;
    if (seen.has(id)) continue;
    seen.add(id);
    const at = lookedUpAt.get(id);
    if (at !== undefined && now - at < LEVEL_FRESH_MS) continue;
    if (userIdSchema.safeParse(id).success) out.push(id);
  }
  return out;
}

/** Forgets lookups older than the fresh window, so the map stays as small as the recent audience. */
export function pruneLookups(lookedUpAt: Map<string, number>, now: number): void {
  for (const [id, at] of lookedUpAt) if (now - at >= LEVEL_FRESH_MS) lookedUpAt.delete(id);
}

/**
 * The part of a `levels:of` answer that changes a badge, or null when none does: an unchanged
 * answer then costs no reduce, render or save. Anything but a whole level ≥ 0 is ignored.
 */
export function changedLevels(answer: unknown, current: (userId: string) => number | undefined): Record<string, number> | null {
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return null;
  const out: Record<string, number> = {};
  let any = false;
  for (const [id, level] of Object.entries(answer)) {
    if (typeof level !== 'number' || !Number.isInteger(level) || level < 0) continue;
    if ((current(id) ?? 0) === level) continue;
    out[id] = level;
    any = true;
  }
  return any ? out : null;
}
