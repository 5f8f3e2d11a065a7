// Login over the realtime server (UserSig checks, SDK_READY, kicks for a second login or an expired
// UserSig, another SDKAppID) and guests, who may join an AVChatRoom and receive without a login.
import { describe, expect, it } from 'vitest';
import { EVENT, TYPES } from '../../tim/timCompat';
import type { GroupTipPayload, TextPayload } from '../../tim/timTypes';
import { PATIENCE_MS } from '../../../test/support/waitFor';
import { startStudio, waitFor } from './harness.testkit';
import { rejection, roomStudioFixture } from './realtimeServer.testkit';

const fx = roomStudioFixture();
const { client, member } = fx;

describe('login', () => {
  it('resolves, then emits SDK_READY; a repeated login says so', async () => {
    const c = client();
    const r = await c.tim.login({ userID: 'alice', userSig: fx.studio.engine.sigFor('alice') });
    expect(r).toEqual({ code: 0, data: { repeatLogin: false } });
    await waitFor(() => c.named(EVENT.SDK_READY).length === 1, PATIENCE_MS, 'SDK_READY');
    expect(c.named(EVENT.SDK_READY)[0]).toEqual({ name: 'sdkStateReady', data: undefined });
    expect(await c.tim.login({ userID: 'alice', userSig: 'x' })).toEqual({ code: 0, data: { repeatLogin: true } });
  });

  it('rejects a bad, foreign or expired UserSig with the engine code', async () => {
    const c = client();
    expect((await rejection(c.tim.login({ userID: 'alice', userSig: 'garbage' }))).code).toBe(70003);
    expect((await rejection(c.tim.login({ userID: 'alice', userSig: fx.studio.engine.sigFor('bob') }))).code).toBe(70013);
    const expired = await rejection(c.tim.login({ userID: 'alice', userSig: fx.studio.engine.sigFor('alice', -10) }));
    expect(expired).toMatchObject({ code: 70001 });
    expect(expired.message).toMatch(/expired/);
    expect(c.named(EVENT.SDK_READY)).toHaveLength(0);
    // Still usable afterwards.
    await c.tim.login({ userID: 'alice', userSig: fx.studio.engine.sigFor('alice') });
  });

  it('refuses APIs that need a login with 2999, like the SDK', async () => {
    const c = client();
    for (const p of [
      c.tim.sendMessage(c.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'hi' } })),
      c.tim.getGroupProfile({ groupID: 'room1' }),
      c.tim.getMyProfile(),
      c.tim.getUserProfile({ userIDList: ['bob'] }),
      c.tim.updateMyProfile({ nick: 'x' }),
    ]) {
      expect(await rejection(p)).toMatchObject({ code: 2999 });
    }
  });

  it('a second login of the same user kicks the first (multipleAccount)', async () => {
    const first = await member('alice');
    const second = client();
    await second.tim.login({ userID: 'alice', userSig: fx.studio.engine.sigFor('alice') });
    await waitFor(() => first.named(EVENT.KICKED_OUT).length === 1, PATIENCE_MS, 'KICKED_OUT');
    expect(first.named(EVENT.KICKED_OUT)[0]).toEqual({ name: 'kickedOut', data: { type: TYPES.KICKED_OUT_MULT_ACCOUNT } });
    expect(first.named(EVENT.SDK_NOT_READY)).toHaveLength(1);
    expect(fx.studio.engine.members('room1').filter((m) => m.userId === 'alice')).toHaveLength(0);
    const msg = first.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'x' } });
    expect(await rejection(first.tim.sendMessage(msg))).toMatchObject({ code: 2999 });
  });

  it('kicks with userSigExpired when the UserSig runs out', async () => {
    await fx.studio.close();
    // The server's clock runs 59.9 s ahead, so a 60 s UserSig expires 100 ms after login.
    fx.studio = await startStudio({ now: () => Date.now() + 59_900 }, fx.studio.engine);
    const c = client();
    await c.tim.login({ userID: 'alice', userSig: fx.studio.engine.sigFor('alice', 60) });
    await waitFor(() => c.named(EVENT.KICKED_OUT).length === 1, PATIENCE_MS, 'KICKED_OUT');
    expect(c.named(EVENT.KICKED_OUT)[0]?.data).toEqual({ type: 'userSigExpired' });
  });

  it('refuses a connection that names another SDKAppID (60006)', async () => {
    const c = client(1234);
    expect(await rejection(c.tim.login({ userID: 'alice', userSig: fx.studio.engine.sigFor('alice') }))).toMatchObject({ code: 60006 });
  });
});

describe('guests', () => {
  it('join an AVChatRoom without login and receive, but cannot send or read the profile', async () => {
    const guest = client();
    const r = await guest.tim.joinGroup({ groupID: 'room1', type: TYPES.GRP_AVCHATROOM });
    expect(r).toEqual({ code: 0, data: { status: 'JoinedSuccess' } });
    expect(await guest.tim.getGroupOnlineMemberCount('room1')).toEqual({ code: 0, data: { memberCount: 1 } });

    const alice = await member('alice');
    await alice.tim.sendMessage(alice.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'hello guests' } }));
    const got = await waitFor(() => guest.messages().find((m) => m.type === TYPES.MSG_TEXT), PATIENCE_MS, 'text at guest');
    expect(got).toMatchObject({ from: 'alice', nick: 'Alice', flow: 'in', payload: { text: 'hello guests' } });

    const m = guest.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'x' } });
    expect(await rejection(guest.tim.sendMessage(m))).toMatchObject({ code: 2999 });
    expect(await rejection(guest.tim.getGroupProfile({ groupID: 'room1' }))).toMatchObject({ code: 2999 });
  });

  it('may not join a non-AVChatRoom type (2662)', async () => {
    const guest = client();
    expect(await rejection(guest.tim.joinGroup({ groupID: 'room1', type: TYPES.GRP_PUBLIC }))).toMatchObject({ code: 2662 });
  });

  it('a guest who logs in stays in the room, now under their name', async () => {
    const bob = await member('bob');
    const c = client();
    await c.tim.joinGroup({ groupID: 'room1' });
    await c.tim.login({ userID: 'alice', userSig: fx.studio.engine.sigFor('alice') });
    await waitFor(() => bob.messages().find((m) => m.type === TYPES.MSG_GRP_TIP && (m.payload as GroupTipPayload).operatorID === 'alice'), PATIENCE_MS, 'join tip');
    await c.tim.sendMessage(c.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'now me' } }));
    await waitFor(() => bob.messages().find((m) => (m.payload as TextPayload).text === 'now me'), PATIENCE_MS, 'message');
  });
});
