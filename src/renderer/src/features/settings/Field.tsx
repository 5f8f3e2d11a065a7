// Labelled form controls that wire hints and errors to the control with aria-describedby and
// aria-invalid, so a screen reader reads the rule next to the field it concerns.
import type { ReactNode } from 'react';

interface FieldShellProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: (a11y: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}

function FieldShell({ id, label, hint, error, children }: FieldShellProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      <FieldNotes hintId={hintId} hint={hint} errorId={errorId} error={error} />
    </div>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
  inputMode?: 'text' | 'numeric';
  placeholder?: string;
}

export function TextField({ id, label, value, onChange, hint, error, inputMode, placeholder }: TextFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(a11y) => (
        <input
          {...a11y}
          type="text"
          className="input"
          value={value}
          inputMode={inputMode}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FieldShell>
  );
}

interface SelectFieldProps<V extends string> {
  id: string;
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  hint?: string | undefined;
  error?: string | undefined;
}

export function SelectField<V extends string>({ id, label, value, options, onChange, hint, error }: SelectFieldProps<V>) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(a11y) => (
        <select {...a11y} className="input" value={value} onChange={(e) => onChange(e.target.value as V)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

interface CheckboxFieldProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string | undefined;
  error?: string | undefined;
}

/** A checkbox with its label beside it; hint and error wired like the other fields. */
export function CheckboxField({ id, label, checked, onChange, hint, error }: CheckboxFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ');
  return (
    <div className={`field field-checkbox${error ? ' field-invalid' : ''}`}>
      <label className="checkbox" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-invalid={Boolean(error)}
          {...(describedBy ? { 'aria-describedby': describedBy } : {})}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
      <FieldNotes hintId={hintId} hint={hint} errorId={errorId} error={error} />
    </div>
  );
}

/** A field's hint and error lines, each with the id its control names in aria-describedby. */
function FieldNotes({ hintId, hint, errorId, error }: { hintId: string; hint?: string | undefined; errorId: string; error?: string | undefined }) {
  return (
    <>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </>
  );
}
