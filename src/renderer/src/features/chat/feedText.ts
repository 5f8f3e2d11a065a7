// The words of a chat line, shared by the row on screen (FeedRow) and what the chat log reads out
// (ChatAnnouncer), so both say the same thing.
import type { TFunction } from 'i18next';
import type { FeedItem } from '../../../../shared/domain/room';
import { formatMoney } from '../counters/money';

type PersonItem = Exclude<FeedItem, { kind: 'notice' }>;

/** What follows the nick on a person's line ("sent Rose ×3 (9.90)"). */
export function feedBody(item: PersonItem, t: TFunction): string {
  switch (item.kind) {
    case 'text':
      return item.text;
    case 'join':
    case 'leave':
      return t(item.others > 0 ? `chat.${item.kind}Many` : `chat.${item.kind}`, { count: item.others });
    case 'gift':
      return t('chat.gift', { name: item.name, count: item.count, value: formatMoney(item.value) });
    case 'purchase':
      return t('chat.purchase', { title: item.title, count: item.quantity, value: formatMoney(item.value) });
    case 'follow':
    case 'coupon':
      return t(`chat.${item.kind}`);
    case 'likes':
      return t('chat.likes', { count: item.count });
  }
}

/**
 * The line as a screen reader hears it, or null for merged likes (their count keeps growing on
 * one line; the Likes counter has the figure).
 */
export function feedSpoken(item: FeedItem, t: TFunction): string | null {
  if (item.kind === 'notice') return item.text;
  if (item.kind === 'likes') return null;
  const nick = item.nick || item.userId;
  return item.kind === 'text' ? `${nick}: ${item.text}` : `${nick} ${feedBody(item, t)}`;
}
