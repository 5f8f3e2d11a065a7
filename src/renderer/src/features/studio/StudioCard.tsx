// The embedded local studio as the operator sees it: running or not, where the viewer page and
// ingest are, and a restart button. Endpoints only: the studio's keys stay in main. Its panel's
// title ("Local studio") names it, so the card itself only says the state — never "Running" while
// its RTMP ingest is down (restarting with backoff, or given up).
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { StudioStatus } from '../../../../shared/studioStatus';
import { useAppSnapshot, useStore } from '../../store/StoreContext';
import { useNow } from '../counters/useNow';

/** The studio's state in words; a running studio whose ingest is down says that instead. */
export function studioStateText(studio: StudioStatus, now: number, t: TFunction): string {
  const ingest = studio.state === 'running' ? studio.ingest : undefined;
  if (ingest?.state === 'restarting') {
    const vars = { attempt: ingest.attempt, max: ingest.maxAttempts, reason: ingest.lastError };
    return ingest.nextTryAt === null
      ? t('studio.ingest_restartingNow', vars)
      : t('studio.ingest_restarting', { ...vars, seconds: Math.max(0, Math.ceil((ingest.nextTryAt - now) / 1000)) });
  }
  if (ingest?.state === 'failed') return t('studio.ingest_failed', { reason: ingest.lastError });
  return studio.state === 'failed' ? t('studio.state_failed', { reason: studio.lastError ?? '' }) : t(`studio.state_${studio.state}`);
}

export function StudioCard() {
  const { t } = useTranslation();
  const { studio } = useAppSnapshot();
  const store = useStore();
  const [busy, setBusy] = useState(false);
  const now = useNow(1000);
  if (!studio) return null;
  const text = studioStateText(studio, now, t);
  const ingestDown = studio.state === 'running' && studio.ingest != null && studio.ingest.state !== 'running';
  return (
    <div className="studio-card">
      <p>
        <span role="status" aria-label={t('studio.stateLabel')} className={ingestDown ? 'text-error' : undefined}>
          {text}
        </span>
      </p>
      {studio.info && studio.state === 'running' && (
        <dl className="studio-endpoints">
          <dt>{t('studio.room')}</dt>
          <dd>{studio.info.demoRoomId}</dd>
          <dt>{t('studio.rtmp')}</dt>
          <dd>
            <code>{studio.info.rtmpIngestUrl ?? '—'}</code>
            {ingestDown && ` ${t('studio.ingestDown')}`}
          </dd>
          <dt>{t('studio.rest')}</dt>
          <dd>
            <code>{studio.info.restBaseUrl}</code>
          </dd>
        </dl>
      )}
      <div className="studio-actions">
        {studio.info && studio.state === 'running' && (
          <a className="button" href={studio.info.viewerUrl} target="_blank" rel="noreferrer noopener">
            {t('studio.openViewer')}
          </a>
        )}
        {studio.state !== 'off' && (
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void store.api.call('studio:restart', {}).finally(() => setBusy(false));
            }}
          >
            {t('studio.restart')}
          </button>
        )}
      </div>
    </div>
  );
}
