// Diagnostics: open the logs folder (web mode can only tell where it is) and preview the push URL
// with its key masked by main: the studio ingest's in Local studio mode, else the signed LVB URL
// from the saved settings — flagged as LVB-only when Go Live pushes to a plain RTMP server instead.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PushUrlPreview } from '../../../../shared/contract';
import { useAppSnapshot, useStore } from '../../store/StoreContext';
import { BusyButton } from '../shell/BusyButton';

type Outcome<T> = { ok: true; value: T } | { ok: false; message: string } | null;

export function ToolsSection() {
  const { t, i18n } = useTranslation();
  const { api } = useStore();
  const saved = useAppSnapshot().settings?.settings;
  const pushesRtmp = saved?.mode === 'tencent' && saved.lvb.target === 'rtmp';
  const [logs, setLogs] = useState<Outcome<{ path: string; opened: boolean }>>(null);
  const [preview, setPreview] = useState<Outcome<PushUrlPreview>>(null);
  const [busy, setBusy] = useState<'logs' | 'preview' | null>(null);

  const openLogs = async () => {
    setBusy('logs');
    const r = await api.call('logs:openFolder', {});
    setBusy(null);
    setLogs(r.ok ? r : { ok: false, message: r.error.message });
  };

  const previewPushUrl = async () => {
    setBusy('preview');
    const r = await api.call('lvb:previewPushUrl', { validHours: 24 });
    setBusy(null);
    setPreview(r.ok ? r : { ok: false, message: r.error.message });
  };

  const expiry = (unixSeconds: number) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(unixSeconds * 1000);

  return (
    <section className="form-section" aria-labelledby="settings-tools-title">
      <h3 id="settings-tools-title" className="section-title">
        {t('tools.title')}
      </h3>
      <div className="tool">
        <BusyButton busy={busy === 'logs'} onClick={() => void openLogs()}>
          {t('tools.openLogs')}
        </BusyButton>
        <div className="tool-result" aria-live="polite">
          {logs?.ok === true && (
            <span>{t(logs.value.opened ? 'tools.logsOpened' : 'tools.logsAt', { path: logs.value.path })}</span>
          )}
          {logs?.ok === false && <span className="text-error">{t('tools.failed', { message: logs.message })}</span>}
        </div>
      </div>
      <div className="tool">
        <BusyButton busy={busy === 'preview'} aria-describedby="settings-push-preview-hint" onClick={() => void previewPushUrl()}>
          {t('tools.pushPreview')}
        </BusyButton>
        <p id="settings-push-preview-hint" className={pushesRtmp ? 'section-hint hint-blocking' : 'section-hint'}>
          {t(saved?.mode === 'studio' ? 'tools.pushPreviewStudioHint' : 'tools.pushPreviewHint')}
          {pushesRtmp && ` ${t('tools.pushPreviewLvbOnly')}`}
        </p>
        <div className="tool-result" aria-live="polite">
          {preview?.ok === true && (
            <>
              <span className="visually-hidden">{t('tools.pushPreviewUrl')}</span>
              <code className="push-url" data-testid="push-url">
                {preview.value.maskedUrl}
              </code>
              <span className="section-hint">{t('tools.expiresAt', { time: expiry(preview.value.expiresAt) })}</span>
            </>
          )}
          {preview?.ok === false && <span className="text-error">{t('tools.failed', { message: preview.message })}</span>}
        </div>
      </div>
    </section>
  );
}
