import { describe, expect, it } from 'vitest';
import { maskRanges, WordFilter, type FilterListSpec } from './wordFilter';

const lists: FilterListSpec[] = [
  { id: 'profanity', action: 'mask', words: ['bad', 'cunt', 'asshole', '坏蛋', 'くそ', 'bad word'] },
  { id: 'illegal', action: 'reject', words: ['fake id', 'ガキ'] },
  { id: 'spam', action: 'drop', words: ['wechat123'] },
  { id: 'ok', action: 'allow', words: ['Scunthorpe', 'badminton'] },
];
const f = new WordFilter(lists);
const verdict = (text: string) => f.check(text).verdict;
const masked = (text: string) => f.check(text).masked;

describe('WordFilter', () => {
  it.each([
    ['hello there', 'pass', 'hello there'],
    ['you are BAD', 'mask', 'you are ***'],
    ['ＢＡＤ!', 'mask', '***!'],
    ['b a d', 'mask', '* * *'],
    ['b.a.d', 'mask', '*****'],
    ['b-a-d guy', 'mask', '***** guy'],
    ['b\u200ba\u200bd', 'mask', '***'],
    ['b😀a😀d', 'mask', '*****'],
    ['bäd', 'mask', '***'],
    ['这人是坏蛋啊', 'mask', '这人是**啊'],
    ['坏 蛋', 'mask', '* *'],
    ['坏。蛋', 'mask', '***'],
    ['ｸｿ and くそ', 'mask', 'ｸｿ and **'], // half-width ｸｿ folds to katakana クソ, which is not listed
    ['ｶﾞｷ!', 'reject', '***!'], // three original code points
    ['a bad word here', 'mask', 'a *** **** here'],
    ['I live in Scunthorpe', 'pass', 'I live in Scunthorpe'],
    ['badminton tonight', 'pass', 'badminton tonight'],
    ['grass hole', 'pass', 'grass hole'], // no hit across an ordinary word boundary
    ['xb a d', 'pass', 'xb a d'],
    ['selling fake ids', 'reject', 'selling **** **s'],
    ['add wechat123 now, bad', 'drop', 'add ********* now, ***'],
    ['Ｗｅｃｈａｔ１２３', 'drop', '*********'],
  ])('%s → %s', (text, v, m) => {
    expect(verdict(text)).toBe(v);
    expect(masked(text)).toBe(m);
  });

  it('reports list, word and original offsets', () => {
    expect(f.find('so ＢＡＤ')).toEqual([{ listId: 'profanity', action: 'mask', word: 'bad', start: 3, end: 6 }]);
  });

  it('keeps emoji and surrounding text intact when masking', () => {
    expect(masked('🎉bad🎉')).toBe('🎉***🎉');
  });

  it('ignores empty words and an empty filter passes everything', () => {
    expect(new WordFilter([{ id: 'x', action: 'reject', words: ['', '   ', '!!'] }]).wordCount).toBe(0);
    expect(new WordFilter([]).check('anything').verdict).toBe('pass');
  });

  it('masks ranges by code point, keeps spaces and drops invisible characters', () => {
    expect(maskRanges('a😀 b\u200bc', [{ start: 1, end: 7 }])).toBe('a* **');
  });

  it('handles a 10,000-word generated list', () => {
    const words = Array.from({ length: 10_000 }, (_, i) => `w${(i * 2654435761 % 4294967296).toString(36)}`);
    const big = new WordFilter([{ id: 'gen', action: 'reject', words }]);
    expect(big.wordCount).toBe(10_000);
    const target = words[4321] as string;
    const text = `${'lorem ipsum '.repeat(15)} ${target.toUpperCase().split('').join(' ')} end`;
    expect(big.check(text).matches.map((m) => m.word)).toContain(target);
    expect(big.check('lorem ipsum '.repeat(16)).verdict).toBe('pass');
  });
});
