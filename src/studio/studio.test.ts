// The studio composition in-process (no ingest child): REST, realtime and the helpers on one
// loopback server, state surviving a restart, and the TIM client against the real engine.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { genUserSig } from '../shared/domain/userSig';
import { nodeCrypto } from '../node/infra/nodeCrypto';
import { silentLogger } from '../node/infra/logger';
import { tempDir } from '../../test/support/tempDir';
import { patiently } from '../../test/support/waitFor';
import { createTimCompat, type TimMessage } from '../tim/timCompat';
import { startStudio, streamNameForRoom, type Studio } from './studio';

const opened: Studio[] = [];
const dirs: Array<ReturnType<typeof tempDir>> = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  for (const d of dirs.splice(0)) d.cleanup();
});

async function studioIn(dir: string): Promise<Studio> {
  const s = await startStudio({ dataDir: dir, port: 0, log: silentLogger(), ingest: false });
  opened.push(s);
  return s;
}

async function rest(s: Studio, path: string, body: unknown) {
  const usersig = genUserSig(nodeCrypto, {
    sdkAppId: s.info.sdkAppId,
    secretKey: s.info.secretKey,
    identifier: s.info.adminIdentifier,
    expireSeconds: 600,
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  const q = new URLSearchParams({ sdkappid: String(s.info.sdkAppId), identifier: s.info.adminIdentifier, usersig, random: '7', contenttype: 'json' });
  const r = await fetch(`${s.info.restBaseUrl}/v4/${path}?${q}`, { method: 'POST', body: JSON.stringify(body) });
  return (await r.json()) as { ErrorCode: number; [k: string]: unknown };
}

describe('startStudio', () => {
  it('prints loopback endpoints and keeps its identity and rooms across restarts', async () => {
    const d = tempDir();
    dirs.push(d);
    const first = await studioIn(d.dir);
    expect(first.info.restBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.info.realtimeUrl).toBe(first.info.restBaseUrl.replace('http', 'ws') + '/realtime');
    expect(first.info.rtmpIngestUrl).toBeNull();
    expect((await rest(first, 'group_open_http_svc/modify_group_base_info', {
      GroupId: 'demo',
      AppDefinedData: [{ Key: 'room_status', Value: 'live' }],
    })).ErrorCode).toBe(0);
    const id = { sdkAppId: first.info.sdkAppId, secretKey: first.info.secretKey };
    await first.close();
    opened.length = 0;

    const second = await studioIn(d.dir);
    expect({ sdkAppId: second.info.sdkAppId, secretKey: second.info.secretKey }).toEqual(id);
    const info = await rest(second, 'group_open_http_svc/get_group_info', { GroupIdList: ['demo'] });
    const group = (info.GroupInfo as Array<{ AppDefinedData: Array<{ Key: string; Value: string }> }>)[0]!;
    expect(group.AppDefinedData).toContainEqual({ Key: 'room_status', Value: 'live' });
    expect(group.AppDefinedData.map((f) => f.Key)).toContain('gift_catalog');
  });

  it('runs two studios in one process without sharing state', async () => {
    const a = tempDir();
    const b = tempDir();
    dirs.push(a, b);
    const [s1, s2] = [await studioIn(a.dir), await studioIn(b.dir)];
    expect(s1.info.restBaseUrl).not.toBe(s2.info.restBaseUrl);
    await rest(s1, 'group_open_http_svc/create_group', { Type: 'AVChatRoom', GroupId: 'only-in-1', Name: 'One' });
    const r = await rest(s2, 'group_open_http_svc/get_group_info', { GroupIdList: ['only-in-1'] });
    expect((r.GroupInfo as Array<{ ErrorCode: number }>)[0]!.ErrorCode).toBe(10010);
  });

  it('serves UserSigs for the viewer page and delivers a REST launch to a TIM client', async () => {
    const d = tempDir();
    dirs.push(d);
    const s = await studioIn(d.dir);
    const bad = await fetch(`${s.info.restBaseUrl}/studio/usersig?user=${encodeURIComponent('no spaces!')}`);
    expect(bad.status).toBe(400);
    const { userSig } = (await (await fetch(`${s.info.restBaseUrl}/studio/usersig?user=carol`)).json()) as { userSig: string };
    const TIM = createTimCompat({ endpoint: s.info.realtimeUrl, WebSocket: WebSocket as never });
    const tim = TIM.create({ SDKAppID: s.info.sdkAppId });
    const got: TimMessage[] = [];
    tim.on(TIM.EVENT.MESSAGE_RECEIVED, (e: { data: TimMessage[] }) => got.push(...e.data));
    await tim.login({ userID: 'carol', userSig });
    await tim.joinGroup({ groupID: 'demo', type: TIM.TYPES.GRP_AVCHATROOM });
    const product = JSON.stringify({ id: 'A1', title: 'Dress', price: 100 });
    expect((await rest(s, 'group_open_http_svc/modify_group_base_info', { GroupId: 'demo', AppDefinedData: [{ Key: 'add_goods', Value: product }] })).ErrorCode).toBe(0);
    await expect.poll(() => got.find((m) => m.type === 'TIMGroupTipElem'), patiently).toBeTruthy();
    const tip = got.find((m) => m.type === 'TIMGroupTipElem')!;
    expect(tip.payload).toMatchObject({ operationType: 6, newGroupProfile: { groupCustomField: [{ key: 'add_goods', value: product }] } });
    const infoRes = (await (await fetch(`${s.info.restBaseUrl}/studio/info?room=demo`)).json()) as { sdkAppId: number; realtimeUrl: string };
    expect(infoRes).toMatchObject({ sdkAppId: s.info.sdkAppId, realtimeUrl: s.info.realtimeUrl });
    await tim.destroy();
  });

  it('never hands out a UserSig of an account with admin rights, and viewers cannot set their own level', async () => {
    const d = tempDir();
    dirs.push(d);
    const s = await studioIn(d.dir);
    const sig = (user: string) => fetch(`${s.info.restBaseUrl}/studio/usersig?user=${user}`);
    const admin = await sig(s.info.adminIdentifier);
    expect(admin.status).toBe(403);
    expect(JSON.stringify(await admin.json())).not.toMatch(/eJ|userSig/);
    // A room's owner has admin rights too.
    expect((await rest(s, 'im_open_login_svc/account_import', { Identifier: 'shop_owner' })).ErrorCode).toBe(0);
    expect((await rest(s, 'group_open_http_svc/create_group', { Type: 'AVChatRoom', GroupId: 'owned', Name: 'Owned', Owner_Account: 'shop_owner' })).ErrorCode).toBe(0);
    expect((await sig('shop_owner')).status).toBe(403);
    // A viewer gets one, and cannot write the level tag on themselves (only portrait_set by the admin).
    const { userSig } = (await (await sig('dave')).json()) as { userSig: string };
    const TIM = createTimCompat({ endpoint: s.info.realtimeUrl, WebSocket: WebSocket as never });
    const tim = TIM.create({ SDKAppID: s.info.sdkAppId });
    await tim.login({ userID: 'dave', userSig });
    const refused = await tim.updateMyProfile({ profileCustomField: [{ key: 'Tag_Profile_Custom_Level', value: '8' }] }).catch((e: { code: number }) => e);
    expect(refused).toMatchObject({ code: 40008 });
    expect((await tim.getMyProfile()).data).toMatchObject({ profileCustomField: [] });
    expect((await tim.updateMyProfile({ profileCustomField: [{ key: 'Tag_Profile_Custom_Hobby', value: 'ski' }] })).data).toMatchObject({
      profileCustomField: [{ key: 'Tag_Profile_Custom_Hobby', value: 'ski' }],
    });
    await tim.destroy();
  });

  it('filters words out of the box through the embedded callbacks service', async () => {
    const d = tempDir();
    dirs.push(d);
    const s = await studioIn(d.dir);
    expect(s.info.callbacksUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const join = async (user: string) => {
      const { userSig } = (await (await fetch(`${s.info.restBaseUrl}/studio/usersig?user=${user}`)).json()) as { userSig: string };
      const TIM = createTimCompat({ endpoint: s.info.realtimeUrl, WebSocket: WebSocket as never });
      const tim = TIM.create({ SDKAppID: s.info.sdkAppId });
      const got: TimMessage[] = [];
      tim.on(TIM.EVENT.MESSAGE_RECEIVED, (e: { data: TimMessage[] }) => got.push(...e.data));
      await tim.login({ userID: user, userSig });
      await tim.joinGroup({ groupID: 'demo', type: TIM.TYPES.GRP_AVCHATROOM });
      return { tim, got };
    };
    const [a, b] = [await join('dora'), await join('eve')];
    await a.tim.sendMessage(a.tim.createTextMessage({ to: 'demo', conversationType: 'GROUP', payload: { text: 'this is a SCAM!' } }));
    await expect.poll(() => b.got.find((m) => m.type === 'TIMTextElem'), patiently).toBeTruthy();
    expect((b.got.find((m) => m.type === 'TIMTextElem')!.payload as { text: string }).text).toBe('this is a ****!');
    await a.tim.destroy();
    await b.tim.destroy();
  });

  it('maps room ids to safe stream names', () => {
    expect(streamNameForRoom('demo')).toBe('demo');
    expect(streamNameForRoom('@TGS#aABC')).toBe('TGS-aABC');
    expect(streamNameForRoom('@#')).toBe('room');
  });
});
