// The compiled word filter: lists (reject / mask / drop / allow) folded into one Aho–Corasick
// automaton; matches are checked against spacing rules and the allow-list, then mapped back to
// offsets in the original text for masking. Pure and synchronous: the before-send budget is 2 s.
import { AhoCorasick } from './ahoCorasick';
import { isCjkUnit, isHighSurrogate, isInvisible, isLowSurrogate, normalizeText, normalizeWord, type NormalizedText } from './normalize';

export const FILTER_ACTIONS = ['reject', 'mask', 'drop', 'allow'] as const;
export type FilterAction = (typeof FILTER_ACTIONS)[number];
export type Verdict = 'pass' | 'mask' | 'reject' | 'drop';

export interface FilterListSpec {
  id: string;
  action: FilterAction;
  words: readonly string[];
}

export interface WordMatch {
  listId: string;
  action: Exclude<FilterAction, 'allow'>;
  /** The list's word as written there. */
  word: string;
  /** UTF-16 offsets in the original text: [start, end). */
  start: number;
  end: number;
}

interface Pattern {
  listId: string;
  action: FilterAction;
  word: string;
  /** Offsets inside the folded word where the word itself had a space ("bad word"). */
  boundaries: readonly number[];
}

/** Severity when several lists hit: a silent drop hides the hit from the sender, so it wins. */
const SEVERITY: Record<Verdict, number> = { pass: 0, mask: 1, reject: 2, drop: 3 };

export function strongest(a: Verdict, b: Verdict): Verdict {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

export class WordFilter {
  private readonly ac = new AhoCorasick<Pattern>();
  readonly wordCount: number;

  constructor(lists: readonly FilterListSpec[]) {
    for (const list of lists) {
      for (const word of list.words) {
        const { compact, boundaries } = normalizeWord(word);
        if (compact.length === 0) continue;
        this.ac.add(compact, { listId: list.id, action: list.action, word: word.trim(), boundaries });
      }
    }
    this.ac.build();
    this.wordCount = this.ac.size;
  }

  /** Banned words in `text` (allow-listed ones removed), by original offsets. */
  find(text: string): WordMatch[] {
    if (this.wordCount === 0 || text.length === 0) return [];
    const t = normalizeText(text);
    const allowed: Array<[number, number]> = [];
    const banned: Array<{ s: number; e: number; p: Pattern }> = [];
    for (const m of this.ac.search(t.compact)) {
      const s = m.end - m.length;
      if (!spacingAllows(t, s, m.end, m.payload.boundaries)) continue;
      if (m.payload.action === 'allow') allowed.push([s, m.end]);
      else banned.push({ s, e: m.end, p: m.payload });
    }
    const out: WordMatch[] = [];
    for (const b of banned) {
      if (allowed.some(([s, e]) => s <= b.s && b.e <= e)) continue;
      out.push({
        listId: b.p.listId,
        action: b.p.action as WordMatch['action'],
        word: b.p.word,
        start: t.origStart[b.s] as number,
        end: t.origEnd[b.e - 1] as number,
      });
    }
    return out;
  }

  /** The verdict for one text and the text with every match starred (used when the verdict is mask). */
  check(text: string): { verdict: Verdict; matches: WordMatch[]; masked: string } {
    const matches = this.find(text);
    let verdict: Verdict = 'pass';
    for (const m of matches) verdict = strongest(verdict, m.action);
    return { verdict, matches, masked: matches.length ? maskRanges(text, matches) : text };
  }
}

/**
 * A match that crosses a separator in the text is real only when the separator is part of the
 * listed phrase, sits between two CJK characters (no word boundaries there), or splits the word
 * into single characters ("b a d", "b.a.d"). Otherwise "grass hole" would hit "asshole".
 */
function spacingAllows(t: NormalizedText, s: number, e: number, wordBoundaries: readonly number[]): boolean {
  const b = t.boundaryBefore;
  for (let i = s + 1; i < e; i++) {
    if (!b[i]) continue;
    if (wordBoundaries.includes(i - s)) continue;
    const left = isLowSurrogate(t.compact.charCodeAt(i - 1)) ? i - 2 : i - 1;
    if (isCjkUnit(t.compact.charCodeAt(left)) && isCjkUnit(t.compact.charCodeAt(i))) continue;
    const rightNext = isHighSurrogate(t.compact.charCodeAt(i)) ? i + 2 : i + 1;
    const leftSingle = left <= 0 || b[left] === 1;
    const rightSingle = rightNext >= t.compact.length || b[rightNext] === 1;
    if (leftSingle && rightSingle) continue;
    return false;
  }
  return true;
}

const WHITESPACE = /^\s$/u;

/** Replaces every visible, non-space code point inside the ranges with `*`; invisible ones are dropped. */
export function maskRanges(text: string, ranges: ReadonlyArray<{ start: number; end: number }>): string {
  const inRange = new Uint8Array(text.length);
  for (const r of ranges) inRange.fill(1, r.start, r.end);
  let out = '';
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    if (!inRange[i]) out += ch;
    else if (WHITESPACE.test(ch)) out += ch;
    else if (!isInvisible(cp)) out += '*';
    i += ch.length;
  }
  return out;
}
