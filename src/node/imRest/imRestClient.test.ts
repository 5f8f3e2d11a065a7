// The IM REST client on the wire: every command the console sends is captured by a local HTTP
// server and checked field by field (path, query, method, content type, JSON body) against the
// shapes on Tencent's REST API pages; responses — success shapes and FAIL envelopes — go through the zod
// schemas; retries happen only on 60007/60011/10002 and network faults. The expected bodies below
// are transcribed from Tencent's documented samples, not produced by our code.
import http from 'node:http';
import type net from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyUserSig } from '../../shared/domain/userSig';
import { defaultSettings } from '../../shared/settings';
import { regionForSdkAppId, restBaseUrl } from '../../shared/tencent/regions';
import type { ImRestCommand, ImRestRequest, ImRestResponse } from '../../shared/tencent/restSchemas';
import { AppError } from '../../shared/errors';
import { tempDir } from '../../../test/support/tempDir';
import { FileSecretStore } from '../infra/fileSecretStore';
import { silentLogger } from '../infra/logger';
import { nodeCrypto, systemClock } from '../infra/nodeCrypto';
import { RoomService } from '../room/roomService';
import { SettingsStore } from '../infra/settingsStore';
import { CachedUserSig, ImRestClient, ImRestError } from './imRestClient';
import { DEFAULT_GIFT_CATALOG } from '../../shared/domain/liveCommerce';

/** What the console writes when it creates a room: the status and the default gift catalog. */
const CREATE_FIELDS = [
  { Key: 'room_status', Value: 'not_started' },
  { Key: 'gift_catalog', Value: JSON.stringify(DEFAULT_GIFT_CATALOG) },
];

// ── Capture server ─────────────────────────────────────────────────────────────────────────

type Answer =
  /** HTTP 200 with this JSON, optionally after a delay. */
  | { json: unknown; delayMs?: number }
  /** Any status with a raw body (gateway pages, non-JSON). */
  | { status: number; text: string; contentType?: string }
  /** Never answer (client timeout). */
  | 'hang'
  /** Drop the connection without a response. */
  | 'reset';

interface Captured {
  method: string;
  path: string;
  /** Every query parameter with all its values. */
  query: Record<string, string[]>;
  rawQuery: string;
  contentType: string | undefined;
  raw: string;
  body: unknown;
  /** Index of the TCP connection the request came on (keep-alive check). */
  connection: number;
  connectionHeader: string | undefined;
}

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' } as const;
const fail = (code: number, info: string, extra: object = {}) => ({ json: { ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: info, ...extra } });

/** Answers each request with the next scripted answer (then plain OK envelopes). */
async function captureServer(answers: Answer[] = []) {
  const captured: Captured[] = [];
  const sockets: net.Socket[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      const query: Record<string, string[]> = {};
      for (const k of new Set(url.searchParams.keys())) query[k] = url.searchParams.getAll(k);
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      captured.push({
        method: req.method ?? '',
        path: url.pathname,
        query,
        rawQuery: url.search.slice(1),
        contentType: req.headers['content-type'],
        raw,
        body,
        connection: sockets.indexOf(req.socket),
        connectionHeader: req.headers.connection,
      });
      const next = answers.shift() ?? { json: OK };
      if (next === 'hang') return;
      if (next === 'reset') return void req.socket.destroy();
      if ('status' in next) {
        res.writeHead(next.status, { 'Content-Type': next.contentType ?? 'text/html' }).end(next.text);
        return;
      }
      const send = () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(next.json));
      if (next.delayMs) setTimeout(send, next.delayMs);
      else send();
    });
  });
  server.on('connection', (s) => sockets.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const close = () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r())));
  closers.push(close);
  return { captured, baseUrl: `http://127.0.0.1:${port}`, close };
}

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

/** A UserSig issued by the official tls-sig-api-v2@1.0.2 (a fixed test vector): it contains `*`, `-` and `_`. */
const REF_USERSIG =
  'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStDEwMogMiUZOamKlkZmqOKplYUZBaBxE1NTY3gosWZ6UpWSj5ljuYp*p7l5unBxXnF2WVhVU4uAf7Ozi5JpX7O5SbuHuUhzgZJmQXaTia2SrUAohcx8g__';

function client(baseUrl: string, extra: Partial<ConstructorParameters<typeof ImRestClient>[0]> = {}) {
  return new ImRestClient({
    baseUrl,
    sdkAppId: 1400000000,
    adminIdentifier: 'administrator',
    userSig: { get: async () => REF_USERSIG },
    log: silentLogger(),
    sleep: async () => undefined,
    ...extra,
  });
}

const UINT32 = /^(0|[1-9][0-9]{0,9})$/;

/** The REST API's common query: exactly sdkappid, identifier, usersig, random (uint32), contenttype=json — each once. */
function expectTencentQuery(c: Captured, want: { sdkappid: string; identifier: string; usersig?: string }): number {
  expect(Object.keys(c.query).sort()).toEqual(['contenttype', 'identifier', 'random', 'sdkappid', 'usersig']);
  for (const values of Object.values(c.query)) expect(values).toHaveLength(1);
  expect(c.query.sdkappid![0]).toBe(want.sdkappid);
  expect(c.query.identifier![0]).toBe(want.identifier);
  if (want.usersig !== undefined) expect(c.query.usersig![0]).toBe(want.usersig);
  expect(c.query.contenttype![0]).toBe('json');
  const random = c.query.random![0]!;
  expect(random).toMatch(UINT32);
  expect(Number(random)).toBeLessThanOrEqual(4294967295);
  return Number(random);
}

/** POST, JSON content type, and a body that is valid JSON equal to `body`. */
function expectJsonPost(c: Captured, command: string, body: unknown): void {
  expect(c.method).toBe('POST');
  expect(c.path).toBe(`/v4/${command}`);
  expect(c.contentType).toMatch(/^application\/json\b/);
  expect(() => JSON.parse(c.raw)).not.toThrow();
  expect(c.body).toEqual(body);
}

async function failureOf(p: Promise<unknown>): Promise<ImRestError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ImRestError);
  return e as ImRestError;
}

// ── Tencent's documented shapes, one per command the console sends ───────────────────────────

const GROUP = 'live_20240501_001';

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
    body: { Identifier: 'anchor_001', Nick: 'Alice', FaceUrl: 'https://cdn.example.com/a.png' },
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

describe('query parameters (REST API common query)', () => {
  it('random is a uint32 in decimal and different on every call', async () => {
    const srv = await captureServer();
    const c = client(srv.baseUrl);
    for (let i = 0; i < 12; i++) await c.call('group_open_http_svc/get_online_member_num', { GroupId: GROUP });
    const randoms = srv.captured.map((x) => expectTencentQuery(x, { sdkappid: '1400000000', identifier: 'administrator' }));
    expect(new Set(randoms).size).toBe(12);
  });

  it('random spans 0 … 4294967295 (drawn from the injected source)', async () => {
    const srv = await captureServer();
    const draws = [0, 0.5, 0.9999999999];
    const c = client(srv.baseUrl, { random: () => draws.shift()! });
    for (let i = 0; i < 3; i++) await c.call('group_open_http_svc/destroy_group', { GroupId: GROUP });
    expect(srv.captured.map((x) => x.query.random)).toEqual([['0'], ['2147483648'], ['4294967295']]);
  });

  it('the UserSig travels intact (its * - _ characters are not mangled) and the identifier is the admin', async () => {
    const srv = await captureServer();
    await client(srv.baseUrl, { sdkAppId: 20000001, adminIdentifier: 'ops_admin' }).call('group_open_http_svc/destroy_group', { GroupId: GROUP });
    expectTencentQuery(srv.captured[0]!, { sdkappid: '20000001', identifier: 'ops_admin', usersig: REF_USERSIG });
    expect(srv.captured[0]!.rawQuery).toContain(`usersig=${REF_USERSIG}`);
  });

  it('asks the UserSig provider on each attempt for a sig valid at least 60 s more', async () => {
    const srv = await captureServer([fail(10002, 'internal error')]);
    const asked: number[] = [];
    let n = 0;
    await client(srv.baseUrl, { userSig: { get: async (min) => (asked.push(min), `sig-${++n}`) } }).call('group_open_http_svc/destroy_group', { GroupId: GROUP });
    expect(asked).toEqual([60, 60]);
    expect(srv.captured.map((x) => x.query.usersig)).toEqual([['sig-1'], ['sig-2']]);
  });

  it('a base URL with a trailing slash does not double the slash', async () => {
    const srv = await captureServer();
    await client(`${srv.baseUrl}/`).call('group_open_http_svc/destroy_group', { GroupId: GROUP });
    expect(srv.captured[0]!.path).toBe('/v4/group_open_http_svc/destroy_group');
  });
});

describe('transport', () => {
  it('keeps connections alive: sequential calls share pooled connections', async () => {
    const srv = await captureServer();
    const c = client(srv.baseUrl);
    for (let i = 0; i < 4; i++) await c.call('group_open_http_svc/get_online_member_num', { GroupId: GROUP });
    // The pool may open a second socket while the first is being released; a client without
    // keep-alive would open one per call.
    expect(new Set(srv.captured.map((x) => x.connection)).size).toBeLessThan(4);
    for (const x of srv.captured) expect(x.connectionHeader).not.toBe('close');
  });

  it('waits longer than Tencent’s 3 s server timeout by default', async () => {
    const srv = await captureServer([{ json: { ...OK, OnlineMemberNum: 3 }, delayMs: 3200 }]);
    const r = await client(srv.baseUrl).call('group_open_http_svc/get_online_member_num', { GroupId: GROUP });
    expect(r.OnlineMemberNum).toBe(3);
    expect(srv.captured).toHaveLength(1);
  }, 10_000);
});

describe('responses that are not a Tencent envelope', () => {
  it('a UserSig that cannot be had (endpoint refused) fails as itself: nothing sent, nothing retried', async () => {
    const srv = await captureServer();
    let asked = 0;
    const refused = new AppError('USERSIG_ENDPOINT_FAILED', 'UserSig endpoint https://sig.example.com: HTTP 401');
    const c = client(srv.baseUrl, { userSig: { get: async () => (asked++, Promise.reject(refused)) } });
    await expect(c.call('group_open_http_svc/get_online_member_num', { GroupId: GROUP })).rejects.toBe(refused);
    expect(asked).toBe(1);
    expect(srv.captured).toHaveLength(0);
  });

  it('an HTML page with HTTP 200 (proxy, captive portal) is not retried and says what came back', async () => {
    const srv = await captureServer([{ status: 200, text: '<html>\n  <title>Sign in to Wi-Fi</title></html>' }]);
    const e = await failureOf(client(srv.baseUrl, { retries: 3 }).call('group_open_http_svc/get_online_member_num', { GroupId: GROUP }));
    expect(e.errorCode).toBe(-1);
    expect(e.errorInfo).toMatch(/^Response is not JSON \(HTTP 200, [^)]*\): <html> <title>Sign in to Wi-Fi<\/title><\/html>$/);
    expect(srv.captured).toHaveLength(1);
  });

  it('an HTTP 502 gateway page is a network fault: retried, then a clear error naming the status', async () => {
    const page = { status: 502, text: '<html><body>502 Bad Gateway</body></html>' };
    const srv = await captureServer([page, page, page]);
    const e = await failureOf(client(srv.baseUrl, { retries: 2 }).call('group_open_http_svc/destroy_group', { GroupId: GROUP }));
    expect(e.errorCode).toBe(-2);
    expect(e.errorInfo).toBe(`Network error: HTTP 502 from ${new URL(srv.baseUrl).host}: <html><body>502 Bad Gateway</body></html>`);
    expect(srv.captured).toHaveLength(3);
  });

  it('an HTTP 502 followed by a good answer succeeds', async () => {
    const srv = await captureServer([{ status: 502, text: 'Bad Gateway' }, { json: { ...OK, OnlineMemberNum: 5 } }]);
    const r = await client(srv.baseUrl).call('group_open_http_svc/get_online_member_num', { GroupId: GROUP });
    expect(r.OnlineMemberNum).toBe(5);
    expect(srv.captured).toHaveLength(2);
  });

  it('a non-JSON HTTP 200 body gives an error that says the answer was not JSON', async () => {
    const srv = await captureServer([{ status: 200, text: '<html>captive portal</html>' }]);
    const e = await failureOf(client(srv.baseUrl, { retries: 0 }).call('group_open_http_svc/destroy_group', { GroupId: GROUP }));
    expect(e.command).toBe('group_open_http_svc/destroy_group');
    expect(e.errorCode).toBeLessThan(0);
    expect(e.errorInfo).toMatch(/JSON/);
    expect(srv.captured).toHaveLength(1);
  });

  it('JSON without the envelope fails the zod parse: errorCode -1, not retried, the body kept', async () => {
    const srv = await captureServer([{ json: { hello: 'world' } }]);
    const e = await failureOf(client(srv.baseUrl).call('group_open_http_svc/destroy_group', { GroupId: GROUP }));
    expect(e.errorCode).toBe(-1);
    expect(e.errorInfo).toMatch(/^Unexpected response shape/);
    expect(e.response).toEqual({ hello: 'world' });
    expect(srv.captured).toHaveLength(1);
  });

  it('a success field of the wrong type fails the parse (OnlineMemberNum as a string)', async () => {
    const srv = await captureServer([{ json: { ...OK, OnlineMemberNum: '12' } }]);
    const e = await failureOf(client(srv.baseUrl).call('group_open_http_svc/get_online_member_num', { GroupId: GROUP }));
    expect(e.errorCode).toBe(-1);
    expect(srv.captured).toHaveLength(1);
  });

  it('an ActionStatus outside OK/FAIL fails the parse', async () => {
    const srv = await captureServer([{ json: { ActionStatus: 'MAYBE', ErrorCode: 0, ErrorInfo: '' } }]);
    const e = await failureOf(client(srv.baseUrl).call('group_open_http_svc/destroy_group', { GroupId: GROUP }));
    expect(e.errorCode).toBe(-1);
  });
});

describe('retries (only 60007 / 60011 / 10002 and network faults)', () => {
  it.each([
    [60007, 'REST API call frequency exceeds limit'],
    [60011, 'SDKAppID request frequency exceeds limit'],
    [10002, 'system error, please try again'],
  ])('retries ErrorCode %i with backoff and a fresh random, then succeeds', async (code, info) => {
    const srv = await captureServer([fail(code, info), { json: { ...OK, OnlineMemberNum: 9 } }]);
    const sleeps: number[] = [];
    const r = await client(srv.baseUrl, { sleep: async (ms) => void sleeps.push(ms) }).call('group_open_http_svc/get_online_member_num', { GroupId: GROUP });
    expect(r.OnlineMemberNum).toBe(9);
    expect(srv.captured).toHaveLength(2);
    expect(srv.captured[1]!.body).toEqual(srv.captured[0]!.body);
    expect(srv.captured[1]!.query.random).not.toEqual(srv.captured[0]!.query.random);
    expect(sleeps).toHaveLength(1);
  });

  it('backs off exponentially (base × 2^attempt × jitter) and gives up after `retries`, keeping the last ErrorCode', async () => {
    const busy = fail(60007, 'REST API call frequency exceeds limit');
    const srv = await captureServer([busy, busy, busy, busy]);
    const sleeps: number[] = [];
    const e = await failureOf(
      client(srv.baseUrl, { retries: 3, backoffBaseMs: 300, random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) }).call(
        'group_open_http_svc/destroy_group',
        { GroupId: GROUP },
      ),
    );
    expect(e.errorCode).toBe(60007);
    expect(e.errorInfo).toBe('REST API call frequency exceeds limit');
    expect(srv.captured).toHaveLength(4);
    // jitter factor 0.5 + 0.5/2 = 0.75
    expect(sleeps).toEqual([225, 450, 900]);
  });

  it.each([
    [10015, 'invalid group id'],
    [10010, 'group does not exist'],
    [70001, 'UserSig expired'],
    [70009, 'UserSig verification failed'],
    [10004, 'invalid parameter'],
    [60010, 'identifier is not admin'],
    [10016, 'rejected by app backend callback'],
    [10017, 'sender is muted'],
    [80001, 'dirty word'],
    [40009, 'Tag not found'],
  ])('never retries ErrorCode %i', async (code, info) => {
    const srv = await captureServer([fail(code, info)]);
    const sleeps: number[] = [];
    const e = await failureOf(client(srv.baseUrl, { sleep: async (ms) => void sleeps.push(ms) }).call('group_open_http_svc/destroy_group', { GroupId: GROUP }));
    expect([e.errorCode, e.errorInfo]).toEqual([code, info]);
    expect(srv.captured).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a dropped connection and a timeout, then gives up with a clear network error', async () => {
    const srv = await captureServer(['reset', 'hang', { status: 500, text: '' }]);
    const e = await failureOf(client(srv.baseUrl, { retries: 2, timeoutMs: 300 }).call('group_open_http_svc/destroy_group', { GroupId: GROUP }));
    expect(e.errorCode).toBe(-2);
    expect(e.errorInfo).toBe(`Network error: HTTP 500 from ${new URL(srv.baseUrl).host}`);
    expect(srv.captured).toHaveLength(3);
  });

  it('a timeout says how long it waited', async () => {
    const srv = await captureServer(['hang']);
    const e = await failureOf(client(srv.baseUrl, { retries: 0, timeoutMs: 250 }).call('group_open_http_svc/destroy_group', { GroupId: GROUP }));
    expect(e.errorInfo).toBe(`Network error: No answer from ${new URL(srv.baseUrl).host} within 250 ms`);
  });

  it('a refused connection is retried like any network error', async () => {
    const srv = await captureServer();
    const url = srv.baseUrl;
    await srv.close();
    const sleeps: number[] = [];
    const e = await failureOf(client(url, { retries: 2, sleep: async (ms) => void sleeps.push(ms) }).call('group_open_http_svc/destroy_group', { GroupId: GROUP }));
    expect(e.errorCode).toBe(-2);
    expect(e.errorInfo).toBe(`Network error: Could not reach ${new URL(url).host}: connection refused (ECONNREFUSED)`);
    expect(sleeps).toHaveLength(2);
  });
});

describe('logging', () => {
  it('logs every attempt with its command and ErrorCode, never the UserSig', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(s) });
    const srv = await captureServer([fail(60007, 'busy'), { json: OK }, fail(10010, 'gone')]);
    const c = client(srv.baseUrl, { log });
    await c.call('group_open_http_svc/destroy_group', { GroupId: GROUP });
    await c.call('group_open_http_svc/destroy_group', { GroupId: GROUP }).catch(() => undefined);
    const records = lines.map((l) => JSON.parse(l) as { command: string; errorCode: number; attempt: number; ms: number });
    expect(records.map((r) => [r.command, r.errorCode, r.attempt])).toEqual([
      ['group_open_http_svc/destroy_group', 60007, 0],
      ['group_open_http_svc/destroy_group', 0, 1],
      ['group_open_http_svc/destroy_group', 10010, 0],
    ]);
    for (const r of records) expect(typeof r.ms).toBe('number');
    expect(lines.join('')).not.toContain(REF_USERSIG);
    expect(lines.join('')).not.toContain('usersig');
  });
});

// ── The console's own room actions on the wire, Tencent mode ─────────────────────────────────

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
      ['/v4/im_open_login_svc/account_import', { Identifier: 'anchor_001' }],
      ['/v4/im_open_login_svc/account_import', { Identifier: 'anchor_001_assistant' }],
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

// ── Unchanged neighbours: the UserSig cache, regions, and the real studio ─────────────────────

describe('CachedUserSig', () => {
  it('signs once and again only near expiry', async () => {
    let now = 1_000_000;
    let signs = 0;
    const p = new CachedUserSig(async () => ({ userSig: `sig${++signs}`, expiresAt: now + 3600 }), () => now);
    expect(await p.get(60)).toBe('sig1');
    now += 3000;
    expect(await p.get(60)).toBe('sig1');
    now += 400;
    expect(await p.get(60)).toBe('sig2');
  });

  it('shares one signing between concurrent callers, and signs afresh after invalidate()', async () => {
    let signs = 0;
    const p = new CachedUserSig(async () => (await new Promise((r) => setTimeout(r, 20)), { userSig: `sig${++signs}`, expiresAt: 2_000_000_000 }));
    expect(await Promise.all([p.get(60), p.get(60), p.get(60)])).toEqual(['sig1', 'sig1', 'sig1']);
    p.invalidate();
    expect(await p.get(60)).toBe('sig2');
  });

  it('a UserSig Tencent refuses as expired (70001) is signed afresh once; a wrong key (70009) is not retried', async () => {
    const expired = { ActionStatus: 'FAIL', ErrorCode: 70001, ErrorInfo: 'usersig expired' };
    const srv = await captureServer([{ json: expired }, { json: OK }]);
    let signs = 0;
    const sig = new CachedUserSig(async () => ({ userSig: `sig${++signs}`, expiresAt: 2_000_000_000 }));
    await client(srv.baseUrl, { userSig: sig }).call('group_open_http_svc/destroy_group', { GroupId: GROUP });
    expect(srv.captured.map((c) => c.query.usersig![0])).toEqual(['sig1', 'sig2']);
    const again = await captureServer([{ json: expired }, { json: expired }, { json: OK }]);
    const e = await failureOf(client(again.baseUrl, { userSig: new CachedUserSig(async () => ({ userSig: 's', expiresAt: 2_000_000_000 })) }).call('group_open_http_svc/destroy_group', { GroupId: GROUP }));
    expect(e.errorCode).toBe(70001);
    expect(again.captured).toHaveLength(2);
    const wrongKey = await captureServer([{ json: { ActionStatus: 'FAIL', ErrorCode: 70009, ErrorInfo: 'verify failed' } }]);
    expect((await failureOf(client(wrongKey.baseUrl, { userSig: sig }).call('group_open_http_svc/destroy_group', { GroupId: GROUP }))).errorCode).toBe(70009);
    expect(wrongKey.captured).toHaveLength(1);
  });
});

describe('regions', () => {
  it.each([
    [1400000000, 'china'],
    [20000001, 'singapore'],
    [1730000001, 'korea'],
    [40000001, 'germany'],
    [1770000001, 'usa'],
  ] as const)('derives the region of %i', (id, region) => {
    expect(regionForSdkAppId(id)).toBe(region);
  });

  it('builds the base URL from an override, a region, or the SDKAppID', () => {
    expect(restBaseUrl({ restDomain: '', region: 'auto', sdkAppId: 1400000000 })).toBe('https://console.tim.qq.com');
    expect(restBaseUrl({ restDomain: '', region: 'germany', sdkAppId: 1400000000 })).toBe('https://adminapiger.im.qcloud.com');
    expect(restBaseUrl({ restDomain: 'http://127.0.0.1:5180', region: 'auto', sdkAppId: 1 })).toBe('http://127.0.0.1:5180');
  });
});
