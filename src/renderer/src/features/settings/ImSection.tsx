// Tencent IM: which application, which region's REST endpoint, and the admin account to sign as.
import { useTranslation } from 'react-i18next';
import { IM_REGIONS } from '../../../../shared/settings';
import { bindField, errorText, fieldId } from './bindField';
import { SelectField, TextField } from './Field';
import type { SettingsForm } from './useSettingsForm';

export function ImSection({ form }: { form: SettingsForm }) {
  const { t } = useTranslation();
  return (
    <fieldset className="form-section">
      <legend>{t('settings.im.title')}</legend>
      <TextField
        label={t('settings.im.sdkAppId')}
        inputMode="numeric"
        placeholder={t('settings.optional')}
        {...bindField(form, t, 'sdkAppId')}
      />
      <SelectField
        id={fieldId('region')}
        label={t('settings.im.region')}
        value={form.draft.region}
        options={IM_REGIONS.map((r) => ({ value: r, label: t(`settings.regions.${r}`) }))}
        onChange={(v) => form.setField('region', v)}
        error={errorText(form, t, 'region')}
      />
      <TextField
        label={t('settings.im.restDomain')}
        hint={t('settings.im.restDomainHint')}
        placeholder={t('settings.optional')}
        {...bindField(form, t, 'restDomain')}
      />
      <TextField label={t('settings.im.adminIdentifier')} {...bindField(form, t, 'adminIdentifier')} />
    </fieldset>
  );
}
