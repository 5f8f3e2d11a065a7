// What the host's own chat pre-flight shows: the words a check matched, once each, in text order.
import type { Result } from '../../../../shared/errors';
import type { FilterCheck } from '../../../../shared/moderationContract';

export function matchedWords(check: Pick<FilterCheck, 'matches'>): string[] {
  const sorted = [...check.matches].sort((a, b) => a.start - b.start);
  return [...new Set(sorted.map((m) => m.word))];
}

/** The masked text of a check, when the service returned one as a string (text checks do). */
export const maskedText = (check: FilterCheck): string | null => (typeof check.masked === 'string' ? check.masked : null);

/**
 * The check that holds a message, or null to send it: a failed check (service unavailable, network)
 * sends as before, because the room's own callback still filters what gets through.
 */
export function heldBy(r: Result<FilterCheck> | null): FilterCheck | null {
  return r?.ok && r.value.verdict !== 'pass' ? r.value : null;
}
