// Third-party callbacks against a real receiver on 127.0.0.1:0: allow, reject, silent drop, modify,
// pass-through, timeout/failure, Sign/RequestTime, after-send only for delivered messages.
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/tempDir';
import { PATIENCE_MS, sleep, waitFor } from '../../../test/support/waitFor';
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import { type ImEngineOptions } from './engine';
import { type GroupEvent } from './engineApi';
import { recordingSession, SDKAPPID, startHarness, type Harness } from './harness.testkit';

interface Received {
  query: URLSearchParams;
  body: Record<string, unknown>;
  at: number;
}

type Responder = (body: Record<string, unknown>, res: http.ServerResponse) => void;

/** A tiny callback receiver on 127.0.0.1:0 that records what Tencent-style callbacks it gets. */
async function receiver(): Promise<{ url: string; got: Received[]; respond: (r: Responder) => void; close(): Promise<void> }> {
  const got: Received[] = [];
  let responder: Responder = (_b, res) => res.end(JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }));
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      got.push({ query: new URL(req.url ?? '/', 'http://x').searchParams, body, at: Date.now() });
      res.setHeader('content-type', 'application/json');
      responder(body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/im/callback?from=studio`,
    got,
    respond: (r) => (responder = r),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(over: Partial<ImEngineOptions> = {}) {
  const rx = await receiver();
  const tmp = tempDir();
  // A generous callback timeout: on a loaded machine a slow answer must not become "failed, deliver".
  // The test of the timeout itself sets a short one.
  const h: Harness = await startHarness(tmp.dir, { callbackUrl: rx.url, callbackTimeoutMs: PATIENCE_MS, ...over });
  cleanups.push(tmp.cleanup, () => h.close(), () => rx.close());
  await h.call('im_open_login_svc/account_import', { Identifier: 'viewer_9', Nick: 'Nine' });
  await h.call('group_open_http_svc/create_group', { Type: 'AVChatRoom', Name: 'R', GroupId: 'live' });
  const watcher = recordingSession('s-watch');
  h.engine.join('live', watcher.ref);
  const viewer = recordingSession('s-9', 'viewer_9');
  viewer.ref.clientIp = '10.0.0.9';
  h.engine.join('live', viewer.ref);
  return { h, rx, watcher, viewer };
}

const byCommand = (got: Received[], cmd: string) => got.filter((r) => r.query.get('CallbackCommand') === cmd);
const messages = (events: GroupEvent[]) => events.filter((e) => e.kind === 'message');
const text = (t: string) => [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: t } }];

/** Waits (generously: a loaded machine is slow) for a condition on what the receiver got. */
async function until(cond: () => boolean): Promise<void> {
  await waitFor(cond, { intervalMs: 5, message: 'the callback receiver' });
}

/** A short "nothing more arrives" window; only ever after a positive control has arrived. */
const QUIET_MS = 50;

function clientSend(h: Harness, random: number, body = text('hello')) {
  return h.engine.sendFromClient({ groupId: 'live', from: 'viewer_9', sessionId: 's-9', random, priority: 'Normal', body, cloudCustomData: 'ccd' });
}

describe('third-party callbacks', () => {
  it('allow: before-send carries Tencent query and body; after-send follows delivery with MsgSeq/MsgTime', async () => {
    const { h, rx, watcher } = await setup();
    const r = await clientSend(h, 123456);
    expect(r).toMatchObject({ ok: true, value: { seq: 1, modified: false } });
    expect(messages(watcher.events)).toHaveLength(1);

    await until(() => byCommand(rx.got, 'Group.CallbackAfterSendMsg').length === 1);
    const [before] = byCommand(rx.got, 'Group.CallbackBeforeSendMsg');
    expect(Object.fromEntries(before!.query)).toEqual({
      from: 'studio',
      SdkAppid: String(SDKAPPID),
      CallbackCommand: 'Group.CallbackBeforeSendMsg',
      contenttype: 'json',
      ClientIP: '10.0.0.9',
      OptPlatform: 'Web',
    });
    expect(before!.body).toEqual({
      CallbackCommand: 'Group.CallbackBeforeSendMsg',
      GroupId: 'live',
      Type: 'AVChatRoom',
      From_Account: 'viewer_9',
      Operator_Account: 'viewer_9',
      Random: 123456,
      OnlineOnlyFlag: 0,
      MsgBody: text('hello'),
      CloudCustomData: 'ccd',
      EventTime: h.time.now(),
    });
    const [after] = byCommand(rx.got, 'Group.CallbackAfterSendMsg');
    expect(after!.body).toMatchObject({ MsgSeq: 1, MsgTime: Math.floor(h.time.now() / 1000), MsgBody: text('hello'), From_Account: 'viewer_9' });
  });

  it('REST sends report OptPlatform RESTAPI and the admin as Operator_Account', async () => {
    const { h, rx } = await setup();
    const r = await h.call('group_open_http_svc/send_group_msg', {
      GroupId: 'live',
      From_Account: 'viewer_9',
      Random: 9,
      MsgBody: text('from rest'),
    });
    expect(r.ErrorCode).toBe(0);
    const [before] = byCommand(rx.got, 'Group.CallbackBeforeSendMsg');
    expect(before!.query.get('OptPlatform')).toBe('RESTAPI');
    expect(before!.body).toMatchObject({ From_Account: 'viewer_9', Operator_Account: 'administrator' });
  });

  it('ErrorCode 1 rejects with 10016: nothing delivered, no after-send; a retry is evaluated again', async () => {
    const { h, rx, watcher } = await setup();
    rx.respond((_b, res) => res.end(JSON.stringify({ ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: 'no spam' })));
    expect(await clientSend(h, 1)).toEqual({ ok: false, code: 10016, message: 'no spam' });
    const rest = await h.call('group_open_http_svc/send_group_msg', { GroupId: 'live', Random: 2, MsgBody: text('x') });
    expect(rest).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10016 });
    rx.respond((_b, res) => res.end(JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' })));
    expect(await clientSend(h, 1)).toMatchObject({ ok: true });
    expect(messages(watcher.events)).toHaveLength(1);
    // The delivered retry's after-send arrives; then nothing more (none for the refused sends).
    await until(() => byCommand(rx.got, 'Group.CallbackAfterSendMsg').length >= 1);
    await sleep(QUIET_MS);
    expect(byCommand(rx.got, 'Group.CallbackAfterSendMsg')).toHaveLength(1);
  });

  it('ErrorCode 2 discards silently: the sender sees success, nobody receives', async () => {
    const { h, rx, watcher } = await setup();
    rx.respond((_b, res) => res.end(JSON.stringify({ ActionStatus: 'OK', ErrorCode: 2, ErrorInfo: '' })));
    expect(await clientSend(h, 1)).toMatchObject({ ok: true });
    expect((await h.call('group_open_http_svc/send_group_msg', { GroupId: 'live', Random: 3, MsgBody: text('x') })).ErrorCode).toBe(0);
    expect(messages(watcher.events)).toHaveLength(0);
    // Positive control: a message that is delivered gets its after-send, so the receiver could have
    // seen one for the discarded sends; it saw none of theirs.
    rx.respond((_b, res) => res.end(JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' })));
    expect(await clientSend(h, 4)).toMatchObject({ ok: true });
    await until(() => byCommand(rx.got, 'Group.CallbackAfterSendMsg').length >= 1);
    await sleep(QUIET_MS);
    expect(byCommand(rx.got, 'Group.CallbackAfterSendMsg').map((g) => g.body.Random)).toEqual([4]);
  });

  it('ErrorCode 0 with MsgBody replaces the body and marks the message modified', async () => {
    const { h, rx, watcher } = await setup();
    const replaced = [
      { MsgType: 'TIMTextElem', MsgContent: { Text: 'h***o' } },
      { MsgType: 'TIMCustomElem', MsgContent: { Desc: 'CustomElement.MemberLevel', Data: 'LV1' } },
    ];
    rx.respond((_b, res) => res.end(JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', MsgBody: replaced })));
    const r = await clientSend(h, 1, text('hello'));
    expect(r).toEqual({ ok: true, value: { seq: 1, time: expect.any(Number), body: replaced, modified: true } });
    expect(messages(watcher.events)[0]).toMatchObject({ body: replaced, modified: true });
    await until(() => byCommand(rx.got, 'Group.CallbackAfterSendMsg').length === 1);
    expect(byCommand(rx.got, 'Group.CallbackAfterSendMsg')[0]!.body.MsgBody).toEqual(replaced);
  });

  it('an invalid replacement body is ignored and the original delivered', async () => {
    const { h, rx, watcher } = await setup();
    rx.respond((_b, res) => res.end(JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, MsgBody: [{ MsgType: 'Nope' }] })));
    expect(await clientSend(h, 1)).toMatchObject({ ok: true, value: { modified: false, body: text('hello') } });
    expect(messages(watcher.events)).toHaveLength(1);
  });

  it('ErrorCodes 10100–10200 pass through with their ErrorInfo', async () => {
    const { h, rx } = await setup();
    rx.respond((_b, res) => res.end(JSON.stringify({ ActionStatus: 'OK', ErrorCode: 10150, ErrorInfo: 'level too low' })));
    expect(await clientSend(h, 1)).toEqual({ ok: false, code: 10150, message: 'level too low' });
    const rest = await h.call('group_open_http_svc/send_group_msg', { GroupId: 'live', Random: 2, MsgBody: text('x') });
    expect(rest).toEqual({ ActionStatus: 'FAIL', ErrorCode: 10150, ErrorInfo: 'level too low' });
  });

  it('timeout, HTTP 500, non-JSON and an unreachable URL all deliver, as Tencent does', async () => {
    const { h, rx, watcher } = await setup({ callbackTimeoutMs: 300 });
    // The receiver never answers: the send completes all the same, so it gave up at its own timeout
    // instead of waiting for the answer (however slow the machine, none ever comes).
    rx.respond(() => undefined);
    expect(await clientSend(h, 1)).toMatchObject({ ok: true });
    rx.respond((_b, res) => {
      res.statusCode = 500;
      res.end('{"ErrorCode":1}');
    });
    expect(await clientSend(h, 2)).toMatchObject({ ok: true });
    rx.respond((_b, res) => res.end('<html>'));
    expect(await clientSend(h, 3)).toMatchObject({ ok: true });
    expect(messages(watcher.events)).toHaveLength(3);

    const dead = await setup({ callbackUrl: 'http://127.0.0.1:9/unreachable', callbackTimeoutMs: 300 });
    expect(await clientSend(dead.h, 1)).toMatchObject({ ok: true });
    expect(messages(dead.watcher.events)).toHaveLength(1);
  });

  it('with a token: RequestTime and Sign = sha256_hex(token + RequestTime)', async () => {
    const { h, rx } = await setup({ callbackToken: 'tok123' });
    await clientSend(h, 1);
    const q = byCommand(rx.got, 'Group.CallbackBeforeSendMsg')[0]!.query;
    const requestTime = String(Math.floor(h.time.now() / 1000));
    expect(q.get('RequestTime')).toBe(requestTime);
    expect(q.get('Sign')).toBe(nodeCrypto.sha256Hex(`tok123${requestTime}`));
    // Vector: token tok123, RequestTime 1700000000.
    expect(nodeCrypto.sha256Hex('tok1231700000000')).toBe('1a06213099b9b92c7c4213c4912e2a191087f7ddfb4665779e95f0a5bf161642');
    expect(requestTime).toBe('1700000000');
  });

  it('ForbidCallbackControl skips the named callbacks', async () => {
    const { h, rx, watcher } = await setup();
    rx.respond((_b, res) => res.end(JSON.stringify({ ErrorCode: 1 })));
    const r = await h.call('group_open_http_svc/send_group_msg', {
      GroupId: 'live',
      Random: 1,
      MsgBody: text('x'),
      ForbidCallbackControl: ['ForbidBeforeSendMsgCallback', 'ForbidAfterSendMsgCallback'],
    });
    expect(r.ErrorCode).toBe(0);
    expect(messages(watcher.events)).toHaveLength(1);
    // Positive control: the same send without ForbidCallbackControl reaches the receiver both ways;
    // every SendMsg callback it got is the control's, none the forbidding message's.
    rx.respond((_b, res) => res.end(JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' })));
    expect((await h.call('group_open_http_svc/send_group_msg', { GroupId: 'live', Random: 2, MsgBody: text('x') })).ErrorCode).toBe(0);
    await until(() => byCommand(rx.got, 'Group.CallbackAfterSendMsg').length >= 1);
    await sleep(QUIET_MS);
    const sendMsg = rx.got.filter((g) => String(g.query.get('CallbackCommand')).includes('SendMsg'));
    expect(sendMsg.map((g) => [g.query.get('CallbackCommand'), g.body.Random])).toEqual([
      ['Group.CallbackBeforeSendMsg', 2],
      ['Group.CallbackAfterSendMsg', 2],
    ]);
  });

  it('after-join / after-exit for logged-in members only, never for guests', async () => {
    const { h, rx } = await setup();
    await until(() => byCommand(rx.got, 'Group.CallbackAfterNewMemberJoin').length === 1);
    h.engine.join('live', recordingSession('s-guest').ref);
    h.engine.quit('live', 's-guest');
    h.engine.quit('live', 's-9');
    await until(() => byCommand(rx.got, 'Group.CallbackAfterMemberExit').length === 1);
    await sleep(QUIET_MS); // nothing more: no callbacks for the guest (positive control: viewer_9's exit above)
    expect(byCommand(rx.got, 'Group.CallbackAfterNewMemberJoin').map((g) => g.body)).toEqual([
      {
        CallbackCommand: 'Group.CallbackAfterNewMemberJoin',
        GroupId: 'live',
        Type: 'AVChatRoom',
        JoinType: 'Apply',
        Operator_Account: 'viewer_9',
        NewMemberList: [{ Member_Account: 'viewer_9' }],
        EventTime: h.time.now(),
      },
    ]);
    expect(byCommand(rx.got, 'Group.CallbackAfterMemberExit').map((g) => g.body)).toEqual([
      {
        CallbackCommand: 'Group.CallbackAfterMemberExit',
        GroupId: 'live',
        Type: 'AVChatRoom',
        ExitType: 'Quit',
        Operator_Account: 'viewer_9',
        ExitMemberList: [{ Member_Account: 'viewer_9' }],
        EventTime: h.time.now(),
      },
    ]);
  });

  it('rate-shed messages hit before-send but never after-send', async () => {
    const { h, rx } = await setup();
    const sends = [];
    for (let i = 0; i < 100; i++) sends.push(clientSend(h, 1000 + i));
    const results = await Promise.all(sends);
    expect(results.every((r) => r.ok)).toBe(true);
    h.time.advance(2000);
    const { delivered, dropped } = h.engine.stats();
    expect(delivered + dropped).toBe(100);
    expect(dropped).toBeGreaterThan(0);
    await until(() => byCommand(rx.got, 'Group.CallbackAfterSendMsg').length === delivered);
    await sleep(2 * QUIET_MS); // nothing more: no after-send for the shed ones
    expect(byCommand(rx.got, 'Group.CallbackBeforeSendMsg')).toHaveLength(100);
    expect(byCommand(rx.got, 'Group.CallbackAfterSendMsg')).toHaveLength(delivered);
  });
});
