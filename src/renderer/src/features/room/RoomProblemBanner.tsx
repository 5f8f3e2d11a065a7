// The full reason the room is unavailable, under the header where it has room to wrap (the header
// line is cut short on a laptop), with what happens next — an automatic retry and when, the local
// studio to come back, or nothing until the settings change — and the Rejoin button.
import { useTranslation } from 'react-i18next';
import { useAppSnapshot } from '../../store/StoreContext';
import { useNow } from '../counters/useNow';
import { useRoomStore, useRoomView } from './RoomContext';
import { problemNext, secondsUntil } from './shownRoom';

export function RoomProblemBanner() {
  const { connection, retryAt } = useRoomView();
  const { settings, studio } = useAppSnapshot();
  const next = problemNext(retryAt, settings?.settings.mode, studio);
  return connection === 'error' && next !== 'hidden' ? <Problem next={next} /> : null;
}

function Problem({ next }: { next: 'retrying' | 'notRetried' | 'waitingForStudio' }) {
  const { t } = useTranslation();
  const store = useRoomStore();
  const { error, retryAt } = useRoomView();
  const now = useNow(1000);
  return (
    <div className="banner banner-error room-problem" role="group" aria-labelledby="room-problem-text">
      <div className="room-problem-body">
        <p id="room-problem-text" className="room-problem-message">
          {t('room.connection.error', { message: error ?? '' })}
        </p>
        <p className="room-problem-next">
          {next === 'retrying' ? t('room.problem.retrying', { seconds: secondsUntil(retryAt ?? now, now) }) : t(`room.problem.${next}`)}
        </p>
      </div>
      <button type="button" className="button" onClick={() => store.rejoin()}>
        {t('room.connection.rejoin')}
      </button>
    </div>
  );
}
