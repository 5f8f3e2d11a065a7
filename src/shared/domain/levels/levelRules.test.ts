import { describe, expect, it } from 'vitest';
import { messageActivities, watchActivity, type MessageInput } from './activity';
import { capGrant, DEFAULT_LEVEL_RULES as R, levelFor, levelRulesSchema, maxLevel } from './levelRules';

const text = (t: string) => ({ MsgType: 'TIMTextElem', MsgContent: { Text: t } });
const custom = (Data: string, ext: unknown) => ({ MsgType: 'TIMCustomElem', MsgContent: { Data, Desc: '', Ext: typeof ext === 'string' ? ext : JSON.stringify(ext) } });
const msg = (from: string, operator: string, ...body: MessageInput['body']): MessageInput => ({ from, operator, admin: 'administrator', body });
const summary = (m: MessageInput) => messageActivities(R, m).map((a) => [a.kind, a.account, a.points, a.verified]);

describe('levelFor', () => {
  it.each([
    [0, 1],
    [19, 1],
    [20, 2],
    [99, 2],
    [100, 3],
    [30000, 8],
    [10 ** 9, 8],
  ])('%i points → level %i', (points, level) => {
    expect(levelFor(R, points)).toBe(level);
  });

  it('counts levels from the thresholds and validates them', () => {
    expect(maxLevel(R)).toBe(8);
    expect(levelRulesSchema.safeParse(R).success).toBe(true);
    expect(levelRulesSchema.safeParse({ ...R, thresholds: [10, 10] }).success).toBe(false);
    expect(levelRulesSchema.safeParse({ ...R, extra: 1 }).success).toBe(false);
  });
});

describe('capGrant', () => {
  it.each([
    [1, 0, 5, 1],
    [1, 5, 5, 0],
    [3, 4, 5, 1],
    [7, 100, 0, 7],
  ])('requested %i with %i used, cap %i → %i', (req, used, cap, granted) => {
    expect(capGrant(req, used, cap)).toBe(granted);
  });
});

describe('messageActivities', () => {
  it.each<[string, MessageInput, unknown[]]>([
    ['viewer text', msg('v1', 'v1', text('hi')), [['text', 'v1', 1, true]]],
    ['blank text earns nothing', msg('v1', 'v1', text('  ')), []],
    ['admin chat earns nothing', msg('administrator', 'administrator', text('welcome')), []],
    ['like batch', msg('v1', 'v1', custom('LIKE', { count: 7 })), [['like', 'v1', 7, true]]],
    ['like batch capped per message', msg('v1', 'v1', custom('LIKE', { count: 1000 })), [['like', 'v1', 50, true]]],
    ['like with bad Ext counts one', msg('v1', 'v1', custom('LIKE', 'nope')), [['like', 'v1', 1, true]]],
    [
      'gift by the backend for a viewer (From_Account impersonation)',
      msg('v1', 'administrator', custom('SEND_GIFT', { giftId: 'rose', name: 'Rose', value: 100, count: 3 })),
      [['gift', 'v1', 30, true]],
    ],
    [
      'gift by the backend as itself, naming the viewer',
      msg('administrator', 'administrator', custom('SEND_GIFT', { giftId: 'rose', name: 'Rose', value: 100, count: 1, userID: 'v2' })),
      [['gift', 'v2', 10, true]],
    ],
    ['gift claimed by a viewer client', msg('v1', 'v1', custom('SEND_GIFT', { giftId: 'rocket', value: 5000, count: 1 })), [['gift', 'v1', 0, false]]],
    [
      'purchase by the backend',
      msg('v1', 'administrator', custom('BUY_GOODS', { id: 'A', title: 'Dress', price: 1000, quantity: 2 })),
      [['purchase', 'v1', 120, true]],
    ],
    ['text plus like', msg('v1', 'v1', text('yay'), custom('LIKE', { count: 2 })), [['text', 'v1', 1, true], ['like', 'v1', 2, true]]],
    ['unknown custom data', msg('v1', 'v1', custom('ATTENTION', {})), []],
  ])('%s', (_name, m, expected) => {
    expect(summary(m)).toEqual(expected);
  });

  it('weights unverified claims when the rules say so', () => {
    const acts = messageActivities({ ...R, unverifiedWeight: 0.5 }, msg('v1', 'v1', custom('SEND_GIFT', { value: 100, count: 2 })));
    expect(acts[0]).toMatchObject({ kind: 'gift', points: 10, verified: false, amount: 200 });
  });
});

describe('watchActivity', () => {
  it('awards whole minutes, capped per session', () => {
    expect(watchActivity(R, 'v', 0, 59_999).points).toBe(0);
    expect(watchActivity(R, 'v', 0, 5 * 60_000 + 1).points).toBe(5);
    expect(watchActivity(R, 'v', 0, 10 * 3_600_000).points).toBe(120);
    expect(watchActivity(R, 'v', 100, 0).points).toBe(0);
  });
});
