// Profile name, mode and UI language.
import { useTranslation } from 'react-i18next';
import { LANGUAGES, MODES } from '../../../../shared/settings';
import { LANGUAGE_NAMES } from '../../i18n/resources';
import { bindField, errorText, fieldId } from './bindField';
import { SelectField, TextField } from './Field';
import type { SettingsForm } from './useSettingsForm';

export function GeneralSection({ form }: { form: SettingsForm }) {
  const { t } = useTranslation();
  return (
    <fieldset className="form-section">
      <legend>{t('settings.general.title')}</legend>
      <TextField label={t('settings.general.profileName')} {...bindField(form, t, 'profileName')} />
      <fieldset className="field radio-group">
        <legend>{t('settings.general.mode')}</legend>
        {MODES.map((mode) => (
          <label key={mode} className="radio">
            <input
              type="radio"
              name="settings-mode"
              value={mode}
              checked={form.draft.mode === mode}
              onChange={() => form.setField('mode', mode)}
            />
            {t(`modes.${mode}`)}
          </label>
        ))}
      </fieldset>
      <SelectField
        id={fieldId('language')}
        label={t('settings.general.language')}
        value={form.draft.language}
        options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
        onChange={(v) => form.setField('language', v)}
        hint={t('settings.general.languageHint')}
        error={errorText(form, t, 'language')}
      />
    </fieldset>
  );
}
