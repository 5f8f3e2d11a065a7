// Untrusted tim-js-sdk Message → RoomEvent. The chat hot path: hand checks for the envelope; the
// custom events and group fields go through the one wire codec (liveCommerce.ts); never throws.
import { decodeCustomEvent, decodeRoomFields } from '../liveCommerce';
import { isPromotionEventType } from '../promotions/wire';
import {
  asRecord,
  cleanAvatar,
  cleanId,
  cleanNick,
  cleanText,
  parseBoundedJson,
  summariseJson,
} from './text';
import { ROOM_LIMITS, type DecodedMessage, type RoomEvent, type UnrecognisedReason, type Who } from './types';

export interface DecodeContext {
  /** The admin/backend accounts whose gifts and purchases are verified revenue (REST after payment). */
  adminIds: ReadonlySet<string>;
  /** Receipt time (epoch ms), used when a message has no usable `time`. */
  now?: number;
  /** When set, group messages addressed to another group are ignored. */
  groupId?: string;
}

type Rec = Record<string, unknown>;

const unrecognised = (
  reason: UnrecognisedReason,
  id: string,
  at: number,
  countsTowardBudget = false,
): DecodedMessage => (id ? { kind: 'unrecognised', reason, id, at, countsTowardBudget } : { kind: 'unrecognised', reason, at, countsTowardBudget });

/** Message types a viewer can send that the console does not show; they still use the group budget. */
const OTHER_USER_TYPES = new Set([
  'TIMImageElem',
  'TIMSoundElem',
  'TIMVideoFileElem',
  'TIMFileElem',
  'TIMFaceElem',
  'TIMLocationElem',
  'TIMRelayElem',
]);
/** Tip operations that are real but not part of the room's story (kick, admin changes, bans). */
const QUIET_TIPS = new Set([3, 4, 5, 7, 10, 11]);
const SCAN_LIST = 1000;
const SCAN_FIELDS = 50;

export function decodeTimMessage(m: unknown, ctx: DecodeContext): DecodedMessage | null {
  try {
    return decode(m, ctx);
  } catch {
    // Getters or proxies on a hostile object; JSON-shaped input never reaches here.
    return { kind: 'unrecognised', reason: 'threw' };
  }
}

/** Decodes a MESSAGE_RECEIVED batch, dropping what is not for the room (nulls). */
export function decodeTimMessages(list: unknown, ctx: DecodeContext): DecodedMessage[] {
  if (!Array.isArray(list)) return [{ kind: 'unrecognised', reason: 'notObject' }];
  const out: DecodedMessage[] = [];
  for (const m of list) {
    const e = decodeTimMessage(m, ctx);
    if (e) out.push(e);
  }
  return out;
}

function timeOf(rec: Rec, ctx: DecodeContext): number {
  const t = rec.time;
  // TIM's `time` is seconds; accept 2001-01-01…2286 so ms values or garbage fall back to now.
  if (typeof t === 'number' && t > 978_307_200 && t < 1e10) return Math.floor(t) * 1000;
  const now = ctx.now;
  return typeof now === 'number' && Number.isFinite(now) && now > 0 ? now : 0;
}

function decode(m: unknown, ctx: DecodeContext): DecodedMessage | null {
  const rec = asRecord(m);
  if (!rec) return { kind: 'unrecognised', reason: 'notObject' };
  const id = cleanId(rec.ID, ROOM_LIMITS.messageIdChars) ?? '';
  const at = timeOf(rec, ctx);
  const type = rec.type;
  const payload = asRecord(rec.payload);
  if (typeof type !== 'string' || !payload) return unrecognised('badEnvelope', id, at);
  if (rec.conversationType === 'C2C') return null;
  if (ctx.groupId !== undefined && typeof rec.to === 'string' && rec.to !== ctx.groupId && type !== 'TIMGroupSystemNoticeElem') {
    return null;
  }
  switch (type) {
    case 'TIMTextElem':
    case 'TIMCustomElem': {
      const who = senderOf(rec);
      if (!who) return unrecognised('badSender', id, at, true);
      return type === 'TIMTextElem' ? decodeText(payload, who, id, at, ctx, rec) : decodeCustom(rec, payload, who, id, at, ctx);
    }
    case 'TIMGroupTipElem':
      return decodeTip(rec, payload, id, at);
    case 'TIMGroupSystemNoticeElem':
      return decodeNotice(payload, id, at);
    default:
      return unrecognised('unsupportedType', id, at, OTHER_USER_TYPES.has(type));
  }
}

function senderOf(rec: Rec): Who | undefined {
  const userId = cleanId(rec.from, ROOM_LIMITS.userIdChars);
  if (!userId) return undefined;
  return { userId, nick: cleanNick(rec.nick) || cleanNick(rec.nameCard) || cleanNick(userId), avatar: cleanAvatar(rec.avatar) };
}

function decodeText(payload: Rec, who: Who, id: string, at: number, ctx: DecodeContext, rec: Rec): DecodedMessage {
  const text = cleanText(payload.text, ROOM_LIMITS.textChars, true);
  if (!text) return unrecognised('emptyText', id, at, true);
  const op = decodeOperatorTag(rec.cloudCustomData);
  return { kind: 'text', at, id, text, fromAdmin: ctx.adminIds.has(who.userId), ...who, ...(op ? { operatorRole: op.role } : {}) };
}

/**
 * Verified sends come from the admin account, so the paying viewer rides in the message's
 * cloudCustomData as `{"paidBy":{"userId","nick"?,"avatar"?}}` (the Ext schemas are strict).
 */
export function encodePaidBy(who: { userId: string; nick?: string; avatar?: string }): string {
  return JSON.stringify({ paidBy: who });
}

/**
 * A console operator's chat message says who speaks in its cloudCustomData:
 * `{"operator":{"name":"Ann","role":"assistant"}}` (role: host | assistant | moderator). The nick
 * is the operator's name too (their account is imported with it), so viewers that ignore this
 * field (im-live-sells) still see the name; those that read it show a role badge.
 */
export function encodeOperatorTag(o: { name: string; role: OperatorRole }): string {
  return JSON.stringify({ operator: { name: o.name, role: o.role } });
}

export type OperatorRole = 'host' | 'assistant' | 'moderator';
const OPERATOR_ROLES: ReadonlySet<unknown> = new Set(['host', 'assistant', 'moderator']);

/** The operator tag of a message's cloudCustomData, or undefined (absent, malformed, unknown role). */
export function decodeOperatorTag(cloudCustomData: unknown): { name: string; role: OperatorRole } | undefined {
  if (typeof cloudCustomData !== 'string' || !cloudCustomData.includes('"operator"')) return undefined;
  const parsed = parseBoundedJson(cloudCustomData, 2048);
  const o = parsed.ok ? asRecord(asRecord(parsed.value)?.operator) : undefined;
  if (!o || !OPERATOR_ROLES.has(o.role)) return undefined;
  return { name: cleanNick(o.name), role: o.role as OperatorRole };
}

function paidByOf(rec: Rec): Who | undefined {
  if (typeof rec.cloudCustomData !== 'string' || !rec.cloudCustomData) return undefined;
  const parsed = parseBoundedJson(rec.cloudCustomData, 2048);
  const p = parsed.ok ? asRecord(asRecord(parsed.value)?.paidBy) : undefined;
  const userId = cleanId(p?.userId, ROOM_LIMITS.userIdChars);
  if (!p || !userId) return undefined;
  return { userId, nick: cleanNick(p.nick) || userId, avatar: cleanAvatar(p.avatar) };
}

function decodeCustom(rec: Rec, payload: Rec, who: Who, id: string, at: number, ctx: DecodeContext): DecodedMessage | null {
  const data = payload.data;
  const ext = payload.extension ?? '';
  if (typeof data !== 'string' || typeof ext !== 'string') return unrecognised('badEnvelope', id, at, true);
  // Promotion messages are the promotions view's (features/promotions), not the chat feed's.
  if (isPromotionEventType(data)) return null;
  const decoded = decodeCustomEvent(data, ext, ROOM_LIMITS.rawJsonChars);
  if (!decoded.ok) return unrecognised(decoded.reason, id, at, true);
  const e = decoded.event;
  const bad = () => unrecognised('badExt', id, at, true);
  switch (e.type) {
    case 'LIKE':
      return { kind: 'like', at, id, count: e.count, ...who };
    case 'SEND_GIFT':
    case 'BUY_GOODS': {
      // A foreign gift (another app's free-form extension) has no value to verify.
      const verified = ctx.adminIds.has(who.userId) && !(e.type === 'SEND_GIFT' && e.foreign);
      const payer = verified ? paidByOf(rec) : undefined;
      const credited = payer ?? who;
      const onBehalf = payer !== undefined;
      if (e.type === 'SEND_GIFT') {
        const giftId = cleanText(e.giftId, 32);
        if (!giftId) return bad();
        const name = cleanText(e.name, 32) || giftId;
        return { kind: 'gift', at, id, giftId, name, unitValue: e.value, count: e.count, verified, onBehalf, ...credited };
      }
      const productId = cleanText(e.id, 64);
      if (!productId) return bad();
      const title = cleanText(e.title, 120) || productId;
      return { kind: 'purchase', at, id, productId, title, unitPrice: e.price, quantity: e.quantity, verified, onBehalf, ...credited };
    }
    case 'ATTENTION':
      return { kind: 'follow', at, id, ...who };
    case 'CANCELATTENTION':
      return { kind: 'unfollow', at, id, ...who };
    case 'USE_COUPON':
      return { kind: 'coupon', at, id, ...who };
  }
}

function decodeTip(rec: Rec, payload: Rec, id: string, at: number): DecodedMessage | null {
  const op = payload.operationType;
  if (op === 1 || op === 2) {
    const list = Array.isArray(payload.userIDList) ? payload.userIDList : [];
    const userIds: string[] = [];
    let total = 0;
    for (let i = 0; i < list.length && i < SCAN_LIST; i++) {
      const u = cleanId(list[i], ROOM_LIMITS.userIdChars);
      if (!u) continue;
      total += 1;
      if (userIds.length < ROOM_LIMITS.tipUsers) userIds.push(u);
    }
    // The SDK defaults userIDList to [operatorID] (tim-js-sdk GroupTipElem).
    const fallback = cleanId(payload.operatorID, ROOM_LIMITS.userIdChars) ?? cleanId(rec.from, ROOM_LIMITS.userIdChars);
    if (total === 0 && fallback) {
      userIds.push(fallback);
      total = 1;
    }
    const first = userIds[0];
    if (!first) return unrecognised('badTip', id, at);
    const who: Who = { userId: first, nick: cleanNick(rec.nick) || cleanNick(first), avatar: cleanAvatar(rec.avatar) };
    return { kind: op === 1 ? 'join' : 'leave', at, id, userIds, total, ...who };
  }
  if (op === 6) return decodeProfileTip(payload, id, at);
  if (typeof op === 'number' && QUIET_TIPS.has(op)) return null;
  return unrecognised('badTip', id, at);
}

/** Tip 6: only changed properties appear (tim-js-sdk GroupTipElem); each known field mirrors the viewer page. */
function decodeProfileTip(payload: Rec, id: string, at: number): DecodedMessage | null {
  const np = asRecord(payload.newGroupProfile);
  return np ? fieldsEvent(np, at) : unrecognised('badTip', id, at);
}

/**
 * The room fields of a getGroupProfile result (`{groupCustomField, notification}`), for the first
 * snapshot after joining or reconnecting; tip 6 carries the same shape. Null when none is present.
 */
export function decodeGroupProfile(profile: unknown, now: number): Extract<RoomEvent, { kind: 'roomFields' }> | null {
  try {
    const np = asRecord(profile);
    return np ? fieldsEvent(np, Number.isFinite(now) ? now : 0) : null;
  } catch {
    return null;
  }
}

function fieldsEvent(np: Rec, at: number): Extract<RoomEvent, { kind: 'roomFields' }> | null {
  const e: Extract<RoomEvent, { kind: 'roomFields' }> = { kind: 'roomFields', at };
  const list = Array.isArray(np.groupCustomField) ? (np.groupCustomField as unknown[]).slice(0, SCAN_FIELDS) : [];
  const fields = decodeRoomFields(
    list.map((f) => asRecord(f) ?? {}).map((f) => ({ key: f.key, value: f.value })),
    ROOM_LIMITS.rawJsonChars,
  );
  if (fields.status !== undefined) e.status = fields.status;
  if (fields.product !== undefined) e.product = fields.product;
  if (fields.giftCatalog !== undefined) e.giftCatalog = fields.giftCatalog;
  let changed = Object.keys(fields).length > 0;
  if (typeof np.notification === 'string') {
    e.announcement = cleanText(np.notification, ROOM_LIMITS.announcementChars, true);
    changed = true;
  }
  return changed ? e : null;
}

/** Notice 255 carries REST `Content`; im-live-sells sends JSON `{type, msg}` (im-live-sells). */
function decodeNotice(payload: Rec, id: string, at: number): DecodedMessage | null {
  if (payload.operationType !== 255) return null;
  const udf = payload.userDefinedField;
  if (typeof udf !== 'string') return unrecognised('badNotice', id, at);
  if (udf.length > ROOM_LIMITS.rawJsonChars) return unrecognised('tooLarge', id, at);
  let noticeType = '';
  let text = '';
  const first = udf.trimStart()[0];
  const j = first === '{' ? parseBoundedJson(udf) : undefined;
  const obj = j?.ok ? asRecord(j.value) : undefined;
  if (obj && typeof obj.type === 'string') {
    noticeType = cleanText(obj.type, ROOM_LIMITS.noticeTypeChars);
    text = obj.msg === undefined ? '' : summariseJson(obj.msg, ROOM_LIMITS.noticeChars);
  } else {
    text = cleanText(udf, ROOM_LIMITS.noticeChars, true);
  }
  if (!text && !noticeType) return unrecognised('badNotice', id, at);
  return { kind: 'notice', at, id, noticeType, text };
}
