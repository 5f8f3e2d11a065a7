// Tencent mode through the same commands the console uses, with Tencent's REST host redirected to
// the studio's Tencent-compatible emulator (the only difference from production is the fetch).
// Checks: the regional host is addressed, accounts are imported before the room is created with the
// host as owner, sessions carry a UserSig from the SecretKey or the team's endpoint, URLs are
// signed and masked, Test connection reports every check, and moderation uses a deployed service.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../src/node/infra/fileSecretStore';
import { silentLogger } from '../../src/node/infra/logger';
import { nodeCrypto } from '../../src/node/infra/nodeCrypto';
import { createNodeServices, type NodeServices } from '../../src/node/services';
import type { CommandName, CommandRequest, CommandResult } from '../../src/shared/contract';
import { DEFAULT_GIFT_CATALOG } from '../../src/shared/domain/liveCommerce';
import { verifyLvbQuery } from '../../src/shared/domain/lvbAuth';
import { genUserSig, verifyUserSig } from '../../src/shared/domain/userSig';
import type { Result } from '../../src/shared/errors';
import { defaultSettings, type Settings } from '../../src/shared/settings';
import { adminRest, startStudioProcess, type StudioProcess } from '../e2e/support/studioProcess';
import { tempDir } from '../support/tempDir';

const TENCENT = 'https://console.tim.qq.com';

describe('Tencent mode against a Tencent-compatible REST host', () => {
  let studio: StudioProcess;
  let services: NodeServices;
  let tmp: ReturnType<typeof tempDir>;
  const hosts: string[] = [];
  const commands: string[] = [];
  let endpoint: http.Server;
  let endpointUrl = '';
  const endpointUsers: string[] = [];

  const call = <K extends CommandName>(name: K, arg: CommandRequest<K>): Promise<Result<CommandResult<K>>> =>
    services.dispatcher(name, arg, { transport: 'web' }) as never;
  const value = async <K extends CommandName>(name: K, arg: CommandRequest<K>): Promise<CommandResult<K>> => {
    const r = await call(name, arg);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const settings = () => services.settings.get().settings;
  const save = (patch: (s: Settings) => Settings) => value('settings:save', patch(settings()));

  beforeAll(async () => {
    tmp = tempDir();
    studio = await startStudioProcess(`${tmp.dir}/studio`, ['--no-ingest']);
    const redirect: typeof fetch = (input, init) => {
      const url = String(input);
      if (url.startsWith(TENCENT + '/')) {
        const u = new URL(url);
        hosts.push(u.host);
        commands.push(u.pathname.replace('/v4/', ''));
        return fetch(studio.info.restBaseUrl + url.slice(TENCENT.length), init);
      }
      return fetch(input, init);
    };
    services = await createNodeServices({
      dataDir: tmp.dir,
      transport: 'web',
      secrets: new FileSecretStore(tmp.dir),
      openFolder: async () => false,
      log: silentLogger(),
      fetch: redirect,
    });
    // The team's UserSig endpoint, signing with the key it keeps (here: the studio's).
    endpoint = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        if (req.headers.authorization !== 'Bearer team-token-123') return res.writeHead(401).end();
        const { userId, sdkAppId, expireSeconds } = JSON.parse(raw) as { userId: string; sdkAppId: number; expireSeconds: number };
        endpointUsers.push(userId);
        const userSig = genUserSig(nodeCrypto, { sdkAppId, secretKey: studio.info.secretKey, identifier: userId, expireSeconds, nowSeconds: Math.floor(Date.now() / 1000) });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ userSig }));
      });
    });
    await new Promise<void>((r) => endpoint.listen(0, '127.0.0.1', r));
    endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/sign`;
    await save((s) => ({
      ...s,
      mode: 'tencent',
      im: { ...s.im, sdkAppId: studio.info.sdkAppId, adminIdentifier: studio.info.adminIdentifier },
      room: { groupId: '', hostUserId: 'anchor_1' },
    }));
  }, 40_000);

  afterAll(async () => {
    await services?.dispose();
    await studio?.stop();
    await new Promise<void>((r) => (endpoint ? endpoint.close(() => r()) : r()));
    tmp?.cleanup();
  });

  it('Test connection without credentials: settings fails with the reason, the rest is skipped', async () => {
    const r = await value('room:testConnection', {});
    expect(r.mode).toBe('tencent');
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([
      ['settings', 'fail'],
      ['usersig', 'skip'],
      ['rest', 'skip'],
      ['room', 'skip'],
      ['customFields', 'skip'],
      ['pushUrl', 'skip'],
      ['playUrl', 'skip'],
      ['callbacks', 'skip'],
    ]);
    expect(r.checks[0]!.detail).toMatch(/SecretKey/);
    // The common causes come by key too, so the console words them in its language.
    expect(r.checks[0]!.message).toEqual({ key: 'settings.noSecretKey', params: {} });
  });

  it('creates the room on the regional host: accounts imported first, the host owns it, settings follow', async () => {
    await value('secrets:set', { name: 'im.secretKey', value: studio.info.secretKey });
    const before = await call('room:info', {});
    expect(!before.ok && before.error.code).toBe('ROOM_NOT_READY');
    // Before any room exists, Test connection still checks the credentials against the REST host.
    const early = await value('room:testConnection', {});
    expect(early.checks.map((c) => [c.id, c.status])).toEqual([
      ['settings', 'ok'],
      ['usersig', 'ok'],
      ['rest', 'ok'],
      ['room', 'skip'],
      ['customFields', 'skip'],
      ['pushUrl', 'skip'],
      ['playUrl', 'skip'],
      ['callbacks', 'skip'],
    ]);
    expect(early.checks[2]!.detail).toMatch(/made-up room/);
    expect(early.checks[3]!.detail).toMatch(/no room chosen yet/);
    expect(early.checks[0]!.message).toMatchObject({ key: 'settings.tencentNoRoom', params: { sdkAppId: studio.info.sdkAppId, rest: 'console.tim.qq.com' } });
    expect(early.checks[0]!.message!.params).not.toHaveProperty('room');
    expect(early.checks[2]!.message).toMatchObject({ key: 'rest.okNoRoom', params: { host: 'console.tim.qq.com' } });
    expect(early.checks[3]!.message).toEqual({ key: 'room.noRoom', params: {} });
    expect(early.checks[5]!.message).toEqual({ key: 'pushUrl.noStream', params: {} });
    expect(early.checks[6]!.message).toEqual({ key: 'playUrl.noStream', params: {} });
    expect(early.checks[4]).toMatchObject({ blockedBy: 'room' });
    commands.length = 0;
    const info = await value('room:create', { groupId: 'live_t1', name: 'Spring Sale', notification: 'Welcome!' });
    expect(info).toMatchObject({ groupId: 'live_t1', type: 'AVChatRoom', name: 'Spring Sale', owner: 'anchor_1', hostIsOwner: true, notification: 'Welcome!' });
    expect(Object.keys(info.fields).sort()).toEqual(['gift_catalog', 'room_status']);
    expect(info.fields.room_status).toBe('not_started');
    expect(JSON.parse(info.fields.gift_catalog!)).toEqual(DEFAULT_GIFT_CATALOG);
    expect(commands.slice(0, 3)).toEqual(['im_open_login_svc/account_import', 'im_open_login_svc/account_import', 'group_open_http_svc/create_group']);
    expect(new Set(hosts)).toEqual(new Set(['console.tim.qq.com']));
    expect(settings().room.groupId).toBe('live_t1');
    // The same room asked for again (e.g. a retry after a lost answer) is this room, not an error.
    expect(await value('room:create', { groupId: 'live_t1', name: 'Spring Sale' })).toMatchObject({ groupId: 'live_t1', hostIsOwner: true });
    const reserved = await call('room:create', { groupId: '@TGS#mine', name: 'Mine' });
    expect(!reserved.ok && reserved.error.code).toBe('BAD_REQUEST');
    expect(!reserved.ok && reserved.error.message).toMatch(/@TGS#/);
    const again = await call('room:create', { groupId: 'live_t1', name: 'Dup' });
    expect(!again.ok && again.error.code).toBe('IM_REST_FAILED');
    expect(!again.ok && (again.error.details as { errorCode: number }).errorCode).toBe(10025);
  });

  it('issues a Tencent session: no realtime URL, a UserSig Tencent verifies, the key never in it', async () => {
    const s = await value('room:getSession', { role: 'host' });
    expect(s).toMatchObject({ mode: 'tencent', realtimeUrl: null, groupId: 'live_t1', userId: 'anchor_1', sdkAppId: studio.info.sdkAppId });
    const now = Math.floor(Date.now() / 1000);
    expect(verifyUserSig(nodeCrypto, { sdkAppId: s.sdkAppId, secretKey: studio.info.secretKey, userSig: s.userSig, identifier: 'anchor_1', nowSeconds: now })).toMatchObject({ ok: true });
    expect(s.userSigExpiresAt - now).toBeGreaterThan(86000);
    expect(JSON.stringify(s)).not.toContain(studio.info.secretKey);
  });

  it('a launched product reads back from the room', async () => {
    await value('room:launchProduct', { product: { id: 'A1', title: 'Silk scarf', price: 9900 } });
    const info = await value('room:info', {});
    expect(JSON.parse(info.fields.add_goods!)).toEqual({ id: 'A1', title: 'Silk scarf', price: 9900, currency: 'CNY' });
  });

  it('uses an existing AVChatRoom someone else owns, refuses unknown ids with the code', async () => {
    await adminRest(studio.info, 'im_open_login_svc/account_import', { Identifier: 'someone' });
    expect(await adminRest(studio.info, 'group_open_http_svc/create_group', { Type: 'AVChatRoom', GroupId: 'other_room', Name: 'Other', Owner_Account: 'someone' })).toMatchObject({ ErrorCode: 0 });
    const other = await value('room:use', { groupId: 'other_room' });
    expect(other).toMatchObject({ groupId: 'other_room', owner: 'someone', hostIsOwner: false });
    expect(settings().room.groupId).toBe('other_room');
    const missing = await call('room:use', { groupId: 'no_such_room' });
    expect(!missing.ok && missing.error.code).toBe('IM_REST_FAILED');
    expect(!missing.ok && missing.error.message).toMatch(/no such group/);
    expect(settings().room.groupId).toBe('other_room');
    await value('room:use', { groupId: 'live_t1' });
  });

  it('shows signed play URLs and a masked push URL; copy hands back the real one in web mode', async () => {
    const none = await value('room:urls', {});
    expect(none.play).toBeNull();
    expect(none.playProblem).toMatch(/playback domain/);
    expect(none.pushProblem).toMatch(/push domain/);
    await save((s) => ({ ...s, lvb: { ...s.lvb, pushDomain: 'push.example.com', playDomain: 'play.example.com' } }));
    await value('secrets:set', { name: 'lvb.pushKey', value: 'e12c46f2612d5106e2034781ab261ca3' });
    await value('secrets:set', { name: 'lvb.playKey', value: 'f00dfeedcafe1234f00dfeedcafe1234' });
    const u = await value('room:urls', {});
    expect(u.streamName).toBe('live_t1');
    expect(u.play).toMatchObject({ signed: true });
    expect(u.play!.flv).toMatch(/^https:\/\/play\.example\.com\/live\/live_t1\.flv\?txSecret=[0-9a-f]{32}&txTime=[0-9A-F]{8}$/);
    expect(u.play!.hls).toMatch(/^https:\/\/play\.example\.com\/live\/live_t1\.m3u8\?/);
    expect(u.play!.webrtc).toMatch(/^webrtc:\/\/play\.example\.com\/live\/live_t1\?/);
    const q = new URL(u.play!.flv).searchParams;
    expect(verifyLvbQuery(nodeCrypto, { key: 'f00dfeedcafe1234f00dfeedcafe1234', streamName: 'live_t1', query: q, nowSeconds: Math.floor(Date.now() / 1000) })).toMatchObject({ ok: true });
    expect(u.push).toMatchObject({ target: 'lvb', obsServer: 'rtmp://push.example.com/live/' });
    expect(u.push!.maskedUrl).toMatch(/^rtmp:\/\/push\.example\.com\/live\/live_t1\?txSecret=\*\*\*&txTime=[0-9A-F]{8}$/);
    expect(JSON.stringify(u)).not.toContain('e12c46f2612d5106e2034781ab261ca3');
    const copied = await value('room:copyPushUrl', { part: 'url' });
    expect(copied.copied).toBe(false);
    const real = new URL(copied.text!);
    expect(`${real.protocol}//${real.host}${real.pathname}`).toBe('rtmp://push.example.com/live/live_t1');
    expect(verifyLvbQuery(nodeCrypto, { key: 'e12c46f2612d5106e2034781ab261ca3', streamName: 'live_t1', query: real.searchParams, nowSeconds: Math.floor(Date.now() / 1000) })).toMatchObject({ ok: true });
  });

  it('a plain RTMP target keeps its stream key out of every URL it shows', async () => {
    await save((s) => ({ ...s, lvb: { ...s.lvb, target: 'rtmp', rtmpServer: 'rtmp://a.rtmp.youtube.com/live2' } }));
    const missing = await value('room:urls', {});
    expect(missing.pushProblem).toMatch(/stream key/);
    await value('secrets:set', { name: 'rtmp.streamKey', value: 'abcd-efgh-ijkl-mnop' });
    const u = await value('room:urls', {});
    expect(u.push).toMatchObject({ target: 'rtmp', obsServer: 'rtmp://a.rtmp.youtube.com/live2/' });
    expect(u.play).toBeNull();
    expect(u.playProblem).toMatch(/plain RTMP server/);
    expect(JSON.stringify(u)).not.toContain('abcd-efgh-ijkl-mnop');
    // Web mode: the stream key is the stored secret itself, so it is not handed to the browser.
    const refused = await call('room:copyPushUrl', { part: 'streamKey' });
    expect(!refused.ok && refused.error.code).toBe('NOT_SUPPORTED');
    expect(JSON.stringify(refused)).not.toContain('abcd-efgh-ijkl-mnop');
    const r = await value('room:testConnection', {});
    expect(r.checks.find((c) => c.id === 'pushUrl')).toMatchObject({ status: 'ok' });
    expect(r.checks.find((c) => c.id === 'playUrl')).toMatchObject({ status: 'skip' });
    expect(r.checks.find((c) => c.id === 'pushUrl')!.message).toEqual({ key: 'pushUrl.rtmp', params: { host: 'a.rtmp.youtube.com' } });
    expect(r.checks.find((c) => c.id === 'playUrl')!.message).toEqual({ key: 'playUrl.rtmp', params: {} });
    await save((s) => ({ ...s, lvb: { ...s.lvb, target: 'lvb' } }));
  });

  it('Test connection reports each check: all through, callbacks not configured', async () => {
    const r = await value('room:testConnection', {});
    const by = Object.fromEntries(r.checks.map((c) => [c.id, c]));
    expect(by.settings).toMatchObject({ status: 'ok' });
    expect(by.settings!.detail).toContain(`SDKAppID ${studio.info.sdkAppId}`);
    expect(by.usersig).toMatchObject({ status: 'ok' });
    expect(by.usersig!.detail).toMatch(/signed locally/);
    expect(by.rest).toMatchObject({ status: 'ok' });
    expect(by.rest!.detail).toContain('console.tim.qq.com');
    expect(by.room).toMatchObject({ status: 'ok' });
    expect(by.room!.detail).toMatch(/AVChatRoom "Spring Sale", owned by the host/);
    expect(by.customFields).toMatchObject({ status: 'ok' });
    expect(by.customFields!.detail).toBe('room_status, add_goods, gift_catalog set on the room');
    expect(by.pushUrl).toMatchObject({ status: 'ok' });
    expect(by.pushUrl!.detail).toMatch(/^rtmp:\/\/push\.example\.com\/live\/live_t1, txTime [0-9A-F]{8} \(24 h\)$/);
    expect(by.playUrl).toMatchObject({ status: 'ok' });
    expect(by.playUrl!.detail).toMatch(/txSecret=\*\*\*.*signed with the play key/);
    expect(by.callbacks).toMatchObject({ status: 'skip' });
    // The same details by key, with values only, for the console to word in its language.
    expect(by.settings!.message).toEqual({
      key: 'settings.tencent',
      params: { sdkAppId: studio.info.sdkAppId, admin: studio.info.adminIdentifier, room: 'live_t1', rest: 'console.tim.qq.com' },
    });
    expect(by.usersig!.message).toMatchObject({ key: 'usersig.secretKey', params: { admin: studio.info.adminIdentifier, hours: 24 } });
    expect(by.usersig!.message!.params.ms).toEqual(expect.any(Number));
    expect(by.rest!.message).toMatchObject({ key: 'rest.ok', params: { host: 'console.tim.qq.com' } });
    expect(by.room!.message).toEqual({ key: 'room.hostOwnerOnline', params: { name: 'Spring Sale', online: expect.any(Number) } });
    expect(by.customFields!.message).toEqual({ key: 'customFields.set', params: { fields: 'room_status, add_goods, gift_catalog' } });
    expect(by.pushUrl!.message).toEqual({ key: 'pushUrl.signed', params: { url: 'rtmp://push.example.com/live/live_t1', txTime: expect.stringMatching(/^[0-9A-F]{8}$/), hours: 24 } });
    expect(by.playUrl!.message).toMatchObject({ key: 'playUrl.signedUrl', params: { url: by.playUrl!.detail.replace(' (signed with the play key)', '') } });
    expect(by.callbacks!.message).toEqual({ key: 'callbacks.none', params: {} });
    expect(JSON.stringify(r)).not.toMatch(/e12c46f2|f00dfeed|txSecret=[0-9a-f]{32}/);
  });

  it('a wrong SecretKey fails at REST with Tencent’s code; dependent checks are skipped', async () => {
    await value('secrets:set', { name: 'im.secretKey', value: 'f'.repeat(64) });
    const r = await value('room:testConnection', {});
    const by = Object.fromEntries(r.checks.map((c) => [c.id, c]));
    expect(by.usersig!.status).toBe('ok');
    expect(by.rest).toMatchObject({ status: 'fail' });
    expect(by.rest!.errorCode).toBeGreaterThanOrEqual(70000);
    expect(by.room).toMatchObject({ status: 'skip', blockedBy: 'rest' });
    // Tencent's own ErrorInfo has no key: it is shown as it came, with the ErrorCode.
    expect(by.rest!.message).toBeUndefined();
    expect(by.pushUrl!.status).toBe('ok');
    await value('secrets:set', { name: 'im.secretKey', value: studio.info.secretKey });
  });

  it('an unreachable REST host is named with the cause, not shown as a Tencent ErrorCode', async () => {
    await save((s) => ({ ...s, im: { ...s.im, restDomain: 'im-rest.stageside.invalid' } }));
    const r = await value('room:testConnection', {});
    const rest = r.checks.find((c) => c.id === 'rest')!;
    expect(rest.status).toBe('fail');
    expect(rest.detail).toMatch(/^Network error: Could not reach im-rest\.stageside\.invalid: DNS lookup failed/);
    expect(rest.errorCode).toBeUndefined();
    await save((s) => ({ ...s, im: { ...s.im, restDomain: '' } }));
  }, 20_000);

  it('with a UserSig endpoint the key is not needed here: admin and console UserSigs come from it', async () => {
    await value('secrets:clear', { name: 'im.secretKey' });
    await save((s) => ({ ...s, im: { ...s.im, userSigSource: 'endpoint', userSigEndpoint: endpointUrl } }));
    const denied = await value('room:testConnection', {});
    expect(denied.checks.find((c) => c.id === 'usersig')).toMatchObject({ status: 'fail' });
    expect(denied.checks.find((c) => c.id === 'usersig')!.detail).toMatch(/HTTP 401/);
    await value('secrets:set', { name: 'im.userSigToken', value: 'team-token-123' });
    endpointUsers.length = 0;
    const r = await value('room:testConnection', {});
    expect(r.checks.filter((c) => ['usersig', 'rest', 'room'].includes(c.id)).map((c) => c.status)).toEqual(['ok', 'ok', 'ok']);
    expect(r.checks.find((c) => c.id === 'usersig')!.detail).toMatch(/UserSig endpoint http:\/\/127\.0\.0\.1/);
    expect(r.checks.find((c) => c.id === 'usersig')!.message).toMatchObject({ key: 'usersig.endpoint', params: { endpoint: endpointUrl, admin: studio.info.adminIdentifier } });
    const s = await value('room:getSession', { role: 'assistant' });
    expect(s.userId).toBe('anchor_1_assistant');
    expect(endpointUsers).toContain(studio.info.adminIdentifier);
    expect(endpointUsers).toContain('anchor_1_assistant');
    expect(verifyUserSig(nodeCrypto, { sdkAppId: s.sdkAppId, secretKey: studio.info.secretKey, userSig: s.userSig, identifier: 'anchor_1_assistant', nowSeconds: Math.floor(Date.now() / 1000) })).toMatchObject({ ok: true });
  });

  it('moderation reaches a deployed callbacks service from Settings, or says what is missing', async () => {
    const off = await call('moderation:lists', {});
    expect(!off.ok && off.error.code).toBe('CALLBACKS_UNAVAILABLE');
    expect(!off.ok && off.error.message).toMatch(/admin URL/);
    await save((s) => ({ ...s, callbacks: { adminUrl: studio.info.callbacksUrl! } }));
    await value('secrets:set', { name: 'callbacks.adminToken', value: studio.info.callbacksAdminToken! });
    expect(Array.isArray(await value('moderation:lists', {}))).toBe(true);
    const r = await value('room:testConnection', {});
    expect(r.checks.find((c) => c.id === 'callbacks')).toMatchObject({ status: 'ok' });
    expect(r.checks.find((c) => c.id === 'callbacks')!.message).toEqual({ key: 'callbacks.remote', params: { host: new URL(studio.info.callbacksUrl!).host, lists: expect.any(Number) } });
  });

  it('the settings file from before this release still loads with the new fields defaulted', () => {
    const d = defaultSettings();
    expect(d.im.userSigSource).toBe('secretKey');
    expect(d.lvb.target).toBe('lvb');
    expect(d.callbacks.adminUrl).toBe('');
  });
});
