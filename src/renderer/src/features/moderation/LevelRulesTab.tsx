// Level rules: the current version and every number of the rule set as a field; Save validates
// with the shared schema and stores a new version (the service recomputes nothing retroactively).
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LevelRules } from '../../../../shared/moderationContract';
import { useStore } from '../../store/StoreContext';
import { BusyButton } from '../shell/BusyButton';
import { formToRules, RULE_FIELDS, ruleLabel, rulesToForm, type RuleField, type RulesForm } from './rulesForm';
import { useCommandError } from './useCommandError';

const fieldId = (key: RuleField): string => `level-rule-${key.replace('.', '-')}`;

export function LevelRulesTab() {
  const { t } = useTranslation();
  const { api } = useStore();
  const describe = useCommandError();
  const [rules, setRules] = useState<LevelRules | null>(null);
  const [form, setForm] = useState<RulesForm | null>(null);
  const [errors, setErrors] = useState<Partial<Record<RuleField, string>>>({});
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void api.call('levels:getRules', {}).then((r) => {
      if (!live) return;
      if (r.ok) {
        setRules(r.value);
        setForm(rulesToForm(r.value));
      } else setError(describe(r.error));
    });
    return () => {
      live = false;
    };
  }, [api, describe]);

  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    if (!form) return;
    const parsed = formToRules(form);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      const first = RULE_FIELDS.find((k) => parsed.errors[k]);
      if (first) document.getElementById(fieldId(first))?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    const r = await api.call('levels:setRules', { rules: parsed.draft });
    setBusy(false);
    if (!r.ok) return setError(describe(r.error));
    setError('');
    setRules(r.value);
    setForm(rulesToForm(r.value));
    setStatus(t('moderation.rules.saved', { version: r.value.version }));
  };

  return (
    <form className="moderation-section rules-form" aria-labelledby="level-rules-title" noValidate onSubmit={(e) => void onSubmit(e)}>
      <h3 id="level-rules-title" className="section-title">
        {t('moderation.rules.title')}
        {rules && <span className="field-hint"> · {t('moderation.rules.version', { version: rules.version })}</span>}
      </h3>
      <p className="field-hint field-wide">{t('moderation.rules.hint')}</p>
      {form &&
        RULE_FIELDS.map((key) => {
          const id = fieldId(key);
          const err = errors[key];
          return (
            <div key={key} className={`field${key === 'thresholds' ? ' field-wide' : ''}${err ? ' field-invalid' : ''}`}>
              <label htmlFor={id}>{t(`moderation.rules.fields.${ruleLabel(key)}`)}</label>
              <input
                id={id}
                className="input"
                inputMode={key === 'thresholds' ? 'text' : 'decimal'}
                value={form[key]}
                aria-invalid={Boolean(err)}
                {...(err ? { 'aria-describedby': `${id}-error` } : {})}
                onChange={(e) => setForm({ ...form, [key]: e.target.value })}
              />
              {err && (
                <p id={`${id}-error`} className="field-error">
                  {err}
                </p>
              )}
            </div>
          );
        })}
      <div className="field-wide row-actions">
        <BusyButton type="submit" className="button button-primary" busy={busy} disabled={!form}>
          {t('moderation.rules.save')}
        </BusyButton>
        <p role="status" aria-label={t('moderation.rules.statusLabel')} className="field-hint">
          {form ? status : error ? '' : t('app.loading')}
        </p>
        {error && (
          <p role="alert" className="text-error">
            {error}
          </p>
        )}
      </div>
    </form>
  );
}
