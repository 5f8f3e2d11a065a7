// Groups as members see them: join/quit and profile-updated tips, system notices, a dismissed group
// and kicked users, group profiles, online counts and user profiles.
import { describe, expect, it } from 'vitest';
import { EVENT, TYPES } from '../../tim/timCompat';
import type { GroupSystemNoticePayload, GroupTipPayload } from '../../tim/timTypes';
import { PATIENCE_MS } from '../../../test/support/waitFor';
import { waitFor } from './harness.testkit';
import { nowSec, rejection, roomStudioFixture } from './realtimeServer.testkit';

const fx = roomStudioFixture();
const { client, member } = fx;

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
    fx.studio.engine.modifyGroup('room1', { customFields: [{ key: 'add_goods', value: '{"id":7}' }], notification: 'Coupons at 20:00' });
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
    fx.studio.engine.modifyGroup('room1', { customFields: [{ key: 'room_status', value: '2' }] });
    const second = await waitFor(
      () => alice.messages().filter((m) => (m.payload as GroupTipPayload).operationType === 6)[1],
      PATIENCE_MS,
      'second tip 6',
    );
    expect((second.payload as GroupTipPayload).newGroupProfile).toEqual({ groupCustomField: [{ key: 'room_status', value: '2' }] });
  });

  it('system notices arrive as TIMGroupSystemNoticeElem with operationType 255', async () => {
    const alice = await member('alice');
    fx.studio.engine.systemNotice('room1', '{"type":"BIT_BEGIN","msg":{"n":1}}');
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
    fx.studio.engine.destroyGroup('room1');
    const n = await waitFor(() => alice.messages().find((m) => m.type === TYPES.MSG_GRP_SYS_NOTICE), PATIENCE_MS, 'notice 5');
    expect((n.payload as GroupSystemNoticePayload).operationType).toBe(5);
    const m = alice.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'x' } });
    expect(await rejection(alice.tim.sendMessage(m))).toMatchObject({ code: 2101 });
    fx.studio.engine.createGroup('room1');
    expect((await alice.tim.joinGroup({ groupID: 'room1' })).data.status).toBe(TYPES.JOIN_STATUS_SUCCESS);
    expect(fx.studio.engine.members('room1').map((x) => x.userId)).toEqual(['alice']);
  });

  it('kickUser ends every login of a user with the given reason', async () => {
    const alice = await member('alice');
    expect(fx.studio.realtime.kickUser('alice', 'REST_API_Kick')).toBe(1);
    await waitFor(() => alice.named(EVENT.KICKED_OUT).length === 1, PATIENCE_MS, 'KICKED_OUT');
    expect(alice.named(EVENT.KICKED_OUT)[0]?.data).toEqual({ type: TYPES.KICKED_OUT_REST_API });
    expect(fx.studio.engine.members('room1')).toHaveLength(0);
    expect(fx.studio.realtime.kickUser('alice', 'REST_API_Kick')).toBe(0);
    // Kicked, the client is a guest again and may log in anew.
    await alice.tim.login({ userID: 'alice', userSig: fx.studio.engine.sigFor('alice') });
  });
});

describe('groups and profiles', () => {
  it('getGroupProfile honours groupCustomFieldFilter; joinGroup returns the group', async () => {
    const c = client();
    await c.tim.login({ userID: 'alice', userSig: fx.studio.engine.sigFor('alice') });
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
    await c.tim.login({ userID: 'alice', userSig: fx.studio.engine.sigFor('alice') });
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
