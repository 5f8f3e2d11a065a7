import { describe, expect, it } from 'vitest';
import { countNewer, isAtBottom, visibleRange } from './virtualWindow';

describe('visibleRange', () => {
  it.each([
    // scrollTop, viewport, count, overscan → start, end
    [0, 300, 1000, 0, 0, 10],
    [0, 300, 1000, 4, 0, 14],
    [300, 300, 1000, 2, 8, 22],
    [29_700, 300, 1000, 4, 986, 1000],
    [0, 300, 5, 4, 0, 5],
    [45, 300, 1000, 0, 1, 12],
    [-50, 300, 1000, 0, 0, 10],
  ])('top %i, viewport %i, %i rows, overscan %i → [%i, %i)', (scrollTop, viewportHeight, count, overscan, start, end) => {
    expect(visibleRange({ scrollTop, viewportHeight, rowHeight: 30, count, overscan })).toEqual({ start, end });
  });

  it('mounts nothing for an empty list or a zero row height', () => {
    expect(visibleRange({ scrollTop: 0, viewportHeight: 300, rowHeight: 30, count: 0 })).toEqual({ start: 0, end: 0 });
    expect(visibleRange({ scrollTop: 0, viewportHeight: 300, rowHeight: 0, count: 9 })).toEqual({ start: 0, end: 0 });
  });

  it('clamps a scroll position beyond the content (list shrank)', () => {
    expect(visibleRange({ scrollTop: 9000, viewportHeight: 300, rowHeight: 30, count: 10, overscan: 2 })).toEqual({ start: 10, end: 10 });
  });
});

describe('isAtBottom', () => {
  it('is true at the end and within the slack, false above it', () => {
    expect(isAtBottom(700, 300, 1000)).toBe(true);
    expect(isAtBottom(697, 300, 1000)).toBe(true);
    expect(isAtBottom(690, 300, 1000)).toBe(false);
    expect(isAtBottom(0, 300, 200)).toBe(true);
  });
});

describe('countNewer', () => {
  const items = [3, 4, 5, 8, 9].map((seq) => ({ seq }));
  it('counts items with a key above the last seen one', () => {
    expect(countNewer(items, (i) => i.seq, 5)).toBe(2);
    expect(countNewer(items, (i) => i.seq, 9)).toBe(0);
    expect(countNewer(items, (i) => i.seq, 0)).toBe(5);
  });
});
