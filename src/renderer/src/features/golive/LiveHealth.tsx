// What the host reads while on air, all from the snapshot: the show's clock (live for, across
// reconnects, with the time off air apart), current bitrate/fps/speed, the warnings, and the chart.
import { CHART_WINDOW_MS, showClock, type LiveStats, type StreamSnapshot } from '../../../../shared/domain/broadcast';
import type { GoLiveT } from './goLiveText';
import { HealthChart } from './HealthChart';
import { ViewerDelayFigure } from './ViewerDelayFigure';

const fmt = (v: number | null | undefined, unit = '') => (v === null || v === undefined ? '–' : `${Math.round(v * 10) / 10}${unit}`);

/** 0:42, 12:05, 1:02:03 */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const mm = String(Math.floor(s / 60) % 60);
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm.padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

function bitrate(stats: LiveStats | null, tg: GoLiveT): string {
  if (stats?.bitrateKbps === null || stats?.bitrateKbps === undefined) return '–';
  const kbps = Math.round(stats.bitrateKbps);
  return stats.bitrateEstimated ? tg('bitrateEstimated', { kbps }) : `${kbps} kbps`;
}

/** `now`: the service's clock (the snapshot's time plus what has passed here since it came). */
export function LiveHealth({ snapshot, now, tg }: { snapshot: StreamSnapshot; now: number; tg: GoLiveT }) {
  const s = snapshot.state;
  const clock = showClock(s, now);
  const health = snapshot.health;
  const stats = s.kind === 'live' ? s.stats : null;
  const warnings = s.kind === 'live' ? (health?.warnings ?? []) : [];
  const target = health?.target.fps;
  const fps = stats?.fps ?? null;
  const marks = clock?.outageSpans.filter((o) => (o.to ?? now) > now - CHART_WINDOW_MS) ?? [];
  return (
    <>
      {(s.kind === 'live' || clock) && (
        <dl className="golive-stats">
          {clock && (
            <>
              <dt>{tg('liveFor')}</dt>
              <dd>{duration(clock.liveForMs)}</dd>
              <dt>{tg('offAir')}</dt>
              <dd>{clock.outages === 0 ? tg('noOutages') : tg('offAirValue', { time: duration(clock.offAirMs), count: clock.outages })}</dd>
            </>
          )}
          {s.kind === 'live' && (
            <>
              <dt>{tg('bitrate')}</dt>
              <dd>{bitrate(stats, tg)}</dd>
              <dt>{tg('fps')}</dt>
              <dd>{target !== undefined && fps !== null ? tg('fpsOfTarget', { fps: fmt(fps), target }) : fmt(fps)}</dd>
              <dt>{tg('dropped')}</dt>
              <dd>{health?.droppedTotal ?? stats?.dropFrames ?? 0}</dd>
              <dt>{tg('speed')}</dt>
              <dd>{fmt(stats?.speed, '×')}</dd>
              <dt>{tg('cpu')}</dt>
              <dd>{fmt(stats?.cpuPercent, '%')}</dd>
              {snapshot.viewerDelay && <ViewerDelayFigure view={snapshot.viewerDelay} tg={tg} />}
            </>
          )}
        </dl>
      )}
      {warnings.length > 0 && (
        <div className="golive-warnings">
          {warnings.map((w) => (
            <div key={w} className="golive-warning">
              {/* The alert keeps one steady sentence (announced once); the figures change every second beside it. */}
              <p role="alert">{tg(`warn_${w}`)}</p>
              <p>
                {w === 'overloaded'
                  ? tg('warn_overloadedDetail', { fps: fmt(fps), target: target ?? '–', speed: fmt(stats?.speed) })
                  : tg('warn_droppingDetail', { count: health?.recentDrops ?? 0 })}
              </p>
            </div>
          ))}
        </div>
      )}
      {health && clock && health.samples.length > 1 && (
        <HealthChart
          health={health}
          outages={marks}
          now={now}
          label={tg('healthChart', { count: marks.length })}
          rows={[tg('bitrate'), tg('fps'), tg('dropped')]}
        />
      )}
    </>
  );
}
