import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { genUserSig } from '../../shared/domain/userSig';
import { regionForSdkAppId, restBaseUrl } from '../../shared/tencent/regions';
import { tempDir } from '../../../test/support/tempDir';
import { startStudio, type Studio } from '../../studio/studio';
import { createLogger, silentLogger } from '../logger';
import { nodeCrypto } from '../nodeCrypto';
import { CachedUserSig, ImRestClient, ImRestError } from './imRestClient';

interface Captured {
  url: URL;
  body: unknown;
}

/** A capture server answering each request with the next scripted response. */
async function captureServer(answers: Array<unknown | 'hang' | 'http500'>) {
  const captured: Captured[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      captured.push({ url: new URL(req.url!, 'http://x'), body: JSON.parse(data) });
      const next = answers.shift() ?? { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
      if (next === 'hang') return;
      if (next === 'http500') return void res.writeHead(500).end();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(next));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { captured, baseUrl: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

function client(baseUrl: string, extra: Partial<ConstructorParameters<typeof ImRestClient>[0]> = {}) {
  return new ImRestClient({
    baseUrl,
    sdkAppId: 1400000000,
    adminIdentifier: 'administrator',
    userSig: { get: async () => 'eJyFAKEUSERSIGxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' },
    log: silentLogger(),
    sleep: async () => undefined,
    ...extra,
  });
}

describe('ImRestClient request shapes', () => {
  it('sends Tencent’s URL, query and JSON body for each command', async () => {
    const srv = await captureServer([
      { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', GroupId: 'live_1' },
      { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', MsgTime: 1, MsgSeq: 2 },
      { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', OnlineMemberNum: 12 },
    ]);
    closers.push(srv.close);
    const c = client(srv.baseUrl, { random: () => 0.5 });
    const created = await c.call('group_open_http_svc/create_group', { Type: 'AVChatRoom', GroupId: 'live_1', Name: 'Spring Sale', Owner_Account: 'host' });
    expect(created.GroupId).toBe('live_1');
    await c.call('group_open_http_svc/send_group_msg', {
      GroupId: 'live_1',
      Random: 42,
      MsgPriority: 'High',
      MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'SEND_GIFT', Desc: '', Ext: '{"giftId":"rose"}' } }],
    });
    const online = await c.call('group_open_http_svc/get_online_member_num', { GroupId: 'live_1' });
    expect(online.OnlineMemberNum).toBe(12);

    const [a, b] = srv.captured;
    expect(a!.url.pathname).toBe('/v4/group_open_http_svc/create_group');
    expect(Object.fromEntries(a!.url.searchParams)).toEqual({
      sdkappid: '1400000000',
      identifier: 'administrator',
      usersig: 'eJyFAKEUSERSIGxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      random: '2147483648',
      contenttype: 'json',
    });
    expect(a!.body).toEqual({ Type: 'AVChatRoom', GroupId: 'live_1', Name: 'Spring Sale', Owner_Account: 'host' });
    expect(b!.url.pathname).toBe('/v4/group_open_http_svc/send_group_msg');
    expect(b!.body).toMatchObject({ MsgPriority: 'High', MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'SEND_GIFT' } }] });
  });

  it('uses a fresh random per call', async () => {
    const srv = await captureServer([]);
    closers.push(srv.close);
    const c = client(srv.baseUrl);
    await c.call('group_open_http_svc/destroy_group', { GroupId: 'g' });
    await c.call('group_open_http_svc/destroy_group', { GroupId: 'g' });
    const [r1, r2] = srv.captured.map((x) => Number(x.url.searchParams.get('random')));
    expect(r1).not.toBe(r2);
    for (const r of [r1!, r2!]) expect(r >= 0 && r <= 4294967295 && Number.isInteger(r)).toBe(true);
  });
});

describe('ImRestClient retries', () => {
  it.each([60007, 60011, 10002])('retries ErrorCode %i with backoff, then succeeds', async (code) => {
    const srv = await captureServer([{ ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: 'busy' }]);
    closers.push(srv.close);
    const sleeps: number[] = [];
    const r = await client(srv.baseUrl, { sleep: async (ms) => void sleeps.push(ms) }).call('group_open_http_svc/destroy_group', { GroupId: 'g' });
    expect(r.ErrorCode).toBe(0);
    expect(srv.captured).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it.each([10004, 10010, 70001, 60010])('never retries ErrorCode %i and reports it', async (code) => {
    const srv = await captureServer([{ ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: 'nope' }]);
    closers.push(srv.close);
    const err = await client(srv.baseUrl).call('group_open_http_svc/destroy_group', { GroupId: 'g' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImRestError);
    expect((err as ImRestError).errorCode).toBe(code);
    expect(srv.captured).toHaveLength(1);
  });

  it('retries network failures and timeouts, then gives up with a clear error', async () => {
    const srv = await captureServer(['http500', 'hang', 'http500']);
    closers.push(srv.close);
    const err = await client(srv.baseUrl, { retries: 2, timeoutMs: 300 })
      .call('group_open_http_svc/destroy_group', { GroupId: 'g' })
      .catch((e: unknown) => e);
    expect((err as ImRestError).errorCode).toBe(-2);
    expect((err as ImRestError).message).toMatch(/Network error: HTTP 500/);
    expect(srv.captured).toHaveLength(3);
  });
});

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

describe('ImRestClient against the local studio', () => {
  it('drives a real studio and logs calls without the UserSig', async () => {
    const d = tempDir();
    const logDir = tempDir();
    const studio: Studio = await startStudio({ dataDir: d.dir, port: 0, log: silentLogger(), ingest: false });
    closers.push(async () => (await studio.close(), d.cleanup(), logDir.cleanup()));
    const log = createLogger({ dir: logDir.dir, level: 'info' });
    const sig = new CachedUserSig(async () => {
      const nowSeconds = Math.floor(Date.now() / 1000);
      return {
        userSig: genUserSig(nodeCrypto, { sdkAppId: studio.info.sdkAppId, secretKey: studio.info.secretKey, identifier: 'administrator', expireSeconds: 3600, nowSeconds }),
        expiresAt: nowSeconds + 3600,
      };
    });
    const c = new ImRestClient({ baseUrl: studio.info.restBaseUrl, sdkAppId: studio.info.sdkAppId, adminIdentifier: 'administrator', userSig: sig, log });
    await c.call('group_open_http_svc/modify_group_base_info', { GroupId: 'demo', AppDefinedData: [{ Key: 'room_status', Value: 'live' }] });
    const info = await c.call('group_open_http_svc/get_group_info', { GroupIdList: ['demo'] });
    expect(info.GroupInfo?.[0]?.AppDefinedData).toContainEqual({ Key: 'room_status', Value: 'live' });
    const err = await c.call('group_open_http_svc/modify_group_base_info', { GroupId: 'demo', Notification: 'x'.repeat(301) }).catch((e: unknown) => e);
    expect((err as ImRestError).errorCode).toBe(10004);
    const text = fs.readdirSync(logDir.dir).map((f) => fs.readFileSync(path.join(logDir.dir, f), 'utf8')).join('');
    expect(text).toContain('"command":"group_open_http_svc/get_group_info"');
    expect(text).toContain('"errorCode":10004');
    expect(text).not.toContain(await sig.get(60));
  });
});
