// A fixed-row-height virtual list that follows the newest row: only the rows in view (plus a few)
// are mounted; auto-scroll pauses when the operator scrolls up, and a "N new" button jumps back.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { countNewer, isAtBottom, visibleRange } from './virtualWindow';

interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  /** Monotonic per item (feed seq): a stable React key and the "seen up to" marker. */
  keyOf: (item: T) => number;
  renderRow: (item: T) => ReactNode;
  label: string;
  jumpLabel: (count: number) => string;
  emptyText: string;
}

export function VirtualList<T>({ items, rowHeight, keyOf, renderRow, label, jumpLabel, emptyText }: VirtualListProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(400);
  const pinned = useRef(true);
  const [seenKey, setSeenKey] = useState<number | null>(null);
  const total = items.length * rowHeight;
  const last = items.at(-1);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (): void => setViewport(el.clientHeight || 400);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Follow the newest row while pinned to the bottom.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && pinned.current) {
      el.scrollTop = total;
      setScrollTop(el.scrollTop);
    }
  }, [total, last, viewport]);

  const onScroll = (): void => {
    const el = ref.current;
    if (!el) return;
    setScrollTop(el.scrollTop);
    const atBottom = isAtBottom(el.scrollTop, el.clientHeight, el.scrollHeight, rowHeight / 2);
    if (atBottom !== pinned.current) {
      pinned.current = atBottom;
      setSeenKey(atBottom || !last ? null : keyOf(last));
    }
  };

  const jump = (): void => {
    const el = ref.current;
    pinned.current = true;
    setSeenKey(null);
    if (el) el.scrollTop = el.scrollHeight;
  };

  const unseen = seenKey === null ? 0 : countNewer(items, keyOf, seenKey);
  const { start, end } = visibleRange({ scrollTop, viewportHeight: viewport, rowHeight, count: items.length });
  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    const item = items[i];
    if (item === undefined) continue;
    rows.push(
      <li key={keyOf(item)} className="vlist-row" style={{ top: i * rowHeight, height: rowHeight }} aria-posinset={i + 1} aria-setsize={items.length}>
        {renderRow(item)}
      </li>,
    );
  }
  return (
    <div className="vlist-wrap">
      <div ref={ref} className="vlist" onScroll={onScroll} tabIndex={0} role="region" aria-label={label}>
        {items.length === 0 ? (
          <p className="empty-state">{emptyText}</p>
        ) : (
          <ul className="vlist-inner" style={{ height: total }}>
            {rows}
          </ul>
        )}
      </div>
      {unseen > 0 && (
        <button type="button" className="button button-primary vlist-jump" onClick={jump}>
          {jumpLabel(unseen)}
        </button>
      )}
    </div>
  );
}
