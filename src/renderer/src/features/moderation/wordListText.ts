// The word-list text format shared with the callbacks service's export: one word per line, `#`
// starts a comment line, blank lines ignored. Parsed here only to count and preview before import.
export const MAX_LIST_BYTES = 4 * 1024 * 1024;

export interface ParsedWordList {
  words: string[];
  /** Lines seen more than once (after trimming), counted once in `words`. */
  duplicates: number;
}

export function parseWordListText(text: string): ParsedWordList {
  const words: string[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (seen.has(line)) {
      duplicates++;
      continue;
    }
    seen.add(line);
    words.push(line);
  }
  return { words, duplicates };
}

/** A safe download name for a list id (ids are already [A-Za-z0-9_.-]). */
export const wordListFileName = (id: string): string => `${id.replace(/^\.+/, '') || 'list'}.txt`;
