// The Settings modal: the profile form (validated with the shared schema, saved on Save), the
// write-only secrets, the connection test (of the saved settings) and diagnostics. Escape or
// Cancel discards unsaved edits.
import { useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../../shared/contract';
import type { SecretStatus } from '../../../../shared/secrets';
import type { Settings } from '../../../../shared/settings';
import { ConnectionTest } from '../roomAdmin/ConnectionTest';
import { AboutSection } from './AboutSection';
import { fieldId } from './bindField';
import { CallbacksSection } from './CallbacksSection';
import { GeneralSection } from './GeneralSection';
import { ImSection } from './ImSection';
import { LvbSection } from './LvbSection';
import { RoomSection } from './RoomSection';
import { isDirty } from './settingsDraft';
import { SecretsSection } from './SecretsSection';
import { ToolsSection } from './ToolsSection';
import { useModalFocus } from './useModalFocus';
import { useSettingsForm, type SettingsForm } from './useSettingsForm';

interface SettingsDialogProps {
  settings: Settings;
  secrets: SecretStatus[];
  info: AppInfo | null;
  onClose: () => void;
}

const FORM_ID = 'settings-form';

export function SettingsDialog({ settings, secrets, info, onClose }: SettingsDialogProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDivElement>(null);
  const form = useSettingsForm(settings);
  const onKeyDown = useModalFocus(dialog, `#${fieldId('profileName')}`, onClose);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const outcome = await form.submit();
    if (outcome.saved) onClose();
    else if (outcome.firstInvalid) document.getElementById(fieldId(outcome.firstInvalid))?.focus();
  };

  return (
    <div className="modal-backdrop">
      <div
        ref={dialog}
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="settings-title"
        onKeyDown={onKeyDown}
      >
        <div className="modal-header">
          <h2 id="settings-title">{t('settings.title')}</h2>
          <button type="button" className="button button-quiet icon-button" aria-label={t('settings.close')} onClick={onClose}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <div className="modal-body">
          <form id={FORM_ID} className="settings-form" noValidate onSubmit={(e) => void onSubmit(e)}>
            <GeneralSection form={form} />
            <ImSection form={form} />
            <LvbSection form={form} />
            <RoomSection form={form} />
            <CallbacksSection form={form} />
          </form>
          <SecretsSection secrets={secrets} info={info} />
          <section className="form-section" aria-labelledby="settings-connection-title">
            <h3 id="settings-connection-title" className="section-title">
              {t('connectionTest.title')}
            </h3>
            <ConnectionTest disabledReason={isDirty(form.draft, settings) ? t('connectionTest.unsaved') : null} />
          </section>
          <ToolsSection />
          {info && <AboutSection info={info} />}
        </div>
        <div className="modal-footer">
          <FormAlert form={form} />
          <button type="button" className="button button-quiet" onClick={onClose}>
            {t('settings.cancel')}
          </button>
          <button type="submit" form={FORM_ID} className="button button-primary" disabled={form.saving} aria-busy={form.saving}>
            {t('settings.save')}
          </button>
        </div>
      </div>
    </div>
  );
}

function FormAlert({ form }: { form: SettingsForm }) {
  const { t } = useTranslation();
  const error = form.formError;
  return (
    <div className="form-alert" role="alert">
      {error?.kind === 'server' && t('settings.saveFailed', { message: error.message })}
      {error?.kind === 'invalid' && [t('settings.fixErrors'), ...error.details].join(' ')}
    </div>
  );
}
