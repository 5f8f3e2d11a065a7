// The viewer page's model: what the audience sees, derived from TIM messages and group
// custom fields with the shared live-commerce codecs. Pure, so it is unit-tested in Node.
import {
  decodeFieldValue,
  DEFAULT_GIFT_CATALOG,
  FIELD_ADD_GOODS,
  FIELD_GIFT_CATALOG,
  FIELD_ROOM_STATUS,
  giftCatalogSchema,
  decodeLaunchedProduct,
  parseRoomStatus,
  type Gift,
  type LaunchedProduct,
  type RoomStatus,
} from '../../shared/domain/liveCommerce';

export interface FeedLine {
  id: string;
  kind: 'text' | 'join' | 'leave' | 'gift' | 'buy' | 'follow' | 'like' | 'notice';
  nick: string;
  text: string;
  vars: Record<string, string | number>;
}

export interface ViewerState {
  status: RoomStatus | undefined;
  product: LaunchedProduct | undefined;
  gifts: Gift[];
  announcement: string;
  feed: FeedLine[];
  likes: number;
}

export const FEED_LIMIT = 200;

export const initialViewerState = (): ViewerState => ({
  status: undefined,
  product: undefined,
  gifts: DEFAULT_GIFT_CATALOG,
  announcement: '',
  feed: [],
  likes: 0,
});

/** Fields from getGroupProfile or a profile-updated tip; absent keys keep their value. */
export function applyFields(s: ViewerState, fields: Array<{ key: string; value: string }>): ViewerState {
  let next = s;
  for (const { key, value } of fields) {
    if (key === FIELD_ROOM_STATUS) next = { ...next, status: parseRoomStatus(value) };
    if (key === FIELD_ADD_GOODS) next = { ...next, product: decodeLaunchedProduct(value) };
    if (key === FIELD_GIFT_CATALOG) {
      const gifts = decodeFieldValue(giftCatalogSchema, value);
      next = { ...next, gifts: gifts && gifts.length ? gifts : DEFAULT_GIFT_CATALOG };
    }
  }
  return next;
}

/** The subset of a tim-js-sdk Message the viewer reads. */
export interface TimMessageLike {
  ID: string;
  type: string;
  nick?: string;
  from: string;
  payload: Record<string, unknown>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function parseExt(ext: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(ext);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const num = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1e9 ? Math.floor(v) : fallback;

export function applyMessage(s: ViewerState, m: TimMessageLike): ViewerState {
  const nick = (m.nick || m.from).slice(0, 40);
  const line = (kind: FeedLine['kind'], text: string, vars: FeedLine['vars'] = {}): ViewerState => ({
    ...s,
    feed: [...s.feed, { id: m.ID, kind, nick, text: text.slice(0, 500), vars: { nick, ...vars } }].slice(-FEED_LIMIT),
  });
  if (m.type === 'TIMTextElem') return line('text', str(m.payload.text));
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
    const ext = parseExt(str(m.payload.extension));
    switch (str(m.payload.data)) {
      case 'LIKE': {
        const count = Math.min(num(ext.count, 1), 1000);
        return { ...line('like', '', { count }), likes: s.likes + count };
      }
      case 'SEND_GIFT':
        return line('gift', '', { name: str(ext.name).slice(0, 32) || str(ext.giftId).slice(0, 32), count: num(ext.count, 1) });
      case 'BUY_GOODS':
        return line('buy', '', { title: str(ext.title).slice(0, 120) });
      case 'ATTENTION':
        return line('follow', '');
      default:
        return s;
    }
  }
  return s;
}
