// Small number helpers for benchmark reports: nearest-rank percentiles and fixed-width rows.

export interface Spread {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? (sorted[sorted.length - 1] as number) : NaN,
  };
}

export const ms = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '—');

/** Columns padded to the widths given (negative = left-aligned). */
export function row(cells: readonly (string | number)[], widths: readonly number[]): string {
  return cells
    .map((c, i) => {
      const w = widths[i] ?? 10;
      const s = String(c);
      return w < 0 ? s.padEnd(-w) : s.padStart(w);
    })
    .join(' ');
}
