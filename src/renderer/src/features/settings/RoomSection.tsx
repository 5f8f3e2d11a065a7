// The live room: which AVChatRoom the console opens and the UserID the host chats as.
import { useTranslation } from 'react-i18next';
import { bindField } from './bindField';
import { TextField } from './Field';
import type { SettingsForm } from './useSettingsForm';

export function RoomSection({ form }: { form: SettingsForm }) {
  const { t } = useTranslation();
  return (
    <fieldset className="form-section">
      <legend>{t('settings.room.title')}</legend>
      <TextField label={t('settings.room.groupId')} {...bindField(form, t, 'groupId')} />
      <TextField label={t('settings.room.hostUserId')} {...bindField(form, t, 'hostUserId')} />
    </fieldset>
  );
}
