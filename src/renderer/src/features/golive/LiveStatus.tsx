// What the host watches: state, checklist, the live health (LiveHealth: show clock, stats,
// warnings, chart), the reconnect banner with "Retry now", and the end summary or the error with its hint.
import { useEffect, useState, type RefObject } from 'react';
import type { StreamSnapshot } from '../../../../shared/domain/broadcast';
import type { GoLiveT } from './goLiveText';
import { LiveHealth } from './LiveHealth';

/** `receivedAt`: this machine's time when the snapshot came; the clocks shown run on the service's. */
/**
 * `stateRef`: the state line, which takes focus (tabIndex -1) where the Go Live or Stop button it
 * replaces had it — a harmless place for a second Enter.
 */
export function LiveStatus({
  snapshot,
  receivedAt,
  tg,
  onRetry,
  stateRef,
}: {
  snapshot: StreamSnapshot;
  receivedAt: number;
  tg: GoLiveT;
  onRetry(): void;
  stateRef?: RefObject<HTMLParagraphElement | null>;
}) {
  const s = snapshot.state;
  const [tick, setTick] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setTick(Date.now()), 500);
    return () => clearInterval(t);
  }, []);
  const now = snapshot.at + Math.max(0, tick - receivedAt);
  return (
    <div className="golive-status">
      <p ref={stateRef} tabIndex={-1} className={`golive-state golive-${s.kind}`} role="status" aria-label={tg('stateLabel')}>
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
      <LiveHealth snapshot={snapshot} now={now} tg={tg} />
      {/* Not an alert: its countdown would be read out every second; LiveAlerts says the push dropped, once. */}
      {s.kind === 'reconnecting' && (
        <div className="golive-reconnect">
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
