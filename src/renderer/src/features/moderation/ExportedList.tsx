// An exported list: its text, read-only, and a download link for the .txt (a Blob URL, revoked
// when the export is replaced or closed).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { wordListFileName } from './wordListText';

export function ExportedList({ id, text, onClose }: { id: string; text: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  useEffect(() => {
    const u = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [text]);
  const file = wordListFileName(id);
  return (
    <div className="exported-list">
      <label htmlFor="exported-list-text">{t('moderation.export.label', { id })}</label>
      <textarea id="exported-list-text" className="input mono" rows={5} readOnly value={text} />
      <div className="row-actions">
        {url && (
          <a className="button" href={url} download={file}>
            {t('moderation.export.download', { file })}
          </a>
        )}
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('moderation.export.close')}
        </button>
      </div>
    </div>
  );
}
