// The Settings modal: the profile form (validated with the shared save schema, saved on Save), the
// write-only secrets, the connection test (of the saved settings: with unsaved edits it becomes
// "Save and test", which saves and keeps the dialog open) and diagnostics. Escape, × or Cancel
// with unsaved edits asks first, like closing a window with unsaved changes ("Keep editing" has focus).
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../../shared/contract';
import type { SecretStatus } from '../../../../shared/secrets';
import type { Settings } from '../../../../shared/settings';
import { ConnectionChecks, type BeforeTest } from '../roomAdmin/ConnectionChecks';
import { BusyButton } from '../shell/BusyButton';
import { IconButton } from '../shell/IconButton';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { AboutSection } from './AboutSection';
import { BroadcastSection } from './BroadcastSection';
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
import { useSettingsForm, type SettingsForm, type SubmitOutcome } from './useSettingsForm';

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
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const dirty = isDirty(form.draft, settings);
  const requestClose = () => (dirty ? setConfirmDiscard(true) : onClose());
  const onKeyDown = useModalFocus(dialog, `#${fieldId('profileName')}`, requestClose);

  const focusInvalid = (outcome: SubmitOutcome) => {
    if (!outcome.saved && outcome.firstInvalid) document.getElementById(fieldId(outcome.firstInvalid))?.focus();
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (form.saving) return;
    const outcome = await form.submit();
    if (outcome.saved) onClose();
    else focusInvalid(outcome);
  };

  // The test uses the saved settings: unsaved edits are saved first, and the dialog stays open.
  const saveThenTest: BeforeTest | null = dirty
    ? {
        label: t('connectionTest.saveAndTest'),
        hint: t('connectionTest.saveFirst'),
        run: async () => {
          const outcome = await form.submit();
          focusInvalid(outcome);
          return outcome.saved;
        },
      }
    : null;

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
          <IconButton glyph="×" label={t('settings.close')} onClick={requestClose} />
        </div>
        <div className="modal-body">
          <form id={FORM_ID} className="settings-form" noValidate onSubmit={(e) => void onSubmit(e)}>
            <GeneralSection form={form} />
            <ImSection form={form} />
            <LvbSection form={form} />
            <RoomSection form={form} />
            <BroadcastSection form={form} />
            <CallbacksSection form={form} />
          </form>
          <SecretsSection secrets={secrets} info={info} />
          <section className="form-section" aria-labelledby="settings-connection-title">
            <h3 id="settings-connection-title" className="section-title">
              {t('connectionTest.title')}
            </h3>
            <ConnectionChecks before={saveThenTest} />
          </section>
          <ToolsSection />
          {info && <AboutSection info={info} />}
        </div>
        <div className="modal-footer">
          <FormAlert form={form} />
          <button type="button" className="button button-quiet" onClick={requestClose}>
            {t('settings.cancel')}
          </button>
          <BusyButton type="submit" form={FORM_ID} className="button button-primary" busy={form.saving}>
            {t('settings.save')}
          </BusyButton>
        </div>
      </div>
      {confirmDiscard && (
        <ConfirmDialog
          title={t('safety.discardTitle')}
          message={t('safety.discardMessage')}
          cancelLabel={t('safety.discardCancel')}
          confirmLabel={t('safety.discardConfirm')}
          onCancel={() => setConfirmDiscard(false)}
          onConfirm={onClose}
        />
      )}
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
