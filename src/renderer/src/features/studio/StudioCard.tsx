// The embedded local studio as the operator sees it: running or not, where the viewer page and
// ingest are, and a restart button. Endpoints only: the studio's keys stay in main. Its panel's
// title ("Local studio") names it, so the card itself only says the state.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSnapshot, useStore } from '../../store/StoreContext';

export function StudioCard() {
  const { t } = useTranslation();
  const { studio } = useAppSnapshot();
  const store = useStore();
  const [busy, setBusy] = useState(false);
  if (!studio) return null;
  const text =
    studio.state === 'failed'
      ? t('studio.state_failed', { reason: studio.lastError ?? '' })
      : t(`studio.state_${studio.state}`);
  return (
    <div className="studio-card">
      <p>
        <span role="status" aria-label={t('studio.stateLabel')}>
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
