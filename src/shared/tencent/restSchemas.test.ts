// The shared REST schemas against Tencent's documented REST samples and the byte, id and body-size rules.
import { describe, expect, it } from 'vitest';
import { IM_ERR, IM_ERROR_TEXT, errorInfo } from './errorCodes';
import { isValidCustomFieldKey, isValidCustomGroupId, isValidProfileCustomTag, isValidUserId, utf8Bytes } from './limits';
import { msgBodyBytes, msgBodySchema } from './msgBody';
import {
  IM_REST_COMMANDS,
  createGroupRequestSchema,
  describeSchemaError,
  getGroupInfoRequestSchema,
  getGroupInfoResponseSchema,
  modifyGroupBaseInfoRequestSchema,
  portraitSetRequestSchema,
  sendGroupMsgRequestSchema,
  sendGroupSystemNotificationRequestSchema,
  forbidSendMsgRequestSchema,
  accountImportRequestSchema,
  multiAccountImportRequestSchema,
  restEnvelopeSchema,
  sendGroupMsgResponseSchema,
} from './restSchemas';

// Request and response bodies exactly as Tencent's REST API pages print them.
const REF = {
  // account_import's current page (269/1608) documents UserID; older pages and clients send Identifier.
  accountImport: { UserID: 'test', Nick: 'test', FaceUrl: 'http://www.qq.com' },
  accountImportLegacy: { Identifier: 'user_001', Nick: 'Alice', FaceUrl: 'https://cdn.example.com/a.png' },
  multiAccountImport: { AccountList: [{ UserID: 'UserID_001', Nick: 'Nick_001', FaceUrl: 'http://www.qq.com' }, { UserID: 'UserID_002' }] },
  multiAccountImportLegacy: { Accounts: ['UserID_001', 'UserID_002', 'UserID_003'] },
  createGroup: {
    Owner_Account: 'anchor_001',
    Type: 'AVChatRoom',
    GroupId: 'live_20240501_001',
    Name: 'Spring Sale Live',
    Introduction: '…',
    Notification: 'Welcome! Coupons at 8pm.',
    FaceUrl: 'https://cdn.example.com/cover.png',
    AppDefinedData: [
      { Key: 'room_status', Value: '0' },
      { Key: 'add_goods', Value: '[]' },
    ],
  },
  getGroupInfo: {
    GroupIdList: ['live_20240501_001'],
    ResponseFilter: {
      GroupBaseInfoFilter: ['Type', 'Name', 'Introduction', 'Notification', 'FaceUrl', 'Owner_Account', 'MemberNum', 'ShutUpAllMember'],
      AppDefinedDataFilter_Group: ['room_status', 'add_goods'],
    },
  },
  getGroupInfoResponse: {
    ActionStatus: 'OK',
    ErrorCode: 0,
    ErrorInfo: '',
    GroupInfo: [
      {
        GroupId: 'live_20240501_001',
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
  modify: {
    GroupId: 'live_20240501_001',
    Name: 'Spring Sale Live — Part 2',
    Introduction: '…',
    Notification: 'Coupons drop at 20:00',
    FaceUrl: 'https://cdn.example.com/cover2.png',
    ShutUpAllMember: 'On',
    AppDefinedData: [
      { Key: 'room_status', Value: '1' },
      { Key: 'add_goods', Value: '' },
    ],
  },
  sendGroupMsg: {
    GroupId: 'live_20240501_001',
    From_Account: 'anchor_001',
    Random: 1843219947,
    MsgPriority: 'High',
    MsgBody: [
      { MsgType: 'TIMCustomElem', MsgContent: { Data: 'ADD_GOODS', Desc: '', Ext: '{"sku":"A1","price":1999}', Sound: '' } },
    ],
    CloudCustomData: '{"v":1}',
    ForbidCallbackControl: ['ForbidBeforeSendMsgCallback'],
    SendMsgControl: ['NoLastMsg'],
  },
  notification: { GroupId: 'live_20240501_001', Content: '{"type":"ROOM_STATUS","msg":"paused"}' },
  forbid: { GroupId: 'live_20240501_001', Members_Account: ['viewer_9'], ShutUpTime: 600 },
  portraitSet: {
    From_Account: 'viewer_9',
    ProfileItem: [
      { Tag: 'Tag_Profile_IM_Nick', Value: 'Bob' },
      { Tag: 'Tag_Profile_IM_Image', Value: 'https://cdn.example.com/b.png' },
      { Tag: 'Tag_Profile_Custom_Level', Value: '3' },
    ],
  },
};

describe('REST schemas accept the documented sample shapes', () => {
  it.each([
    ['account_import', accountImportRequestSchema, REF.accountImport],
    ['account_import (older Identifier)', accountImportRequestSchema, REF.accountImportLegacy],
    ['multiaccount_import', multiAccountImportRequestSchema, REF.multiAccountImport],
    ['multiaccount_import (older Accounts)', multiAccountImportRequestSchema, REF.multiAccountImportLegacy],
    ['create_group', createGroupRequestSchema, REF.createGroup],
    ['get_group_info', getGroupInfoRequestSchema, REF.getGroupInfo],
    ['get_group_info response', getGroupInfoResponseSchema, REF.getGroupInfoResponse],
    ['modify_group_base_info', modifyGroupBaseInfoRequestSchema, REF.modify],
    ['send_group_msg', sendGroupMsgRequestSchema, REF.sendGroupMsg],
    ['send_group_system_notification', sendGroupSystemNotificationRequestSchema, REF.notification],
    ['forbid_send_msg', forbidSendMsgRequestSchema, REF.forbid],
    ['portrait_set', portraitSetRequestSchema, REF.portraitSet],
    ['send_group_msg response', sendGroupMsgResponseSchema, { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, MsgTime: 1714500300, MsgSeq: 1 }],
  ] as const)('%s', (_name, schema, body) => {
    expect(schema.safeParse(body).success).toBe(true);
  });

  it('the command table names every command the studio serves', () => {
    expect(Object.keys(IM_REST_COMMANDS).sort()).toEqual(
      [
        'group_open_http_svc/add_group_member',
        'group_open_http_svc/create_group',
        'group_open_http_svc/destroy_group',
        'group_open_http_svc/forbid_send_msg',
        'group_open_http_svc/get_group_info',
        'group_open_http_svc/get_online_member_num',
        'group_open_http_svc/modify_group_base_info',
        'group_open_http_svc/send_group_msg',
        'group_open_http_svc/send_group_system_notification',
        'im_open_login_svc/account_import',
        'im_open_login_svc/multiaccount_import',
        'profile/portrait_get',
        'profile/portrait_set',
      ].sort(),
    );
  });

  it('envelope requires the three fields', () => {
    expect(restEnvelopeSchema.safeParse({ ActionStatus: 'OK', ErrorCode: 0 }).success).toBe(false);
    expect(restEnvelopeSchema.safeParse({ ActionStatus: 'FAIL', ErrorCode: 10004, ErrorInfo: 'x' }).success).toBe(true);
  });
});

describe('limits are UTF-8 bytes (create_group)', () => {
  const name = (n: string) => createGroupRequestSchema.safeParse({ ...REF.createGroup, Name: n });

  it('Name: 30 ASCII bytes pass, 31 fail; 10 CJK characters (30 B) pass, 11 fail', () => {
    expect(name('a'.repeat(30)).success).toBe(true);
    expect(name('a'.repeat(31)).success).toBe(false);
    expect(name('直'.repeat(10)).success).toBe(true);
    expect(name('直'.repeat(11)).success).toBe(false);
    expect(name('').success).toBe(false);
  });

  it.each([
    ['Introduction', 240],
    ['Notification', 300],
    ['FaceUrl', 100],
  ])('%s ≤ %i bytes', (field, max) => {
    expect(createGroupRequestSchema.safeParse({ ...REF.createGroup, [field]: 'x'.repeat(max) }).success).toBe(true);
    const over = createGroupRequestSchema.safeParse({ ...REF.createGroup, [field]: 'x'.repeat(max + 1) });
    expect(over.success).toBe(false);
    if (!over.success) expect(describeSchemaError(over.error)).toBe(`${field}: must be at most ${max} bytes (UTF-8)`);
  });

  it('custom field value ≤ 512 bytes; empty allowed (it deletes on modify)', () => {
    const withValue = (v: string) =>
      modifyGroupBaseInfoRequestSchema.safeParse({ GroupId: 'g', AppDefinedData: [{ Key: 'room_status', Value: v }] });
    expect(withValue('é'.repeat(256)).success).toBe(true);
    expect(withValue('é'.repeat(256) + 'x').success).toBe(false);
    expect(withValue('').success).toBe(true);
  });

  it('utf8Bytes counts bytes, not UTF-16 units', () => {
    expect(utf8Bytes('a')).toBe(1);
    expect(utf8Bytes('é')).toBe(2);
    expect(utf8Bytes('直')).toBe(3);
    expect(utf8Bytes('😀')).toBe(4);
  });
});

describe('message bodies (send_group_msg)', () => {
  it('allows at most one TIMCustomElem', () => {
    const custom = { MsgType: 'TIMCustomElem', MsgContent: { Data: 'x' } };
    expect(msgBodySchema.safeParse([custom]).success).toBe(true);
    const two = msgBodySchema.safeParse([custom, custom]);
    expect(two.success).toBe(false);
    if (!two.success) expect(describeSchemaError(two.error, 'MsgBody')).toBe('MsgBody: at most one TIMCustomElem per message');
  });

  it('accepts text, face and location elements and refuses unknown types', () => {
    expect(
      msgBodySchema.safeParse([
        { MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } },
        { MsgType: 'TIMFaceElem', MsgContent: { Index: 1, Data: 'smile' } },
        { MsgType: 'TIMLocationElem', MsgContent: { Desc: 'here', Latitude: 1.5, Longitude: 2.5 } },
      ]).success,
    ).toBe(true);
    expect(msgBodySchema.safeParse([{ MsgType: 'TIMImageElem', MsgContent: {} }]).success).toBe(false);
    expect(msgBodySchema.safeParse([]).success).toBe(false);
  });

  it('measures the UTF-8 JSON of each MsgContent', () => {
    // {"Text":"ab"} is 13 bytes.
    expect(msgBodyBytes([{ MsgType: 'TIMTextElem', MsgContent: { Text: 'ab' } }])).toBe(13);
    expect(msgBodyBytes([{ MsgType: 'TIMTextElem', MsgContent: { Text: '直' } }])).toBe(14);
  });

  it('names the failing field in errors', () => {
    const r = sendGroupMsgRequestSchema.safeParse({ ...REF.sendGroupMsg, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 1 } }] });
    expect(r.success).toBe(false);
    if (!r.success) expect(describeSchemaError(r.error)).toMatch(/^MsgBody\[0\]\.MsgContent\.Text: /);
    const random = sendGroupMsgRequestSchema.safeParse({ ...REF.sendGroupMsg, Random: 2 ** 32 });
    expect(random.success).toBe(false);
    if (!random.success) expect(describeSchemaError(random.error)).toMatch(/^Random: /);
    expect(sendGroupMsgRequestSchema.safeParse({ ...REF.sendGroupMsg, MsgPriority: 'high' }).success).toBe(false);
  });
});

describe('id and key rules', () => {
  it.each([
    ['live_20240501_001', true],
    ['x'.repeat(48), true],
    ['x'.repeat(49), false],
    ['@TGS#abc', false],
    ['room 1', true],
    ['直播', false],
    ['', false],
  ])('custom GroupId %j → %s', (id, ok) => expect(isValidCustomGroupId(id)).toBe(ok));

  it('custom field keys and profile tags', () => {
    expect(isValidCustomFieldKey('room_status')).toBe(true);
    expect(isValidCustomFieldKey('1room')).toBe(false);
    expect(isValidCustomFieldKey('a'.repeat(17))).toBe(false);
    expect(isValidProfileCustomTag('Tag_Profile_Custom_Level')).toBe(true);
    expect(isValidProfileCustomTag('Tag_Profile_Custom_Level9')).toBe(false);
    expect(isValidProfileCustomTag('Tag_Profile_Custom_Toolonger')).toBe(false);
    expect(isValidUserId('a'.repeat(32))).toBe(true);
    expect(isValidUserId('a'.repeat(33))).toBe(false);
  });
});

describe('error codes', () => {
  it('every code has a text and errorInfo appends details', () => {
    for (const code of Object.values(IM_ERR)) if (code !== 0) expect(IM_ERROR_TEXT[code]).not.toBe('');
    expect(errorInfo(IM_ERR.GROUP_NOT_FOUND, 'g1')).toBe('group does not exist or was destroyed: g1');
    expect(errorInfo(IM_ERR.OK)).toBe('');
  });
});
