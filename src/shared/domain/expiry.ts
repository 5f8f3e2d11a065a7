// Parses what a person types for "valid until" (Unix seconds, an ISO date, or `+24h`) into Unix
// seconds, for signed push URLs and UserSigs. Deterministic: a missing time zone means UTC.

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;
type Unit = keyof typeof UNIT_SECONDS;

/** txTime is a 32-bit value in every Tencent example; later dates are almost surely a typo. */
const MAX_UNIX_SECONDS = 0xffffffff;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

const HINT = 'use Unix seconds (1767225600), an ISO date/time (2026-01-01T20:00:00+08:00) or +24h / +90m / +7d / +3600s';

function parseIso(text: string): number | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const utcMs = Date.UTC(...parts) + Number(`0.${frac || '0'}`) * 1000;
  const probe = new Date(Date.UTC(...parts));
  // Date.UTC rolls 2024-02-30 over to March 1; a typo must not silently move the expiry.
  if (
    probe.getUTCFullYear() !== parts[0] ||
    probe.getUTCMonth() !== parts[1] ||
    probe.getUTCDate() !== parts[2] ||
    probe.getUTCHours() !== parts[3] ||
    probe.getUTCMinutes() !== parts[4] ||
    probe.getUTCSeconds() !== parts[5]
  ) {
    throw new Error(`"${text}" is not a real date/time`);
  }
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2));
    if (oh > 23 || om > 59) throw new Error(`"${text}" has an invalid time-zone offset`);
    offsetMinutes = sign * (oh * 60 + om);
  }
  return Math.floor((utcMs - offsetMinutes * 60_000) / 1000);
}

/**
 * Expiry as Unix seconds from decimal Unix seconds, an ISO 8601 date or date-time (UTC unless an
 * offset is given), or a relative `+<n><s|m|h|d>` from `nowMs`. Throws on anything else and, unless
 * `allowPast` (to reproduce published signing vectors), on times not in the future.
 */
export function parseExpiry(text: string, nowMs: number, opts: { allowPast?: boolean } = {}): number {
  const t = text.trim();
  const nowSeconds = Math.floor(nowMs / 1000);
  let seconds: number | undefined;
  const relative = /^\+(\d+)([smhd])$/i.exec(t);
  if (relative) {
    const [, n = '', unit = ''] = relative;
    const amount = Number(n);
    if (amount === 0) throw new Error(`Expiry "${text}" must be more than zero`);
    seconds = nowSeconds + amount * UNIT_SECONDS[unit.toLowerCase() as Unit];
  } else if (/^\d+$/.test(t)) {
    seconds = Number(t);
    if (seconds > MAX_UNIX_SECONDS) {
      throw new Error(`Expiry "${text}" is too large: looks like milliseconds; give Unix seconds`);
    }
  } else {
    seconds = parseIso(t);
  }
  if (seconds === undefined || !Number.isFinite(seconds)) {
    throw new Error(`Cannot read expiry "${text}": ${HINT}`);
  }
  if (seconds > MAX_UNIX_SECONDS) throw new Error(`Expiry "${text}" is too far in the future (after 2106)`);
  if (seconds <= nowSeconds && !opts.allowPast) {
    throw new Error(`Expiry "${text}" is in the past (${new Date(seconds * 1000).toISOString()})`);
  }
  return seconds;
}
