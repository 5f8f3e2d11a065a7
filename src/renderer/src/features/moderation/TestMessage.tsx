// "Test a message": runs a text through the room's lists, as the before-send callback would.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilterCheck } from '../../../../shared/moderationContract';
import { useStore } from '../../store/StoreContext';
import { CheckResult } from './CheckResult';
import { useCommandError } from './useCommandError';

export function TestMessage() {
  const { t } = useTranslation();
  const { api } = useStore();
  const describe = useCommandError();
  const [text, setText] = useState('');
  const [check, setCheck] = useState<FilterCheck | null>(null);
  const [error, setError] = useState('');

  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!text.trim()) return;
    const r = await api.call('moderation:check', { text });
    if (r.ok) {
      setCheck(r.value);
      setError('');
    } else setError(describe(r.error));
  };

  return (
    <form className="moderation-section" aria-labelledby="test-message-title" onSubmit={(e) => void onSubmit(e)}>
      <h3 id="test-message-title" className="section-title">
        {t('moderation.check.title')}
      </h3>
      <div className="inline-form">
        <input className="input" value={text} maxLength={12_288} aria-label={t('moderation.check.label')} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="button" disabled={!text.trim()}>
          {t('moderation.check.submit')}
        </button>
      </div>
      <div role="status" aria-label={t('moderation.check.resultLabel')}>
        {check && <CheckResult check={check} />}
      </div>
      {error && (
        <p role="alert" className="text-error">
          {error}
        </p>
      )}
    </form>
  );
}
