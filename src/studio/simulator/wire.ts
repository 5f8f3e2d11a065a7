// The simulator's side of the live-commerce wire (encoded and decoded by liveCommerce.ts):
// planned actions → messages to send, received messages → tallies, group-field tips → the room
// view (gift catalog, launched product) viewers act on. Pure.
import {
  ROOM_CUSTOM_FIELDS,
  decodeRoomFields,
  encodeCustomEvent,
  type Gift,
  type LaunchedProduct,
  type RoomStatus,
} from '../../shared/domain/liveCommerce';
import type { CustomPayload, GroupTipPayload, MessagePriority, TimMessage } from '../../tim/timTypes';
import type { Action } from './schedule';

/** What viewers know about the room: kept current from getGroupProfile and tip 6. */
export interface AudienceView {
  giftCatalog: Gift[];
  product: LaunchedProduct | undefined;
  status: RoomStatus | undefined;
}

export const emptyAudienceView = (): AudienceView => ({ giftCatalog: [], product: undefined, status: undefined });

/** Read for the plan's product and gifts, and the promotions the audience reacts to. */
export const ROOM_FIELDS: readonly string[] = ROOM_CUSTOM_FIELDS;

/** Applies custom-field values (from a profile or a tip's newGroupProfile); `""` clears a field. */
export function applyFields(view: AudienceView, fields: readonly { key: string; value: string }[]): AudienceView {
  const f = decodeRoomFields(fields);
  return {
    ...view,
    ...(f.giftCatalog !== undefined ? { giftCatalog: f.giftCatalog } : {}),
    ...(f.product !== undefined ? { product: f.product ?? undefined } : {}),
    ...(f.status !== undefined ? { status: f.status ?? undefined } : {}),
  };
}

export type Outgoing =
  | { type: 'text'; text: string; priority: MessagePriority }
  | { type: 'custom'; data: string; extension: string; priority: MessagePriority; value?: number }
  | { type: 'skip'; reason: 'buyNoProduct' | 'giftNoCatalog' };

/**
 * The message for a planned action, with the viewer page's priorities: likes and gifts Lowest
 * (im-live-sells), buys High, follows Normal, chat Normal. `value` is a gift's total in minor units.
 */
export function outgoingFor(action: Action, room: AudienceView): Outgoing {
  switch (action.kind) {
    case 'chat':
      return { type: 'text', text: action.text, priority: 'Normal' };
    case 'like':
      return { type: 'custom', ...encodeCustomEvent({ type: 'LIKE', count: action.count }), priority: 'Lowest' };
    case 'gift': {
      const catalog = room.giftCatalog;
      if (catalog.length === 0) return { type: 'skip', reason: 'giftNoCatalog' };
      const g = catalog[Math.min(catalog.length - 1, Math.floor(action.pick * catalog.length))] as Gift;
      const wire = encodeCustomEvent({ type: 'SEND_GIFT', giftId: g.id, name: g.name, value: g.value, count: action.count });
      return { type: 'custom', ...wire, priority: 'Lowest', value: g.value * action.count };
    }
    case 'follow':
      return { type: 'custom', ...encodeCustomEvent({ type: 'ATTENTION' }), priority: 'Normal' };
    case 'buy': {
      const p = room.product;
      if (!p) return { type: 'skip', reason: 'buyNoProduct' };
      const wire = encodeCustomEvent({ type: 'BUY_GOODS', id: p.id, title: p.title, price: p.price, quantity: action.quantity });
      return { type: 'custom', ...wire, priority: 'High' };
    }
  }
}

export type ReceivedKind = 'text' | 'like' | 'gift' | 'buy' | 'follow' | 'otherCustom' | 'join' | 'quit' | 'profile' | 'system' | 'other';
export const RECEIVED_KINDS: readonly ReceivedKind[] = [
  'text',
  'like',
  'gift',
  'buy',
  'follow',
  'otherCustom',
  'join',
  'quit',
  'profile',
  'system',
  'other',
];

const CUSTOM_KINDS: Readonly<Record<string, ReceivedKind>> = {
  LIKE: 'like',
  SEND_GIFT: 'gift',
  BUY_GOODS: 'buy',
  ATTENTION: 'follow',
};

export function classify(m: Pick<TimMessage, 'type' | 'payload'>): ReceivedKind {
  switch (m.type) {
    case 'TIMTextElem':
      return 'text';
    case 'TIMCustomElem':
      return CUSTOM_KINDS[(m.payload as CustomPayload).data] ?? 'otherCustom';
    case 'TIMGroupTipElem': {
      const op = (m.payload as GroupTipPayload).operationType;
      return op === 1 ? 'join' : op === 2 ? 'quit' : op === 6 ? 'profile' : 'other';
    }
    case 'TIMGroupSystemNoticeElem':
      return 'system';
    default:
      return 'other';
  }
}

/**
 * How many viewers a join or quit tip is about: the studio merges a storm of joins into one tip
 * listing them all (tim-js-sdk GroupTipElem `userIDList`); 1 for anything else.
 */
export function tipMembers(m: Pick<TimMessage, 'type' | 'payload'>): number {
  if (m.type !== 'TIMGroupTipElem') return 1;
  return Math.max(1, (m.payload as GroupTipPayload).userIDList?.length ?? 1);
}

/** Custom fields a profile-updated tip carries, or none. */
export function tipFields(m: Pick<TimMessage, 'type' | 'payload'>): { key: string; value: string }[] {
  if (m.type !== 'TIMGroupTipElem') return [];
  const p = m.payload as GroupTipPayload;
  return p.operationType === 6 ? (p.newGroupProfile?.groupCustomField ?? []) : [];
}
