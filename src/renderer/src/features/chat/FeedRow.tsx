// One chat line: text with avatar, level badge and nick; join/leave, gift, purchase, follow,
// merged likes and system notices. Gifts and purchases say whether they are verified revenue.
import { useTranslation } from 'react-i18next';
import type { FeedItem } from '../../../../shared/domain/room';
import { IconButton } from '../shell/IconButton';
import { safeAvatar } from './feedView';
import { feedBody } from './feedText';

interface FeedRowProps {
  item: FeedItem;
  level: number | undefined;
  /** `opener`: the ⋯ button, where focus returns when the actions close. */
  onActions: (user: { userId: string; nick: string; text?: string }, opener: HTMLElement) => void;
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
        // Visible "Lv2", read as "Level 2": a plain span cannot carry an aria-label.
        <span className="level-badge">
          <span aria-hidden="true">{t('chat.levelShort', { level })}</span>
          <span className="visually-hidden">{t('chat.level', { level })}</span>
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
          <IconButton
            glyph="⋯"
            label={t('chat.actionsFor', { nick })}
            className="feed-actions"
            aria-haspopup="true"
            onClick={(e) => onActions({ userId: item.userId, nick, text: item.text }, e.currentTarget)}
          />
        </div>
      );
    case 'join':
    case 'leave':
      return (
        <div className="feed-line feed-presence">
          {who}
          <span className="feed-body">{feedBody(item, t)}</span>
        </div>
      );
    case 'gift':
    case 'purchase':
      return (
        <div className={`feed-line feed-${item.kind}`}>
          {who}
          <span className="feed-body">{feedBody(item, t)}</span>
          <span className={`verify-badge ${item.verified ? 'is-verified' : 'is-unverified'}`}>{t(item.verified ? 'chat.verified' : 'chat.unverified')}</span>
        </div>
      );
    case 'follow':
    case 'coupon':
      return (
        <div className={`feed-line feed-${item.kind}`}>
          {who}
          <span className="feed-body">{feedBody(item, t)}</span>
        </div>
      );
    case 'likes':
      return (
        <div className="feed-line feed-likes">
          {who}
          <span className="feed-body">{feedBody(item, t)}</span>
        </div>
      );
  }
}
