// REST contract tests built from Tencent's documented JSON samples, driven by app.inject(): gateway
// codes, every command, limits and per-group results.
import Fastify from 'fastify';
import { Api } from 'tls-sig-api-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/tempDir';
import { genUserSig } from '../../shared/domain/userSig';
import { IM_ERR } from '../../shared/tencent/errorCodes';
import { restEnvelopeSchema } from '../../shared/tencent/restSchemas';
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import { type GroupEvent } from './engineApi';
import { registerImRest } from './restRoutes';
import { ADMIN, recordingSession, SDKAPPID, SECRET, startHarness, type Harness } from './harness.testkit';
import { ManualTime } from './timers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function harness(time?: ManualTime): Promise<Harness> {
  const tmp = tempDir();
  const h = await startHarness(tmp.dir, {}, time);
  cleanups.push(tmp.cleanup, () => h.close());
  return h;
}

const G = 'group_open_http_svc';
const ROOM = {
  Owner_Account: 'anchor_001',
  Type: 'AVChatRoom',
  GroupId: 'live_20240501_001',
  Name: 'Spring Sale Live',
  Introduction: 'intro',
  Notification: 'Welcome! Coupons at 8pm.',
  FaceUrl: 'https://cdn.example.com/cover.png',
  AppDefinedData: [
    { Key: 'room_status', Value: '0' },
    { Key: 'add_goods', Value: '[]' },
  ],
};

async function withRoom(h: Harness) {
  expect((await h.call('im_open_login_svc/account_import', { Identifier: 'anchor_001', Nick: 'Anchor' })).ErrorCode).toBe(0);
  const r = await h.call(`${G}/create_group`, ROOM);
  expect(r).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', GroupId: ROOM.GroupId });
}

const code = (r: Record<string, unknown>) => r.ErrorCode;

function expectEnvelope(r: Record<string, unknown>, errorCode: number) {
  expect(restEnvelopeSchema.parse(r)).toMatchObject({ ActionStatus: errorCode === 0 ? 'OK' : 'FAIL', ErrorCode: errorCode });
}

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
    expect(a).toMatchObject({ ErrorCode: 70402, ErrorInfo: expect.stringContaining('Identifier') });
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

describe('accounts (account_import) and profiles (portrait_set)', () => {
  it('account_import (Identifier or UserID), multiaccount_import with FailAccounts', async () => {
    const h = await harness();
    expect(await h.call('im_open_login_svc/account_import', { Identifier: 'user_001', Nick: 'Alice', FaceUrl: 'https://a/p.png' })).toEqual({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
    });
    expect(code(await h.call('im_open_login_svc/account_import', { UserID: 'user_002' }))).toBe(0);
    expect(code(await h.call('im_open_login_svc/account_import', { Identifier: 'x'.repeat(33) }))).toBe(70402);
    expect(code(await h.call('im_open_login_svc/account_import', { Identifier: 'u3', Nick: 'n'.repeat(501) }))).toBe(40601);
    const many = await h.call('im_open_login_svc/multiaccount_import', { Accounts: ['a1', 'a2', 'bad\u00e9', 'y'.repeat(40)] });
    expect(many).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', FailAccounts: ['bad\u00e9', 'y'.repeat(40)] });
    expect(code(await h.call('im_open_login_svc/multiaccount_import', { Accounts: Array.from({ length: 101 }, (_, i) => `u${i}`) }))).toBe(70402);
  });

  it('portrait_set / portrait_get round trip with the documented shapes', async () => {
    const h = await harness();
    await h.call('im_open_login_svc/account_import', { Identifier: 'viewer_9' });
    const set = await h.call('profile/portrait_set', {
      From_Account: 'viewer_9',
      ProfileItem: [
        { Tag: 'Tag_Profile_IM_Nick', Value: 'Bob' },
        { Tag: 'Tag_Profile_IM_Image', Value: 'https://cdn.example.com/b.png' },
        { Tag: 'Tag_Profile_Custom_Level', Value: '3' },
        { Tag: 'Tag_Profile_IM_Gender', Value: 'Gender_Type_Male' },
      ],
    });
    expect(set).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' });
    const get = await h.call('profile/portrait_get', {
      To_Account: ['viewer_9', 'ghost'],
      TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Image', 'Tag_Profile_Custom_Level', 'Tag_Profile_IM_Level'],
    });
    expect(get).toEqual({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      ErrorDisplay: '',
      UserProfileItem: [
        {
          To_Account: 'viewer_9',
          ProfileItem: [
            { Tag: 'Tag_Profile_IM_Nick', Value: 'Bob' },
            { Tag: 'Tag_Profile_IM_Image', Value: 'https://cdn.example.com/b.png' },
            { Tag: 'Tag_Profile_Custom_Level', Value: '3' },
          ],
          ResultCode: 0,
          ResultInfo: '',
        },
        { To_Account: 'ghost', ProfileItem: [], ResultCode: 40003, ResultInfo: expect.any(String) },
      ],
      Fail_Account: ['ghost'],
    });
  });

  it.each([
    ['unknown account', { From_Account: 'ghost', ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'x' }] }, 40003],
    ['unknown tag', { From_Account: 'viewer_9', ProfileItem: [{ Tag: 'Tag_Profile_IM_Mood', Value: 'x' }] }, 40009],
    ['value > 500 B', { From_Account: 'viewer_9', ProfileItem: [{ Tag: 'Tag_Profile_Custom_Bio', Value: 'x'.repeat(501) }] }, 40601],
    ['bad enum', { From_Account: 'viewer_9', ProfileItem: [{ Tag: 'Tag_Profile_IM_Gender', Value: 'Other' }] }, 40605],
    ['type mismatch', { From_Account: 'viewer_9', ProfileItem: [{ Tag: 'Tag_Profile_IM_Level', Value: 'high' }] }, 40610],
  ])('portrait_set %s → %i, nothing applied', async (_n, body, expected) => {
    const h = await harness();
    await h.call('im_open_login_svc/account_import', { Identifier: 'viewer_9', Nick: 'Before' });
    const items = [{ Tag: 'Tag_Profile_IM_Nick', Value: 'After' }, ...body.ProfileItem];
    expect(code(await h.call('profile/portrait_set', { ...body, ProfileItem: items }))).toBe(expected);
    expect(h.engine.getProfiles(['viewer_9'])[0]?.nick).toBe('Before');
  });
});

describe('groups (group_open_http_svc)', () => {
  it('create_group with custom id and AppDefinedData; get_group_info returns the documented fields', async () => {
    const h = await harness();
    await withRoom(h);
    const info = await h.call(`${G}/get_group_info`, { GroupIdList: [ROOM.GroupId] });
    const now = Math.floor(h.time.now() / 1000);
    expect(info).toEqual({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      GroupInfo: [
        {
          GroupId: ROOM.GroupId,
          ErrorCode: 0,
          ErrorInfo: '',
          Type: 'AVChatRoom',
          Name: ROOM.Name,
          Appid: SDKAPPID,
          Introduction: ROOM.Introduction,
          Notification: ROOM.Notification,
          FaceUrl: ROOM.FaceUrl,
          Owner_Account: 'anchor_001',
          CreateTime: now,
          LastInfoTime: now,
          LastMsgTime: 0,
          NextMsgSeq: 1,
          MemberNum: 0,
          MaxMemberNum: 0,
          ApplyJoinOption: 'FreeAccess',
          ShutUpAllMember: 'Off',
          AppDefinedData: ROOM.AppDefinedData,
        },
      ],
    });
  });

  it('ResponseFilter returns only the named fields and keys; per-group 10010/10015', async () => {
    const h = await harness();
    await withRoom(h);
    const r = await h.call(`${G}/get_group_info`, {
      GroupIdList: [ROOM.GroupId, 'gone_room', 'x'.repeat(49)],
      ResponseFilter: { GroupBaseInfoFilter: ['Name', 'ShutUpAllMember', 'NoSuchField'], AppDefinedDataFilter_Group: ['add_goods'] },
    });
    expect(r.ActionStatus).toBe('OK');
    expect(r.GroupInfo).toEqual([
      { GroupId: ROOM.GroupId, ErrorCode: 0, ErrorInfo: '', Name: ROOM.Name, ShutUpAllMember: 'Off', AppDefinedData: [{ Key: 'add_goods', Value: '[]' }] },
      { GroupId: 'gone_room', ErrorCode: 10010, ErrorInfo: expect.any(String) },
      { GroupId: 'x'.repeat(49), ErrorCode: 10015, ErrorInfo: expect.any(String) },
    ]);
    const onlyCustom = await h.call(`${G}/get_group_info`, {
      GroupIdList: [ROOM.GroupId],
      ResponseFilter: { AppDefinedDataFilter_Group: ['room_status'] },
    });
    expect(onlyCustom.GroupInfo).toEqual([{ GroupId: ROOM.GroupId, ErrorCode: 0, ErrorInfo: '', AppDefinedData: [{ Key: 'room_status', Value: '0' }] }]);
    expect(code(await h.call(`${G}/get_group_info`, { GroupIdList: Array.from({ length: 51 }, (_, i) => `g${i}`) }))).toBe(10004);
  });

  it.each([
    ['duplicate id', { GroupId: ROOM.GroupId }, 10025],
    ['@TGS# custom id', { GroupId: '@TGS#mine' }, 10015],
    ['49-byte id', { GroupId: 'x'.repeat(49) }, 10015],
    ['non-ASCII id', { GroupId: '直播间' }, 10015],
    ['MemberList', { GroupId: 'new1', MemberList: [{ Member_Account: 'anchor_001' }] }, 10007],
    ['Public type', { GroupId: 'new2', Type: 'Public' }, 10007],
    ['unknown type', { GroupId: 'new3', Type: 'Party' }, 10004],
    ['31-byte name', { GroupId: 'new4', Name: 'n'.repeat(31) }, 10004],
    ['11 CJK chars', { GroupId: 'new5', Name: '直'.repeat(11) }, 10004],
    ['241-byte intro', { GroupId: 'new6', Introduction: 'i'.repeat(241) }, 10004],
    ['301-byte notice', { GroupId: 'new7', Notification: 'n'.repeat(301) }, 10004],
    ['101-byte FaceUrl', { GroupId: 'new8', FaceUrl: 'f'.repeat(101) }, 10004],
    ['unknown custom key', { GroupId: 'new9', AppDefinedData: [{ Key: 'attent', Value: '1' }] }, 10004],
    ['513-byte value', { GroupId: 'newA', AppDefinedData: [{ Key: 'add_goods', Value: 'v'.repeat(513) }] }, 10004],
    ['unknown owner', { GroupId: 'newB', Owner_Account: 'nobody' }, 10019],
  ])('create_group %s → %i', async (_n, patch, expected) => {
    const h = await harness();
    await withRoom(h);
    expect(code(await h.call(`${G}/create_group`, { ...ROOM, ...patch }))).toBe(expected);
  });

  it('names the unknown custom-field key in ErrorInfo; 30-byte CJK name is fine', async () => {
    const h = await harness();
    const r = await h.call(`${G}/create_group`, { Type: 'AVChatRoom', Name: '直'.repeat(10), AppDefinedData: [{ Key: 'attent', Value: '1' }] });
    expect(r.ErrorInfo).toMatch(/"attent" is not a registered group custom field \(registered: room_status, add_goods, gift_catalog\)/);
    expect(code(await h.call(`${G}/create_group`, { Type: 'AVChatRoom', Name: '直'.repeat(10) }))).toBe(0);
  });

  it('modify_group_base_info: partial update, Value "" deletes, tip 6 carries only what the request set', async () => {
    const h = await harness();
    await withRoom(h);
    const viewer = recordingSession('s-v');
    h.engine.join(ROOM.GroupId, viewer.ref);
    const r = await h.call(`${G}/modify_group_base_info`, {
      GroupId: ROOM.GroupId,
      Notification: 'Coupons drop at 20:00',
      AppDefinedData: [
        { Key: 'room_status', Value: '1' },
        { Key: 'add_goods', Value: '' },
      ],
    });
    expect(r).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    expect(viewer.events).toEqual([
      {
        kind: 'tip',
        groupId: ROOM.GroupId,
        operationType: 6,
        operatorID: ADMIN,
        userIDList: [ADMIN],
        nick: '',
        avatar: '',
        time: Math.floor(h.time.now() / 1000),
        newGroupProfile: {
          notification: 'Coupons drop at 20:00',
          groupCustomField: [
            { key: 'room_status', value: '1' },
            { key: 'add_goods', value: '' },
          ],
        },
      },
    ]);
    const info = await h.call(`${G}/get_group_info`, { GroupIdList: [ROOM.GroupId] });
    expect(info.GroupInfo).toEqual([
      expect.objectContaining({ Name: ROOM.Name, Notification: 'Coupons drop at 20:00', AppDefinedData: [{ Key: 'room_status', Value: '1' }] }),
    ]);

    await h.call(`${G}/modify_group_base_info`, { GroupId: ROOM.GroupId, Name: 'New', Introduction: 'i2', FaceUrl: 'https://f', ShutUpAllMember: 'On' });
    expect(viewer.events.at(-1)).toMatchObject({
      newGroupProfile: { name: 'New', introduction: 'i2', avatar: 'https://f', muteAllMembers: true },
    });
    const before = viewer.events.length;
    expect(code(await h.call(`${G}/modify_group_base_info`, { GroupId: ROOM.GroupId }))).toBe(0);
    expect(viewer.events).toHaveLength(before); // nothing set, nothing told
  });

  it('modify_group_base_info is all-or-nothing and answers 10010/10015/10004', async () => {
    const h = await harness();
    await withRoom(h);
    const bad = await h.call(`${G}/modify_group_base_info`, {
      GroupId: ROOM.GroupId,
      Name: 'Changed',
      AppDefinedData: [{ Key: 'nope', Value: '1' }],
    });
    expect(bad).toMatchObject({ ErrorCode: 10004, ErrorInfo: expect.stringContaining('"nope"') });
    const info = await h.call(`${G}/get_group_info`, { GroupIdList: [ROOM.GroupId], ResponseFilter: { GroupBaseInfoFilter: ['Name'] } });
    expect(info.GroupInfo).toEqual([expect.objectContaining({ Name: ROOM.Name })]);
    expect(code(await h.call(`${G}/modify_group_base_info`, { GroupId: 'missing', Name: 'x' }))).toBe(10010);
    expect(code(await h.call(`${G}/modify_group_base_info`, { GroupId: '', Name: 'x' }))).toBe(10015);
    expect(code(await h.call(`${G}/modify_group_base_info`, { GroupId: ROOM.GroupId, Notification: 'n'.repeat(301) }))).toBe(10004);
  });

  it('destroy_group: system notice 5, sessions removed, id gone (and reusable)', async () => {
    const h = await harness();
    await withRoom(h);
    const viewer = recordingSession('s-v');
    h.engine.join(ROOM.GroupId, viewer.ref);
    expect(await h.call(`${G}/destroy_group`, { GroupId: ROOM.GroupId })).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    expect(viewer.events).toEqual([{ kind: 'system', groupId: ROOM.GroupId, operationType: 5, userDefinedField: '', time: expect.any(Number) }]);
    expect(code(await h.call(`${G}/get_online_member_num`, { GroupId: ROOM.GroupId }))).toBe(10010);
    expect(code(await h.call(`${G}/destroy_group`, { GroupId: ROOM.GroupId }))).toBe(10010);
    expect(code(await h.call(`${G}/create_group`, ROOM))).toBe(0);
    expect((await h.call(`${G}/get_online_member_num`, { GroupId: ROOM.GroupId })).OnlineMemberNum).toBe(0);
  });

  it('get_online_member_num counts guests and logged-in sessions; add_group_member → 10007', async () => {
    const h = await harness();
    await withRoom(h);
    h.engine.join(ROOM.GroupId, recordingSession('s1').ref);
    h.engine.join(ROOM.GroupId, recordingSession('s2', 'anchor_001').ref);
    expect(await h.call(`${G}/get_online_member_num`, { GroupId: ROOM.GroupId })).toEqual({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      OnlineMemberNum: 2,
    });
    expect(code(await h.call(`${G}/add_group_member`, { GroupId: ROOM.GroupId, MemberList: [{ Member_Account: 'anchor_001' }] }))).toBe(10007);
    expect(code(await h.call(`${G}/add_group_member`, { GroupId: 'nope', MemberList: [{ Member_Account: 'a' }] }))).toBe(10010);
  });

  it('send_group_system_notification: operationType 255 with Content, outside the 40/s limit', async () => {
    const h = await harness();
    await withRoom(h);
    const viewer = recordingSession('s-v');
    h.engine.join(ROOM.GroupId, viewer.ref);
    const content = '{"type":"BIT_BEGIN","msg":{"id":1}}';
    for (let i = 0; i < 60; i++) {
      expect(await h.call(`${G}/send_group_system_notification`, { GroupId: ROOM.GroupId, Content: content })).toEqual({
        ActionStatus: 'OK',
        ErrorCode: 0,
        ErrorInfo: '',
      });
    }
    expect(viewer.events).toHaveLength(60);
    expect(viewer.events[0]).toEqual({ kind: 'system', groupId: ROOM.GroupId, operationType: 255, userDefinedField: content, time: expect.any(Number) });
    expect(code(await h.call(`${G}/send_group_system_notification`, { GroupId: ROOM.GroupId, Content: 'x', ToMembers_Account: ['a'] }))).toBe(10007);
    expect(code(await h.call(`${G}/send_group_system_notification`, { GroupId: 'nope', Content: 'x' }))).toBe(10010);
  });
});

describe('send_group_msg', () => {
  const msg = (over: Record<string, unknown> = {}) => ({
    GroupId: ROOM.GroupId,
    From_Account: 'anchor_001',
    Random: 1843219947,
    MsgPriority: 'High',
    MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'ADD_GOODS', Desc: '', Ext: '{"sku":"A1","price":1999}', Sound: '' } }],
    CloudCustomData: '{"v":1}',
    SendMsgControl: ['NoLastMsg'],
    ...over,
  });

  it('delivers with the sender profile and answers MsgTime/MsgSeq', async () => {
    const h = await harness();
    await withRoom(h);
    const viewer = recordingSession('s-v');
    h.engine.join(ROOM.GroupId, viewer.ref);
    const r = await h.call(`${G}/send_group_msg`, msg());
    const now = Math.floor(h.time.now() / 1000);
    expect(r).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', MsgTime: now, MsgSeq: 1 });
    expect(viewer.events).toEqual<GroupEvent[]>([
      {
        kind: 'message',
        groupId: ROOM.GroupId,
        from: 'anchor_001',
        nick: 'Anchor',
        avatar: '',
        time: now,
        seq: 1,
        random: 1843219947,
        priority: 'High',
        body: msg().MsgBody as never,
        cloudCustomData: '{"v":1}',
        modified: false,
      },
    ]);
    const fromAdmin = await h.call(`${G}/send_group_msg`, msg({ From_Account: undefined, Random: 2 }));
    expect(fromAdmin.MsgSeq).toBe(2);
    expect(viewer.events.at(-1)).toMatchObject({ from: ADMIN, priority: 'High' });
  });

  it('12,288 bytes pass, one more → 80002', async () => {
    const h = await harness();
    await withRoom(h);
    // {"Text":"…"} adds 11 bytes of JSON around the text.
    const body = (n: number) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: 't'.repeat(n) } }];
    expect(code(await h.call(`${G}/send_group_msg`, msg({ Random: 1, MsgBody: body(12_277) })))).toBe(0);
    const over = await h.call(`${G}/send_group_msg`, msg({ Random: 2, MsgBody: body(12_278) }));
    expect(over).toMatchObject({ ErrorCode: 80002, ErrorInfo: expect.stringContaining('12289 bytes') });
  });

  it.each([
    ['two TIMCustomElem', { MsgBody: [msg().MsgBody[0], msg().MsgBody[0]] }, 10004],
    ['Random over uint32', { Random: 4294967296 }, 10004],
    ['negative Random', { Random: -1 }, 10004],
    ['lower-case priority', { MsgPriority: 'high' }, 10004],
    ['image element', { MsgBody: [{ MsgType: 'TIMImageElem', MsgContent: {} }] }, 10004],
    ['unknown From_Account', { From_Account: 'nobody' }, 10019],
    ['unknown group', { GroupId: 'nope' }, 10010],
    ['bad group id', { GroupId: '@TGS#' + 'x'.repeat(44) }, 10015],
  ])('%s → %i', async (_n, over, expected) => {
    const h = await harness();
    await withRoom(h);
    expect(code(await h.call(`${G}/send_group_msg`, msg(over)))).toBe(expected);
  });

  it('muted From_Account → 10017; a repeated Random is swallowed with success', async () => {
    const h = await harness();
    await withRoom(h);
    const viewer = recordingSession('s-v');
    h.engine.join(ROOM.GroupId, viewer.ref);
    const first = await h.call(`${G}/send_group_msg`, msg({ Random: 5 }));
    const dup = await h.call(`${G}/send_group_msg`, msg({ Random: 5, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'other' } }] }));
    expect(dup).toEqual(first);
    expect(viewer.events).toHaveLength(1);
    await h.call(`${G}/forbid_send_msg`, { GroupId: ROOM.GroupId, Members_Account: ['anchor_001'], ShutUpTime: 600 });
    expect(code(await h.call(`${G}/send_group_msg`, msg({ Random: 6 })))).toBe(10017);
    expect(code(await h.call(`${G}/forbid_send_msg`, { GroupId: 'nope', Members_Account: ['a'], ShutUpTime: 1 }))).toBe(10010);
    expect(code(await h.call(`${G}/forbid_send_msg`, { GroupId: ROOM.GroupId, Members_Account: [], ShutUpTime: 1 }))).toBe(10004);
  });
});
