// Builders and a seeded generator of tim-js-sdk-shaped messages (valid, mutated and garbage) for
// the decoder/reducer tests, the fuzz test and bench/chat-reducer.ts. Deterministic per seed.

import { mulberry32, type Rng } from '../../prng';
import { FIELD_ROOM_STATUS } from '../liveCommerce';

export { mulberry32, type Rng };

export const GROUP = 'live_test';
export const T0 = 1_714_550_400; // 2024-05-01, seconds

type Msg = Record<string, unknown>;

function envelope(type: string, from: string, payload: Msg, time: number, extra: Msg = {}): Msg {
  return {
    ID: `${from}-${time}-${Math.floor(time * 7919) % 100000}`,
    type,
    payload,
    conversationID: `GROUP${GROUP}`,
    conversationType: 'GROUP',
    to: GROUP,
    from,
    flow: 'in',
    time,
    status: 'success',
    priority: 'Normal',
    nick: `Nick ${from}`,
    avatar: `https://cdn.example.com/${from}.png`,
    nameCard: '',
    cloudCustomData: '',
    ...extra,
  };
}

export const textMsg = (from: string, text: string, time = T0, extra: Msg = {}): Msg =>
  envelope('TIMTextElem', from, { text }, time, extra);

export const customMsg = (from: string, data: string, ext: unknown, time = T0, extra: Msg = {}): Msg =>
  envelope('TIMCustomElem', from, { data, description: '', extension: typeof ext === 'string' ? ext : JSON.stringify(ext) }, time, extra);

export const tipMsg = (operationType: number, from: string, more: Msg = {}, time = T0, extra: Msg = {}): Msg =>
  envelope(
    'TIMGroupTipElem',
    from,
    { operationType, operatorID: from, userIDList: [from], groupProfile: { groupID: GROUP }, ...more },
    time,
    { conversationType: 'GROUP', ...extra },
  );

export const fieldsTip = (fields: Array<{ key: string; value: string }>, notification?: string, time = T0): Msg =>
  tipMsg(6, 'administrator', { newGroupProfile: { groupCustomField: fields, ...(notification === undefined ? {} : { notification }) } }, time);

export const noticeMsg = (userDefinedField: unknown, time = T0, operationType = 255): Msg =>
  envelope('TIMGroupSystemNoticeElem', '@TIM#SYSTEM', { operationType, userDefinedField, groupProfile: { groupID: GROUP } }, time, {
    conversationType: '@TIM#SYSTEM',
    conversationID: '@TIM#SYSTEM',
  });

const NICKS = ['Alice', '小明', 'さくら', '민준', '<script>alert(1)</script>', '\u202Egnp.exe', 'x'.repeat(200), ''];
const GIFTS = [
  { giftId: 'rose', name: 'Rose', value: 100 },
  { giftId: 'heart', name: 'Heart', value: 500 },
  { giftId: 'rocket', name: 'Rocket', value: 5000 },
];

/** A valid message of a random kind, as the studio and im-live-sells would send it. */
export function validMessage(rng: Rng, time: number, admin = 'administrator'): Msg {
  const user = `sim_${Math.floor(rng() * 400)}`;
  const nick = NICKS[Math.floor(rng() * NICKS.length)] ?? '';
  const extra = { nick };
  const r = rng();
  if (r < 0.4) return textMsg(user, `hello ${Math.floor(rng() * 1e6)}`, time, extra);
  if (r < 0.6) return customMsg(user, 'LIKE', { count: 1 + Math.floor(rng() * 20) }, time, extra);
  if (r < 0.7) {
    const g = GIFTS[Math.floor(rng() * GIFTS.length)] ?? GIFTS[0];
    const fromAdmin = rng() < 0.3;
    const cc = fromAdmin ? JSON.stringify({ paidBy: { userId: user, nick } }) : '';
    return customMsg(fromAdmin ? admin : user, 'SEND_GIFT', { ...g, count: 1 + Math.floor(rng() * 5) }, time, { ...extra, cloudCustomData: cc });
  }
  if (r < 0.75) {
    const fromAdmin = rng() < 0.3;
    const ext = { id: 'A1', title: 'Dress', price: 19900, quantity: 1 + Math.floor(rng() * 3) };
    return customMsg(fromAdmin ? admin : user, 'BUY_GOODS', ext, time, extra);
  }
  if (r < 0.8) return customMsg(user, rng() < 0.7 ? 'ATTENTION' : 'CANCELATTENTION', '{}', time, extra);
  if (r < 0.82) return customMsg(user, 'USE_COUPON', '', time, extra);
  if (r < 0.9) return tipMsg(rng() < 0.6 ? 1 : 2, user, {}, time, extra);
  if (r < 0.95) {
    const status = ['not_started', 'live', 'paused', 'ended', 'bogus'][Math.floor(rng() * 5)] ?? 'live';
    return fieldsTip([{ key: FIELD_ROOM_STATUS, value: status }], rng() < 0.5 ? 'Coupons at 20:00' : undefined, time);
  }
  return noticeMsg(JSON.stringify({ type: 'SYSTEM_NORMAL_MESSAGE', msg: { text: 'Lottery soon' } }), time);
}

const HOSTILE_VALUES: unknown[] = [
  null,
  undefined,
  NaN,
  Infinity,
  -Infinity,
  -1,
  0,
  1e308,
  2 ** 53 + 1,
  '',
  'x'.repeat(100_000),
  '{"count":1e400}',
  '{"count":-5}',
  '{"__proto__":{"polluted":true},"count":3}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '['.repeat(5000) + ']'.repeat(5000),
  '{bad json',
  '<img src=x onerror=alert(1)>',
  [],
  {},
  { __proto__: { polluted: true } },
  'javascript:alert(1)',
  '\u0000\u0007\u202E',
  true,
];

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;

/** A valid message with one to three fields replaced by hostile values (top level or payload). */
export function mutatedMessage(rng: Rng, time: number, admin = 'administrator'): Msg {
  const m = validMessage(rng, time, admin);
  const n = 1 + Math.floor(rng() * 3);
  for (let i = 0; i < n; i++) {
    const p = m.payload;
    const target = rng() < 0.5 || p === null || typeof p !== 'object' || Array.isArray(p) ? m : (p as Msg);
    const keys = Object.keys(target);
    const key = rng() < 0.85 ? pick(rng, keys) : pick(rng, ['__proto__', 'constructor', 'extra', 'data', 'count']);
    target[key] = pick(rng, HOSTILE_VALUES);
  }
  return m;
}

/** Anything at all: primitives, arrays, objects with random keys. */
export function garbage(rng: Rng): unknown {
  const r = rng();
  if (r < 0.3) return pick(rng, HOSTILE_VALUES);
  if (r < 0.5) return { type: pick(rng, ['TIMTextElem', 'TIMCustomElem', 'TIMGroupTipElem', 'TIMGroupSystemNoticeElem', 'Weird']), payload: pick(rng, HOSTILE_VALUES) };
  if (r < 0.7) return [validMessage(rng, T0)];
  const deep: Msg = {};
  let cur = deep;
  for (let i = 0; i < 200; i++) cur = (cur.payload = { type: 'TIMTextElem' }) as Msg;
  return deep;
}

/** The fuzz mix: 60 % valid, 30 % mutated, 10 % garbage; times spread over `seconds` from T0. */
export function fuzzMessages(seed: number, n: number, seconds = 60): unknown[] {
  const rng = mulberry32(seed);
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const time = T0 + Math.floor((i / n) * seconds);
    const r = rng();
    out.push(r < 0.6 ? validMessage(rng, time) : r < 0.9 ? mutatedMessage(rng, time) : garbage(rng));
  }
  return out;
}
