// Edits the gift catalog (id, name, icon, value) as a small table of labelled inputs.
import { useTranslation } from 'react-i18next';
import { IconButton } from '../shell/IconButton';
import { MAX_GIFTS, type GiftDraft } from './giftDraft';

interface GiftEditorProps {
  draft: GiftDraft[];
  badRows: readonly number[];
  onChange: (draft: GiftDraft[]) => void;
}

const FIELDS = ['id', 'name', 'icon', 'value'] as const;

export function GiftEditor({ draft, badRows, onChange }: GiftEditorProps) {
  const { t } = useTranslation();
  const set = (i: number, field: (typeof FIELDS)[number], value: string): void =>
    onChange(draft.map((d, j) => (j === i ? { ...d, [field]: value } : d)));
  return (
    <div className="gift-editor">
      <table>
        <thead>
          <tr>
            {FIELDS.map((f) => (
              <th key={f} scope="col">
                {t(`gifts.fields.${f}`)}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{t('gifts.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {draft.map((d, i) => (
            <tr key={i} className={badRows.includes(i + 1) ? 'is-invalid' : undefined}>
              {FIELDS.map((f) => (
                <td key={f}>
                  <input
                    className={`input gift-${f}`}
                    value={d[f]}
                    aria-label={t('gifts.fieldOf', { field: t(`gifts.fields.${f}`), row: i + 1 })}
                    aria-invalid={badRows.includes(i + 1)}
                    onChange={(e) => set(i, f, e.target.value)}
                  />
                </td>
              ))}
              <td>
                <IconButton glyph="×" label={t('gifts.remove', { row: i + 1 })} onClick={() => onChange(draft.filter((_, j) => j !== i))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="button"
        disabled={draft.length >= MAX_GIFTS}
        onClick={() => onChange([...draft, { id: '', name: '', icon: '', value: '1.00' }])}
      >
        {t('gifts.add')}
      </button>
    </div>
  );
}
