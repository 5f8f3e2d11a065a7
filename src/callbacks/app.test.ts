// The callback endpoint through inject(): Tencent's documented sample bodies for each command, the
// token check, and bad input that must still get HTTP 200 + a well-formed answer.
import { afterEach, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../node/infra/nodeCrypto';
import { ADMIN, afterSendBody, beforeSendBody, callbackQuery, exitBody, joinBody, makeKit, SDKAPPID } from './callbacks.testkit';

type Kit = Awaited<ReturnType<typeof makeKit>>;
const kits: Kit[] = [];
afterEach(async () => {
  for (const k of kits.splice(0)) await k.close();
});
async function kit(o: Parameters<typeof makeKit>[0] = {}) {
  const k = await makeKit(o);
  kits.push(k);
  await k.service.store.putList({ id: 'mask', roomId: null, action: 'mask', words: ['bad'], updatedAt: 0 });
  await k.service.store.putList({ id: 'block', roomId: null, action: 'reject', words: ['fake id'], updatedAt: 0 });
  await k.service.store.putList({ id: 'spam', roomId: 'live_20240501_001', action: 'drop', words: ['wechat123'], updatedAt: 0 });
  await k.service.filters.refresh();
  return k;
}

const post = (k: Kit, command: string, body: unknown, extra: Record<string, string> = {}, path = '/callback') =>
  k.app.inject({
    method: 'POST',
    url: `${path}?${callbackQuery(command, extra)}`,
    headers: { 'content-type': 'application/json' },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('Group.CallbackBeforeSendMsg', () => {
  it.each([
    ['hello', { ErrorCode: 0 }],
    ['so BAD', { ErrorCode: 0, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'so ***' } }] }],
    ['selling f a k e i d', { ErrorCode: 1 }],
    ['add wechat123', { ErrorCode: 2 }],
  ])('%s → %o', async (text, expected) => {
    const k = await kit();
    const r = await post(k, 'Group.CallbackBeforeSendMsg', beforeSendBody(text));
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/application\/json/);
    expect(r.json()).toMatchObject({ ActionStatus: 'OK', ...expected });
    if (expected.ErrorCode === 0 && !('MsgBody' in expected)) expect(r.json().MsgBody).toBeUndefined();
  });

  it('applies room lists only in their room, and answers on /', async () => {
    const k = await kit();
    const r = await post(k, 'Group.CallbackBeforeSendMsg', beforeSendBody('add wechat123', { GroupId: 'other' }), {}, '/');
    expect(r.json()).toMatchObject({ ErrorCode: 0 });
  });
});

describe('after-send, join and exit', () => {
  it('counts the documented sample once, even when Tencent-shaped duplicates arrive', async () => {
    const k = await kit();
    for (let i = 0; i < 3; i++) expect((await post(k, 'Group.CallbackAfterSendMsg', afterSendBody())).json()).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    expect(await k.store.user('viewer_9')).toMatchObject({ points: 1, messages: 1 });
  });

  it('levels up on a verified gift and publishes the level', async () => {
    const k = await kit();
    const gift = afterSendBody({
      Operator_Account: ADMIN,
      MsgSeq: 124,
      MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'SEND_GIFT', Desc: '', Ext: JSON.stringify({ giftId: 'rocket', name: 'Rocket', value: 5000, count: 1 }) } }],
    });
    await post(k, 'Group.CallbackAfterSendMsg', gift);
    expect(await k.store.user('viewer_9')).toMatchObject({ points: 500, level: 4, giftValue: 5000 });
    expect(k.published).toEqual([['viewer_9', 4]]);
  });

  it('awards watch time between join and exit', async () => {
    const k = await kit();
    expect((await post(k, 'Group.CallbackAfterNewMemberJoin', joinBody('v', 0))).json()).toMatchObject({ ErrorCode: 0 });
    expect((await post(k, 'Group.CallbackAfterMemberExit', exitBody('v', 10 * 60_000))).json()).toMatchObject({ ErrorCode: 0 });
    expect(await k.store.user('v')).toMatchObject({ points: 10 });
  });
});

describe('bad input', () => {
  const now = 1_714_500_000_000;
  const signed = (rt: number, token = 'tok123') => ({ RequestTime: String(rt), Sign: nodeCrypto.sha256Hex(token + String(rt)) });

  it('checks Sign and RequestTime (tok123 vector) and refuses stale or wrong ones per fail mode', async () => {
    expect(nodeCrypto.sha256Hex('tok1231700000000')).toBe('1a06213099b9b92c7c4213c4912e2a191087f7ddfb4665779e95f0a5bf161642');
    const open = await kit({ token: 'tok123', now: () => now });
    const closed = await kit({ token: 'tok123', now: () => now, failMode: 'closed' });
    const t = Math.floor(now / 1000);
    expect((await post(closed, 'Group.CallbackBeforeSendMsg', beforeSendBody('hi'), signed(t))).json()).toMatchObject({ ErrorCode: 0 });
    expect((await post(closed, 'Group.CallbackBeforeSendMsg', beforeSendBody('hi'), signed(t - 59))).json()).toMatchObject({ ErrorCode: 0 });
    for (const extra of [signed(t - 60), signed(t + 61), signed(t, 'wrong'), {}, { RequestTime: 'x', Sign: 'y' }]) {
      const c = (await post(closed, 'Group.CallbackBeforeSendMsg', beforeSendBody('hi'), extra)).json();
      expect(c).toMatchObject({ ActionStatus: 'OK', ErrorCode: 1 });
      const o = await post(open, 'Group.CallbackBeforeSendMsg', beforeSendBody('hi'), extra);
      expect(o.statusCode).toBe(200);
      expect(o.json()).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    }
    // A forged after-send never counts.
    expect((await post(open, 'Group.CallbackAfterSendMsg', afterSendBody(), signed(t, 'wrong'))).json()).toMatchObject({ ActionStatus: 'FAIL' });
    expect(await open.store.user('viewer_9')).toBeUndefined();
  });

  it('refuses a wrong SdkAppid, malformed JSON and bad bodies with a well-formed answer', async () => {
    const k = await kit({ failMode: 'closed' });
    const wrongApp = await post(k, 'Group.CallbackBeforeSendMsg', beforeSendBody('hi'), { SdkAppid: String(SDKAPPID + 1) });
    expect(wrongApp.json()).toMatchObject({ ErrorCode: 1, ErrorInfo: expect.stringContaining('SdkAppid') });
    for (const body of ['{not json', '', '[]', JSON.stringify({ GroupId: 1 }), JSON.stringify({ ...beforeSendBody('x'), MsgBody: 'nope' })]) {
      const r = await post(k, 'Group.CallbackBeforeSendMsg', body);
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ ActionStatus: 'OK', ErrorCode: 1 });
      const a = await post(k, 'Group.CallbackAfterSendMsg', body);
      expect(a.statusCode).toBe(200);
      expect(a.json()).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 1 });
    }
  });

  it('acknowledges unknown commands and answers oversize bodies with JSON', async () => {
    const k = await kit({ failMode: 'closed' });
    expect((await post(k, 'Group.CallbackBeforeCreateGroup', { x: 1 })).json()).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    const big = JSON.stringify(beforeSendBody('a'.repeat(300 * 1024)));
    const r = await post(k, 'Group.CallbackBeforeSendMsg', big);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ErrorCode: 1, ErrorInfo: expect.stringContaining('too large') });
    // Not a POST: still Tencent's shape, never a bare 404.
    const other = await k.app.inject({ method: 'GET', url: '/callback' });
    expect(other.statusCode).toBe(200);
    expect(other.json()).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 1 });
  });
});
