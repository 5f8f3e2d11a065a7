// The action journal of this show: every operator action with who, when, the request, the answer
// and when the room's own IM session saw it; filters by operator and action, and exports (CSV,
// JSON) of the whole show. Entries arrive live (`team:journal`) while the dialog is open.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JOURNAL_KINDS, type JournalEntry, type JournalKind } from '../../../../shared/teamContract';
import { clockTime, useErrorText } from '../room/useAdminAction';
import { ModalFrame } from '../shell/ModalFrame';
import { useStore } from '../../store/StoreContext';
import { useTeam, useTeamStore } from './TeamContext';
import { mergeEntry } from './teamStore';

const brief = (v: unknown): string => {
  const s = JSON.stringify(v ?? null);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
};

export function JournalDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { api } = useStore();
  const team = useTeamStore();
  const show = useTeam().state?.show;
  const errorText = useErrorText();
  const [entries, setEntries] = useState<JournalEntry[]>([]);
  const [operatorId, setOperatorId] = useState('');
  const [kind, setKind] = useState<JournalKind | ''>('');
  const [error, setError] = useState('');

  // Again when the show changes (another room, or the studio's demo room known only once it runs).
  useEffect(() => {
    let live = true;
    void api.call('team:journal', { limit: 1000 }).then((r) => {
      if (!live) return;
      if (r.ok) setEntries(r.value);
      else setError(errorText(r.error));
    });
    const off = team?.onJournal((e) => setEntries((list) => mergeEntry(list, e, 1000)));
    return () => {
      live = false;
      off?.();
    };
  }, [api, team, errorText, show]);

  const operators = useMemo(() => [...new Map(entries.map((e) => [e.operatorId, e.operatorName])).entries()], [entries]);
  const shown = entries.filter((e) => (!operatorId || e.operatorId === operatorId) && (!kind || e.kind === kind));

  const download = async (format: 'csv' | 'json'): Promise<void> => {
    const r = await api.call('team:exportJournal', { format });
    if (!r.ok) return setError(errorText(r.error));
    const url = URL.createObjectURL(new Blob([r.value.text], { type: r.value.mime }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.value.filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const answerOf = (e: JournalEntry): string => {
    if (e.outcome === 'pending') return t('team.journal.pending');
    if (e.outcome === 'failed') return t('team.journal.failed', { message: (e.answer as { message?: string } | null)?.message ?? '' });
    return t('team.journal.ok', { ms: (e.answeredAt ?? e.at) - e.at });
  };
  const deliveryOf = (e: JournalEntry): string => {
    if (e.ackKey === null) return t('team.journal.noEffect');
    if (e.ackAt === null) return e.outcome === 'failed' ? '—' : t('team.journal.notSeen');
    const ms = e.ackAt - e.at;
    return e.reached === null ? t('team.journal.delivered', { ms }) : t('team.journal.reached', { ms, count: e.reached });
  };

  return (
    <ModalFrame titleId="journal-title" title={t('team.journal.title')} closeLabel={t('team.journal.close')} onClose={onClose} initialFocus="#journal-operator">
      <div className="journal-tools">
        <label>
          {t('team.journal.operator')}
          <select id="journal-operator" className="input" value={operatorId} onChange={(e) => setOperatorId(e.target.value)}>
            <option value="">{t('team.journal.all')}</option>
            {operators.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('team.journal.kind')}
          <select className="input" value={kind} onChange={(e) => setKind(e.target.value as JournalKind | '')}>
            <option value="">{t('team.journal.all')}</option>
            {JOURNAL_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`team.journal.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={() => void download('csv')}>
          {t('team.journal.exportCsv')}
        </button>
        <button type="button" className="button" onClick={() => void download('json')}>
          {t('team.journal.exportJson')}
        </button>
      </div>
      {error && (
        <p role="alert" className="text-error">
          {error}
        </p>
      )}
      {shown.length === 0 ? (
        <p className="empty-state">{t('team.journal.empty')}</p>
      ) : (
        <div className="journal-scroll" tabIndex={0} role="region" aria-label={t('team.journal.table')}>
          <table className="journal-table">
            <caption className="visually-hidden">{t('team.journal.table')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('team.journal.time')}</th>
                <th scope="col">{t('team.journal.operator')}</th>
                <th scope="col">{t('team.journal.kind')}</th>
                <th scope="col">{t('team.journal.request')}</th>
                <th scope="col">{t('team.journal.answer')}</th>
                <th scope="col">{t('team.journal.delivery')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={e.id} data-kind={e.kind} data-outcome={e.outcome} data-acked={e.ackAt !== null}>
                  <td>{clockTime(e.at, i18n.language)}</td>
                  <td>
                    {e.operatorName} ({t(`team.roles.${e.role}`)})
                  </td>
                  <td>{t(`team.journal.kinds.${e.kind}`)}</td>
                  <td className="journal-request">{brief(e.request)}</td>
                  <td>{answerOf(e)}</td>
                  <td>{deliveryOf(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ModalFrame>
  );
}
