// The header's team controls: who this console is (name and role), the Journal dialog for every
// operator, and the Team dialog (invites, consoles, revoke) for the host in web mode.
import { useTranslation } from 'react-i18next';
import { DialogButton } from '../shell/DialogButton';
import { JournalDialog } from './JournalDialog';
import { TeamDialog } from './TeamDialog';
import { useTeam } from './TeamContext';

export function TeamButtons({ disabled, web }: { disabled: boolean; web: boolean }) {
  const { t } = useTranslation();
  const { me } = useTeam();
  return (
    <>
      {me && web && (
        <span className={`badge badge-role badge-role-${me.operator.role}`} data-testid="operator-badge">
          {t('team.you', { name: me.operator.name, role: t(`team.roles.${me.operator.role}`) })}
        </span>
      )}
      <DialogButton label={t('team.journal.open')} disabled={disabled || !me} dialog={(close) => <JournalDialog onClose={close} />} />
      {me?.operator.role === 'host' && web && <DialogButton label={t('team.dialog.open')} disabled={disabled} dialog={(close) => <TeamDialog onClose={close} />} />}
    </>
  );
}
