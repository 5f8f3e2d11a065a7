import { describe, expect, it } from 'vitest';
import { AhoCorasick } from './ahoCorasick';

const hits = (words: string[], text: string) => {
  const ac = new AhoCorasick<string>();
  for (const w of words) ac.add(w, w);
  ac.build();
  return ac.search(text).map((m) => `${m.payload}@${m.end - m.length}`);
};

describe('AhoCorasick', () => {
  it('finds overlapping and nested patterns (the classic he/she/his/hers)', () => {
    expect(hits(['he', 'she', 'his', 'hers'], 'ushers')).toEqual(['she@1', 'he@2', 'hers@2']);
  });

  it('follows failure links across partial matches', () => {
    expect(hits(['abcd', 'bcx', 'c'], 'abcx')).toEqual(['c@2', 'bcx@1']);
    expect(hits(['aa'], 'aaaa')).toEqual(['aa@0', 'aa@1', 'aa@2']);
  });

  it('keeps every payload of a repeated pattern and ignores empty ones', () => {
    const ac = new AhoCorasick<number>();
    ac.add('x', 1);
    ac.add('x', 2);
    ac.add('', 3);
    ac.build();
    expect(ac.size).toBe(2);
    expect(ac.search('x').map((m) => m.payload)).toEqual([1, 2]);
  });

  it('agrees with a naive scan on generated input', () => {
    const words = Array.from({ length: 200 }, (_, i) => (i * 7919).toString(36).slice(0, 2 + (i % 4)));
    const text = Array.from({ length: 2000 }, (_, i) => ((i * 31) % 36).toString(36)).join('');
    const naive: string[] = [];
    for (let end = 1; end <= text.length; end++) {
      for (const w of words) if (end >= w.length && text.slice(end - w.length, end) === w) naive.push(`${w}@${end - w.length}`);
    }
    expect(hits(words, text).sort()).toEqual(naive.sort());
  });
});
