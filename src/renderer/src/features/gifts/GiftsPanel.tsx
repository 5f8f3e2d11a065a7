// Gifts: the catalog viewers see now, an editor to launch a new one (gift_catalog field), and the
// top senders of the session.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/StoreContext';
import { formatMoney } from '../counters/money';
import { AckLine } from '../room/AckLine';
import { useRoomView } from '../room/RoomContext';
import { useAdminAction } from '../room/useAdminAction';
import { fromDraft, toDraft, type GiftDraft } from './giftDraft';
import { GiftEditor } from './GiftEditor';
import { Leaderboard } from './Leaderboard';

export function GiftsPanel() {
  const { t } = useTranslation();
  const { api } = useStore();
  const { state } = useRoomView();
  const current = state.room.giftCatalog;
  const [draft, setDraft] = useState<GiftDraft[] | null>(() => (current.length > 0 ? toDraft(current) : null));
  const [badRows, setBadRows] = useState<number[]>([]);
  const action = useAdminAction();
  // Start editing from what viewers have once the room fields arrive.
  useEffect(() => {
    if (draft === null && current.length > 0) setDraft(toDraft(current));
  }, [current, draft]);

  const launch = (): void => {
    const r = fromDraft(draft ?? []);
    if (!r.ok) {
      setBadRows(r.badRows);
      action.fail(t('gifts.subject'), t('gifts.invalid', { rows: r.badRows.join(', ') || '—' }));
      return;
    }
    setBadRows([]);
    void action.run(t('gifts.subject'), () => api.call('room:launchGifts', { gifts: r.gifts }));
  };

  return (
    <div className="gifts">
      <div className="gift-current" role="group" aria-label={t('gifts.current')}>
        {current.length === 0
          ? t('gifts.none')
          : current.map((g) => (
              <span key={g.id} className="gift-chip">
                {g.icon} {g.name} · {formatMoney(g.value)}
              </span>
            ))}
      </div>
      <GiftEditor draft={draft ?? []} badRows={badRows} onChange={setDraft} />
      <button type="button" className="button button-primary" disabled={action.busy} onClick={launch}>
        {t('gifts.launch')}
      </button>
      <AckLine ack={action.ack} okKey="room.ack.done" label={t('gifts.ackLabel')} />
      <Leaderboard entries={state.leaderboard} />
    </div>
  );
}
