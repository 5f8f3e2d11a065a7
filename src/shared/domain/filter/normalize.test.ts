import { describe, expect, it } from 'vitest';
import { foldCodePoint, normalizeText, normalizeWord } from './normalize';

const fold = (s: string) => normalizeText(s).compact;

describe('normalizeText', () => {
  it.each([
    ['BaD', 'bad'],
    ['ＢＡＤ', 'bad'], // full-width
    ['ｶﾞｷ', 'ガキ'.normalize('NFKD')], // half-width katakana with voicing mark
    ['b\u200bad', 'bad'], // zero-width space
    ['b\u200d\ufe0fad', 'bad'], // ZWJ + variation selector
    ['b\u00adad', 'bad'], // soft hyphen
    ['bäd', 'bad'], // precomposed diacritic
    ['ba\u0308d', 'bad'], // combining diacritic
    ['ŠĶ', 'sk'],
    ['坏 蛋!', '坏蛋'],
    ['b😀a😀d', 'bad'],
    ['ﬁne', 'fine'], // ligature
    ['①②', '12'],
    ['Straße', 'straße'],
    ['한국어', '한국어'.normalize('NFKD')],
  ])('%s → %s', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it('maps compact units back to original offsets and marks boundaries', () => {
    const t = normalizeText('x Ｂ.😀a');
    expect(t.compact).toBe('xba');
    expect([...t.origStart]).toEqual([0, 2, 6]);
    expect([...t.origEnd]).toEqual([1, 3, 7]);
    expect([...t.boundaryBefore]).toEqual([1, 1, 1]);
  });

  it('keeps supplementary-plane letters as surrogate pairs with one boundary', () => {
    const t = normalizeText('𠀀𠀁');
    expect(t.compact).toBe('𠀀𠀁');
    expect([...t.boundaryBefore]).toEqual([1, 0, 0, 0]);
  });

  it('turns separators into spaces and invisible characters into nothing', () => {
    expect(foldCodePoint('!'.codePointAt(0)!)).toBe(' ');
    expect(foldCodePoint(0x200b)).toBe('');
    expect(foldCodePoint('。'.codePointAt(0)!)).toBe(' ');
  });

  it('records the spaces inside a listed phrase', () => {
    expect(normalizeWord('Bad  Word')).toEqual({ compact: 'badword', boundaries: [3] });
  });
});
