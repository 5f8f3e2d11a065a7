// Group commands over REST: create, read (with ResponseFilter), modify, destroy, online count and
// system notifications, with their limits, error codes and the tips members receive.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, recordingSession, SDKAPPID } from './harness.testkit';
import { code, G, harness, ROOM, runCleanups, withRoom } from './restRoutes.testkit';

afterEach(runCleanups);

describe('groups (group_open_http_svc)', () => {
  it('create_group with custom id and AppDefinedData; get_group_info returns the documented fields', async () => {
    const h = await harness();
    await withRoom(h);
    const info = await h.call(`${G}/get_group_info`, { GroupIdList: [ROOM.GroupId] });
    const now = Math.floor(h.time.now() / 1000);
    expect(info).toEqual({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      GroupInfo: [
        {
          GroupId: ROOM.GroupId,
          ErrorCode: 0,
          ErrorInfo: '',
          Type: 'AVChatRoom',
          Name: ROOM.Name,
          Appid: SDKAPPID,
          Introduction: ROOM.Introduction,
          Notification: ROOM.Notification,
          FaceUrl: ROOM.FaceUrl,
          Owner_Account: 'anchor_001',
          CreateTime: now,
          LastInfoTime: now,
          LastMsgTime: 0,
          NextMsgSeq: 1,
          MemberNum: 0,
          MaxMemberNum: 0,
          ApplyJoinOption: 'FreeAccess',
          ShutUpAllMember: 'Off',
          AppDefinedData: ROOM.AppDefinedData,
        },
      ],
    });
  });

  it('ResponseFilter returns only the named fields and keys; per-group 10010/10015', async () => {
    const h = await harness();
    await withRoom(h);
    const r = await h.call(`${G}/get_group_info`, {
      GroupIdList: [ROOM.GroupId, 'gone_room', 'x'.repeat(49)],
      ResponseFilter: { GroupBaseInfoFilter: ['Name', 'ShutUpAllMember', 'NoSuchField'], AppDefinedDataFilter_Group: ['add_goods'] },
    });
    expect(r.ActionStatus).toBe('OK');
    expect(r.GroupInfo).toEqual([
      { GroupId: ROOM.GroupId, ErrorCode: 0, ErrorInfo: '', Name: ROOM.Name, ShutUpAllMember: 'Off', AppDefinedData: [{ Key: 'add_goods', Value: '[]' }] },
      { GroupId: 'gone_room', ErrorCode: 10010, ErrorInfo: expect.any(String) },
      { GroupId: 'x'.repeat(49), ErrorCode: 10015, ErrorInfo: expect.any(String) },
    ]);
    const onlyCustom = await h.call(`${G}/get_group_info`, {
      GroupIdList: [ROOM.GroupId],
      ResponseFilter: { AppDefinedDataFilter_Group: ['room_status'] },
    });
    expect(onlyCustom.GroupInfo).toEqual([{ GroupId: ROOM.GroupId, ErrorCode: 0, ErrorInfo: '', AppDefinedData: [{ Key: 'room_status', Value: '0' }] }]);
    expect(code(await h.call(`${G}/get_group_info`, { GroupIdList: Array.from({ length: 51 }, (_, i) => `g${i}`) }))).toBe(10004);
  });

  it.each([
    ['duplicate id', { GroupId: ROOM.GroupId }, 10025],
    ['@TGS# custom id', { GroupId: '@TGS#mine' }, 10015],
    ['49-byte id', { GroupId: 'x'.repeat(49) }, 10015],
    ['non-ASCII id', { GroupId: '直播间' }, 10015],
    ['MemberList', { GroupId: 'new1', MemberList: [{ Member_Account: 'anchor_001' }] }, 10007],
    ['Public type', { GroupId: 'new2', Type: 'Public' }, 10007],
    ['unknown type', { GroupId: 'new3', Type: 'Party' }, 10004],
    ['31-byte name', { GroupId: 'new4', Name: 'n'.repeat(31) }, 10004],
    ['11 CJK chars', { GroupId: 'new5', Name: '直'.repeat(11) }, 10004],
    ['241-byte intro', { GroupId: 'new6', Introduction: 'i'.repeat(241) }, 10004],
    ['301-byte notice', { GroupId: 'new7', Notification: 'n'.repeat(301) }, 10004],
    ['101-byte FaceUrl', { GroupId: 'new8', FaceUrl: 'f'.repeat(101) }, 10004],
    ['unknown custom key', { GroupId: 'new9', AppDefinedData: [{ Key: 'attent', Value: '1' }] }, 10004],
    ['513-byte value', { GroupId: 'newA', AppDefinedData: [{ Key: 'add_goods', Value: 'v'.repeat(513) }] }, 10004],
    ['unknown owner', { GroupId: 'newB', Owner_Account: 'nobody' }, 10019],
  ])('create_group %s → %i', async (_n, patch, expected) => {
    const h = await harness();
    await withRoom(h);
    expect(code(await h.call(`${G}/create_group`, { ...ROOM, ...patch }))).toBe(expected);
  });

  it('names the unknown custom-field key in ErrorInfo; 30-byte CJK name is fine', async () => {
    const h = await harness();
    const r = await h.call(`${G}/create_group`, { Type: 'AVChatRoom', Name: '直'.repeat(10), AppDefinedData: [{ Key: 'attent', Value: '1' }] });
    expect(r.ErrorInfo).toMatch(/"attent" is not a registered group custom field \(registered: room_status, add_goods, gift_catalog, flash_sale, coupon, lucky_bag, pinned, promo_left\)/);
    expect(code(await h.call(`${G}/create_group`, { Type: 'AVChatRoom', Name: '直'.repeat(10) }))).toBe(0);
  });

  it('modify_group_base_info: partial update, Value "" deletes, tip 6 carries only what the request set', async () => {
    const h = await harness();
    await withRoom(h);
    const viewer = recordingSession('s-v');
    h.engine.join(ROOM.GroupId, viewer.ref);
    const r = await h.call(`${G}/modify_group_base_info`, {
      GroupId: ROOM.GroupId,
      Notification: 'Coupons drop at 20:00',
      AppDefinedData: [
        { Key: 'room_status', Value: '1' },
        { Key: 'add_goods', Value: '' },
      ],
    });
    // The studio says how many sessions the tip was published to (Tencent sends no such field).
    expect(r).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', StudioReached: 1 });
    expect(viewer.events).toEqual([
      {
        kind: 'tip',
        groupId: ROOM.GroupId,
        operationType: 6,
        operatorID: ADMIN,
        userIDList: [ADMIN],
        nick: '',
        avatar: '',
        time: Math.floor(h.time.now() / 1000),
        newGroupProfile: {
          notification: 'Coupons drop at 20:00',
          groupCustomField: [
            { key: 'room_status', value: '1' },
            { key: 'add_goods', value: '' },
          ],
        },
      },
    ]);
    const info = await h.call(`${G}/get_group_info`, { GroupIdList: [ROOM.GroupId] });
    expect(info.GroupInfo).toEqual([
      expect.objectContaining({ Name: ROOM.Name, Notification: 'Coupons drop at 20:00', AppDefinedData: [{ Key: 'room_status', Value: '1' }] }),
    ]);

    await h.call(`${G}/modify_group_base_info`, { GroupId: ROOM.GroupId, Name: 'New', Introduction: 'i2', FaceUrl: 'https://f', ShutUpAllMember: 'On' });
    expect(viewer.events.at(-1)).toMatchObject({
      newGroupProfile: { name: 'New', introduction: 'i2', avatar: 'https://f', muteAllMembers: true },
    });
    const before = viewer.events.length;
    expect(code(await h.call(`${G}/modify_group_base_info`, { GroupId: ROOM.GroupId }))).toBe(0);
    expect(viewer.events).toHaveLength(before); // nothing set, nothing told
  });

  it('modify_group_base_info is all-or-nothing and answers 10010/10015/10004', async () => {
    const h = await harness();
    await withRoom(h);
    const bad = await h.call(`${G}/modify_group_base_info`, {
      GroupId: ROOM.GroupId,
      Name: 'Changed',
      AppDefinedData: [{ Key: 'nope', Value: '1' }],
    });
    expect(bad).toMatchObject({ ErrorCode: 10004, ErrorInfo: expect.stringContaining('"nope"') });
    const info = await h.call(`${G}/get_group_info`, { GroupIdList: [ROOM.GroupId], ResponseFilter: { GroupBaseInfoFilter: ['Name'] } });
    expect(info.GroupInfo).toEqual([expect.objectContaining({ Name: ROOM.Name })]);
    expect(code(await h.call(`${G}/modify_group_base_info`, { GroupId: 'missing', Name: 'x' }))).toBe(10010);
    expect(code(await h.call(`${G}/modify_group_base_info`, { GroupId: '', Name: 'x' }))).toBe(10015);
    expect(code(await h.call(`${G}/modify_group_base_info`, { GroupId: ROOM.GroupId, Notification: 'n'.repeat(301) }))).toBe(10004);
  });

  it('destroy_group: system notice 5, sessions removed, id gone (and reusable)', async () => {
    const h = await harness();
    await withRoom(h);
    const viewer = recordingSession('s-v');
    h.engine.join(ROOM.GroupId, viewer.ref);
    expect(await h.call(`${G}/destroy_group`, { GroupId: ROOM.GroupId })).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    expect(viewer.events).toEqual([{ kind: 'system', groupId: ROOM.GroupId, operationType: 5, userDefinedField: '', time: expect.any(Number) }]);
    expect(code(await h.call(`${G}/get_online_member_num`, { GroupId: ROOM.GroupId }))).toBe(10010);
    expect(code(await h.call(`${G}/destroy_group`, { GroupId: ROOM.GroupId }))).toBe(10010);
    expect(code(await h.call(`${G}/create_group`, ROOM))).toBe(0);
    expect((await h.call(`${G}/get_online_member_num`, { GroupId: ROOM.GroupId })).OnlineMemberNum).toBe(0);
  });

  it('get_online_member_num counts guests and logged-in sessions; add_group_member → 10007', async () => {
    const h = await harness();
    await withRoom(h);
    h.engine.join(ROOM.GroupId, recordingSession('s1').ref);
    h.engine.join(ROOM.GroupId, recordingSession('s2', 'anchor_001').ref);
    expect(await h.call(`${G}/get_online_member_num`, { GroupId: ROOM.GroupId })).toEqual({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      OnlineMemberNum: 2,
    });
    expect(code(await h.call(`${G}/add_group_member`, { GroupId: ROOM.GroupId, MemberList: [{ Member_Account: 'anchor_001' }] }))).toBe(10007);
    expect(code(await h.call(`${G}/add_group_member`, { GroupId: 'nope', MemberList: [{ Member_Account: 'a' }] }))).toBe(10010);
  });

  it('send_group_system_notification: operationType 255 with Content, outside the 40/s limit', async () => {
    const h = await harness();
    await withRoom(h);
    const viewer = recordingSession('s-v');
    h.engine.join(ROOM.GroupId, viewer.ref);
    const content = '{"type":"BIT_BEGIN","msg":{"id":1}}';
    for (let i = 0; i < 60; i++) {
      expect(await h.call(`${G}/send_group_system_notification`, { GroupId: ROOM.GroupId, Content: content })).toEqual({
        ActionStatus: 'OK',
        ErrorCode: 0,
        ErrorInfo: '',
        StudioReached: 1,
      });
    }
    expect(viewer.events).toHaveLength(60);
    expect(viewer.events[0]).toEqual({ kind: 'system', groupId: ROOM.GroupId, operationType: 255, userDefinedField: content, time: expect.any(Number) });
    expect(code(await h.call(`${G}/send_group_system_notification`, { GroupId: ROOM.GroupId, Content: 'x', ToMembers_Account: ['a'] }))).toBe(10007);
    expect(code(await h.call(`${G}/send_group_system_notification`, { GroupId: 'nope', Content: 'x' }))).toBe(10010);
  });
});
