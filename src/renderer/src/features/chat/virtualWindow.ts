// Windowing math for the fixed-row-height chat list: which rows to mount for a scroll position,
// and whether the operator is at the bottom (auto-scroll on) or has scrolled up (paused).

export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  count: number;
  /** Rows mounted above and below the viewport, so fast scrolls do not flash empty space. */
  overscan?: number;
}

/** [start, end) of the rows to mount. */
export function visibleRange(w: WindowInput): { start: number; end: number } {
  if (w.count <= 0 || w.rowHeight <= 0) return { start: 0, end: 0 };
  const overscan = w.overscan ?? 4;
  const top = Math.max(0, w.scrollTop);
  const first = Math.floor(top / w.rowHeight);
  const last = Math.ceil((top + Math.max(0, w.viewportHeight)) / w.rowHeight);
  const start = Math.min(w.count, Math.max(0, first - overscan));
  const end = Math.min(w.count, Math.max(start, last + overscan));
  return { start, end };
}

/** True when the viewport shows the last row (within `slack` px). */
export function isAtBottom(scrollTop: number, viewportHeight: number, contentHeight: number, slack = 4): boolean {
  return scrollTop + viewportHeight >= contentHeight - slack;
}

/** How many items are newer than `seenKey` (keys grow monotonically, oldest first). */
export function countNewer<T>(items: readonly T[], keyOf: (item: T) => number, seenKey: number): number {
  let n = 0;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item === undefined || keyOf(item) <= seenKey) break;
    n++;
  }
  return n;
}
