// A tiny bar chart of the last seconds' message counts against the 40/s budget line.
export function Sparkline({ values, max, label }: { values: readonly number[]; max: number; label: string }) {
  const w = 120;
  const h = 28;
  const top = Math.max(max, ...values, 1);
  const bar = w / Math.max(values.length, 1);
  const budgetY = h - (max / top) * h;
  return (
    <svg className="sparkline" width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label}>
      {values.map((v, i) => {
        const bh = (v / top) * h;
        return <rect key={i} x={i * bar + 1} y={h - bh} width={Math.max(1, bar - 2)} height={bh} className={v > max ? 'spark-over' : 'spark-bar'} />;
      })}
      <line x1={0} x2={w} y1={budgetY} y2={budgetY} className="spark-budget" />
    </svg>
  );
}
