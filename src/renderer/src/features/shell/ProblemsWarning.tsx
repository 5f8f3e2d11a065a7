// Tells the user what was wrong with the stored settings (e.g. an invalid file that was backed
// up and replaced by defaults). Dismissing hides these problems; a new problem shows again.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsProblem } from '../../../../shared/settings';

const keyOf = (p: SettingsProblem): string => `${p.kind}\u0000${p.message}\u0000${p.backupPath ?? ''}`;

export function ProblemsWarning({ problems }: { problems: SettingsProblem[] }) {
  const { t } = useTranslation();
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const visible = problems.filter((p) => !dismissed.has(keyOf(p)));
  if (visible.length === 0) return null;
  return (
    <div className="banner banner-warning problems" role="alert">
      <div className="problems-body">
        <strong>{t('problems.title')}</strong>
        <ul>
          {visible.map((p) => (
            <li key={keyOf(p)}>
              {p.message}
              {p.backupPath && !p.message.includes(p.backupPath) && (
                <>
                  {' '}
                  {t('problems.backup', { path: p.backupPath })}
                </>
              )}
            </li>
          ))}
        </ul>
      </div>
      <button
        type="button"
        className="button button-quiet"
        aria-label={t('problems.dismissLabel')}
        onClick={() => setDismissed(new Set([...dismissed, ...visible.map(keyOf)]))}
      >
        {t('problems.dismiss')}
      </button>
    </div>
  );
}
