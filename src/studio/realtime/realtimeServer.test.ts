// The TIM-compat client against the real realtime server over the fake engine (tim-js-sdk API).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { EVENT, TYPES, type TimError } from '../../tim/timCompat';
import type { CustomPayload, GroupSystemNoticePayload, GroupTipPayload, TextPayload, TimMessage } from '../../tim/timTypes';
import { PATIENCE_MS } from '../../../test/support/waitFor';
import { rawClient, startStudio, timClient, waitFor, type RecordingClient, type Studio } from './harness.testkit';

let studio: Studio;
const clients: RecordingClient[] = [];

const client = (appId?: number): RecordingClient => {
  const c = timClient(studio, appId);
  clients.push(c);
  return c;
};

async function member(userID: string, room = 'room1'): Promise<RecordingClient> {
  const c = client();
  await c.tim.login({ userID, userSig: studio.engine.sigFor(userID) });
  await c.tim.joinGroup({ groupID: room, type: TYPES.GRP_AVCHATROOM });
  return c;
}

const rejection = async (p: Promise<unknown>): Promise<TimError> => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    return e as TimError;
  }
  throw new Error('expected a rejection');
};

const nowSec = (): number => Date.now() / 1000;

beforeEach(async () => {
  studio = await startStudio();
  studio.engine.createGroup('room1', { groupCustomField: [{ key: 'room_status', value: '1' }, { key: 'add_goods', value: '[]' }] });
  studio.engine.createGroup('room2');
  studio.engine.setProfile('alice', 'Alice', 'https://img.example/alice.png');
  studio.engine.setProfile('bob', 'Bob', 'https://img.example/bob.png');
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.tim.destroy()));
  await studio.close();
});

describe('login', () => {
  it('resolves, then emits SDK_READY; a repeated login says so', async () => {
    const c = client();
    const r = await c.tim.login({ userID: 'alice', userSig: studio.engine.sigFor('alice') });
    expect(r).toEqual({ code: 0, data: { repeatLogin: false } });
    await waitFor(() => c.named(EVENT.SDK_READY).length === 1, PATIENCE_MS, 'SDK_READY');
    expect(c.named(EVENT.SDK_READY)[0]).toEqual({ name: 'sdkStateReady', data: undefined });
    expect(await c.tim.login({ userID: 'alice', userSig: 'x' })).toEqual({ code: 0, data: { repeatLogin: true } });
  });

  it('rejects a bad, foreign or expired UserSig with the engine code', async () => {
    const c = client();
    expect((await rejection(c.tim.login({ userID: 'alice', userSig: 'garbage' }))).code).toBe(70003);
    expect((await rejection(c.tim.login({ userID: 'alice', userSig: studio.engine.sigFor('bob') }))).code).toBe(70013);
    const expired = await rejection(c.tim.login({ userID: 'alice', userSig: studio.engine.sigFor('alice', -10) }));
    expect(expired).toMatchObject({ code: 70001 });
    expect(expired.message).toMatch(/expired/);
    expect(c.named(EVENT.SDK_READY)).toHaveLength(0);
    // Still usable afterwards.
    await c.tim.login({ userID: 'alice', userSig: studio.engine.sigFor('alice') });
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
    await second.tim.login({ userID: 'alice', userSig: studio.engine.sigFor('alice') });
    await waitFor(() => first.named(EVENT.KICKED_OUT).length === 1, PATIENCE_MS, 'KICKED_OUT');
    expect(first.named(EVENT.KICKED_OUT)[0]).toEqual({ name: 'kickedOut', data: { type: TYPES.KICKED_OUT_MULT_ACCOUNT } });
    expect(first.named(EVENT.SDK_NOT_READY)).toHaveLength(1);
    expect(studio.engine.members('room1').filter((m) => m.userId === 'alice')).toHaveLength(0);
    const msg = first.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'x' } });
    expect(await rejection(first.tim.sendMessage(msg))).toMatchObject({ code: 2999 });
  });

  it('kicks with userSigExpired when the UserSig runs out', async () => {
    await studio.close();
    // The server's clock runs 59.9 s ahead, so a 60 s UserSig expires 100 ms after login.
    studio = await startStudio({ now: () => Date.now() + 59_900 }, studio.engine);
    const c = client();
    await c.tim.login({ userID: 'alice', userSig: studio.engine.sigFor('alice', 60) });
    await waitFor(() => c.named(EVENT.KICKED_OUT).length === 1, PATIENCE_MS, 'KICKED_OUT');
    expect(c.named(EVENT.KICKED_OUT)[0]?.data).toEqual({ type: 'userSigExpired' });
  });

  it('refuses a connection that names another SDKAppID (60006)', async () => {
    const c = client(1234);
    expect(await rejection(c.tim.login({ userID: 'alice', userSig: studio.engine.sigFor('alice') }))).toMatchObject({ code: 60006 });
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
    await c.tim.login({ userID: 'alice', userSig: studio.engine.sigFor('alice') });
    await waitFor(() => bob.messages().find((m) => m.type === TYPES.MSG_GRP_TIP && (m.payload as GroupTipPayload).operatorID === 'alice'), PATIENCE_MS, 'join tip');
    await c.tim.sendMessage(c.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'now me' } }));
    await waitFor(() => bob.messages().find((m) => (m.payload as TextPayload).text === 'now me'), PATIENCE_MS, 'message');
  });
});

describe('group tips and notices', () => {
  it('join and quit tips reach other members with nick and avatar', async () => {
    const alice = await member('alice');
    const bob = await member('bob');
    const join = await waitFor(() => alice.messages().find((m) => m.type === TYPES.MSG_GRP_TIP && m.from === 'bob'), PATIENCE_MS, 'join tip');
    expect(join).toMatchObject({
      type: 'TIMGroupTipElem',
      conversationID: 'GROUProom1',
      conversationType: 'GROUP',
      to: 'room1',
      flow: 'in',
      status: 'success',
      nick: 'Bob',
      avatar: 'https://img.example/bob.png',
      payload: { operationType: TYPES.GRP_TIP_MBR_JOIN, operatorID: 'bob', userIDList: ['bob'], groupProfile: { groupID: 'room1' } },
    });
    expect(join.payload).not.toHaveProperty('newGroupProfile');
    await bob.tim.quitGroup('room1');
    const quit = await waitFor(() => alice.messages().find((m) => (m.payload as GroupTipPayload).operationType === 2), PATIENCE_MS, 'quit tip');
    expect(quit).toMatchObject({ from: 'bob', nick: 'Bob', payload: { operationType: 2, userIDList: ['bob'] } });
  });

  it('profile-updated tips carry groupCustomField and notification', async () => {
    const alice = await member('alice');
    studio.engine.modifyGroup('room1', { customFields: [{ key: 'add_goods', value: '{"id":7}' }], notification: 'Coupons at 20:00' });
    const tip = await waitFor(() => alice.messages().find((m) => (m.payload as GroupTipPayload).operationType === 6), PATIENCE_MS, 'tip 6');
    expect(tip).toMatchObject({
      type: TYPES.MSG_GRP_TIP,
      from: 'admin',
      payload: {
        operationType: TYPES.GRP_TIP_GRP_PROFILE_UPDATED,
        operatorID: 'admin',
        userIDList: ['admin'],
        groupProfile: { groupID: 'room1' },
        newGroupProfile: { groupCustomField: [{ key: 'add_goods', value: '{"id":7}' }], notification: 'Coupons at 20:00' },
      },
    });
    studio.engine.modifyGroup('room1', { customFields: [{ key: 'room_status', value: '2' }] });
    const second = await waitFor(
      () => alice.messages().filter((m) => (m.payload as GroupTipPayload).operationType === 6)[1],
      PATIENCE_MS,
      'second tip 6',
    );
    expect((second.payload as GroupTipPayload).newGroupProfile).toEqual({ groupCustomField: [{ key: 'room_status', value: '2' }] });
  });

  it('system notices arrive as TIMGroupSystemNoticeElem with operationType 255', async () => {
    const alice = await member('alice');
    studio.engine.systemNotice('room1', '{"type":"BIT_BEGIN","msg":{"n":1}}');
    const n = await waitFor(() => alice.messages().find((m) => m.type === TYPES.MSG_GRP_SYS_NOTICE), PATIENCE_MS, 'notice');
    expect(n.payload as GroupSystemNoticePayload).toEqual({
      operationType: 255,
      userDefinedField: '{"type":"BIT_BEGIN","msg":{"n":1}}',
      groupProfile: { groupID: 'room1' },
    });
    expect(n.conversationType).toBe(TYPES.CONV_SYSTEM);
    expect(Math.abs(n.time - nowSec())).toBeLessThan(5);
  });
});

describe('server-side endings', () => {
  it('a dismissed group (notice 5) leaves the client outside; a recreated group can be joined again', async () => {
    const alice = await member('alice');
    studio.engine.destroyGroup('room1');
    const n = await waitFor(() => alice.messages().find((m) => m.type === TYPES.MSG_GRP_SYS_NOTICE), PATIENCE_MS, 'notice 5');
    expect((n.payload as GroupSystemNoticePayload).operationType).toBe(5);
    const m = alice.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'x' } });
    expect(await rejection(alice.tim.sendMessage(m))).toMatchObject({ code: 2101 });
    studio.engine.createGroup('room1');
    expect((await alice.tim.joinGroup({ groupID: 'room1' })).data.status).toBe(TYPES.JOIN_STATUS_SUCCESS);
    expect(studio.engine.members('room1').map((x) => x.userId)).toEqual(['alice']);
  });

  it('kickUser ends every login of a user with the given reason', async () => {
    const alice = await member('alice');
    expect(studio.realtime.kickUser('alice', 'REST_API_Kick')).toBe(1);
    await waitFor(() => alice.named(EVENT.KICKED_OUT).length === 1, PATIENCE_MS, 'KICKED_OUT');
    expect(alice.named(EVENT.KICKED_OUT)[0]?.data).toEqual({ type: TYPES.KICKED_OUT_REST_API });
    expect(studio.engine.members('room1')).toHaveLength(0);
    expect(studio.realtime.kickUser('alice', 'REST_API_Kick')).toBe(0);
    // Kicked, the client is a guest again and may log in anew.
    await alice.tim.login({ userID: 'alice', userSig: studio.engine.sigFor('alice') });
  });
});

describe('messages', () => {
  it('own sends are not echoed; others receive text and custom with Data/Desc/Ext mapped', async () => {
    const alice = await member('alice');
    const bob = await member('bob');
    const text = alice.tim.createTextMessage({
      to: 'room1',
      conversationType: TYPES.CONV_GROUP,
      payload: { text: 'hi bob' },
      cloudCustomData: '{"level":3}',
    });
    expect(text).toMatchObject({ status: 'unSend', flow: 'out', from: 'alice', nick: 'Alice', priority: 'Normal' });
    const sent = await alice.tim.sendMessage(text);
    expect(sent.code).toBe(0);
    expect(sent.data.message).toBe(text);
    expect(text.status).toBe('success');
    expect(text.sequence).toBeGreaterThan(0);
    expect(Math.abs(text.time - nowSec())).toBeLessThan(5);

    const gift = alice.tim.createCustomMessage({
      to: 'room1',
      conversationType: TYPES.CONV_GROUP,
      priority: TYPES.MSG_PRIORITY_HIGH,
      payload: { data: 'SEND_GIFT', description: 'a rose', extension: '{"giftId":3}' },
    });
    await alice.tim.sendMessage(gift);
    expect(studio.engine.sends.at(-1)?.body).toEqual([
      { MsgType: 'TIMCustomElem', MsgContent: { Data: 'SEND_GIFT', Desc: 'a rose', Ext: '{"giftId":3}' } },
    ]);
    expect(studio.engine.sends.at(-1)?.priority).toBe('High');

    const got = await waitFor(() => {
      const ms = bob.messages().filter((m) => m.from === 'alice' && m.type !== TYPES.MSG_GRP_TIP);
      return ms.length === 2 ? ms : undefined;
    }, PATIENCE_MS, 'two messages at bob');
    const [t, c] = got as [TimMessage, TimMessage];
    expect(t).toMatchObject({
      type: 'TIMTextElem',
      payload: { text: 'hi bob' },
      conversationID: 'GROUProom1',
      conversationType: 'GROUP',
      to: 'room1',
      flow: 'in',
      status: 'success',
      priority: 'Normal',
      nick: 'Alice',
      avatar: 'https://img.example/alice.png',
      cloudCustomData: '{"level":3}',
      isModified: false,
      sequence: text.sequence,
      random: text.random,
    });
    expect(Number.isInteger(t.time)).toBe(true);
    expect(Math.abs(t.time - nowSec())).toBeLessThan(5);
    expect(c.type).toBe('TIMCustomElem');
    expect(c.priority).toBe('High');
    expect(c.payload as CustomPayload).toEqual({ data: 'SEND_GIFT', description: 'a rose', extension: '{"giftId":3}' });

    // Bob answers so Alice has a later delivery to compare against: she sees his, never her own.
    await bob.tim.sendMessage(bob.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'hi alice' } }));
    await waitFor(() => alice.messages().find((m) => m.from === 'bob' && m.type === TYPES.MSG_TEXT), PATIENCE_MS, 'reply');
    expect(alice.messages().filter((m) => m.from === 'alice' && m.type !== TYPES.MSG_GRP_TIP)).toEqual([]);
  });

  it('messages sent by REST in my name do reach me (only my own client sends are filtered)', async () => {
    const alice = await member('alice');
    studio.engine.sendAsRest('room1', 'alice', [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'BUY_GOODS', Ext: '{}' } }], 'High', 99);
    const m = await waitFor(() => alice.messages().find((x) => x.type === TYPES.MSG_CUSTOM), PATIENCE_MS, 'rest message');
    expect(m).toMatchObject({ from: 'alice', flow: 'out', payload: { data: 'BUY_GOODS', description: '', extension: '{}' } });
  });

  it('a body rewritten by a before-send callback fires MESSAGE_MODIFIED for the sender', async () => {
    const alice = await member('alice');
    const bob = await member('bob');
    studio.engine.rewrite = (body) =>
      body[0]?.MsgType === 'TIMTextElem' ? [{ MsgType: 'TIMTextElem', MsgContent: { Text: '***' } }] : undefined;
    const m = alice.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'badword' } });
    await alice.tim.sendMessage(m);
    expect(m).toMatchObject({ isModified: true, payload: { text: '***' } });
    expect(alice.named(EVENT.MESSAGE_MODIFIED)[0]?.data).toEqual([m]);
    const got = await waitFor(() => bob.messages().find((x) => x.type === TYPES.MSG_TEXT), PATIENCE_MS, 'modified at bob');
    expect(got).toMatchObject({ isModified: true, payload: { text: '***' } });
  });

  it('sending to a room I am not in fails with 2101; engine codes pass through', async () => {
    const alice = await member('alice');
    const m = alice.tim.createTextMessage({ to: 'room2', conversationType: TYPES.CONV_GROUP, payload: { text: 'x' } });
    const err = await rejection(alice.tim.sendMessage(m));
    expect(err).toMatchObject({ code: 2101 });
    expect((err.data as { message: TimMessage }).message).toBe(m);
    expect(m.status).toBe('fail');
    const big = alice.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'x'.repeat(13_000) } });
    expect(await rejection(alice.tim.sendMessage(big))).toMatchObject({ code: 80002 });
    expect(await rejection(alice.tim.joinGroup({ groupID: 'nope' }))).toMatchObject({ code: 10010 });
  });
});

describe('groups and profiles', () => {
  it('getGroupProfile honours groupCustomFieldFilter; joinGroup returns the group', async () => {
    const c = client();
    await c.tim.login({ userID: 'alice', userSig: studio.engine.sigFor('alice') });
    const j = await c.tim.joinGroup({ groupID: 'room1', type: TYPES.GRP_AVCHATROOM });
    expect(j.data.status).toBe(TYPES.JOIN_STATUS_SUCCESS);
    expect(j.data.group).toMatchObject({ groupID: 'room1', type: 'AVChatRoom', joinOption: 'FreeAccess' });
    expect((await c.tim.joinGroup({ groupID: 'room1' })).data.status).toBe(TYPES.JOIN_STATUS_ALREADY_IN_GROUP);
    const r = await c.tim.getGroupProfile({ groupID: 'room1', groupCustomFieldFilter: ['room_status'] });
    expect(r.code).toBe(0);
    expect(r.data.group.groupCustomField).toEqual([{ key: 'room_status', value: '1' }]);
    expect(r.data.group.memberCount).toBe(1);
  });

  it('online count; joining another room leaves the first', async () => {
    const alice = await member('alice');
    const bob = await member('bob');
    expect((await alice.tim.getGroupOnlineMemberCount('room1')).data.memberCount).toBe(2);
    await bob.tim.joinGroup({ groupID: 'room2' });
    expect((await alice.tim.getGroupOnlineMemberCount('room1')).data.memberCount).toBe(1);
    expect((await alice.tim.getGroupOnlineMemberCount('room2')).data.memberCount).toBe(1);
    await waitFor(() => alice.messages().find((m) => (m.payload as GroupTipPayload).operationType === 2), PATIENCE_MS, 'quit tip');
  });

  it('profiles: get mine, others, update mine (PROFILE_UPDATED)', async () => {
    const c = client();
    await c.tim.login({ userID: 'alice', userSig: studio.engine.sigFor('alice') });
    expect((await c.tim.getMyProfile()).data).toMatchObject({ userID: 'alice', nick: 'Alice' });
    expect((await c.tim.getUserProfile({ userIDList: ['bob'] })).data).toEqual([
      { userID: 'bob', nick: 'Bob', avatar: 'https://img.example/bob.png', profileCustomField: [] },
    ]);
    const u = await c.tim.updateMyProfile({ nick: 'Alicia', profileCustomField: [{ key: 'Tag_Profile_Custom_Hobby', value: 'ski' }] });
    expect(u.data).toMatchObject({ nick: 'Alicia', profileCustomField: [{ key: 'Tag_Profile_Custom_Hobby', value: 'ski' }] });
    expect(c.named(EVENT.PROFILE_UPDATED)[0]?.data).toEqual([u.data]);
    const m = c.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'x' } });
    expect(m.nick).toBe('Alicia');
  });

});

describe('protocol refusals', () => {
  it('frames from a client that is not logged in are refused (2024); guest operations work', async () => {
    const raw = await rawClient(studio.endpoint);
    try {
      const refused = [
        { t: 'send', seq: 1, groupID: 'room1', priority: 'Normal', random: 1, body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }], cloudCustomData: '' },
        { t: 'getGroupProfile', seq: 2, groupID: 'room1' },
        { t: 'getMyProfile', seq: 3 },
        { t: 'updateMyProfile', seq: 4, nick: 'x' },
        { t: 'getUserProfile', seq: 5, userIDList: ['bob'] },
        { t: 'logout', seq: 6 },
      ];
      for (const f of refused) raw.send(f);
      for (const f of refused) expect(await raw.ack(f.seq)).toMatchObject({ ok: false, code: 2024 });
      raw.send({ t: 'ping', seq: 7 });
      raw.send({ t: 'join', seq: 8, groupID: 'room1' });
      raw.send({ t: 'getOnlineCount', seq: 9, groupID: 'room1' });
      expect(await raw.ack(7)).toMatchObject({ ok: true });
      expect(await raw.ack(8)).toMatchObject({ ok: true, data: { status: 'JoinedSuccess' } });
      expect(await raw.ack(9)).toMatchObject({ ok: true, data: { memberCount: 1 } });
      expect(studio.engine.sends).toHaveLength(0);
    } finally {
      raw.close();
    }
  });

  it('a bad frame gets an error ack and disturbs neither its socket nor another client', async () => {
    const alice = await member('alice');
    const bob = await member('bob');
    const raw = await rawClient(studio.endpoint);
    try {
      raw.send('not json');
      raw.send({ t: 'nope', seq: 5 });
      raw.send({ t: 'join', seq: 6, groupID: 123 });
      raw.send({ t: 'join', seq: 7, groupID: 'room1', extra: true });
      raw.send([1, 2]);
      raw.ws.send(Buffer.from([1, 2, 3]), { binary: true });
      raw.send({ t: 'ping', seq: 8, pad: 'x'.repeat(70_000) });
      raw.send({ t: 'login', seq: 9, userID: 'a'.repeat(33), userSig: 'x' });
      raw.send({ t: 'ping', seq: 10 });
      expect(await raw.ack(10)).toMatchObject({ ok: true });
      const acks = raw.acks();
      expect(acks.map((a) => [a.seq, a.code])).toEqual([
        [-1, 60003],
        [5, 60009],
        [6, 10004],
        [7, 10004],
        [-1, 10004],
        [-1, 10004],
        [-1, 10004],
        [9, 10004],
        [10, undefined],
      ]);
      expect(acks.find((a) => a.seq === 6)?.message).toMatch(/groupID/);
      expect(studio.realtime.stats().badFrames).toBeGreaterThanOrEqual(6);
    } finally {
      raw.close();
    }
    await alice.tim.sendMessage(alice.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'still fine' } }));
    await waitFor(() => bob.messages().find((m) => (m.payload as TextPayload).text === 'still fine'), PATIENCE_MS, 'message after bad frames');
  });
});

describe('connection', () => {
  it('reconnects after the server drops the socket, re-logs-in, re-joins and receives again', async () => {
    const alice = await member('alice');
    const bob = await member('bob');
    const before = studio.engine.members('room1').find((m) => m.userId === 'alice');
    expect(before).toBeDefined();
    expect(studio.realtime.terminate(before?.sessionId ?? '')).toBe(true);

    await waitFor(() => alice.named(EVENT.NET_STATE_CHANGE).some((e) => (e.data as { state: string }).state === 'disconnected'), PATIENCE_MS, 'disconnected');
    const rejoined = await waitFor(
      () => studio.engine.members('room1').find((m) => m.userId === 'alice' && m.sessionId !== before?.sessionId),
      PATIENCE_MS,
      'rejoin',
    );
    expect(rejoined.userId).toBe('alice');
    const stateOf = (e: { data: unknown }): string => (e.data as { state: string }).state;
    await waitFor(() => alice.named(EVENT.NET_STATE_CHANGE).length === 5, PATIENCE_MS, 'connected again');
    const states = alice.named(EVENT.NET_STATE_CHANGE).map(stateOf);
    expect(states.slice(0, 2)).toEqual(['connecting', 'connected']);
    expect(states.slice(2)).toEqual(['disconnected', 'connecting', 'connected']);
    expect(alice.named(EVENT.SDK_NOT_READY)).toHaveLength(0);

    await bob.tim.sendMessage(bob.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'after the drop' } }));
    await waitFor(() => alice.messages().find((m) => (m.payload as TextPayload).text === 'after the drop'), PATIENCE_MS, 'message after reconnect');
    await alice.tim.sendMessage(alice.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'me too' } }));
    await waitFor(() => bob.messages().find((m) => (m.payload as TextPayload).text === 'me too'), PATIENCE_MS, 'alice after reconnect');
  });

  it('requests made while the server is away wait for the reconnect', async () => {
    const alice = await member('alice');
    const id = studio.engine.members('room1').find((m) => m.userId === 'alice')?.sessionId ?? '';
    studio.realtime.terminate(id);
    const p = alice.tim.getGroupOnlineMemberCount('room1');
    expect((await p).data.memberCount).toBe(1);
  });

  it('the heartbeat terminates a socket that stops answering pings, and its session leaves', async () => {
    await studio.close();
    studio = await startStudio({ heartbeatMs: 50 }, studio.engine);
    const raw = await rawClient(studio.endpoint, { autoPong: false });
    raw.send({ t: 'join', seq: 1, groupID: 'room1' });
    await raw.ack(1);
    expect(studio.engine.members('room1')).toHaveLength(1);
    await waitFor(() => studio.realtime.sessionCount() === 0, PATIENCE_MS, 'terminated');
    expect(studio.engine.members('room1')).toHaveLength(0);
    expect(raw.ws.readyState).not.toBe(WebSocket.OPEN);
  });

  it('leaves upgrades for other paths to their own handlers', async () => {
    const other = new WebSocketServer({ noServer: true });
    studio.server.on('upgrade', (req, socket, head) => {
      if (req.url === '/other') other.handleUpgrade(req, socket, head, (ws) => ws.send('other-hello'));
    });
    const ws = new WebSocket(studio.endpoint.replace('/realtime', '/other'));
    const first = await new Promise<string>((resolve, reject) => {
      ws.once('message', (d) => resolve(String(d)));
      ws.once('error', reject);
    });
    expect(first).toBe('other-hello');
    expect(studio.realtime.sessionCount()).toBe(0);
    ws.terminate();
    other.close();
  });

  it('destroy logs out, leaves the room and closes the socket', async () => {
    const alice = await member('alice');
    await alice.tim.destroy();
    await waitFor(() => studio.engine.members('room1').length === 0, PATIENCE_MS, 'left');
    await waitFor(() => studio.realtime.sessionCount() === 0, PATIENCE_MS, 'the socket closed');
    expect(studio.realtime.sessionCount()).toBe(0);
  });
});
