// The /v4 gateway: SDKAppID, identity and UserSig checks, body parsing, schema errors, the per-API
// rate limit and the body size limit, all answered as Tencent envelopes.
import Fastify from 'fastify';
import { Api } from 'tls-sig-api-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/tempDir';
import { genUserSig } from '../../shared/domain/userSig';
import { IM_ERR } from '../../shared/tencent/errorCodes';
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import { registerImRest } from './restRoutes';
import { ADMIN, SDKAPPID, SECRET, startHarness } from './harness.testkit';
import { cleanups, code, expectEnvelope, G, harness, runCleanups } from './restRoutes.testkit';
import { ManualTime } from './timers';

afterEach(runCleanups);

describe('gateway: URL, identity and body', () => {
  it('accepts a UserSig from the official tls-sig-api-v2 library', async () => {
    const h = await harness(new ManualTime(Date.now()));
    const sig = new Api(SDKAPPID, SECRET).genUserSig(ADMIN, 86400);
    const r = await h.call(`${G}/create_group`, { Type: 'AVChatRoom', Name: 'Official' }, { usersig: sig });
    expect(r).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, GroupId: expect.stringMatching(/^@TGS#[A-Za-z0-9]{9}$/) });
  });

  it.each([
    ['missing sdkappid', { sdkappid: undefined }, IM_ERR.SDKAPPID_MISSING],
    ['wrong sdkappid', { sdkappid: '1400000001' }, IM_ERR.SDKAPPID_INVALID],
    ['non-numeric sdkappid', { sdkappid: 'abc' }, IM_ERR.SDKAPPID_INVALID],
    ['missing identifier', { identifier: undefined }, IM_ERR.IDENTIFIER_INVALID],
    ['empty usersig', { usersig: '' }, 70002],
    ['garbage usersig', { usersig: 'not-a-sig' }, 70003],
  ])('%s → %i', async (_name, query, expected) => {
    const h = await harness();
    expectEnvelope(await h.call(`${G}/get_online_member_num`, { GroupId: 'x' }, query), expected);
  });

  it('UserSig failures: wrong key 70009, other identifier 70013, other SDKAppID 70014, expired 70001', async () => {
    const h = await harness();
    const now = Math.floor(h.time.now() / 1000);
    const gen = (over: Partial<Parameters<typeof genUserSig>[1]>) =>
      genUserSig(nodeCrypto, { sdkAppId: SDKAPPID, secretKey: SECRET, identifier: ADMIN, expireSeconds: 60, nowSeconds: now, ...over });
    const cmd = `${G}/get_online_member_num`;
    expect(code(await h.call(cmd, {}, { usersig: gen({ secretKey: 'another-key' }) }))).toBe(70009);
    expect(code(await h.call(cmd, {}, { usersig: gen({ identifier: 'someone' }) }))).toBe(70013);
    expect(code(await h.call(cmd, {}, { usersig: gen({ sdkAppId: 1400000001 }) }))).toBe(70014);
    const short = gen({});
    h.time.advance(61_000);
    expect(code(await h.call(cmd, {}, { usersig: short }))).toBe(70001);
  });

  it('non-admin identity: 60010 for groups, 70403 for accounts and profiles', async () => {
    const h = await harness();
    const asViewer = { identifier: 'viewer_9', usersig: h.sig('viewer_9') };
    expectEnvelope(await h.call(`${G}/get_online_member_num`, { GroupId: 'x' }, asViewer), 60010);
    expectEnvelope(await h.call('im_open_login_svc/account_import', { Identifier: 'x' }, asViewer), 70403);
    const profile = await h.call('profile/portrait_get', { To_Account: ['x'], TagList: ['Tag_Profile_IM_Nick'] }, asViewer);
    expect(profile).toEqual({ ActionStatus: 'FAIL', ErrorCode: 70403, ErrorInfo: expect.any(String), ErrorDisplay: '' });
  });

  it('bad JSON and empty bodies → 60003; unknown command or service → 60009; GET → 60002', async () => {
    const h = await harness();
    expectEnvelope(await h.call(`${G}/create_group`, '{"Type": "AVChatRoom",'), 60003);
    expectEnvelope(await h.call(`${G}/create_group`, ''), 60003);
    expectEnvelope(await h.call(`${G}/create_group`, '   '), 60003);
    expectEnvelope(await h.call(`${G}/no_such_command`, {}), 60009);
    expectEnvelope(await h.call('openim/sendmsg', {}), 60009);
    expectEnvelope(await h.call('a/b/c', {}), 60009);
    const get = await h.app.inject({ method: 'GET', url: `/v4/${G}/create_group?sdkappid=${SDKAPPID}` });
    expect(get.statusCode).toBe(200);
    expectEnvelope(get.json(), 60002);
  });

  it('schema-invalid bodies name the field: 10004 groups, 70402 accounts, 40001 profiles', async () => {
    const h = await harness();
    const g = await h.call(`${G}/send_group_msg`, { GroupId: 'x', Random: 'one', MsgBody: [] });
    expect(g).toMatchObject({ ErrorCode: 10004, ErrorInfo: expect.stringContaining('Random') });
    const a = await h.call('im_open_login_svc/account_import', { Nick: 'no id' });
    expect(a).toMatchObject({ ErrorCode: 70402, ErrorInfo: expect.stringContaining('UserID') });
    const p = await h.call('profile/portrait_set', { From_Account: 'x', ProfileItem: 'nick' });
    expect(p).toMatchObject({ ErrorCode: 40001, ErrorInfo: expect.stringContaining('ProfileItem'), ErrorDisplay: '' });
    expect(await h.call(`${G}/get_group_info`, [])).toMatchObject({ ErrorCode: 10004 });
  });

  it('200 requests/s per API → 60007, counted per command over a sliding second', async () => {
    const h = await harness();
    const cmd = `${G}/get_online_member_num`;
    for (let i = 0; i < 200; i++) expect(code(await h.call(cmd, { GroupId: 'x' }))).toBe(IM_ERR.GROUP_NOT_FOUND);
    expectEnvelope(await h.call(cmd, { GroupId: 'x' }), IM_ERR.API_RATE_LIMIT);
    expect(code(await h.call(`${G}/get_group_info`, { GroupIdList: ['x'] }))).toBe(0);
    h.time.advance(1001);
    expect(code(await h.call(cmd, { GroupId: 'x' }))).toBe(IM_ERR.GROUP_NOT_FOUND);
  });

  it('a body over 1 MB gets an envelope, not an HTTP error', async () => {
    const h = await harness();
    const r = await h.call(`${G}/create_group`, JSON.stringify({ Type: 'AVChatRoom', Name: 'x', Introduction: 'y'.repeat(1_100_000) }));
    expect(r).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: IM_ERR.HTTP_PARSE, ErrorInfo: expect.stringContaining('larger than') });
  });
  it('keeps its raw-body parser and error handler to /v4: the app\'s other JSON routes are untouched', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const app = Fastify();
    app.post('/echo', async (req) => ({ got: req.body }));
    const h = await startHarness(tmp.dir);
    cleanups.push(() => h.close(), () => app.close());
    registerImRest(app, h.engine);
    const echo = await app.inject({ method: 'POST', url: '/echo', payload: { a: 1 } });
    expect(echo.json()).toEqual({ got: { a: 1 } });
    const bad = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload: '{' });
    expect(bad.statusCode).toBe(400);
    const rest = await app.inject({ method: 'POST', url: `/v4/${G}/get_online_member_num?sdkappid=${SDKAPPID}`, payload: '{' });
    expect(rest.statusCode).toBe(200);
    expect(rest.json()).toMatchObject({ ErrorCode: IM_ERR.IDENTIFIER_INVALID });
  });
});
