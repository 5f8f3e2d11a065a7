// Text normalisation for the word filter: folds width, case and diacritics, drops zero-width
// characters and turns spacing/punctuation into boundaries, keeping a map back to the original
// string so matches can be masked there. Pure; the per-code-point fold is memoised.

/** The text the matcher sees, one UTF-16 unit per entry, with where each unit came from. */
export interface NormalizedText {
  /** Letters, digits and kept marks only (separators removed). */
  compact: string;
  /** Original UTF-16 offset where the code point of each compact unit starts. */
  origStart: Int32Array;
  /** Original UTF-16 offset just after that code point. */
  origEnd: Int32Array;
  /** 1 when a separator (space, punctuation, symbol, emoji) came just before this unit, or it is first. */
  boundaryBefore: Uint8Array;
}

const SEPARATOR = ' ';
const FOLD_CACHE_LIMIT = 65_536;
// A memo of a pure function (same input → same output), so sharing it between filters is safe.
const foldCache = new Map<number, string>();

const KEEP = /[\p{L}\p{N}\p{M}]/u;
const FORMAT = /^\p{Cf}$/u;
/** Zero-width and formatting characters that are invisible in chat: removed without a boundary. */
export function isInvisible(cp: number): boolean {
  return (
    cp === 0x034f || // combining grapheme joiner
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x3164 ||
    cp === 0xffa0 || // Hangul fillers
    (cp >= 0x17b4 && cp <= 0x17b5) ||
    (cp >= 0x180b && cp <= 0x180f) || // Mongolian variation selectors
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0xe0000 && cp <= 0xe0fff) || // tags and supplementary variation selectors
    FORMAT.test(String.fromCodePoint(cp)) // ZWSP/ZWNJ/ZWJ, bidi marks, soft hyphen, BOM …
  );
}
/** Latin/Greek/Cyrillic combining diacritics (U+0300–036F); kana voicing marks are kept. */
const IS_DIACRITIC = /^[\u0300-\u036f]$/;

/**
 * One code point folded: NFKD compatibility decomposition (full-width → ASCII, half-width kana →
 * kana, ligatures and circled digits expanded), lower case, Latin diacritics stripped. Separator
 * characters become `' '`, invisible ones `''`.
 */
export function foldCodePoint(cp: number): string {
  if (cp < 0x80) {
    if (cp >= 0x41 && cp <= 0x5a) return String.fromCharCode(cp + 32);
    if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39)) return String.fromCharCode(cp);
    return SEPARATOR;
  }
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  const ch = String.fromCodePoint(cp);
  let out: string;
  if (isInvisible(cp)) out = '';
  else {
    // Decomposed (NFKD) on both sides, so a half-width voicing mark typed as its own character
    // (ｶﾞ) meets the precomposed ガ of the list, and Latin diacritics can be dropped.
    const folded = ch.normalize('NFKD').toLowerCase().normalize('NFKD');
    out = '';
    for (const c of folded) {
      if (IS_DIACRITIC.test(c)) continue;
      out += KEEP.test(c) ? c : SEPARATOR;
    }
    // A lone combining diacritic folds to nothing (it decorates the letter before it).
  }
  if (foldCache.size < FOLD_CACHE_LIMIT) foldCache.set(cp, out);
  return out;
}

/** Normalises `text` for matching; see NormalizedText. */
export function normalizeText(text: string): NormalizedText {
  const n = text.length;
  // The compact form is never longer than the input except for expansions (ligatures, ㎏);
  // grow the arrays if that happens.
  let cap = n + 8;
  let origStart: Int32Array = new Int32Array(cap);
  let origEnd: Int32Array = new Int32Array(cap);
  let boundary: Uint8Array = new Uint8Array(cap);
  const units: number[] = [];
  let pendingBoundary = true;
  let i = 0;
  while (i < n) {
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const folded = foldCodePoint(cp);
    for (let k = 0; k < folded.length; k++) {
      const u = folded.charCodeAt(k);
      if (u === 0x20) {
        pendingBoundary = true;
        continue;
      }
      if (units.length === cap) {
        cap *= 2;
        origStart = grow(origStart, cap);
        origEnd = grow(origEnd, cap);
        boundary = growU8(boundary, cap);
      }
      const at = units.length;
      units.push(u);
      origStart[at] = i;
      origEnd[at] = i + width;
      // Only the first unit of a code point can follow a boundary.
      boundary[at] = pendingBoundary && !isLowSurrogate(u) ? 1 : 0;
      pendingBoundary = false;
    }
    i += width;
  }
  const len = units.length;
  return {
    compact: fromUnits(units),
    origStart: origStart.subarray(0, len),
    origEnd: origEnd.subarray(0, len),
    boundaryBefore: boundary.subarray(0, len),
  };
}

/** The folded form of a list word and where its own spaces were (so phrases match naturally spaced). */
export function normalizeWord(word: string): { compact: string; boundaries: number[] } {
  const t = normalizeText(word);
  const boundaries: number[] = [];
  for (let i = 1; i < t.compact.length; i++) if (t.boundaryBefore[i]) boundaries.push(i);
  return { compact: t.compact, boundaries };
}

export const isLowSurrogate = (u: number): boolean => u >= 0xdc00 && u <= 0xdfff;
export const isHighSurrogate = (u: number): boolean => u >= 0xd800 && u <= 0xdbff;

/** Scripts written without spaces between words (Han, kana, Hangul, including extension planes). */
export function isCjkUnit(u: number): boolean {
  return (
    (u >= 0x1100 && u <= 0x11ff) || // Hangul jamo (syllables are decomposed)
    (u >= 0x3040 && u <= 0x30ff) ||
    (u >= 0x3130 && u <= 0x318f) ||
    (u >= 0x3400 && u <= 0x9fff) ||
    (u >= 0xac00 && u <= 0xd7af) ||
    (u >= 0xf900 && u <= 0xfaff) ||
    (u >= 0xd840 && u <= 0xd87f) // high surrogates of CJK extensions B–F (U+20000–U+2FFFF)
  );
}

function fromUnits(units: readonly number[]): string {
  let s = '';
  // Chunked: spreading a very long array into fromCharCode overflows the argument limit.
  for (let i = 0; i < units.length; i += 8192) s += String.fromCharCode(...units.slice(i, i + 8192));
  return s;
}

function grow(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

function growU8(a: Uint8Array, cap: number): Uint8Array {
  const b = new Uint8Array(cap);
  b.set(a);
  return b;
}
