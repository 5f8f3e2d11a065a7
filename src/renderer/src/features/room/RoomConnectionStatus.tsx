// The room connection in the header: state, why it failed, and a Rejoin button after a kick or
// an error. A polite live region, so drops are announced without stealing focus.
import { useTranslation } from 'react-i18next';
import { useRoomStore, useRoomView } from './RoomContext';

export function RoomConnectionStatus() {
  const { t } = useTranslation();
  const store = useRoomStore();
  const { connection, error, session } = useRoomView();
  const label =
    connection === 'kicked'
      ? t('room.connection.kicked', { reason: error ?? '' })
      : connection === 'error'
        ? t('room.connection.error', { message: error ?? '' })
        : t(`room.connection.${connection}`);
  return (
    <div className={`room-connection connection connection-room-${connection}`} data-state={connection}>
      <span className="connection-dot" aria-hidden="true" />
      <span role="status" aria-label={t('room.connection.label')} title={label} className="room-connection-text">
        {session ? `${session.groupId}: ` : ''}
        {label}
      </span>
      {(connection === 'kicked' || connection === 'error') && (
        <button type="button" className="button button-quiet" onClick={() => store.rejoin()}>
          {t('room.connection.rejoin')}
        </button>
      )}
    </div>
  );
}
