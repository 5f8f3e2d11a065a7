// The header's Room button and the dialog it opens.
import { useTranslation } from 'react-i18next';
import { DialogButton } from '../shell/DialogButton';
import { RoomDialog } from './RoomDialog';

export function RoomButton({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  return <DialogButton label={t('roomAdmin.open')} disabled={disabled} dialog={(close) => <RoomDialog onClose={close} />} />;
}
