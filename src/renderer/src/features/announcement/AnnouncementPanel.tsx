// The room announcement (group Notification): edit with a live byte counter, publish, and see
// what viewers have now.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/StoreContext';
import { AckLine } from '../room/AckLine';
import { SetByLine } from '../team/SetByLine';
import { useTeam } from '../team/TeamContext';
import { useRoomView } from '../room/RoomContext';
import { useAdminAction } from '../room/useAdminAction';
import { announcementBudget } from '../../../../shared/roomContract';

export function AnnouncementPanel() {
  const { t } = useTranslation();
  const shared = useTeam().state;
  const { api } = useStore();
  const { state } = useRoomView();
  const [text, setText] = useState('');
  const action = useAdminAction();
  const budget = announcementBudget(text);
  return (
    <form
      className="announcement"
      onSubmit={(e) => {
        e.preventDefault();
        if (!budget.over) void action.run(t('announcement.subject'), () => api.call('room:announce', { text }));
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
        <button type="submit" className="button button-primary" disabled={action.busy || budget.over}>
          {t('announcement.publish')}
        </button>
      </div>
      <SetByLine value={shared?.announcement} />
      <AckLine ack={action.ack} okKey="room.ack.done" label={t('announcement.ackLabel')} />
    </form>
  );
}
