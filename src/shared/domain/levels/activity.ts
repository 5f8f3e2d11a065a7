// What one delivered group message is worth (Group.CallbackAfterSendMsg, im-live-sells message
// types): a chat line, a like batch, a gift or a purchase, who is credited and whether the backend
// vouched for it. Gift and purchase messages are verified only when the App admin sent them
// (Operator_Account = admin).
import { type LevelRules } from './levelRules';

export type ActivityKind = 'text' | 'like' | 'gift' | 'purchase' | 'watch';

export interface Activity {
  kind: ActivityKind;
  /** The account credited. */
  account: string;
  /** Points before per-minute caps. */
  points: number;
  /** 0 unless the per-minute cap applies to this kind. */
  capPerMinute: number;
  /** Gifts and purchases: sent by the backend. Text, likes and watch time are always "verified". */
  verified: boolean;
  /** Likes for `like`, value in minor units for gift/purchase, minutes for watch, 1 for text. */
  amount: number;
}

export interface MessageInput {
  from: string;
  operator: string;
  admin: string;
  body: ReadonlyArray<{ MsgType: string; MsgContent: Record<string, unknown> }>;
}

const MAX_VALUE = 1_000_000_000;

/** The activities a delivered message earns; [] for the admin's own chat or unknown custom data. */
export function messageActivities(rules: LevelRules, m: MessageInput): Activity[] {
  const out: Activity[] = [];
  const byBackend = m.operator === m.admin;
  const hasText = m.body.some((e) => e.MsgType === 'TIMTextElem' && typeof e.MsgContent.Text === 'string' && e.MsgContent.Text.trim() !== '');
  if (hasText && m.from !== m.admin) {
    out.push({ kind: 'text', account: m.from, points: rules.text.points, capPerMinute: rules.text.perMinuteCap, verified: true, amount: 1 });
  }
  const custom = m.body.find((e) => e.MsgType === 'TIMCustomElem');
  if (!custom) return out;
  const data = custom.MsgContent.Data;
  const ext = parseExt(custom.MsgContent.Ext);
  if (data === 'LIKE' && m.from !== m.admin) {
    const likes = Math.min(intOf(ext?.count, 1), rules.like.maxPerBatch);
    if (likes > 0) {
      out.push({ kind: 'like', account: m.from, points: likes * rules.like.pointsPerLike, capPerMinute: rules.like.perMinuteCap, verified: true, amount: likes });
    }
  } else if (data === 'SEND_GIFT' || data === 'BUY_GOODS') {
    const account = m.from !== m.admin ? m.from : typeof ext?.userID === 'string' ? ext.userID : '';
    if (!account || account === m.admin) return out;
    const gift = data === 'SEND_GIFT';
    const value = Math.min(MAX_VALUE, intOf(gift ? ext?.value : ext?.price, 0) * intOf(gift ? ext?.count : ext?.quantity, 1));
    const weight = byBackend ? 1 : rules.unverifiedWeight;
    const base = gift ? value * rules.gift.pointsPerUnit : value * rules.purchase.pointsPerUnit + rules.purchase.pointsPerOrder;
    out.push({ kind: gift ? 'gift' : 'purchase', account, points: Math.floor(base * weight), capPerMinute: 0, verified: byBackend, amount: value });
  }
  return out;
}

/** Watch time between a join and an exit (ms), capped per session. */
export function watchActivity(rules: LevelRules, account: string, joinedAt: number, exitedAt: number): Activity {
  const minutes = Math.min(rules.watch.maxMinutesPerSession, Math.max(0, Math.floor((exitedAt - joinedAt) / 60_000)));
  return { kind: 'watch', account, points: minutes * rules.watch.pointsPerMinute, capPerMinute: 0, verified: true, amount: minutes };
}

function parseExt(ext: unknown): Record<string, unknown> | undefined {
  if (typeof ext !== 'string' || ext === '') return undefined;
  try {
    const v: unknown = JSON.parse(ext);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A non-negative integer from a claim, else the fallback (claims are untrusted input). */
function intOf(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_VALUE ? v : fallback;
}
