// Imports a word list: id, action, optional room, and the words from a .txt file or typed in (one
// per line). Importing an existing id replaces that list (the service hot-reloads it).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FILTER_ACTIONS, type FilterAction } from '../../../../shared/domain/filter/wordFilter';
import { listIdSchema, type WordListSummary } from '../../../../shared/moderationContract';
import { useStore } from '../../store/StoreContext';
import { BusyButton } from '../shell/BusyButton';
import { useCommandError } from './useCommandError';
import { MAX_LIST_BYTES, parseWordListText } from './wordListText';

export function ImportListForm({ onImported }: { onImported: (summary: WordListSummary) => void }) {
  const { t } = useTranslation();
  const { api } = useStore();
  const describe = useCommandError();
  const [id, setId] = useState('');
  const [action, setAction] = useState<FilterAction>('reject');
  const [roomId, setRoomId] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const { words, duplicates } = parseWordListText(text);

  const onFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    if (file.size > MAX_LIST_BYTES) return setError(t('moderation.import.tooLarge'));
    setText(await file.text());
    setError('');
    if (!id) setId(file.name.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 64));
  };

  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    if (!listIdSchema.safeParse(id).success) return setError(t('moderation.import.badId'));
    if (words.length === 0) return setError(t('moderation.import.noWords'));
    setBusy(true);
    const r = await api.call('moderation:importList', { id, action, roomId: roomId.trim() || null, text: words.join('\n') });
    setBusy(false);
    if (!r.ok) return setError(describe(r.error));
    setError('');
    setText('');
    onImported(r.value);
  };

  return (
    <form className="moderation-section import-form" aria-labelledby="import-list-title" noValidate onSubmit={(e) => void onSubmit(e)}>
      <h3 id="import-list-title" className="section-title">
        {t('moderation.import.title')}
      </h3>
      <div className="field">
        <label htmlFor="import-list-id">{t('moderation.import.id')}</label>
        <input id="import-list-id" className="input" value={id} maxLength={64} onChange={(e) => setId(e.target.value)} aria-describedby="import-list-id-hint" />
        <p id="import-list-id-hint" className="field-hint">
          {t('moderation.import.idHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="import-list-action">{t('moderation.import.action')}</label>
        <select id="import-list-action" className="input" value={action} onChange={(e) => setAction(e.target.value as FilterAction)}>
          {FILTER_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`moderation.actions.${a}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="import-list-room">{t('moderation.import.room')}</label>
        <input id="import-list-room" className="input" value={roomId} maxLength={48} placeholder={t('moderation.lists.allRooms')} onChange={(e) => setRoomId(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="import-list-file">{t('moderation.import.file')}</label>
        <input id="import-list-file" type="file" accept=".txt,text/plain" onChange={(e) => void onFile(e.target.files?.[0])} />
      </div>
      <div className="field field-wide">
        <label htmlFor="import-list-words">{t('moderation.import.words')}</label>
        <textarea id="import-list-words" className="input" rows={4} value={text} onChange={(e) => setText(e.target.value)} aria-describedby="import-list-count" />
        <p id="import-list-count" className="field-hint">
          {t('moderation.import.count', { count: words.length, duplicates })}
        </p>
      </div>
      <div className="field-wide row-actions">
        <BusyButton type="submit" className="button button-primary" busy={busy}>
          {t('moderation.import.submit')}
        </BusyButton>
        {error && (
          <p role="alert" className="text-error">
            {error}
          </p>
        )}
      </div>
    </form>
  );
}
