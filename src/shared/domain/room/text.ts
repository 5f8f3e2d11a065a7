// Defensive string and JSON helpers for untrusted message fields: clamp without splitting
// surrogate pairs, strip controls and bidi overrides (nick spoofing), parse bounded JSON safely.
import { ROOM_LIMITS } from './types';

// C0/C1 controls (newline and tab kept for chat text only), bidi embeddings/overrides/isolates,
// zero-width joiners aside. A nick like "\u202Egnp.exe" would otherwise render reversed.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const LINE_BREAKS = /[\t\n\r]+/g;

/** The first `max` UTF-16 units, never ending on half a surrogate pair. */
export function clampChars(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return s.slice(0, end);
}

/**
 * Untrusted text for display: clamps first (so a 100 KB string costs only `max` work), removes
 * controls, optionally folds line breaks to spaces, trims. Markup stays literal text: React escapes.
 */
export function cleanText(v: unknown, max: number, keepLineBreaks = false): string {
  if (typeof v !== 'string' || v.length === 0) return '';
  let s = clampChars(v, max * 2).replace(CONTROLS, '');
  if (!keepLineBreaks) s = s.replace(LINE_BREAKS, ' ');
  return clampChars(s.trim(), max);
}

export const cleanNick = (v: unknown): string => cleanText(v, ROOM_LIMITS.nickChars);

/** A user or message id as Tencent issues them; anything else is refused (undefined), not trimmed. */
export function cleanId(v: unknown, max: number): string | undefined {
  if (typeof v !== 'string' || v.length === 0 || v.length > max) return undefined;
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(v) ? undefined : v;
}

/** Only http(s) avatars reach an <img src>; `javascript:` and data URLs become ''. */
export function cleanAvatar(v: unknown): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > ROOM_LIMITS.avatarChars) return '';
  return /^https?:\/\/[^\s"'<>\\]+$/i.test(v) ? v : '';
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; reason: 'tooLarge' | 'badJson' };

/** JSON.parse with a size bound; V8's parser is iterative, so deep nesting cannot overflow it. */
export function parseBoundedJson(raw: string, maxChars: number = ROOM_LIMITS.rawJsonChars): JsonResult {
  if (raw.length > maxChars) return { ok: false, reason: 'tooLarge' };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false, reason: 'badJson' };
  }
}

/** A plain (non-array) JSON object, or undefined. */
export const asRecord = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** Short display form of any JSON value; never throws (stringify of a deep value can). */
export function summariseJson(v: unknown, max: number): string {
  if (typeof v === 'string') return cleanText(v, max, true);
  try {
    return cleanText(JSON.stringify(v) ?? '', max, true);
  } catch {
    return '';
  }
}

/** A finite, non-negative safe integer or the fallback. */
export function safeCount(v: unknown, fallback = 0): number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : fallback;
}

/** Addition that stays a finite safe integer however hostile the inputs. */
export function addSafe(a: number, b: number): number {
  const s = a + b;
  if (!Number.isFinite(s)) return Number.MAX_SAFE_INTEGER;
  return s > Number.MAX_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : s < 0 ? 0 : s;
}
