// Every language must translate every string: same keys as English, no empty values, and the
// same {{placeholders}} and <tags>, or a sentence would lose its variable part.
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../shared/settings';
import { messages } from './resources';

type Table = { [key: string]: string | Table };

/** Flattens a nested table into "a.b.c" → value pairs. */
function flatten(table: Table, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(table)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object') for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

const markers = (s: string): string[] => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}|<\/?(\w+)>/g)].map((m) => m[0].replace(/\s/g, '')).sort();

const flat = Object.fromEntries(LANGUAGES.map((l) => [l, flatten(messages[l] as Table)]));
const english = flat.en!;

describe('locales', () => {
  it('ships a table for every language the settings allow', () => {
    expect(Object.keys(messages).sort()).toEqual([...LANGUAGES].sort());
  });

  it('English has strings', () => {
    expect(english.size).toBeGreaterThan(20);
  });

  for (const lang of LANGUAGES) {
    describe(lang, () => {
      const table = flat[lang]!;

      it('has exactly the English key set', () => {
        expect([...table.keys()].sort()).toEqual([...english.keys()].sort());
      });

      it('has only non-empty strings', () => {
        const bad = [...table].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
        expect(bad).toEqual([]);
      });

      it('keeps the placeholders and tags of English', () => {
        const differing = [...english]
          .filter(([k, v]) => {
            const other = table.get(k);
            return typeof other === 'string' && markers(String(v)).join() !== markers(other).join();
          })
          .map(([k]) => k);
        expect(differing).toEqual([]);
      });
    });
  }
});
