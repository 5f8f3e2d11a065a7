// The header's Moderation button and the dialog it opens.
import { useTranslation } from 'react-i18next';
import { DialogButton } from '../shell/DialogButton';
import { ModerationDialog } from './ModerationDialog';

export function ModerationButton({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  return <DialogButton label={t('moderation.open')} disabled={disabled} dialog={(close) => <ModerationDialog onClose={close} />} />;
}
