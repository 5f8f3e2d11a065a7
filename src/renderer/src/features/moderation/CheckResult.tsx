// What a filter check found: the verdict, each match (word, list, action) and the masked text.
import { useTranslation } from 'react-i18next';
import type { FilterCheck } from '../../../../shared/moderationContract';
import { maskedText } from './preflight';

export function CheckResult({ check }: { check: FilterCheck }) {
  const { t } = useTranslation();
  const masked = maskedText(check);
  return (
    <div className="check-result">
      <p>
        <strong>{t('moderation.check.verdict')}</strong> <span className={`verdict verdict-${check.verdict}`}>{t(`moderation.verdicts.${check.verdict}`)}</span>
      </p>
      {check.matches.length > 0 && (
        <ul aria-label={t('moderation.check.matches')} className="check-matches">
          {check.matches.map((m) => (
            <li key={`${m.listId}:${m.start}:${m.end}`}>
              {t('moderation.check.match', { word: m.word, list: m.listId, action: t(`moderation.actions.${m.action}`) })}
            </li>
          ))}
        </ul>
      )}
      {masked !== null && (
        <p>
          <strong>{t('moderation.check.masked')}</strong> <span className="mono">{masked}</span>
        </p>
      )}
    </div>
  );
}
