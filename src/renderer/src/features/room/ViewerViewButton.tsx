// Opens the audience's page for this room, so the operator sees what viewers see. A button (not a
// link): Electron's window-open handler sends http(s) URLs to the OS browser.
import { useTranslation } from 'react-i18next';
import { useRoomView } from './RoomContext';

export function ViewerViewButton() {
  const { t } = useTranslation();
  const { session } = useRoomView();
  const url = session?.viewerUrl ?? null;
  return (
    <button
      type="button"
      className="button"
      disabled={!url}
      title={url ? undefined : t('room.viewerViewUnavailable')}
      onClick={() => {
        if (url) window.open(url, '_blank', 'noopener,noreferrer');
      }}
    >
      {t('room.viewerView')}
    </button>
  );
}
