// The room status viewers see (room_status): not started / live / paused / ended, as radio
// buttons that write the field through main; the checked one is what the room says now, and the
// line under them acknowledges the last write from this window — also one Go Live made. A second
// line says what main did by itself while the push was down (AutoPauseLine). Ending the show asks
// first. While a write runs the radios stay focusable (aria-disabled, changes ignored): a disabled
// fieldset would drop the keyboard user's focus to <body> on every arrow key.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROOM_STATUSES, type RoomStatus } from '../../../../shared/domain/liveCommerce';
import { AckLine } from '../room/AckLine';
import { SetByLine } from '../team/SetByLine';
import { useTeam } from '../team/TeamContext';
import { useCurrentRoomKey, useRoomView } from '../room/RoomContext';
import { ackIn } from '../room/useAdminAction';
import { ConfirmDialog } from '../shell/ConfirmDialog';
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
  const [confirmEnd, setConfirmEnd] = useState(false);
  const unavailable = writer.busy || connection === 'idle';
  const choose = (s: RoomStatus) => {
    if (unavailable || s === current) return;
    if (s === 'ended') setConfirmEnd(true);
    else void writer.write(s, 'panel');
  };
  return (
    <div className="room-status">
      <fieldset className="segmented" aria-disabled={unavailable || undefined} aria-busy={writer.busy}>
        <legend className="visually-hidden">{t('roomStatus.legend')}</legend>
        {ROOM_STATUSES.map((s) => (
          <label key={s} className={`segment segment-${s}${current === s ? ' is-current' : ''}`}>
            <input type="radio" name="room-status" value={s} checked={current === s} onChange={() => choose(s)} />
            <span>{t(`roomStatus.values.${s}`)}</span>
          </label>
        ))}
      </fieldset>
      <SetByLine value={shared?.status} />
      <AckLine ack={ackIn(statusAck, room)} okKey="room.ack.done" label={t('roomStatus.ackLabel')} />
      <AutoPauseLine snapshot={autoPause} groupId={session?.groupId} />
      {confirmEnd && (
        <ConfirmDialog
          title={t('safety.endTitle')}
          message={t('safety.endMessage')}
          cancelLabel={t('safety.endCancel')}
          confirmLabel={t('safety.endConfirm')}
          onCancel={() => setConfirmEnd(false)}
          onConfirm={() => {
            setConfirmEnd(false);
            void writer.write('ended', 'panel');
          }}
        />
      )}
    </div>
  );
}
