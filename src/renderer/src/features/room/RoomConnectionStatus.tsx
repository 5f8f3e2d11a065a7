// The room connection in the header: which room (the configured one until a session has it) and
// its state, in a polite live region so drops are announced without stealing focus. A kick offers
// Rejoin here; an error is spelt out in full under the header (RoomProblemBanner).
import { useTranslation } from 'react-i18next';
import { useAppSnapshot } from '../../store/StoreContext';
import { useRoomStore, useRoomView } from './RoomContext';
import { shownRoom } from './shownRoom';

export function RoomConnectionStatus() {
  const { t } = useTranslation();
  const store = useRoomStore();
  const { settings, studio } = useAppSnapshot();
  const { connection, error, session } = useRoomView();
  const room = shownRoom(session, settings?.settings, studio);
  const prefix = room === null ? '' : room.kind === 'none' ? `${t('room.connection.noRoom')}: ` : `${room.groupId}: `;
  const label =
    connection === 'kicked'
      ? t('room.connection.kicked', { reason: error ?? '' })
      : connection === 'error'
        ? t('room.connection.error', { message: error ?? '' })
        : t(`room.connection.${connection}`);
  return (
    <div className={`room-connection connection connection-room-${connection}`} data-state={connection}>
      <span className="connection-dot" aria-hidden="true" />
      <span role="status" aria-label={t('room.connection.label')} title={prefix + label} className="room-connection-text">
        {prefix}
        {label}
      </span>
      {connection === 'kicked' && (
        <button type="button" className="button button-quiet" onClick={() => store.rejoin()}>
          {t('room.connection.rejoin')}
        </button>
      )}
    </div>
  );
}
