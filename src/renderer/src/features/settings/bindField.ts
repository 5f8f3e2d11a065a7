// Connects one text field of the draft to a TextField: id, value, change handler, translated error.
import type { TFunction } from 'i18next';
import { HOST_USER_ID_MAX } from '../../../../shared/settings';
import type { SettingsForm } from './useSettingsForm';

type TextFieldName =
  | 'profileName'
  | 'sdkAppId'
  | 'restDomain'
  | 'adminIdentifier'
  | 'userSigEndpoint'
  | 'pushDomain'
  | 'appName'
  | 'streamName'
  | 'playDomain'
  | 'rtmpServer'
  | 'callbacksAdminUrl'
  | 'groupId'
  | 'hostUserId'
  | 'autoPauseAfter';

export const fieldId = (name: string): string => `settings-${name}`;

export function errorText(form: SettingsForm, t: TFunction, name: keyof SettingsForm['errors']): string | undefined {
  const key = form.errors[name];
  return key ? t(`settings.errors.${key}`, { max: HOST_USER_ID_MAX }) : undefined;
}

export function bindField(form: SettingsForm, t: TFunction, name: TextFieldName) {
  return {
    id: fieldId(name),
    value: form.draft[name],
    onChange: (value: string) => form.setField(name, value),
    error: errorText(form, t, name),
  };
}
