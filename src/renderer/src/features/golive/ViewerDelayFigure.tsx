// "Viewers see you N s late" beside the health figures: the probe's measured delay (or why there
// is none) and the last minute as a sparkline, all from the snapshot's viewerDelay.
import type { ViewerDelayView } from '../../../../shared/domain/streamClock/viewerDelay';
import type { GoLiveT } from './goLiveText';

const secs = (s: number): string => (Math.round(s * 10) / 10).toFixed(1);

export function ViewerDelayFigure({ view, tg }: { view: ViewerDelayView; tg: GoLiveT }) {
  const protocol = view.protocol.toUpperCase();
  let text: string;
  if (view.status === 'ok' && view.viewerS !== null) text = tg('viewerDelayValue', { seconds: secs(view.viewerS), protocol });
  else if (view.status === 'no-sei') text = tg('viewerDelay_no_sei');
  else if (view.status === 'no-video') text = tg('viewerDelay_no_video');
  else if (view.status === 'unreachable') text = tg('viewerDelay_unreachable', { problem: view.problem ?? '' });
  else text = tg('viewerDelay_measuring');
  return (
    <>
      <dt>{tg('viewerDelay')}</dt>
      <dd data-testid="viewer-delay" data-status={view.status} data-seconds={view.viewerS ?? ''} title={view.edgeS !== null ? tg('viewerDelayEdge', { seconds: secs(view.edgeS) }) : undefined}>
        {text}
        {view.viewerS !== null && <Sparkline points={view.trend} label={tg('viewerDelayTrend', { seconds: secs(view.viewerS) })} />}
      </dd>
    </>
  );
}

/** A 60-point line, 0 s at the bottom, the minute's maximum (at least 2 s) at the top; gaps where not measured. */
function Sparkline({ points, label }: { points: readonly (number | null)[]; label: string }) {
  const w = 90;
  const h = 18;
  const max = Math.max(2, ...points.filter((p): p is number => p !== null));
  const step = w / Math.max(1, points.length - 1);
  const segments: string[] = [];
  let current = '';
  points.forEach((p, i) => {
    if (p === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? ' L' : 'M'}${(i * step).toFixed(1)},${(h - (p / max) * h).toFixed(1)}`;
  });
  if (current) segments.push(current);
  return (
    <svg className="golive-sparkline" width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label}>
      {segments.map((d) => (
        <path key={d} d={d} fill="none" stroke="currentColor" strokeWidth="1.5" />
      ))}
    </svg>
  );
}
