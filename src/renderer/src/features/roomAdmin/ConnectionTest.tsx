// "Test connection": runs room:testConnection against the saved settings and shows each check as a
// row — its name, the outcome in words (not colour alone) and main's technical detail. Shared by
// Settings (disabled while the form has unsaved changes) and the Room dialog.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionCheck, ConnectionReport } from '../../../../shared/roomContract';
import { useStore } from '../../store/StoreContext';
import { clockTime } from '../room/useAdminAction';
import { countChecks } from './roomAdmin';
import { messageOf } from './useRoomCommandError';

const MARKS: Record<ConnectionCheck['status'], string> = { ok: '✓', fail: '✗', skip: '–' };

export function ConnectionTest({ disabledReason = null }: { disabledReason?: string | null }) {
  const { t } = useTranslation();
  const { api } = useStore();
  const hintId = useId();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    const r = await api.call('room:testConnection', {}).catch((e: unknown) => ({ ok: false as const, error: { message: messageOf(e) } }));
    setBusy(false);
    if (r.ok) setReport(r.value);
    else setError(t('connectionTest.failed', { message: r.error.message }));
  };

  return (
    <div className="connection-test">
      <div className="tool">
        <button type="button" className="button" disabled={busy || disabledReason !== null} aria-busy={busy} aria-describedby={hintId} onClick={() => void run()}>
          {t('connectionTest.run')}
        </button>
        <p id={hintId} className={disabledReason ? 'section-hint hint-blocking' : 'section-hint'}>
          {disabledReason ?? t('connectionTest.hint')}
        </p>
      </div>
      <div className="connection-results" aria-live="polite">
        {busy && <p className="field-hint">{t('connectionTest.running')}</p>}
        {report && !busy && <ReportTable report={report} />}
        {error && (
          <p role="alert" className="text-error">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

export function ReportTable({ report }: { report: ConnectionReport }) {
  const { t, i18n } = useTranslation();
  const counts = countChecks(report);
  return (
    <>
      <p className="connection-summary">
        {t('connectionTest.summary', { mode: t(`modes.${report.mode}`), time: clockTime(report.at, i18n.language), ...counts })}
      </p>
      <table className="data-table connection-table" aria-label={t('connectionTest.resultLabel')}>
        <thead>
          <tr>
            <th scope="col">{t('connectionTest.columns.check')}</th>
            <th scope="col">{t('connectionTest.columns.status')}</th>
            <th scope="col">{t('connectionTest.columns.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {report.checks.map((c) => (
            <tr key={c.id} data-status={c.status}>
              <th scope="row">{t(`connectionTest.checks.${c.id}`)}</th>
              <td>
                <span className={`check-status check-status-${c.status}`}>
                  <span aria-hidden="true">{MARKS[c.status]} </span>
                  {t(`connectionTest.status.${c.status}`)}
                </span>
              </td>
              <td className="connection-detail">
                {c.detail}
                {c.errorCode !== undefined && <span className="mono"> ({t('connectionTest.errorCode', { code: c.errorCode })})</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
