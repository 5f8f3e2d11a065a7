// Tencent LVB: where to push and play; the keys that sign the URLs are in the Secrets section.
import { useTranslation } from 'react-i18next';
import { bindField } from './bindField';
import { TextField } from './Field';
import type { SettingsForm } from './useSettingsForm';

export function LvbSection({ form }: { form: SettingsForm }) {
  const { t } = useTranslation();
  return (
    <fieldset className="form-section">
      <legend>{t('settings.lvb.title')}</legend>
      <TextField label={t('settings.lvb.pushDomain')} {...bindField(form, t, 'pushDomain')} />
      <TextField label={t('settings.lvb.appName')} {...bindField(form, t, 'appName')} />
      <TextField label={t('settings.lvb.streamName')} {...bindField(form, t, 'streamName')} />
      <TextField label={t('settings.lvb.playDomain')} {...bindField(form, t, 'playDomain')} />
    </fieldset>
  );
}
