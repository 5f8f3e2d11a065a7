// Actions on the viewer behind a chat line: mute for N minutes (forbid_send_msg through main),
// pin the line's comment above every viewer's chat (promo:pinComment) or unpin, and copy the UserID. Shown under the list for the line whose ⋯ button was pressed; focus moves to its
// first control on open, and Escape closes it (the caller returns focus to ⋯).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/StoreContext';
import { AckLine } from '../room/AckLine';
import { BusyButton } from '../shell/BusyButton';
import { useAdminAction } from '../room/useAdminAction';

export const MUTE_MINUTES = [5, 10, 30, 60] as const;

export function UserActions({ user, onClose }: { user: { userId: string; nick: string; text?: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const { api } = useStore();
  const mute = useAdminAction();
  const pin = useAdminAction();
  const [minutes, setMinutes] = useState<number>(10);
  const [copied, setCopied] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div
      className="user-actions"
      role="group"
      aria-label={t('chat.userActions', { nick: user.nick })}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onClose();
      }}
    >
      <p className="user-actions-who">
        <strong>{user.nick}</strong> <code>{user.userId}</code>
      </p>
      <label className="inline-field">
        <span>{t('chat.muteFor')}</span>
        <select ref={first} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
          {MUTE_MINUTES.map((m) => (
            <option key={m} value={m}>
              {t('chat.minutes', { count: m })}
            </option>
          ))}
        </select>
      </label>
      <BusyButton busy={mute.busy} onClick={() => void mute.run(user.nick, () => api.call('room:mute', { userId: user.userId, minutes }))}>
        {t('chat.mute', { nick: user.nick })}
      </BusyButton>
      {user.text && (
        <BusyButton
          busy={pin.busy}
          onClick={() => void pin.run(user.nick, () => api.call('promo:pinComment', { comment: { userId: user.userId, nick: user.nick.slice(0, 32), text: (user.text ?? '').slice(0, 80) } }))}
        >
          {t('promotions.pinComment')}
        </BusyButton>
      )}
      <BusyButton busy={pin.busy} onClick={() => void pin.run('', () => api.call('promo:unpinComment', {}))}>
        {t('promotions.unpinComment')}
      </BusyButton>
      <button
        type="button"
        className="button"
        onClick={() => {
          void navigator.clipboard?.writeText(user.userId).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {copied ? t('chat.copied') : t('chat.copyId')}
      </button>
      <button type="button" className="button button-quiet" onClick={onClose}>
        {t('chat.closeActions')}
      </button>
      <AckLine ack={mute.ack} okKey="room.ack.done" label={t('chat.muteResult')} />
      <AckLine ack={pin.ack} okKey="room.ack.done" label={t('promotions.pinResult')} />
    </div>
  );
}
