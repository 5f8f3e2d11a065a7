// Sends a chat message into the room as the logged-in console user (host or assistant). The text
// is pre-flighted against the room's word lists first; a match holds it until "Send anyway".
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilterCheck } from '../../../../shared/moderationContract';
import { PreflightAlert } from '../moderation/PreflightAlert';
import { heldBy } from '../moderation/preflight';
import { useRoomStore, useRoomView } from '../room/RoomContext';
import { useStore } from '../../store/StoreContext';

export function SendAsHost() {
  const { t } = useTranslation();
  const { api } = useStore();
  const store = useRoomStore();
  const { connection } = useRoomView();
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [held, setHeld] = useState<FilterCheck | null>(null);

  const send = async (force: boolean): Promise<void> => {
    const value = text.trim();
    if (!value) return;
    setBusy(true);
    try {
      if (!force) {
        const hold = heldBy(await api.call('moderation:check', { text: value }).catch(() => null));
        if (hold) {
          setHeld(hold);
          setError('');
          return;
        }
      }
      await store.sendText(value);
      setText('');
      setError('');
      setHeld(null);
    } catch (e) {
      setError(t('chat.sendFailed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="send-as-host"
      onSubmit={(e) => {
        e.preventDefault();
        void send(false);
      }}
    >
      <input
        className="input"
        type="text"
        maxLength={500}
        value={text}
        aria-label={t('chat.sendLabel')}
        placeholder={t('chat.sendPlaceholder')}
        onChange={(e) => {
          setText(e.target.value);
          setHeld(null);
        }}
      />
      <button type="submit" className="button button-primary" disabled={busy || connection !== 'connected' || !text.trim()}>
        {t('chat.send')}
      </button>
      {held && <PreflightAlert check={held} busy={busy || connection !== 'connected'} onSendAnyway={() => void send(true)} onCancel={() => setHeld(null)} />}
      {error && (
        <p role="alert" className="text-error">
          {error}
        </p>
      )}
    </form>
  );
}
