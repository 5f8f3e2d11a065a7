// The room announcement (group Notification): edit with a live byte counter, publish, and see
// what viewers have now. Publishing an empty text clears what viewers see: that asks first.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/StoreContext';
import { AckLine } from '../room/AckLine';
import { SetByLine } from '../team/SetByLine';
import { useTeam } from '../team/TeamContext';
import { useRoomView } from '../room/RoomContext';
import { useAdminAction } from '../room/useAdminAction';
import { BusyButton } from '../shell/BusyButton';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { announcementBudget } from '../../../../shared/roomContract';

export function AnnouncementPanel() {
  const { t } = useTranslation();
  const shared = useTeam().state;
  const { api } = useStore();
  const { state } = useRoomView();
  const [text, setText] = useState('');
  const action = useAdminAction();
  const budget = announcementBudget(text);
  const [confirmClear, setConfirmClear] = useState(false);
  const publish = () => void action.run(t('announcement.subject'), () => api.call('room:announce', { text }));
  const current = state.room.announcement;
  return (
    <form
      className="announcement"
      onSubmit={(e) => {
        e.preventDefault();
        if (budget.over || action.busy) return;
        if (text.trim() === '' && current) setConfirmClear(true);
        else publish();
      }}
    >
      <div className="announcement-current">
        <span className="stat-label">{t('announcement.current')}</span>
        <p aria-label={t('announcement.current')} role="note">
          {state.room.announcement || t('announcement.none')}
        </p>
      </div>
      <label htmlFor="announcement-text">{t('announcement.label')}</label>
      <textarea
        id="announcement-text"
        className="input"
        rows={3}
        value={text}
        aria-invalid={budget.over}
        aria-describedby="announcement-bytes"
        onChange={(e) => setText(e.target.value)}
      />
      <div className="announcement-footer">
        <span id="announcement-bytes" className={budget.over ? 'text-error' : 'field-hint'} aria-live="polite">
          {t('announcement.bytes', { bytes: budget.bytes, max: budget.max })}
        </span>
        <BusyButton type="submit" className="button button-primary" busy={action.busy || budget.over}>
          {t('announcement.publish')}
        </BusyButton>
      </div>
      <SetByLine value={shared?.announcement} />
      <AckLine ack={action.ack} okKey="room.ack.done" label={t('announcement.ackLabel')} />
      {confirmClear && (
        <ConfirmDialog
          title={t('safety.clearTitle')}
          message={t('safety.clearMessage', { text: current })}
          cancelLabel={t('safety.clearCancel')}
          confirmLabel={t('safety.clearConfirm')}
          onCancel={() => setConfirmClear(false)}
          onConfirm={() => {
            setConfirmClear(false);
            publish();
          }}
        />
      )}
    </form>
  );
}
