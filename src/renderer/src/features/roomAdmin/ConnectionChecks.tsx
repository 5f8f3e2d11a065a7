// "Test connection": runs room:testConnection against the saved settings and shows each check as a
// row — its name, the outcome in words (not colour alone) and main's technical detail, worded in
// the UI language when main sent it by key (an error text from Tencent or the network stays as
// it came, with its ErrorCode); a check skipped because an earlier one failed names that check. Shared by Settings (where unsaved
// changes are saved first: "Save and test") and the Room dialog. The button keeps focus while busy.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionCheck, ConnectionReport } from '../../../../shared/roomContract';
import { useStore } from '../../store/StoreContext';
import { clockTime } from '../room/useAdminAction';
import { BusyButton } from '../shell/BusyButton';
import { countChecks } from './roomAdmin';
import { messageOf } from './useRoomCommandError';

const MARKS: Record<ConnectionCheck['status'], string> = { ok: '✓', fail: '✗', skip: '–' };

/** Runs before the test (Settings saves the form); false stops it (e.g. a field to fix). */
export interface BeforeTest {
  label: string;
  hint: string;
  run: () => Promise<boolean>;
}

export function ConnectionChecks({ before = null }: { before?: BeforeTest | null }) {
  const { t } = useTranslation();
  const { api } = useStore();
  const hintId = useId();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      if (before && !(await before.run())) return;
      const r = await api.call('room:testConnection', {}).catch((e: unknown) => ({ ok: false as const, error: { message: messageOf(e) } }));
      if (r.ok) setReport(r.value);
      else setError(t('connectionTest.failed', { message: r.error.message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="connection-test">
      <div className="tool">
        <BusyButton busy={busy} aria-describedby={hintId} onClick={() => void run()}>
          {before ? before.label : t('connectionTest.run')}
        </BusyButton>
        <p id={hintId} className={before ? 'section-hint hint-blocking' : 'section-hint'}>
          {before?.hint ?? t('connectionTest.hint')}
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
                <DetailText check={c} />
                {c.errorCode !== undefined && <span className="mono"> ({t('connectionTest.errorCode', { code: c.errorCode })})</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * A row's detail in the UI language: a blocked skip names the check it waits for by its label; a
 * detail main sent by key is worded here; anything else (Tencent's ErrorInfo, a network error) is
 * main's text. A failure worded here keeps main's English under it in other languages, for support.
 */
function DetailText({ check: c }: { check: ConnectionCheck }) {
  const { t, i18n } = useTranslation();
  if (c.status === 'skip' && c.blockedBy) return <>{t('connectionTest.blockedBy', { check: t(`connectionTest.checks.${c.blockedBy}`) })}</>;
  if (!c.message) return <>{c.detail}</>;
  const text = t(`connectionTest.details.${c.message.key}`, { ...c.message.params, defaultValue: c.detail });
  if (c.status !== 'fail' || i18n.language === 'en') return <>{text}</>;
  return (
    <>
      {text}
      <span className="connection-detail-source" lang="en">
        {c.detail}
      </span>
    </>
  );
}
