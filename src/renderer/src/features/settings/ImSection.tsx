// Tencent IM: which application, which region's REST endpoint, the admin account to sign as, and
// where UserSigs come from (the SecretKey here, or the team's own endpoint).
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { assertNever } from '../../../../shared/errors';
import { IM_REGIONS, USERSIG_SOURCES } from '../../../../shared/settings';
import { bindField, errorText, fieldId } from './bindField';
import { SelectField, TextField } from './Field';
import { regionHint } from './regionHint';
import type { SettingsDraft } from './settingsDraft';
import type { SettingsForm } from './useSettingsForm';

function regionHintText(t: TFunction, draft: SettingsDraft): string {
  const h = regionHint(draft);
  switch (h.kind) {
    case 'auto':
      return t('settings.im.regionAuto', { region: t(`settings.regions.${h.region}`), host: h.host });
    case 'autoNeedsAppId':
      return t('settings.im.regionAutoNeedsAppId');
    case 'fixed':
      return t('settings.im.regionFixed', { host: h.host });
    case 'override':
      return t('settings.im.regionOverride', { host: h.host });
    default:
      return assertNever(h);
  }
}

export function ImSection({ form }: { form: SettingsForm }) {
  const { t } = useTranslation();
  // An invalid endpoint stays visible even after switching away, so the error has a field to sit on.
  const showEndpoint = form.draft.userSigSource === 'endpoint' || Boolean(form.errors.userSigEndpoint);
  return (
    <fieldset className="form-section">
      <legend>{t('settings.im.title')}</legend>
      <TextField
        label={t('settings.im.sdkAppId')}
        inputMode="numeric"
        // Tencent Cloud mode cannot run without it; the local studio brings its own.
        {...(form.draft.mode === 'studio' ? { placeholder: t('settings.optional') } : {})}
        {...bindField(form, t, 'sdkAppId')}
      />
      <SelectField
        id={fieldId('region')}
        label={t('settings.im.region')}
        value={form.draft.region}
        options={IM_REGIONS.map((r) => ({ value: r, label: t(`settings.regions.${r}`) }))}
        onChange={(v) => form.setField('region', v)}
        hint={regionHintText(t, form.draft)}
        error={errorText(form, t, 'region')}
      />
      <TextField
        label={t('settings.im.restDomain')}
        hint={t('settings.im.restDomainHint')}
        placeholder={t('settings.optional')}
        {...bindField(form, t, 'restDomain')}
      />
      <TextField label={t('settings.im.adminIdentifier')} {...bindField(form, t, 'adminIdentifier')} />
      <SelectField
        id={fieldId('userSigSource')}
        label={t('settings.im.userSigSource')}
        value={form.draft.userSigSource}
        options={USERSIG_SOURCES.map((s) => ({ value: s, label: t(`settings.im.userSigSources.${s}`) }))}
        onChange={(v) => form.setField('userSigSource', v)}
        hint={t('settings.im.userSigSourceHint')}
        error={errorText(form, t, 'userSigSource')}
      />
      {showEndpoint && (
        <TextField
          label={t('settings.im.userSigEndpoint')}
          hint={t('settings.im.userSigEndpointHint')}
          placeholder="https://"
          {...bindField(form, t, 'userSigEndpoint')}
        />
      )}
    </fieldset>
  );
}
