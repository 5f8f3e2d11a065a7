// Word lists: the service's lists with Export and Delete per row, the import form, and a box to
// test a message against all of them.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WordListSummary } from '../../../../shared/moderationContract';
import { useStore } from '../../store/StoreContext';
import { ExportedList } from './ExportedList';
import { ImportListForm } from './ImportListForm';
import { TestMessage } from './TestMessage';
import { useCommandError } from './useCommandError';
import { WordListTable } from './WordListTable';

export function WordListsTab() {
  const { t } = useTranslation();
  const { api } = useStore();
  const describe = useCommandError();
  const [lists, setLists] = useState<WordListSummary[] | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [exported, setExported] = useState<{ id: string; text: string } | null>(null);

  const load = useCallback(async () => {
    const r = await api.call('moderation:lists', {});
    if (r.ok) {
      setLists(r.value);
      setError('');
    } else setError(describe(r.error));
  }, [api, describe]);
  useEffect(() => void load(), [load]);

  const onExport = async (id: string): Promise<void> => {
    const r = await api.call('moderation:exportList', { id });
    if (r.ok) setExported({ id, text: r.value.text });
    else setError(describe(r.error));
  };
  const onDelete = async (id: string): Promise<void> => {
    const r = await api.call('moderation:deleteList', { id });
    if (!r.ok) return setError(describe(r.error));
    setStatus(t('moderation.lists.deleted', { id }));
    if (exported?.id === id) setExported(null);
    await load();
  };

  return (
    <div className="moderation-tab">
      <section aria-labelledby="word-lists-title" className="moderation-section">
        <h3 id="word-lists-title" className="section-title">
          {t('moderation.lists.title')}
        </h3>
        {lists && <WordListTable lists={lists} onExport={(id) => void onExport(id)} onDelete={(id) => void onDelete(id)} />}
        <p role="status" aria-label={t('moderation.lists.statusLabel')} className="field-hint">
          {lists === null && !error ? t('app.loading') : status}
        </p>
        {error && (
          <p role="alert" className="text-error">
            {error}
          </p>
        )}
        {exported && <ExportedList id={exported.id} text={exported.text} onClose={() => setExported(null)} />}
      </section>
      <ImportListForm
        onImported={(summary) => {
          setStatus(t('moderation.import.done', { id: summary.id, count: summary.count }));
          void load();
        }}
      />
      <TestMessage />
    </div>
  );
}
