// Says why this console is not in the room itself (its operator's login is open in another
// console, or was taken over by one) and offers to take the login over here.
import { useTranslation } from 'react-i18next';
import { clockTime } from '../room/useAdminAction';
import type { Lease } from './lease';

export function SessionLeaseBanner({ lease, onTakeOver }: { lease: Lease; onTakeOver: () => void }) {
  const { t, i18n } = useTranslation();
  if (lease.kind !== 'elsewhere' && lease.kind !== 'takenOver' && lease.kind !== 'handingOver') return null;
  const text =
    lease.kind === 'elsewhere'
      ? t('team.lease.elsewhere', { from: lease.holder.from || '—', time: clockTime(lease.holder.since, i18n.language) })
      : lease.kind === 'handingOver'
        ? t('team.lease.handingOver')
        : t('team.lease.takenOver');
  return (
    <div className="banner banner-warning" role="region" aria-label={t('team.lease.label')}>
      <p>{text}</p>
      {lease.kind !== 'handingOver' && (
        <button type="button" className="button" onClick={onTakeOver}>
          {t('team.lease.takeOver')}
        </button>
      )}
    </div>
  );
}
