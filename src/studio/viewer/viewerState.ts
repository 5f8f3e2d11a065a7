// The viewer page's model: what the audience sees, derived from TIM messages and group
// custom fields with the shared live-commerce codecs. Pure, so it is unit-tested in Node.
import {
  decodeCustomEvent,
  decodeRoomFields,
  DEFAULT_GIFT_CATALOG,
  type Gift,
  type LaunchedProduct,
  type RoomStatus,
} from '../../shared/domain/liveCommerce';
import {
  applyPromotionEvent,
  applyPromotionFields,
  applyVerifiedEcho,
  decodePromotionEvent,
  decodePromotionFields,
  emptyPromoView,
  type PromoView,
} from '../../shared/domain/promotions';
import { decodeOperatorTag, type OperatorRole } from '../../shared/domain/room';

export interface FeedLine {
  id: string;
  kind: 'text' | 'join' | 'leave' | 'gift' | 'buy' | 'follow' | 'like' | 'notice' | 'winners';
  nick: string;
  text: string;
  vars: Record<string, string | number>;
  /** A console operator's message: their role, for a badge beside the name. */
  role?: OperatorRole;
}

export interface ViewerState {
  status: RoomStatus | undefined;
  product: LaunchedProduct | undefined;
  gifts: Gift[];
  announcement: string;
  feed: FeedLine[];
  likes: number;
  /** Flash sale, coupon, lucky bag, pinned comment and their counters (promotions/view.ts). */
  promo: PromoView;
  /** The backend account: only its orders and claims move the counters (viewers' sends are claims). */
  adminId: string;
}

export const FEED_LIMIT = 200;

export const initialViewerState = (): ViewerState => ({
  status: undefined,
  product: undefined,
  gifts: DEFAULT_GIFT_CATALOG,
  announcement: '',
  feed: [],
  likes: 0,
  promo: emptyPromoView(),
  adminId: 'administrator',
});

/** Fields from getGroupProfile or a profile-updated tip; absent keys keep their value. */
export function applyFields(s: ViewerState, fields: Array<{ key: string; value: string }>): ViewerState {
  const f = decodeRoomFields(fields);
  return {
    ...s,
    ...(f.status !== undefined ? { status: f.status ?? undefined } : {}),
    ...(f.product !== undefined ? { product: f.product ?? undefined } : {}),
    ...(f.giftCatalog !== undefined ? { gifts: f.giftCatalog } : {}),
    promo: applyPromotionFields(s.promo, decodePromotionFields(fields)),
  };
}

/** The subset of a tim-js-sdk Message the viewer reads. */
export interface TimMessageLike {
  ID: string;
  type: string;
  nick?: string;
  from: string;
  payload: Record<string, unknown>;
  cloudCustomData?: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function applyMessage(s: ViewerState, m: TimMessageLike): ViewerState {
  const nick = (m.nick || m.from).slice(0, 40);
  const line = (kind: FeedLine['kind'], text: string, vars: FeedLine['vars'] = {}): ViewerState => ({
    ...s,
    feed: [...s.feed, { id: m.ID, kind, nick, text: text.slice(0, 500), vars: { nick, ...vars } }].slice(-FEED_LIMIT),
  });
  if (m.type === 'TIMTextElem') {
    const op = decodeOperatorTag(m.cloudCustomData);
    const next = line('text', str(m.payload.text));
    if (!op) return next;
    const last = next.feed[next.feed.length - 1] as FeedLine;
    return { ...next, feed: [...next.feed.slice(0, -1), { ...last, role: op.role }] };
  }
  if (m.type === 'TIMGroupTipElem') {
    const op = m.payload.operationType;
    if (op === 1) return line('join', '');
    if (op === 2) return line('leave', '');
    if (op === 6) {
      const np = (m.payload.newGroupProfile ?? {}) as { groupCustomField?: Array<{ key: string; value: string }>; notification?: string };
      let next = applyFields(s, Array.isArray(np.groupCustomField) ? np.groupCustomField : []);
      if (typeof np.notification === 'string') next = { ...next, announcement: np.notification };
      return next;
    }
    return s;
  }
  if (m.type === 'TIMGroupSystemNoticeElem') return line('notice', str(m.payload.userDefinedField));
  if (m.type === 'TIMCustomElem') {
    const pe = decodePromotionEvent(str(m.payload.data), str(m.payload.extension));
    if (pe) {
      const next = { ...s, promo: applyPromotionEvent(s.promo, pe) };
      return pe.type === 'LUCKY_BAG_DRAW' ? { ...line('winners', '', { prize: pe.draw.prize, winners: pe.draw.winners.join(', ') || '—' }), promo: next.promo } : next;
    }
    const d = decodeCustomEvent(str(m.payload.data), str(m.payload.extension));
    if (!d.ok) return s;
    const e = d.event;
    if (m.from === s.adminId) s = { ...s, promo: applyVerifiedEcho(s.promo, e) };
    switch (e.type) {
      case 'LIKE':
        return { ...line('like', '', { count: e.count }), likes: s.likes + e.count };
      case 'SEND_GIFT':
        return line('gift', '', { name: e.name, count: e.count });
      case 'BUY_GOODS':
        return line('buy', '', { title: e.title });
      case 'ATTENTION':
        return line('follow', '');
      case 'USE_COUPON':
        return s;
      default:
        return s;
    }
  }
  return s;
}
