// State of the settings form: the draft, per-field errors (re-checked on every edit once shown),
// and saving through the store so the header follows the saved profile at once.
import { useState } from 'react';
import type { Settings } from '../../../../shared/settings';
import { useStore } from '../../store/StoreContext';
import { FIELD_ORDER, toDraft, validateDraft, type FieldErrors, type FieldName, type SettingsDraft } from './settingsDraft';

export type SubmitOutcome = { saved: true } | { saved: false; firstInvalid?: FieldName };

export interface SettingsForm {
  draft: SettingsDraft;
  errors: FieldErrors;
  /** Problems with the form as a whole: server refusals and issues outside any field. */
  formError: { kind: 'invalid'; details: string[] } | { kind: 'server'; message: string } | null;
  saving: boolean;
  setField<K extends FieldName>(name: K, value: SettingsDraft[K]): void;
  submit(): Promise<SubmitOutcome>;
}

export function useSettingsForm(initial: Settings): SettingsForm {
  const store = useStore();
  const [draft, setDraft] = useState(() => toDraft(initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<SettingsForm['formError']>(null);
  const [saving, setSaving] = useState(false);

  const setField: SettingsForm['setField'] = (name, value) => {
    const next = { ...draft, [name]: value };
    setDraft(next);
    if (Object.keys(errors).length > 0) {
      const r = validateDraft(next);
      setErrors(r.ok ? {} : r.errors);
      if (r.ok && formError?.kind === 'invalid') setFormError(null);
    }
  };

  const submit = async (): Promise<SubmitOutcome> => {
    const r = validateDraft(draft);
    if (!r.ok) {
      setErrors(r.errors);
      setFormError({ kind: 'invalid', details: r.unmapped });
      return { saved: false, firstInvalid: FIELD_ORDER.find((f) => r.errors[f]) };
    }
    setErrors({});
    setFormError(null);
    setSaving(true);
    try {
      const result = await store.saveSettings(r.settings);
      if (!result.ok) {
        setFormError({ kind: 'server', message: result.error.message });
        return { saved: false };
      }
      // The form now shows what was saved (trimmed), so it is not "unsaved" when the dialog stays open.
      setDraft(toDraft(result.value.settings));
      return { saved: true };
    } finally {
      setSaving(false);
    }
  };

  return { draft, errors, formError, saving, setField, submit };
}
