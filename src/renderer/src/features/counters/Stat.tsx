// One labelled figure of the counters strip (a group named by its label, for tests and readers).
import { useId, type ReactNode } from 'react';

export function Stat({ label, value, detail, wide = false }: { label: string; value: ReactNode; detail?: ReactNode; wide?: boolean }) {
  const id = useId();
  return (
    <div className={wide ? 'stat stat-wide' : 'stat'} role="group" aria-labelledby={id}>
      <span id={id} className="stat-label">
        {label}
      </span>
      <span className="stat-value">{value}</span>
      {detail !== undefined && <span className="stat-detail">{detail}</span>}
    </div>
  );
}
