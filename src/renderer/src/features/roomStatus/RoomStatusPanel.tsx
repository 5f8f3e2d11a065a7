// The room status viewers see (room_status): not started / live / paused / ended, as radio
// buttons that write the field through main; the checked one is what the room says now, and the
// line under them acknowledges the last write from this window — also one Go Live made. A second
// line says what main did by itself while the push was down (AutoPauseLine).
import { useTranslation } from 'react-i18next';
import { ROOM_STATUSES } from '../../../../shared/domain/liveCommerce';
import { AckLine } from '../room/AckLine';
import { SetByLine } from '../team/SetByLine';
import { useTeam } from '../team/TeamContext';
import { useCurrentRoomKey, useRoomView } from '../room/RoomContext';
import { ackIn } from '../room/useAdminAction';
import { AutoPauseLine } from './AutoPauseLine';
import { useStatusWriter } from './statusWriter';
import { useAutoPause } from './useAutoPause';

export function RoomStatusPanel() {
  const { t } = useTranslation();
  const shared = useTeam().state;
  const { state, connection, statusAck, session } = useRoomView();
  const autoPause = useAutoPause();
  const room = useCurrentRoomKey();
  const writer = useStatusWriter();
  const current = state.room.status;
  return (
    <div className="room-status">
      <fieldset className="segmented" disabled={writer.busy || connection === 'idle'}>
        <legend className="visually-hidden">{t('roomStatus.legend')}</legend>
        {ROOM_STATUSES.map((s) => (
          <label key={s} className={`segment segment-${s}${current === s ? ' is-current' : ''}`}>
            <input type="radio" name="room-status" value={s} checked={current === s} onChange={() => void writer.write(s, 'panel')} />
            <span>{t(`roomStatus.values.${s}`)}</span>
          </label>
        ))}
      </fieldset>
      <SetByLine value={shared?.status} />
      <AckLine ack={ackIn(statusAck, room)} okKey="room.ack.done" label={t('roomStatus.ackLabel')} />
      <AutoPauseLine snapshot={autoPause} groupId={session?.groupId} />
    </div>
  );
}
