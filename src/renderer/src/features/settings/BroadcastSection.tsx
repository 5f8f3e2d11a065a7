// What main does while the push is down: pause the room after some seconds (viewers see "Be right
// back"), and set it back to Live when the push returns (src/node/broadcast/autoPause.ts).
import { useTranslation } from 'react-i18next';
import { bindField, errorText, fieldId } from './bindField';
import { CheckboxField, TextField } from './Field';
import type { SettingsForm } from './useSettingsForm';

export function BroadcastSection({ form }: { form: SettingsForm }) {
  const { t } = useTranslation();
  return (
    <fieldset className="form-section">
      <legend>{t('settings.broadcast.title')}</legend>
      <CheckboxField
        id={fieldId('autoPauseEnabled')}
        label={t('settings.broadcast.autoPause')}
        checked={form.draft.autoPauseEnabled}
        onChange={(v) => form.setField('autoPauseEnabled', v)}
        hint={t('settings.broadcast.autoPauseHint')}
        error={errorText(form, t, 'autoPauseEnabled')}
      />
      <TextField
        label={t('settings.broadcast.autoPauseAfter')}
        hint={t('settings.broadcast.autoPauseAfterHint')}
        inputMode="numeric"
        {...bindField(form, t, 'autoPauseAfter')}
      />
      <CheckboxField
        id={fieldId('alignPopups')}
        label={t('settings.broadcast.alignPopups')}
        checked={form.draft.alignPopups}
        onChange={(v) => form.setField('alignPopups', v)}
        hint={t('settings.broadcast.alignPopupsHint')}
        error={errorText(form, t, 'alignPopups')}
      />
    </fieldset>
  );
}
