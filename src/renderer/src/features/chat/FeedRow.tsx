// One chat line: text with avatar, level badge and nick; join/leave, gift, purchase, follow,
// merged likes and system notices. Gifts and purchases say whether they are verified revenue.
import { useTranslation } from 'react-i18next';
import type { FeedItem } from '../../../../shared/domain/room';
import { formatMoney } from '../counters/money';
import { safeAvatar } from './feedView';

interface FeedRowProps {
  item: FeedItem;
  level: number | undefined;
  onActions: (user: { userId: string; nick: string }) => void;
}

export function FeedRow({ item, level, onActions }: FeedRowProps) {
  const { t } = useTranslation();
  if (item.kind === 'notice') {
    return (
      <div className="feed-line feed-notice" title={item.text}>
        <span aria-hidden="true">📢 </span>
        {item.text}
      </div>
    );
  }
  const nick = item.nick || item.userId;
  const avatar = safeAvatar(item.avatar);
  const who = (
    <>
      {avatar ? <img className="avatar" src={avatar} alt="" width={20} height={20} loading="lazy" /> : <span className="avatar avatar-blank" aria-hidden="true" />}
      {level !== undefined && level > 0 && (
        <span className="level-badge" aria-label={t('chat.level', { level })}>
          {t('chat.levelShort', { level })}
        </span>
      )}
      <strong className="nick">{nick}</strong>
    </>
  );
  switch (item.kind) {
    case 'text':
      return (
        <div className={`feed-line feed-text${item.fromAdmin ? ' feed-admin' : ''}`} title={`${nick}: ${item.text}`}>
          {who}
          {item.operatorRole && <span className={`badge badge-role badge-role-${item.operatorRole}`}>{t(`team.roles.${item.operatorRole}`)}</span>}
          <span className="feed-body">{item.text}</span>
          <button type="button" className="button button-quiet icon-button feed-actions" aria-label={t('chat.actionsFor', { nick })} onClick={() => onActions({ userId: item.userId, nick })}>
            ⋯
          </button>
        </div>
      );
    case 'join':
    case 'leave':
      return (
        <div className="feed-line feed-presence">
          {who}
          <span className="feed-body">{t(item.others > 0 ? `chat.${item.kind}Many` : `chat.${item.kind}`, { count: item.others })}</span>
        </div>
      );
    case 'gift':
    case 'purchase':
      return (
        <div className={`feed-line feed-${item.kind}`}>
          {who}
          <span className="feed-body">
            {item.kind === 'gift'
              ? t('chat.gift', { name: item.name, count: item.count, value: formatMoney(item.value) })
              : t('chat.purchase', { title: item.title, count: item.quantity, value: formatMoney(item.value) })}
          </span>
          <span className={`verify-badge ${item.verified ? 'is-verified' : 'is-unverified'}`}>{t(item.verified ? 'chat.verified' : 'chat.unverified')}</span>
        </div>
      );
    case 'follow':
    case 'coupon':
      return (
        <div className={`feed-line feed-${item.kind}`}>
          {who}
          <span className="feed-body">{t(`chat.${item.kind}`)}</span>
        </div>
      );
    case 'likes':
      return (
        <div className="feed-line feed-likes">
          {who}
          <span className="feed-body">{t('chat.likes', { count: item.count })}</span>
        </div>
      );
  }
}
