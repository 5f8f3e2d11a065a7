// Sends a chat message into the room as the logged-in console user (host or assistant).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoomStore, useRoomView } from '../room/RoomContext';

export function SendAsHost() {
  const { t } = useTranslation();
  const store = useRoomStore();
  const { connection } = useRoomView();
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async (): Promise<void> => {
    const value = text.trim();
    if (!value) return;
    setBusy(true);
    try {
      await store.sendText(value);
      setText('');
      setError('');
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
        void send();
      }}
    >
      <input
        className="input"
        type="text"
        maxLength={500}
        value={text}
        aria-label={t('chat.sendLabel')}
        placeholder={t('chat.sendPlaceholder')}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="button button-primary" disabled={busy || connection !== 'connected' || !text.trim()}>
        {t('chat.send')}
      </button>
      {error && (
        <p role="alert" className="text-error">
          {error}
        </p>
      )}
    </form>
  );
}
