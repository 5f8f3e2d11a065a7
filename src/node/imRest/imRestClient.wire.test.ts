// Every command the console sends, captured on the wire and checked field by field against Tencent's
// documented samples (transcribed from Tencent's REST API pages), with success and FAIL responses.
import { afterEach, describe, expect, it } from 'vitest';
import type { ImRestCommand, ImRestRequest, ImRestResponse } from '../../shared/tencent/restSchemas';
import { captureServer, client, closeAll, expectJsonPost, expectTencentQuery, fail, failureOf, GROUP, OK, REF_USERSIG } from './imRestClient.testkit';

afterEach(closeAll);

// ── Tencent's documented shapes, one per command the console sends ───────────────────────────

type Case = {
  [C in ImRestCommand]: {
    command: C;
    /** Tencent's doc page for the command: https://cloud.tencent.com/document/product/269/<id>. */
    ref: string;
    body: ImRestRequest<C>;
    /** The success response as Tencent's doc page prints it. */
    response: Record<string, unknown>;
    /** What the caller must read from the parsed response. */
    check?: (r: ImRestResponse<C>) => void;
    /** A documented private error of this API for the FAIL-envelope test. */
    failure: { code: number; info: string; extra?: object };
  };
}[ImRestCommand];

const CASES: Case[] = [
  {
    command: 'im_open_login_svc/account_import',
    ref: 'doc 269/1608',
    body: { UserID: 'anchor_001', Nick: 'Alice', FaceUrl: 'https://cdn.example.com/a.png' },
    response: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' },
    failure: { code: 70398, info: 'account num limit exceeded' },
  },
  {
    command: 'group_open_http_svc/create_group',
    ref: 'doc 269/1615',
    body: {
      Owner_Account: 'anchor_001',
      Type: 'AVChatRoom',
      GroupId: GROUP,
      Name: 'Spring Sale Live',
      Notification: 'Welcome! Coupons at 8pm.',
      AppDefinedData: [
        { Key: 'room_status', Value: 'not_started' },
        { Key: 'add_goods', Value: '{"id":"A1","title":"Spring dress","price":19900,"currency":"CNY"}' },
        { Key: 'gift_catalog', Value: '[{"id":"rose","name":"Rose","value":100,"icon":"🌹"}]' },
      ],
    },
    response: { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, GroupId: GROUP },
    check: (r) => expect(r.GroupId).toBe(GROUP),
    failure: { code: 10025, info: 'group id has been used by yourself' },
  },
  {
    command: 'group_open_http_svc/get_group_info',
    ref: 'doc 269/1616',
    body: {
      GroupIdList: [GROUP],
      ResponseFilter: {
        GroupBaseInfoFilter: ['Type', 'Name', 'Introduction', 'Notification', 'FaceUrl', 'Owner_Account', 'MemberNum', 'ShutUpAllMember'],
        AppDefinedDataFilter_Group: ['room_status', 'add_goods'],
      },
    },
    response: {
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      GroupInfo: [
        {
          GroupId: GROUP,
          ErrorCode: 0,
          ErrorInfo: '',
          Type: 'AVChatRoom',
          Name: 'Spring Sale Live',
          Appid: 1400000000,
          Introduction: '…',
          Notification: 'Welcome!',
          FaceUrl: 'https://…',
          Owner_Account: 'anchor_001',
          CreateTime: 1714500000,
          LastInfoTime: 1714500100,
          LastMsgTime: 1714500200,
          NextMsgSeq: 1,
          MemberNum: 0,
          MaxMemberNum: 0,
          ApplyJoinOption: 'FreeAccess',
          ShutUpAllMember: 'Off',
          AppDefinedData: [{ Key: 'room_status', Value: '1' }],
        },
      ],
    },
    check: (r) => {
      const g = r.GroupInfo?.[0];
      expect(g?.ErrorCode).toBe(0);
      expect(g?.Owner_Account).toBe('anchor_001');
      expect(g?.CreateTime).toBe(1714500000);
      expect(g?.AppDefinedData).toEqual([{ Key: 'room_status', Value: '1' }]);
    },
    failure: { code: 60010, info: 'identifier is not admin' },
  },
  {
    command: 'group_open_http_svc/modify_group_base_info',
    ref: 'doc 269/1620',
    body: {
      GroupId: GROUP,
      Notification: 'Coupons drop at 20:00',
      AppDefinedData: [
        { Key: 'room_status', Value: 'live' },
        // `"Value": ""` deletes the key.
        { Key: 'add_goods', Value: '' },
      ],
    },
    response: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' },
    failure: { code: 10010, info: 'group id invalid or group has been dismissed' },
  },
  {
    command: 'group_open_http_svc/send_group_msg',
    ref: 'doc 269/1629',
    body: {
      GroupId: GROUP,
      From_Account: 'anchor_001',
      Random: 1843219947,
      MsgPriority: 'High',
      MsgBody: [
        {
          MsgType: 'TIMCustomElem',
          MsgContent: { Data: 'ADD_GOODS', Desc: '', Ext: '{"sku":"A1","price":1999}', Sound: '' },
        },
      ],
      CloudCustomData: '{"v":1}',
      ForbidCallbackControl: ['ForbidBeforeSendMsgCallback'],
      SendMsgControl: ['NoLastMsg'],
    },
    response: { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, MsgTime: 1714500300, MsgSeq: 1 },
    check: (r) => expect([r.MsgTime, r.MsgSeq]).toEqual([1714500300, 1]),
    failure: { code: 10017, info: 'sender is muted' },
  },
  {
    command: 'group_open_http_svc/send_group_system_notification',
    ref: 'doc 269/1630',
    body: { GroupId: GROUP, Content: '{"type":"ROOM_STATUS","msg":"paused"}' },
    response: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' },
    failure: { code: 10007, info: 'permission denied' },
  },
  {
    command: 'group_open_http_svc/forbid_send_msg',
    ref: 'doc 269/1627',
    body: { GroupId: GROUP, Members_Account: ['viewer_9'], ShutUpTime: 600 },
    response: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' },
    failure: { code: 10004, info: 'invalid parameter' },
  },
  {
    command: 'group_open_http_svc/get_online_member_num',
    ref: 'doc 269/49180',
    body: { GroupId: GROUP },
    response: { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, OnlineMemberNum: 1000 },
    check: (r) => expect(r.OnlineMemberNum).toBe(1000),
    failure: { code: 10007, info: 'only AVChatRoom supports this' },
  },
  {
    command: 'group_open_http_svc/destroy_group',
    ref: 'doc 269/1624',
    body: { GroupId: GROUP },
    response: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' },
    failure: { code: 10015, info: 'invalid group id' },
  },
  {
    command: 'profile/portrait_set',
    ref: 'doc 269/1640',
    body: {
      From_Account: 'viewer_9',
      ProfileItem: [
        { Tag: 'Tag_Profile_IM_Nick', Value: 'Bob' },
        { Tag: 'Tag_Profile_IM_Image', Value: 'https://cdn.example.com/b.png' },
        { Tag: 'Tag_Profile_Custom_Level', Value: '3' },
      ],
    },
    response: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' },
    failure: { code: 40009, info: 'Tag not found', extra: { ErrorDisplay: 'Unknown tag Tag_Profile_Custom_Level' } },
  },
];

describe('every command on the wire, field by field', () => {
  it('the table covers each command the console sends, once', () => {
    expect(CASES.map((c) => c.command).sort()).toEqual([
      'group_open_http_svc/create_group',
      'group_open_http_svc/destroy_group',
      'group_open_http_svc/forbid_send_msg',
      'group_open_http_svc/get_group_info',
      'group_open_http_svc/get_online_member_num',
      'group_open_http_svc/modify_group_base_info',
      'group_open_http_svc/send_group_msg',
      'group_open_http_svc/send_group_system_notification',
      'im_open_login_svc/account_import',
      'profile/portrait_set',
    ]);
  });

  it.each(CASES)('$command ($ref): URL, query, POST JSON body, and the success response parsed', async (k) => {
    const srv = await captureServer([{ json: k.response }]);
    const wire = structuredClone(k.body);
    const r = await client(srv.baseUrl).call(k.command, structuredClone(k.body) as never);
    expect(srv.captured).toHaveLength(1);
    const c = srv.captured[0]!;
    expectJsonPost(c, k.command, wire);
    expectTencentQuery(c, { sdkappid: '1400000000', identifier: 'administrator', usersig: REF_USERSIG });
    // Every documented field survives the zod parse unchanged.
    expect(r).toEqual(k.response);
    (k.check as ((r: unknown) => void) | undefined)?.(r);
  });

  it.each(CASES)('$command: a FAIL envelope becomes ImRestError with its ErrorCode and ErrorInfo, not retried', async (k) => {
    const envelope = fail(k.failure.code, k.failure.info, k.failure.extra);
    const srv = await captureServer([envelope]);
    const sleeps: number[] = [];
    const e = await failureOf(client(srv.baseUrl, { sleep: async (ms) => void sleeps.push(ms) }).call(k.command, structuredClone(k.body) as never));
    expect(e.command).toBe(k.command);
    expect(e.errorCode).toBe(k.failure.code);
    expect(e.errorInfo).toBe(k.failure.info);
    expect(e.response).toEqual(envelope.json);
    expect(e.message).toContain(k.command);
    expect(e.message).toContain(String(k.failure.code));
    expect(srv.captured).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('create_group without GroupId returns Tencent’s assigned @TGS# id', async () => {
    const srv = await captureServer([{ json: { ...OK, GroupId: '@TGS#2J4SZEAEL' } }]);
    const r = await client(srv.baseUrl).call('group_open_http_svc/create_group', { Type: 'AVChatRoom', Name: 'Spring Sale Live' });
    expect(srv.captured[0]!.body).toEqual({ Type: 'AVChatRoom', Name: 'Spring Sale Live' });
    expect(r.GroupId).toBe('@TGS#2J4SZEAEL');
  });

  it('get_group_info: top-level OK with a per-group ErrorCode resolves, and each entry carries its own code', async () => {
    const srv = await captureServer([
      {
        json: {
          ...OK,
          GroupInfo: [
            { GroupId: GROUP, ErrorCode: 0, ErrorInfo: '', Type: 'AVChatRoom', Name: 'Spring Sale Live', AppDefinedData: [{ Key: 'add_goods', Value: '{"id":"A1"}' }] },
            { GroupId: 'live_gone', ErrorCode: 10010, ErrorInfo: 'this group does not exist' },
            { GroupId: 'bad id', ErrorCode: 10015, ErrorInfo: 'invalid group id' },
          ],
        },
      },
    ]);
    const r = await client(srv.baseUrl).call('group_open_http_svc/get_group_info', { GroupIdList: [GROUP, 'live_gone', 'bad id'] });
    expect(srv.captured[0]!.body).toEqual({ GroupIdList: [GROUP, 'live_gone', 'bad id'] });
    expect(r.GroupInfo?.map((g) => [g.GroupId, g.ErrorCode, g.ErrorInfo])).toEqual([
      [GROUP, 0, ''],
      ['live_gone', 10010, 'this group does not exist'],
      ['bad id', 10015, 'invalid group id'],
    ]);
    expect(r.GroupInfo?.[0]?.AppDefinedData).toEqual([{ Key: 'add_goods', Value: '{"id":"A1"}' }]);
  });

  it('modify_group_base_info sends an announcement alone, a field set alone, and a deletion as Value ""', async () => {
    const srv = await captureServer();
    const c = client(srv.baseUrl);
    await c.call('group_open_http_svc/modify_group_base_info', { GroupId: GROUP, Notification: 'Coupons drop at 20:00' });
    await c.call('group_open_http_svc/modify_group_base_info', { GroupId: GROUP, AppDefinedData: [{ Key: 'room_status', Value: 'live' }] });
    await c.call('group_open_http_svc/modify_group_base_info', { GroupId: GROUP, AppDefinedData: [{ Key: 'add_goods', Value: '' }] });
    expect(srv.captured.map((x) => x.raw)).toEqual([
      '{"GroupId":"live_20240501_001","Notification":"Coupons drop at 20:00"}',
      '{"GroupId":"live_20240501_001","AppDefinedData":[{"Key":"room_status","Value":"live"}]}',
      '{"GroupId":"live_20240501_001","AppDefinedData":[{"Key":"add_goods","Value":""}]}',
    ]);
  });

  it('forbid_send_msg carries ShutUpTime 0 (unmute) and 4294967295 (permanent) as numbers', async () => {
    const srv = await captureServer();
    const c = client(srv.baseUrl);
    await c.call('group_open_http_svc/forbid_send_msg', { GroupId: GROUP, Members_Account: ['viewer_9'], ShutUpTime: 0 });
    await c.call('group_open_http_svc/forbid_send_msg', { GroupId: GROUP, Members_Account: ['viewer_9', 'viewer_10'], ShutUpTime: 4294967295 });
    expect(srv.captured.map((x) => x.raw)).toEqual([
      '{"GroupId":"live_20240501_001","Members_Account":["viewer_9"],"ShutUpTime":0}',
      '{"GroupId":"live_20240501_001","Members_Account":["viewer_9","viewer_10"],"ShutUpTime":4294967295}',
    ]);
  });

  it('non-ASCII text reaches the server as the same UTF-8 JSON string', async () => {
    const srv = await captureServer();
    await client(srv.baseUrl).call('group_open_http_svc/modify_group_base_info', { GroupId: GROUP, Notification: '春季特卖 🌸 8点发券' });
    expect(srv.captured[0]!.body).toEqual({ GroupId: GROUP, Notification: '春季特卖 🌸 8点发券' });
  });

  it('an empty body is sent as {} (the REST API refuses an empty body)', async () => {
    const srv = await captureServer();
    await client(srv.baseUrl).call('group_open_http_svc/destroy_group', undefined as never);
    expect(srv.captured[0]!.raw).toBe('{}');
  });

  it('a response with extra keys (e.g. RequestId) still parses', async () => {
    const srv = await captureServer([{ json: { ...OK, OnlineMemberNum: 7, RequestId: 'req-123' } }]);
    const r = await client(srv.baseUrl).call('group_open_http_svc/get_online_member_num', { GroupId: GROUP });
    expect(r.OnlineMemberNum).toBe(7);
    // Tencent's answer as sent: the CLI prints it, so unknown keys must survive.
    expect((r as Record<string, unknown>).RequestId).toBe('req-123');
  });

  it('an HTTP 404 (wrong base URL or path) is not retried; 429 is', async () => {
    const notFound = await captureServer([{ status: 404, text: 'Not Found' }]);
    const e = await failureOf(client(notFound.baseUrl, { retries: 3 }).call('group_open_http_svc/destroy_group', { GroupId: GROUP }));
    expect(e.errorInfo).toBe(`HTTP 404 from ${new URL(notFound.baseUrl).host}: Not Found`);
    expect(notFound.captured).toHaveLength(1);
    const limited = await captureServer([{ status: 429, text: 'slow down' }, { json: OK }]);
    await client(limited.baseUrl, { retries: 3 }).call('group_open_http_svc/destroy_group', { GroupId: GROUP });
    expect(limited.captured).toHaveLength(2);
  });
});
