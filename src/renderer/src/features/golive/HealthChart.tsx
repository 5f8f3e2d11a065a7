// The last 10 minutes of the push, hand-drawn in SVG like the counters' Sparkline: bitrate, frames/s
// (against the target) and dropped frames on one time axis, with each outage shaded and its drop marked.
import { CHART_WINDOW_MS, type BroadcastHealth, type HealthSample, type OutageSpan } from '../../../../shared/domain/broadcast';

const W = 300;
const ROW = 26;
const GAP = 4;
/** Samples further apart than this are not joined: the push was down in between. */
const JOIN_MS = 3000;

/** Polyline point lists, broken wherever a value is unknown or samples are far apart. */
function segments(samples: readonly HealthSample[], value: (s: HealthSample) => number | null, x: (at: number) => number, y: (v: number) => number): string[] {
  const out: string[][] = [];
  let current: string[] = [];
  let lastAt = -Infinity;
  for (const s of samples) {
    const v = value(s);
    if (v === null || s.at - lastAt > JOIN_MS) {
      if (current.length > 1) out.push(current);
      current = [];
    }
    if (v !== null) current.push(`${x(s.at).toFixed(1)},${y(v).toFixed(1)}`);
    lastAt = s.at;
  }
  if (current.length > 1) out.push(current);
  return out.map((p) => p.join(' '));
}

export function HealthChart({ health, outages, now, label, rows }: {
  health: BroadcastHealth;
  /** The outages within the window. */
  outages: readonly OutageSpan[];
  now: number;
  label: string;
  /** Row captions: bitrate, frames/s, dropped. */
  rows: [string, string, string];
}) {
  const h = ROW * 3 + GAP * 2;
  const x = (at: number) => Math.max(0, W * (1 - (now - at) / CHART_WINDOW_MS));
  const top = (row: number) => row * (ROW + GAP);
  const samples = health.samples;
  const kbpsMax = Math.max(health.target.kbps * 1.25, ...samples.map((s) => s.kbps ?? 0));
  const fpsMax = health.target.fps * 1.25;
  const dropMax = Math.max(1, ...samples.map((s) => s.drops));
  const kbpsY = (v: number) => top(0) + ROW - (v / kbpsMax) * ROW;
  const fpsY = (v: number) => top(1) + ROW - (v / fpsMax) * ROW;
  return (
    <svg className="health-chart" width={W} height={h} viewBox={`0 0 ${W} ${h}`} role="img" aria-label={label}>
      {outages.map((o) => (
        <g key={o.from} className="health-outage">
          <rect x={x(o.from)} y={0} width={Math.max(1, x(o.to ?? now) - x(o.from))} height={h} />
          <line x1={x(o.from)} x2={x(o.from)} y1={0} y2={h} />
        </g>
      ))}
      {rows.map((caption, i) => (
        <text key={caption} x={2} y={top(i) + 9} className="health-caption">
          {caption}
        </text>
      ))}
      <line x1={0} x2={W} y1={fpsY(health.target.fps)} y2={fpsY(health.target.fps)} className="health-target" />
      {segments(samples, (s) => s.kbps, x, kbpsY).map((p) => (
        <polyline key={`b${p.slice(0, 12)}`} points={p} className="health-line health-bitrate" />
      ))}
      {segments(samples, (s) => s.fps, x, fpsY).map((p) => (
        <polyline key={`f${p.slice(0, 12)}`} points={p} className="health-line health-fps" />
      ))}
      {samples
        .filter((s) => s.drops > 0)
        .map((s) => {
          const bh = Math.max(2, (s.drops / dropMax) * ROW);
          return <rect key={s.at} x={x(s.at) - 1} y={top(2) + ROW - bh} width={2} height={bh} className="health-drop" />;
        })}
    </svg>
  );
}
