// The room status viewers see (room_status): not started / live / paused / ended, as radio
// buttons that write the field through main; the checked one is what the room says now.
import { useTranslation } from 'react-i18next';
import { ROOM_STATUSES } from '../../../../shared/domain/liveCommerce';
import { useStore } from '../../store/StoreContext';
import { AckLine } from '../room/AckLine';
import { useRoomView } from '../room/RoomContext';
import { useAdminAction } from '../room/useAdminAction';

export function RoomStatusPanel() {
  const { t } = useTranslation();
  const { api } = useStore();
  const { state, connection } = useRoomView();
  const action = useAdminAction();
  const current = state.room.status;
  return (
    <div className="room-status">
      <fieldset className="segmented" disabled={action.busy || connection === 'idle'}>
        <legend className="visually-hidden">{t('roomStatus.legend')}</legend>
        {ROOM_STATUSES.map((s) => (
          <label key={s} className={`segment segment-${s}${current === s ? ' is-current' : ''}`}>
            <input
              type="radio"
              name="room-status"
              value={s}
              checked={current === s}
              onChange={() => void action.run(t(`roomStatus.values.${s}`), () => api.call('room:setStatus', { status: s }))}
            />
            <span>{t(`roomStatus.values.${s}`)}</span>
          </label>
        ))}
      </fieldset>
      <AckLine ack={action.ack} okKey="room.ack.done" label={t('roomStatus.ackLabel')} />
    </div>
  );
}
