// What the host watches while live: state, checklist, stats with a bitrate sparkline, the
// reconnect banner with "Retry now", and the end summary or the error with its hint.
import { useEffect, useState } from 'react';
import type { StreamSnapshot } from '../../../../shared/domain/broadcast';
import type { GoLiveT } from './goLiveText';

function Sparkline({ values, label }: { values: number[]; label: string }) {
  if (values.length < 2) return null;
  const max = Math.max(...values, 1);
  const points = values.map((v, i) => `${(i / (values.length - 1)) * 120},${30 - (v / max) * 28}`).join(' ');
  return (
    <svg className="sparkline" width="120" height="30" role="img" aria-label={label}>
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

const fmt = (v: number | null | undefined, unit = '') => (v === null || v === undefined ? '–' : `${Math.round(v * 10) / 10}${unit}`);

export function LiveStatus({ snapshot, history, tg, onRetry }: { snapshot: StreamSnapshot; history: number[]; tg: GoLiveT; onRetry(): void }) {
  const s = snapshot.state;
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);
  return (
    <div className="golive-status">
      <p className={`golive-state golive-${s.kind}`} role="status" aria-label={tg('stateLabel')}>
        {s.kind === 'failed' && !s.wentLive ? tg('state_failedToStart') : tg(`state_${s.kind}`)}
      </p>
      {(s.kind === 'preparing' || s.kind === 'connecting') && (
        <ol className="golive-checklist" aria-label={tg('checklist')}>
          {s.checklist.map((i) => (
            <li key={i.step} data-status={i.status}>
              {tg(`step_${i.step}`)} — {tg(`status_${i.status}`)}
            </li>
          ))}
        </ol>
      )}
      {s.kind === 'live' && (
        <dl className="golive-stats">
          <dt>{tg('bitrate')}</dt>
          <dd>{fmt(s.stats?.bitrateKbps, ' kbps')}</dd>
          <dt>{tg('fps')}</dt>
          <dd>{fmt(s.stats?.fps)}</dd>
          <dt>{tg('dropped')}</dt>
          <dd>{s.stats?.dropFrames ?? 0}</dd>
          <dt>{tg('speed')}</dt>
          <dd>{fmt(s.stats?.speed, '×')}</dd>
          <dt>{tg('cpu')}</dt>
          <dd>{fmt(s.stats?.cpuPercent, '%')}</dd>
          <dt>{tg('liveFor')}</dt>
          <dd>{Math.max(0, Math.round((now - s.since) / 1000))} s</dd>
        </dl>
      )}
      {s.kind === 'live' && <Sparkline values={history} label={tg('bitrateHistory')} />}
      {s.kind === 'reconnecting' && (
        <div className="golive-reconnect" role="alert">
          <p>{tg('reconnect', { attempt: s.attempt, max: s.maxAttempts, seconds: Math.max(0, Math.ceil((s.nextAt - now) / 1000)) })}</p>
          <p>{tg('lastError', { message: s.lastError.message })}</p>
          <button type="button" onClick={onRetry}>
            {tg('retryNow')}
          </button>
        </div>
      )}
      {s.kind === 'failed' && (
        <div className="golive-failed" role="alert">
          <p>
            <strong>{s.error.code}</strong>: {s.error.message}
          </p>
          <p>{tg('hint', { hint: s.error.hint })}</p>
        </div>
      )}
      {s.kind === 'ended' && (
        <p>{s.summary.wentLive ? summaryText(s.summary, tg) : tg('endedBeforeLive')}</p>
      )}
      {snapshot.recording?.files.map((f) => (
        <p key={f} className="golive-file">
          {tg('recordedTo', { file: f })}
        </p>
      ))}
    </div>
  );
}

/** "Live 42 min, 10 outages (26 reconnect attempts)": drops of the live push and the attempts they took, apart. */
export function summaryText(summary: { liveMs: number; outages: number; reconnects: number }, tg: GoLiveT): string {
  const outages = summary.outages === 0 ? tg('noOutages') : tg('outages', { count: summary.outages, attempts: tg('attempts', { count: summary.reconnects }) });
  return tg('summary', { minutes: Math.round(summary.liveMs / 60000), outages });
}
