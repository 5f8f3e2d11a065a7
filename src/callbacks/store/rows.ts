// Row ↔ domain mapping shared by the SQLite and PostgreSQL stores, so both report alike.
import { type PointEvent, type UserStanding } from './levelStore';

export interface UserRow {
  account: string;
  points: number | string;
  level: number;
  messages: number | string;
  likes: number | string;
  gift_value: number | string;
  purchase_value: number | string;
  unverified_value: number | string;
  updated_at: number | string;
}

/** pg returns BIGINT as a string; these totals stay far below 2^53. */
export function rowToStanding(r: UserRow): UserStanding {
  return {
    account: r.account,
    points: Number(r.points),
    level: Number(r.level),
    messages: Number(r.messages),
    likes: Number(r.likes),
    giftValue: Number(r.gift_value),
    purchaseValue: Number(r.purchase_value),
    unverifiedValue: Number(r.unverified_value),
    updatedAt: Number(r.updated_at),
  };
}

/** Counter increments for one event. */
export function counterDeltas(e: PointEvent): { messages: number; likes: number; gift: number; purchase: number; unverified: number } {
  return {
    messages: e.kind === 'text' ? 1 : 0,
    likes: e.kind === 'like' ? e.amount : 0,
    gift: e.kind === 'gift' && e.verified ? e.amount : 0,
    purchase: e.kind === 'purchase' && e.verified ? e.amount : 0,
    unverified: (e.kind === 'gift' || e.kind === 'purchase') && !e.verified ? e.amount : 0,
  };
}
