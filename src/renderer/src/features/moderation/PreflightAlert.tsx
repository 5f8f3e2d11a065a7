// The host's own chat held by pre-flight: which words matched and how the room treats them, with
// "Send anyway" (the room's before-send callback will still mask, drop or refuse it).
import { useTranslation } from 'react-i18next';
import type { FilterCheck } from '../../../../shared/moderationContract';
import { matchedWords } from './preflight';

interface PreflightAlertProps {
  check: FilterCheck;
  busy: boolean;
  onSendAnyway: () => void;
  onCancel: () => void;
}

export function PreflightAlert({ check, busy, onSendAnyway, onCancel }: PreflightAlertProps) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="preflight-alert">
      <p>
        {t('moderation.preflight.held', {
          verdict: check.verdict === 'pass' ? '' : t(`moderation.verdicts.${check.verdict}`),
          words: matchedWords(check).join(', '),
        })}
      </p>
      <p className="field-hint">{t('moderation.preflight.stillFiltered')}</p>
      <div className="row-actions">
        <button type="button" className="button" disabled={busy} onClick={onSendAnyway}>
          {t('moderation.preflight.sendAnyway')}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('moderation.preflight.cancel')}
        </button>
      </div>
    </div>
  );
}
