// The chat feed: the room's lines in a virtual list, join/leave lines folded into a summary when
// the room is busy, per-user actions (focus moves into them and back to ⋯ on close), the paced
// screen-reader log (ChatAnnouncer), and sending as the host.
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { levelOf, type FeedItem } from '../../../../shared/domain/room';
import { useRoomView } from '../room/RoomContext';
import { ChatAnnouncer } from './ChatAnnouncer';
import { arrivalsLastMinute, isBusy, visibleFeed } from './feedView';
import { FeedRow } from './FeedRow';
import { SendAsHost } from './SendAsHost';
import { UserActions } from './UserActions';
import { VirtualList } from './VirtualList';

export const ROW_HEIGHT = 30;
const seqOf = (item: FeedItem): number => item.seq;

export function ChatPanel() {
  const { t } = useTranslation();
  const { state } = useRoomView();
  const [expanded, setExpanded] = useState(false);
  const [user, setUser] = useState<{ userId: string; nick: string; text?: string } | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const openActions = useCallback((who: { userId: string; nick: string; text?: string }, from: HTMLElement) => {
    opener.current = from;
    setUser(who);
  }, []);
  const closeActions = () => {
    setUser(null);
    // The ⋯ row may have scrolled out of the virtual window: then the list itself.
    const back = opener.current?.isConnected ? opener.current : document.querySelector<HTMLElement>('.chat .vlist');
    back?.focus();
  };
  const arrivals = arrivalsLastMinute(state.feed, state.updatedAt);
  const busy = isBusy(arrivals);
  const items = visibleFeed(state.feed, busy && !expanded);
  const renderRow = useCallback(
    (item: FeedItem) => <FeedRow item={item} level={'userId' in item ? levelOf(state, item.userId) : undefined} onActions={openActions} />,
    [state],
  );
  return (
    <div className="chat">
      <div className="chat-summary">
        {busy && (
          <>
            <span>{t('chat.arrivals', { joined: arrivals.joined, left: arrivals.left })}</span>
            <button type="button" className="button button-quiet" aria-pressed={expanded} onClick={() => setExpanded((v) => !v)}>
              {t('chat.showArrivals')}
            </button>
          </>
        )}
        <ChatAnnouncer feed={state.feed} />
      </div>
      <VirtualList
        items={items}
        rowHeight={ROW_HEIGHT}
        keyOf={seqOf}
        renderRow={renderRow}
        label={t('chat.listLabel')}
        jumpLabel={(count) => t('chat.jumpNew', { count })}
        emptyText={t('chat.empty')}
      />
      {user && <UserActions key={user.userId} user={user} onClose={closeActions} />}
      <SendAsHost />
    </div>
  );
}
