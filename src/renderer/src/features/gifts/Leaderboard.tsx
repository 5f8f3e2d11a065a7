// Top gift senders of the session (verified value first, unverified claims shown apart).
import { useTranslation } from 'react-i18next';
import type { LeaderEntry } from '../../../../shared/domain/room';
import { formatMoney } from '../counters/money';

export function Leaderboard({ entries }: { entries: readonly LeaderEntry[] }) {
  const { t } = useTranslation();
  return (
    <section className="leaderboard" aria-labelledby="leaderboard-title">
      <h3 id="leaderboard-title">{t('gifts.leaderboard')}</h3>
      {entries.length === 0 ? (
        <p className="empty-state">{t('gifts.noSenders')}</p>
      ) : (
        <ol>
          {entries.map((e) => (
            <li key={e.userId}>
              <strong>{e.nick || e.userId}</strong>{' '}
              {t('gifts.senderLine', { count: e.gifts, verified: formatMoney(e.verifiedValue), unverified: formatMoney(e.unverifiedValue) })}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
