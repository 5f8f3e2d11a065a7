// A deployed callbacks service (word lists, levels) for Tencent Cloud mode: its admin API URL; the
// admin token is a secret. The local studio runs its own, so studio mode ignores this.
import { useTranslation } from 'react-i18next';
import { bindField } from './bindField';
import { TextField } from './Field';
import type { SettingsForm } from './useSettingsForm';

export function CallbacksSection({ form }: { form: SettingsForm }) {
  const { t } = useTranslation();
  return (
    <fieldset className="form-section">
      <legend>{t('settings.callbacks.title')}</legend>
      <TextField
        label={t('settings.callbacks.adminUrl')}
        hint={t('settings.callbacks.adminUrlHint')}
        placeholder={t('settings.optional')}
        {...bindField(form, t, 'callbacksAdminUrl')}
      />
    </fieldset>
  );
}
