// What the chat says to a screen reader: new lines (texts, gifts, purchases, joins, follows) go
// into a visually hidden role=log, paced by AnnouncementPacer — one announcement every few seconds
// with the newest lines and how many more came — so a busy room stays listenable. The feed list
// itself is not live (virtualised rows come and go as it scrolls). "Pause announcements" is a
// switch remembered on this machine; paused, nothing is queued.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnnouncementPacer } from '../../../../shared/domain/a11y/announcementPacer';
import type { FeedItem } from '../../../../shared/domain/room';
import { feedSpoken } from './feedText';

export const ANNOUNCE_INTERVAL_MS = 4000;
const PAUSED_KEY = 'stageside.chat.announcementsPaused.v1';
/** Announcements kept in the log (older ones leave the DOM; they have been read). */
const KEPT = 5;

function loadPaused(): boolean {
  try {
    return globalThis.localStorage?.getItem(PAUSED_KEY) === 'true';
  } catch {
    return false;
  }
}

export function ChatAnnouncer({ feed }: { feed: readonly FeedItem[] }) {
  const { t } = useTranslation();
  const [paused, setPaused] = useState(loadPaused);
  const [pacer] = useState(() => new AnnouncementPacer({ intervalMs: ANNOUNCE_INTERVAL_MS, maxLines: 3 }));
  const [said, setSaid] = useState<Array<{ id: number; text: string }>>([]);
  const seen = useRef<number | null>(null);
  const nextId = useRef(0);

  // Lines newer than the last one seen; what the feed held when the console opened is not read out.
  useEffect(() => {
    const newest = feed.at(-1)?.seq ?? -1;
    if (seen.current !== null) {
      const fresh: string[] = [];
      for (let i = feed.length - 1; i >= 0 && feed[i]!.seq > seen.current; i--) {
        const line = feedSpoken(feed[i]!, t);
        if (line) fresh.push(line);
      }
      pacer.push(...fresh.reverse());
    }
    seen.current = Math.max(seen.current ?? -1, newest);
  }, [feed, pacer, t]);

  useEffect(() => {
    pacer.setPaused(paused);
    try {
      globalThis.localStorage?.setItem(PAUSED_KEY, String(paused));
    } catch {
      // Storage disabled: the switch still works for this session.
    }
  }, [pacer, paused]);

  useEffect(() => {
    const timer = setInterval(() => {
      const a = pacer.take(Date.now());
      if (!a) return;
      const text = [...a.lines, ...(a.more > 0 ? [t('safety.more', { count: a.more })] : [])].join('. ');
      setSaid((s) => [...s.slice(-(KEPT - 1)), { id: nextId.current++, text }]);
    }, 500);
    return () => clearInterval(timer);
  }, [pacer, t]);

  return (
    <>
      <button type="button" role="switch" aria-checked={paused} className="button button-quiet chat-announce-switch" onClick={() => setPaused((p) => !p)}>
        {t('safety.pauseAnnouncements')}
      </button>
      <div role="log" aria-label={t('safety.chatLog')} className="visually-hidden">
        {said.map((s) => (
          <p key={s.id}>{s.text}</p>
        ))}
      </div>
    </>
  );
}
