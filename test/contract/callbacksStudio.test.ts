// End to end with a real studio in this process: the studio POSTs signed callbacks to a real
// callbacks server; a viewer's banned word is masked or refused in the room, and chatting plus a
// backend-verified gift raise a level that reaches portrait_get and the TIM client's profile.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { tempDir } from '../support/tempDir';
import { patiently } from '../support/waitFor';
import { genUserSig } from '../../src/shared/domain/userSig';
import { silentLogger } from '../../src/node/infra/logger';
import { nodeCrypto } from '../../src/node/infra/nodeCrypto';
import { createTimCompat, type TimMessage } from '../../src/tim/timCompat';
import { startStudio, type Studio } from '../../src/studio/studio';
import { loadOrCreateStudioConfig } from '../../src/studio/studioConfig';
import { startCallbacksServer, type CallbacksServer } from '../../src/callbacks/server';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ studio: Studio; cb: CallbacksServer }> {
  const d = tempDir();
  cleanups.push(() => d.cleanup());
  const studioDir = path.join(d.dir, 'studio');
  const config = loadOrCreateStudioConfig(studioDir);
  let restBase = '';
  const cb = await startCallbacksServer({
    port: 0,
    dataDir: path.join(d.dir, 'callbacks'),
    sdkAppId: config.sdkAppId,
    adminIdentifier: config.adminIdentifier,
    token: 'cb-token',
    imRest: { baseUrl: () => restBase, sdkAppId: config.sdkAppId, adminIdentifier: config.adminIdentifier, secretKey: config.secretKey },
    failMode: 'open',
    log: silentLogger(),
  });
  cleanups.push(() => cb.close());
  const studio = await startStudio({ dataDir: studioDir, port: 0, log: silentLogger(), ingest: false, callbackUrl: cb.callbackUrl, callbackToken: 'cb-token' });
  cleanups.push(() => studio.close());
  restBase = studio.info.restBaseUrl;
  return { studio, cb };
}

function sig(s: Studio, identifier: string): string {
  return genUserSig(nodeCrypto, { sdkAppId: s.info.sdkAppId, secretKey: s.info.secretKey, identifier, expireSeconds: 600, nowSeconds: Math.floor(Date.now() / 1000) });
}

async function rest(s: Studio, p: string, body: unknown) {
  const q = new URLSearchParams({ sdkappid: String(s.info.sdkAppId), identifier: s.info.adminIdentifier, usersig: sig(s, s.info.adminIdentifier), random: '1', contenttype: 'json' });
  return (await (await fetch(`${s.info.restBaseUrl}/v4/${p}?${q}`, { method: 'POST', body: JSON.stringify(body) })).json()) as Record<string, unknown>;
}

async function viewer(s: Studio, userID: string) {
  const TIM = createTimCompat({ endpoint: s.info.realtimeUrl, WebSocket: WebSocket as never });
  const tim = TIM.create({ SDKAppID: s.info.sdkAppId });
  const got: TimMessage[] = [];
  tim.on(TIM.EVENT.MESSAGE_RECEIVED, (e: { data: TimMessage[] }) => got.push(...e.data));
  await tim.login({ userID, userSig: sig(s, userID) });
  await tim.joinGroup({ groupID: 'demo', type: TIM.TYPES.GRP_AVCHATROOM });
  cleanups.push(() => tim.destroy());
  const say = (text: string) => tim.sendMessage(tim.createTextMessage({ to: 'demo', conversationType: TIM.TYPES.CONV_GROUP, payload: { text } }));
  return { tim, got, say };
}

const texts = (got: TimMessage[]) => got.filter((m) => m.type === 'TIMTextElem').map((m) => (m.payload as { text: string }).text);

describe('callbacks service with the studio', () => {
  it('masks or refuses banned words in the room', async () => {
    const { studio, cb } = await setup();
    await cb.admin.importList('profanity', 'mask', null, 'bad\n坏蛋\n');
    await cb.admin.importList('illegal', 'reject', null, 'fake id\n');
    const alice = await viewer(studio, 'alice');
    const bob = await viewer(studio, 'bob');

    const masked = await alice.say('you are Ｂ Ａ Ｄ, 坏蛋');
    expect(masked.data.message.isModified).toBe(true);
    await expect(alice.say('selling fake\u200b id')).rejects.toMatchObject({ code: 10016 });
    await alice.say('all good');
    await expect.poll(() => texts(bob.got), patiently).toEqual(['you are * * *, **', 'all good']);
  });

  it('raises levels from chat and a verified gift, visible in portrait_get and getUserProfile', async () => {
    const { studio, cb } = await setup();
    const alice = await viewer(studio, 'alice');
    const bob = await viewer(studio, 'bob');
    for (const t of ['hi', 'love it', 'price?']) await alice.say(t);
    // A viewer's own SEND_GIFT is a claim: counted apart, no points.
    await alice.tim.sendMessage(
      alice.tim.createCustomMessage({ to: 'demo', conversationType: 'GROUP', payload: { data: 'SEND_GIFT', description: '', extension: JSON.stringify({ giftId: 'rocket', name: 'Rocket', value: 5000, count: 1 }) } }),
    );
    await expect.poll(async () => (await cb.admin.user('alice'))?.messages, patiently).toBe(3);
    await expect.poll(async () => (await cb.admin.user('alice'))?.unverifiedValue, patiently).toBe(5000);
    expect(await cb.admin.user('alice')).toMatchObject({ points: 3, level: 1 });

    const sent = await rest(studio, 'group_open_http_svc/send_group_msg', {
      GroupId: 'demo',
      From_Account: 'alice',
      Random: 42,
      MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'SEND_GIFT', Desc: '', Ext: JSON.stringify({ giftId: 'heart', name: 'Heart', value: 500, count: 2 }) } }],
    });
    expect(sent.ErrorCode).toBe(0);
    await expect.poll(async () => (await cb.admin.user('alice'))?.level, patiently).toBe(3);
    expect(await cb.admin.user('alice')).toMatchObject({ points: 103, giftValue: 1000 });

    await expect
      .poll(async () => {
        const r = await rest(studio, 'profile/portrait_get', { To_Account: ['alice'], TagList: ['Tag_Profile_Custom_Level'] });
        return (r.UserProfileItem as Array<{ ProfileItem: Array<{ Tag: string; Value: string }> }>)[0]?.ProfileItem;
      })
      .toContainEqual({ Tag: 'Tag_Profile_Custom_Level', Value: '3' });
    const profile = await bob.tim.getUserProfile({ userIDList: ['alice'] });
    expect(profile.data[0]?.profileCustomField).toContainEqual({ key: 'Tag_Profile_Custom_Level', value: '3' });
    expect((await cb.admin.topUsers(1))[0]?.account).toBe('alice');
  });
});
