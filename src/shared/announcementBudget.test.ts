import { describe, expect, it } from 'vitest';
import { announcementBudget } from './roomContract';

describe('announcementBudget', () => {
  it.each([
    ['', 0, false],
    ['Free shipping tonight', 21, false],
    ['今晚包邮', 12, false],
    ['🎉', 4, false],
    ['a'.repeat(300), 300, false],
    ['a'.repeat(301), 301, true],
    ['满'.repeat(100) + 'x', 301, true],
  ])('%j → %i bytes, over %s', (text, bytes, over) => {
    expect(announcementBudget(text)).toEqual({ bytes, max: 300, over });
  });
});
