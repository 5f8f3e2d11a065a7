// The table of word lists: id, room (or all rooms), action, word count, last change, and actions.
import { useTranslation } from 'react-i18next';
import type { WordListSummary } from '../../../../shared/moderationContract';

interface WordListTableProps {
  lists: WordListSummary[];
  onExport: (id: string) => void;
  onDelete: (id: string) => void;
}

export function WordListTable({ lists, onExport, onDelete }: WordListTableProps) {
  const { t, i18n } = useTranslation();
  if (lists.length === 0) return <p className="field-hint">{t('moderation.lists.empty')}</p>;
  return (
    <table className="data-table" aria-label={t('moderation.lists.title')}>
      <thead>
        <tr>
          <th scope="col">{t('moderation.lists.id')}</th>
          <th scope="col">{t('moderation.lists.room')}</th>
          <th scope="col">{t('moderation.lists.action')}</th>
          <th scope="col">{t('moderation.lists.count')}</th>
          <th scope="col">{t('moderation.lists.updated')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('moderation.lists.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {lists.map((l) => (
          <tr key={l.id}>
            <th scope="row">{l.id}</th>
            <td>{l.roomId ?? t('moderation.lists.allRooms')}</td>
            <td>{t(`moderation.actions.${l.action}`)}</td>
            <td className="num">{l.count}</td>
            <td>{new Date(l.updatedAt).toLocaleString(i18n.language)}</td>
            <td className="row-actions">
              <button type="button" className="button button-quiet" aria-label={t('moderation.lists.exportNamed', { id: l.id })} onClick={() => onExport(l.id)}>
                {t('moderation.lists.export')}
              </button>
              <button type="button" className="button button-quiet" aria-label={t('moderation.lists.deleteNamed', { id: l.id })} onClick={() => onDelete(l.id)}>
                {t('moderation.lists.delete')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
