// Tencent LVB: where to push and play, and which destination Go Live picks first (LVB, or a plain
// RTMP server). The keys that sign the URLs and the RTMP stream key are in the Secrets section.
import { useTranslation } from 'react-i18next';
import { PUSH_TARGETS } from '../../../../shared/settings';
import { bindField, errorText, fieldId } from './bindField';
import { SelectField, TextField } from './Field';
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
      <SelectField
        id={fieldId('lvbTarget')}
        label={t('settings.lvb.target')}
        value={form.draft.lvbTarget}
        options={PUSH_TARGETS.map((p) => ({ value: p, label: t(`settings.lvb.targets.${p}`) }))}
        onChange={(v) => form.setField('lvbTarget', v)}
        hint={t('settings.lvb.targetHint')}
        error={errorText(form, t, 'lvbTarget')}
      />
      <TextField
        label={t('settings.lvb.rtmpServer')}
        hint={t('settings.lvb.rtmpServerHint')}
        placeholder="rtmp://"
        {...bindField(form, t, 'rtmpServer')}
      />
    </fieldset>
  );
}
