import { describe, expect, it } from 'vitest';
import { decodeGroupProfile, decodeTimMessage, decodeTimMessages, encodePaidBy, type DecodeContext } from './decode';
import { customMsg, fieldsTip, GROUP, noticeMsg, T0, textMsg, tipMsg } from './messages.testkit';
import type { DecodedMessage } from './types';

const ctx: DecodeContext = { adminIds: new Set(['administrator']), now: T0 * 1000 + 500 };
const dec = (m: unknown, c: DecodeContext = ctx) => decodeTimMessage(m, c);
const AT = T0 * 1000;

describe('decodeTimMessage: chat and custom events', () => {
  it('decodes text with sender, nick and avatar', () => {
    expect(dec(textMsg('alice', 'hi there'))).toEqual({
      kind: 'text', at: AT, id: `alice-${T0}-${(T0 * 7919) % 100000}`, text: 'hi there', fromAdmin: false,
      userId: 'alice', nick: 'Nick alice', avatar: 'https://cdn.example.com/alice.png',
    });
  });

  it.each<[string, unknown, Partial<DecodedMessage>]>([
    ['LIKE with count', { count: 37 }, { kind: 'like', count: 37 }],
    ['LIKE without Ext (im-live-sells like())', '', { kind: 'like', count: 1 }],
    ['LIKE with {}', '{}', { kind: 'like', count: 1 }],
    ['ATTENTION', '{}', { kind: 'follow' }],
    ['CANCELATTENTION', 'anything', { kind: 'unfollow' }],
    ['USE_COUPON', '', { kind: 'coupon' }],
  ])('%s', (_name, ext, want) => {
    const data = _name.split(' ')[0] as string;
    expect(dec(customMsg('bob', data, ext))).toMatchObject({ ...want, userId: 'bob', at: AT });
  });

  it('marks a viewer gift unverified and an admin gift with paidBy verified on behalf of the payer', () => {
    const ext = { giftId: 'rocket', name: 'Rocket', value: 5000, count: 2 };
    expect(dec(customMsg('bob', 'SEND_GIFT', ext))).toMatchObject({
      kind: 'gift', giftId: 'rocket', unitValue: 5000, count: 2, verified: false, onBehalf: false, userId: 'bob',
    });
    const paid = customMsg('administrator', 'SEND_GIFT', ext, T0, { cloudCustomData: encodePaidBy({ userId: 'carol', nick: 'Carol' }) });
    expect(dec(paid)).toMatchObject({ kind: 'gift', verified: true, onBehalf: true, userId: 'carol', nick: 'Carol' });
    expect(dec(customMsg('administrator', 'SEND_GIFT', ext))).toMatchObject({ verified: true, onBehalf: false, userId: 'administrator' });
  });

  it('ignores paidBy on a viewer send (it cannot credit someone else)', () => {
    const m = customMsg('mallory', 'SEND_GIFT', { giftId: 'rose', name: 'Rose', value: 100, count: 1 }, T0, {
      cloudCustomData: encodePaidBy({ userId: 'victim' }),
    });
    expect(dec(m)).toMatchObject({ verified: false, onBehalf: false, userId: 'mallory' });
  });

  it('decodes purchases, defaulting quantity to 1; admin sends are verified', () => {
    expect(dec(customMsg('bob', 'BUY_GOODS', { id: 'A1', title: 'Dress', price: 19900 }))).toMatchObject({
      kind: 'purchase', productId: 'A1', title: 'Dress', unitPrice: 19900, quantity: 1, verified: false,
    });
    expect(dec(customMsg('administrator', 'BUY_GOODS', { id: 'A1', title: 'Dress', price: 19900, quantity: 3 }))).toMatchObject({
      verified: true, quantity: 3,
    });
  });

  it.each<[string, string, unknown, string]>([
    ['100 KB Ext', 'SEND_GIFT', 'x'.repeat(100_000), 'tooLarge'],
    ['purchase with NaN-ish price', 'BUY_GOODS', '{"id":"A1","title":"t","price":"NaN"}', 'badExt'],
    ['purchase with bad JSON', 'BUY_GOODS', '{"id":', 'badJson'],
    ['deeply nested purchase Ext', 'BUY_GOODS', '['.repeat(4000) + ']'.repeat(4000), 'badExt'],
    ['unknown custom type', 'BIT_BEGIN', '{}', 'unknownCustomType'],
  ])('%s → unrecognised', (_n, data, ext, reason) => {
    expect(dec(customMsg('bob', data, ext))).toMatchObject({ kind: 'unrecognised', reason, countsTowardBudget: true });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  // im-live-sells documents like and gift extensions as free-form app data: never dropped.
  it.each<[string, unknown, number]>([
    ['free text', 'someData', 1],
    ['a bare number', '5', 1],
    ['a huge count', { count: 1e12 }, 1],
    ['a negative count', { count: -3 }, 1],
    ['an overflowing number', '{"count":1e400}', 1],
    ['our shape', { count: 7 }, 7],
  ])('counts a like whose extension is %s', (_n, ext, count) => {
    expect(dec(customMsg('bob', 'LIKE', ext))).toMatchObject({ kind: 'like', count, userId: 'bob' });
  });

  it.each<[string, unknown, string, number]>([
    ['a bare name', 'rose', 'rose', 1],
    ['a JSON string', '"rose"', 'rose', 1],
    ['a gift JSON without count', { giftId: 'rose', name: 'Rose', value: 100 }, 'Rose', 1],
    ['a gift JSON without value', { giftId: 'rose', name: 'Rose', count: 3 }, 'Rose', 3],
    ['bad JSON', '{"giftId":', '{"giftId":', 1],
    ['a __proto__ key', '{"giftId":"rose","name":"Rose","value":1,"count":1,"__proto__":{"x":1}}', 'Rose', 1],
    ['deep nesting', '['.repeat(4000) + ']'.repeat(4000), '['.repeat(32), 1],
  ])('shows a gift whose extension is %s as unverified, by its raw name', (_n, ext, name, count) => {
    expect(dec(customMsg('bob', 'SEND_GIFT', ext))).toMatchObject({ kind: 'gift', name, count, unitValue: 0, verified: false });
    expect(dec(customMsg('administrator', 'SEND_GIFT', ext))).toMatchObject({ kind: 'gift', verified: false });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('clamps and cleans nicks and text; keeps markup as literal text', () => {
    const e = dec(textMsg('eve', `  ${'y'.repeat(100_000)}`, T0, { nick: '<script>alert(1)</script>\u202E' + 'n'.repeat(100) }));
    expect(e).toMatchObject({ kind: 'text' });
    if (e?.kind !== 'text') throw new Error('kind');
    expect(e.text).toHaveLength(500);
    expect(e.nick.startsWith('<script>alert(1)</script>n')).toBe(true);
    expect(e.nick).toHaveLength(64);
    expect(e.nick).not.toContain('\u202E');
  });

  it('does not split a surrogate pair when clamping', () => {
    const e = dec(textMsg('eve', 'a' + '😀'.repeat(400)));
    if (e?.kind !== 'text') throw new Error('kind');
    expect(e.text.length).toBeLessThanOrEqual(500);
    expect(/[\ud800-\udbff]$/.test(e.text)).toBe(false);
  });

  it('drops non-http avatars and falls back from nick to nameCard to userId', () => {
    expect(dec(textMsg('u1', 'x', T0, { nick: '', nameCard: 'Card', avatar: 'javascript:alert(1)' }))).toMatchObject({ nick: 'Card', avatar: '' });
    expect(dec(textMsg('u1', 'x', T0, { nick: 5, nameCard: undefined }))).toMatchObject({ nick: 'u1' });
  });

  it('uses the receipt time when `time` is missing, NaN or in ms', () => {
    for (const time of [undefined, NaN, Infinity, -1, T0 * 1000]) {
      expect(dec(textMsg('u1', 'x', T0, { time }))).toMatchObject({ at: ctx.now });
    }
  });

  it.each<[string, unknown, string | null]>([
    ['not an object', 'hello', 'notObject'],
    ['null', null, 'notObject'],
    ['no payload', { type: 'TIMTextElem', from: 'a' }, 'badEnvelope'],
    ['no sender', textMsg('', 'x'), 'badSender'],
    ['sender too long', textMsg('u'.repeat(100), 'x'), 'badSender'],
    ['empty text', textMsg('a', '   '), 'emptyText'],
    ['image', { ...textMsg('a', 'x'), type: 'TIMImageElem' }, 'unsupportedType'],
    ['unknown type', { ...textMsg('a', 'x'), type: 'Nope' }, 'unsupportedType'],
  ])('%s → %s', (_n, m, reason) => {
    expect(dec(m)).toMatchObject({ kind: 'unrecognised', reason });
  });

  it('survives throwing getters', () => {
    const evil = Object.defineProperty({}, 'type', { get: () => { throw new Error('boom'); }, enumerable: true });
    expect(dec(evil)).toEqual({ kind: 'unrecognised', reason: 'threw' });
  });

  it('ignores C2C messages and other groups when a groupId is given', () => {
    expect(dec(textMsg('a', 'x', T0, { conversationType: 'C2C' }))).toBeNull();
    expect(dec(textMsg('a', 'x', T0, { to: 'other' }), { ...ctx, groupId: GROUP })).toBeNull();
    expect(dec(textMsg('a', 'x'), { ...ctx, groupId: GROUP })).toMatchObject({ kind: 'text' });
  });
});

describe('decodeTimMessage: tips and notices', () => {
  it('decodes join and quit tips, counting every joiner', () => {
    expect(dec(tipMsg(1, 'alice'))).toMatchObject({ kind: 'join', userId: 'alice', userIds: ['alice'], total: 1, nick: 'Nick alice' });
    const many = Array.from({ length: 120 }, (_, i) => `u${i}`);
    const e = dec(tipMsg(2, 'u0', { userIDList: many }));
    expect(e).toMatchObject({ kind: 'leave', total: 120 });
    if (e?.kind !== 'leave') throw new Error('kind');
    expect(e.userIds).toHaveLength(50);
    expect(dec(tipMsg(1, 'bob', { userIDList: undefined }))).toMatchObject({ kind: 'join', userIds: ['bob'] });
  });

  it('decodes profile tip 6 fields as the viewer page does', () => {
    const product = { id: 'A1', title: 'Dress', price: 19900 };
    const e = dec(
      fieldsTip(
        [
          { key: 'room_status', value: 'live' },
          { key: 'add_goods', value: JSON.stringify(product) },
          { key: 'gift_catalog', value: '[{"id":"star","name":"Star","value":300,"icon":"⭐"}]' },
          { key: 'other', value: 'x' },
        ],
        'Coupons drop at 20:00',
      ),
    );
    expect(e).toEqual({
      kind: 'roomFields', at: AT, status: 'live', product: { ...product, currency: 'CNY' },
      giftCatalog: [{ id: 'star', name: 'Star', value: 300, icon: '⭐' }], announcement: 'Coupons drop at 20:00',
    });
  });

  it('maps cleared or invalid field values to null / the default catalog', () => {
    const e = dec(fieldsTip([{ key: 'room_status', value: 'on-air!' }, { key: 'add_goods', value: '' }, { key: 'gift_catalog', value: '{' }]));
    expect(e).toMatchObject({ kind: 'roomFields', status: null, product: null });
    if (e?.kind !== 'roomFields') throw new Error('kind');
    expect(e.giftCatalog?.map((g) => g.id)).toEqual(['rose', 'heart', 'rocket']);
  });

  it('ignores tips that do not concern the room, flags unknown ones', () => {
    expect(dec(fieldsTip([{ key: 'unrelated', value: '1' }]))).toBeNull();
    expect(dec(tipMsg(4, 'admin'))).toBeNull();
    expect(dec(tipMsg(99, 'admin'))).toMatchObject({ kind: 'unrecognised', reason: 'badTip', countsTowardBudget: false });
    expect(dec(tipMsg(6, 'admin', { newGroupProfile: 'x' }))).toMatchObject({ reason: 'badTip' });
  });

  it('decodes system notice 255 as JSON {type,msg} or plain text', () => {
    expect(dec(noticeMsg('{"type":"BIT_BEGIN","msg":{"prize":"Phone"}}'))).toMatchObject({
      kind: 'notice', noticeType: 'BIT_BEGIN', text: '{"prize":"Phone"}',
    });
    expect(dec(noticeMsg('{"type":"SYSTEM_NORMAL_MESSAGE","msg":"Welcome"}'))).toMatchObject({ noticeType: 'SYSTEM_NORMAL_MESSAGE', text: 'Welcome' });
    expect(dec(noticeMsg('Stream resumes in 5 min'))).toMatchObject({ noticeType: '', text: 'Stream resumes in 5 min' });
    expect(dec(noticeMsg('x'.repeat(20_000)))).toMatchObject({ kind: 'unrecognised', reason: 'tooLarge' });
    expect(dec(noticeMsg(42))).toMatchObject({ reason: 'badNotice' });
    expect(dec(noticeMsg('x', T0, 5))).toBeNull();
  });

  it('decodes a batch, dropping nulls and refusing a non-array', () => {
    expect(decodeTimMessages([textMsg('a', 'x'), tipMsg(4, 'a'), 7], ctx).map((e) => e.kind)).toEqual(['text', 'unrecognised']);
    expect(decodeTimMessages('nope', ctx)).toEqual([{ kind: 'unrecognised', reason: 'notObject' }]);
  });

  it('decodes a getGroupProfile result into the same room-fields event', () => {
    const profile = { groupID: GROUP, notification: 'Hi', groupCustomField: [{ key: 'room_status', value: 'paused' }] };
    expect(decodeGroupProfile(profile, 5)).toEqual({ kind: 'roomFields', at: 5, status: 'paused', announcement: 'Hi' });
    expect(decodeGroupProfile({ groupID: GROUP }, 5)).toBeNull();
    expect(decodeGroupProfile('x', 5)).toBeNull();
  });
});
