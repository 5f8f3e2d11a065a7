// The console's own room actions in Tencent mode: RoomService → ImRestClient → the wire, with the
// admin UserSig, the regional domain and Tencent's errors as the console reports them.
import { afterEach, describe, expect, it } from 'vitest';
import { verifyUserSig } from '../../shared/domain/userSig';
import { defaultSettings } from '../../shared/settings';
import { AppError } from '../../shared/errors';
import { tempDir } from '../../../test/support/tempDir';
import { FileSecretStore } from '../infra/fileSecretStore';
import { silentLogger } from '../infra/logger';
import { nodeCrypto, systemClock } from '../infra/nodeCrypto';
import { RoomService } from '../room/roomService';
import { SettingsStore } from '../infra/settingsStore';
import { DEFAULT_GIFT_CATALOG } from '../../shared/domain/liveCommerce';
import { captureServer, closeAll, closers, expectTencentQuery, fail, GROUP, OK } from './imRestClient.testkit';

afterEach(closeAll);

/** What the console writes when it creates a room: the status and the default gift catalog. */
const CREATE_FIELDS = [
  { Key: 'room_status', Value: 'not_started' },
  { Key: 'gift_catalog', Value: JSON.stringify(DEFAULT_GIFT_CATALOG) },
];

const SECRET_KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';

/** RoomService as the app builds it in Tencent mode; HTTPS to Tencent is redirected to the capture server. */
async function tencentRoom(baseUrl: string, sdkAppId = 1400000000) {
  const d = tempDir();
  closers.push(() => d.cleanup());
  const settings = new SettingsStore(d.dir);
  const defaults = defaultSettings();
  settings.save({
    ...defaults,
    mode: 'tencent',
    im: { ...defaults.im, sdkAppId, adminIdentifier: 'administrator' },
    room: { groupId: GROUP, hostUserId: 'anchor_001' },
  });
  const secrets = new FileSecretStore(d.dir);
  await secrets.set('im.secretKey', SECRET_KEY);
  const origins: string[] = [];
  const room = new RoomService({
    settings,
    secrets,
    studio: undefined,
    crypto: nodeCrypto,
    clock: systemClock,
    log: silentLogger(),
    dataDir: d.dir,
    fetch: (input, init) => {
      const u = new URL(String(input));
      origins.push(u.origin);
      return fetch(`${baseUrl}${u.pathname}${u.search}`, init);
    },
  });
  return { room, origins, settings };
}

describe('the console’s room actions in Tencent mode (RoomService → ImRestClient → wire)', () => {
  it('sends each admin action to Tencent’s China domain with the documented shapes and a valid admin UserSig', async () => {
    const srv = await captureServer();
    const { room, origins } = await tencentRoom(srv.baseUrl);
    await room.launchProduct({ id: 'A1', title: 'Spring dress', price: 19900, currency: 'CNY' });
    await room.unpinProduct();
    await room.setStatus('live');
    await room.launchGifts([{ id: 'rose', name: 'Rose', value: 100, icon: '🌹' }]);
    await room.announce('Coupons drop at 20:00');
    await room.mute('viewer_9', 10);
    await room.announceVerified({ kind: 'gift', userId: 'viewer_9', nick: 'Bob', itemId: 'rose', name: 'Rose', value: 100, count: 3 });
    await room.announceVerified({ kind: 'purchase', userId: 'viewer_9', nick: 'Bob', itemId: 'A1', name: 'Spring dress', value: 19900, count: 2 });

    expect(new Set(origins)).toEqual(new Set(['https://console.tim.qq.com']));
    const calls = srv.captured;
    expect(calls.map((c) => c.path)).toEqual([
      '/v4/group_open_http_svc/modify_group_base_info',
      '/v4/group_open_http_svc/modify_group_base_info',
      '/v4/group_open_http_svc/modify_group_base_info',
      '/v4/group_open_http_svc/modify_group_base_info',
      '/v4/group_open_http_svc/modify_group_base_info',
      '/v4/group_open_http_svc/forbid_send_msg',
      '/v4/group_open_http_svc/send_group_msg',
      '/v4/group_open_http_svc/send_group_msg',
    ]);
    for (const c of calls) {
      expect(c.method).toBe('POST');
      expect(c.contentType).toMatch(/^application\/json\b/);
      expectTencentQuery(c, { sdkappid: '1400000000', identifier: 'administrator' });
      const v = verifyUserSig(nodeCrypto, {
        userSig: c.query.usersig![0]!,
        sdkAppId: 1400000000,
        secretKey: SECRET_KEY,
        identifier: 'administrator',
        nowSeconds: Math.floor(Date.now() / 1000),
      });
      expect(v.ok).toBe(true);
    }
    expect(new Set(calls.map((c) => c.query.random![0])).size).toBe(calls.length);

    const bodies = calls.map((c) => c.body);
    expect(bodies.slice(0, 6)).toEqual([
      { GroupId: GROUP, AppDefinedData: [{ Key: 'add_goods', Value: '{"id":"A1","title":"Spring dress","price":19900,"currency":"CNY"}' }] },
      { GroupId: GROUP, AppDefinedData: [{ Key: 'add_goods', Value: '' }] },
      { GroupId: GROUP, AppDefinedData: [{ Key: 'room_status', Value: 'live' }] },
      { GroupId: GROUP, AppDefinedData: [{ Key: 'gift_catalog', Value: '[{"id":"rose","name":"Rose","value":100,"icon":"🌹"}]' }] },
      { GroupId: GROUP, Notification: 'Coupons drop at 20:00' },
      { GroupId: GROUP, Members_Account: ['viewer_9'], ShutUpTime: 600 },
    ]);
    const [gift, purchase] = bodies.slice(6) as Array<{ Random: number }>;
    expect(gift).toEqual({
      GroupId: GROUP,
      Random: expect.any(Number),
      MsgPriority: 'High',
      MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'SEND_GIFT', Desc: '', Ext: '{"giftId":"rose","name":"Rose","value":100,"count":3}' } }],
      CloudCustomData: '{"paidBy":{"userId":"viewer_9","nick":"Bob"}}',
    });
    expect(purchase).toEqual({
      GroupId: GROUP,
      Random: expect.any(Number),
      MsgPriority: 'High',
      MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'BUY_GOODS', Desc: '', Ext: '{"id":"A1","title":"Spring dress","price":19900,"quantity":2}' } }],
      CloudCustomData: '{"paidBy":{"userId":"viewer_9","nick":"Bob"}}',
    });
    // Same sender + same Random within 5 min is dropped by Tencent: each message needs its own.
    for (const m of [gift!, purchase!]) expect(Number.isInteger(m.Random) && m.Random >= 0 && m.Random <= 4294967295).toBe(true);
    expect(gift!.Random).not.toBe(purchase!.Random);
  });

  it('room:create imports the host accounts, creates the AVChatRoom with the host as owner, then reads it back', async () => {
    const srv = await captureServer([
      { json: OK },
      { json: OK },
      { json: { ...OK, GroupId: 'live_new' } },
      {
        json: {
          ...OK,
          GroupInfo: [
            { GroupId: 'live_new', ErrorCode: 0, ErrorInfo: '', Type: 'AVChatRoom', Name: 'Spring Sale Live', Owner_Account: 'anchor_001', Notification: 'Welcome! Coupons at 8pm.', CreateTime: 1714500000, AppDefinedData: [{ Key: 'room_status', Value: 'not_started' }] },
          ],
        },
      },
      { json: { ...OK, OnlineMemberNum: 0 } },
    ]);
    const { room, settings } = await tencentRoom(srv.baseUrl);
    const info = await room.create({ groupId: 'live_new', name: 'Spring Sale Live', notification: 'Welcome! Coupons at 8pm.' });
    expect(srv.captured.map((c) => [c.path, c.body])).toEqual([
      ['/v4/im_open_login_svc/account_import', { UserID: 'anchor_001' }],
      ['/v4/im_open_login_svc/account_import', { UserID: 'anchor_001_assistant' }],
      [
        '/v4/group_open_http_svc/create_group',
        {
          Owner_Account: 'anchor_001',
          Type: 'AVChatRoom',
          GroupId: 'live_new',
          Name: 'Spring Sale Live',
          Notification: 'Welcome! Coupons at 8pm.',
          AppDefinedData: CREATE_FIELDS,
        },
      ],
      ['/v4/group_open_http_svc/get_group_info', { GroupIdList: ['live_new'] }],
      ['/v4/group_open_http_svc/get_online_member_num', { GroupId: 'live_new' }],
    ]);
    for (const c of srv.captured) expectTencentQuery(c, { sdkappid: '1400000000', identifier: 'administrator' });
    expect(info).toEqual({
      groupId: 'live_new',
      type: 'AVChatRoom',
      name: 'Spring Sale Live',
      owner: 'anchor_001',
      notification: 'Welcome! Coupons at 8pm.',
      createdAt: 1714500000,
      online: 0,
      fields: { room_status: 'not_started' },
      hostIsOwner: true,
    });
    expect(settings.get().settings.room.groupId).toBe('live_new');
  });

  it('room:create without an id sends no GroupId and adopts Tencent’s @TGS# id', async () => {
    const srv = await captureServer([
      { json: OK },
      { json: OK },
      { json: { ...OK, GroupId: '@TGS#2J4SZEAEL' } },
      { json: { ...OK, GroupInfo: [{ GroupId: '@TGS#2J4SZEAEL', ErrorCode: 0, ErrorInfo: '', Type: 'AVChatRoom', Name: 'Spring Sale Live', Owner_Account: 'anchor_001' }] } },
      { json: { ...OK, OnlineMemberNum: 0 } },
    ]);
    const { room, settings } = await tencentRoom(srv.baseUrl);
    const info = await room.create({ groupId: '', name: 'Spring Sale Live', notification: '' });
    expect(srv.captured[2]!.body).toEqual({ Owner_Account: 'anchor_001', Type: 'AVChatRoom', Name: 'Spring Sale Live', AppDefinedData: CREATE_FIELDS });
    expect(srv.captured[3]!.body).toEqual({ GroupIdList: ['@TGS#2J4SZEAEL'] });
    expect(info.groupId).toBe('@TGS#2J4SZEAEL');
    expect(settings.get().settings.room.groupId).toBe('@TGS#2J4SZEAEL');
  });

  it('room:info surfaces a per-group ErrorCode (10010) from get_group_info as IM_REST_FAILED', async () => {
    const srv = await captureServer([{ json: { ...OK, GroupInfo: [{ GroupId: GROUP, ErrorCode: 10010, ErrorInfo: 'this group does not exist' }] } }]);
    const { room } = await tencentRoom(srv.baseUrl);
    const e = await room.info().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('IM_REST_FAILED');
    expect((e as AppError).details).toMatchObject({ errorCode: 10010, command: 'group_open_http_svc/get_group_info' });
    expect(srv.captured.map((c) => c.body)).toEqual([{ GroupIdList: [GROUP] }]);
  });

  it('reads the online count from get_online_member_num', async () => {
    const srv = await captureServer([{ json: { ...OK, OnlineMemberNum: 1000 } }]);
    const { room } = await tencentRoom(srv.baseUrl);
    expect(await room.onlineCount()).toEqual({ count: 1000 });
    expect(srv.captured[0]!.path).toBe('/v4/group_open_http_svc/get_online_member_num');
    expect(srv.captured[0]!.body).toEqual({ GroupId: GROUP });
  });

  it('picks the regional domain from the SDKAppID (Singapore range → adminapisgp.im.qcloud.com)', async () => {
    const srv = await captureServer();
    const { room, origins } = await tencentRoom(srv.baseUrl, 20000001);
    await room.setStatus('paused');
    expect(origins).toEqual(['https://adminapisgp.im.qcloud.com']);
    expect(srv.captured[0]!.query.sdkappid).toEqual(['20000001']);
  });

  it('turns a FAIL envelope into IM_REST_FAILED carrying ErrorCode, ErrorInfo and the command', async () => {
    const srv = await captureServer([fail(10010, 'group id invalid or group has been dismissed')]);
    const { room } = await tencentRoom(srv.baseUrl);
    const e = await room.announce('hello').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('IM_REST_FAILED');
    expect((e as AppError).details).toEqual({
      errorCode: 10010,
      errorInfo: 'group id invalid or group has been dismissed',
      command: 'group_open_http_svc/modify_group_base_info',
    });
    expect(srv.captured).toHaveLength(1);
  });
});
