// Top users by level (the first 20, refreshable) and a lookup of one user's standing.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Standing } from '../../../../shared/moderationContract';
import { userIdSchema } from '../../../../shared/settings';
import { useStore } from '../../store/StoreContext';
import { StandingsTable } from './StandingsTable';
import { useCommandError } from './useCommandError';

export const TOP_LIMIT = 20;

export function TopUsersTab() {
  const { t } = useTranslation();
  const { api } = useStore();
  const describe = useCommandError();
  const [top, setTop] = useState<Standing[] | null>(null);
  const [error, setError] = useState('');

  const load = useCallback(async () => {
    const r = await api.call('levels:top', { limit: TOP_LIMIT });
    if (r.ok) {
      setTop(r.value);
      setError('');
    } else setError(describe(r.error));
  }, [api, describe]);
  useEffect(() => void load(), [load]);

  return (
    <div className="moderation-tab">
      <section className="moderation-section" aria-labelledby="top-users-title">
        <div className="section-head">
          <h3 id="top-users-title" className="section-title">
            {t('moderation.users.top', { count: TOP_LIMIT })}
          </h3>
          <button type="button" className="button button-quiet" onClick={() => void load()}>
            {t('moderation.users.refresh')}
          </button>
        </div>
        {top && top.length > 0 && <StandingsTable standings={top} label={t('moderation.users.topLabel')} />}
        {top && top.length === 0 && <p className="field-hint">{t('moderation.users.none')}</p>}
        {error && (
          <p role="alert" className="text-error">
            {error}
          </p>
        )}
      </section>
      <UserLookup />
    </div>
  );
}

function UserLookup() {
  const { t } = useTranslation();
  const { api } = useStore();
  const describe = useCommandError();
  const [userId, setUserId] = useState('');
  const [result, setResult] = useState<{ userId: string; standing: Standing | null } | null>(null);
  const [error, setError] = useState('');

  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const id = userId.trim();
    if (!userIdSchema.safeParse(id).success) return setError(t('moderation.users.badId'));
    const r = await api.call('levels:user', { userId: id });
    if (!r.ok) return setError(describe(r.error));
    setError('');
    setResult({ userId: id, standing: r.value });
  };

  return (
    <form className="moderation-section" aria-labelledby="user-lookup-title" noValidate onSubmit={(e) => void onSubmit(e)}>
      <h3 id="user-lookup-title" className="section-title">
        {t('moderation.users.lookupTitle')}
      </h3>
      <div className="inline-form">
        <input className="input" value={userId} maxLength={32} aria-label={t('moderation.users.lookupLabel')} onChange={(e) => setUserId(e.target.value)} />
        <button type="submit" className="button" disabled={!userId.trim()}>
          {t('moderation.users.lookup')}
        </button>
      </div>
      <div role="status" aria-label={t('moderation.users.lookupResult')}>
        {result?.standing && <StandingsTable standings={[result.standing]} label={t('moderation.users.lookupResult')} />}
        {result && !result.standing && <p className="field-hint">{t('moderation.users.noPoints', { userId: result.userId })}</p>}
      </div>
      {error && (
        <p role="alert" className="text-error">
          {error}
        </p>
      )}
    </form>
  );
}
