// One secret: status, what it is for, a password box for a new value (never prefilled), Set and Clear.
// Set and Clear keep focus while busy; when one is done and has nothing left to do (the value was
// stored, or cleared), focus goes back to the password box rather than falling to <body>.
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../../shared/errors';
import type { SecretName, SecretStatus } from '../../../../shared/secrets';
import { useStore } from '../../store/StoreContext';
import { BusyButton } from '../shell/BusyButton';

export function SecretRow({ name, status }: { name: SecretName; status: SecretStatus }) {
  const { t } = useTranslation();
  const store = useStore();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = t(`secrets.names.${name}`);
  const id = `secret-${name.replace(/\W/g, '-')}`;

  const run = async (action: () => Promise<Result<SecretStatus>>, clearInput: boolean) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await action();
    setBusy(false);
    if (!r.ok) return setError(t('secrets.failed', { name: label, message: r.error.message }));
    if (clearInput) setValue('');
    document.getElementById(id)?.focus();
  };

  const save = () => {
    if (value.trim()) void run(() => store.setSecret(name, value.trim()), true);
  };
  // No <form>: browsers treat a password form as a login and offer to store the "password".
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      save();
    }
  };

  return (
    <div className="secret-row" role="group" aria-labelledby={`${id}-name`}>
      <div className="secret-head">
        <span id={`${id}-name`} className="secret-name">
          {label}
        </span>
        <span id={`${id}-status`} className={`secret-status${status.set ? ' is-set' : ''}`}>
          {status.set ? t('secrets.isSet', { masked: status.masked }) : t('secrets.notSet')}
        </span>
      </div>
      <p id={`${id}-hint`} className="field-hint">
        {t(`secrets.hints.${name}`)}
      </p>
      <div className="secret-controls">
        <label htmlFor={id} className="visually-hidden">
          {t('secrets.newValue', { name: label })}
        </label>
        <input
          id={id}
          type="password"
          className="input"
          value={value}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-status ${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <BusyButton busy={busy} disabled={!value.trim()} aria-label={t('secrets.setLabel', { name: label })} onClick={save}>
          {t('secrets.set')}
        </BusyButton>
        <BusyButton
          className="button button-quiet"
          busy={busy}
          disabled={!status.set}
          aria-label={t('secrets.clearLabel', { name: label })}
          onClick={() => void run(() => store.clearSecret(name), false)}
        >
          {t('secrets.clear')}
        </BusyButton>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
