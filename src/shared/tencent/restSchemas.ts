// Bodies of the Tencent IM REST commands a live room uses (https://cloud.tencent.com/document/product/269/1519):
// the studio validates with them and the console's client sends them, so the two cannot drift.
import { z } from 'zod';
import { LIMITS, utf8Bytes } from './limits';
import { msgBodySchema, msgPrioritySchema, uint32Schema } from './msgBody';

const maxBytes = (n: number) =>
  z.string().refine((s) => utf8Bytes(s) <= n, { message: `must be at most ${n} bytes (UTF-8)` });

// ── Envelope ───────────────────────────────────────────────────────────────────────────────

export const restEnvelopeSchema = z.object({
  ActionStatus: z.enum(['OK', 'FAIL']),
  ErrorCode: z.number().int(),
  ErrorInfo: z.string(),
  /** Profile APIs only. */
  ErrorDisplay: z.string().optional(),
});

/**
 * Writes whose effect reaches the room's members (modify_group_base_info, system notices): the
 * local studio adds how many sessions it published the tip to; Tencent sends no such field.
 */
export const roomWriteResponseSchema = restEnvelopeSchema.extend({ StudioReached: z.number().int().nonnegative().optional() });
export type RestEnvelope = z.infer<typeof restEnvelopeSchema>;

// ── Accounts ───────────────────────────────────────────────────────────────────────────────

export const accountImportRequestSchema = z
  .object({
    /** Required (https://cloud.tencent.com/document/product/269/1608); what the console sends. */
    UserID: z.string().optional(),
    /** The key older pages and clients use; still accepted. */
    Identifier: z.string().optional(),
    Nick: z.string().optional(),
    FaceUrl: z.string().optional(),
  })
  .refine((r) => r.Identifier !== undefined || r.UserID !== undefined, {
    message: 'UserID is required',
    path: ['UserID'],
  });
export type AccountImportRequest = z.infer<typeof accountImportRequestSchema>;
export const accountImportResponseSchema = restEnvelopeSchema;

/** The current form is `AccountList: [{UserID, Nick?, FaceUrl?}]`; the older `Accounts: [id]` is still accepted. */
export const multiAccountImportRequestSchema = z
  .object({
    AccountList: z
      .array(z.object({ UserID: z.string(), Nick: z.string().optional(), FaceUrl: z.string().optional() }))
      .min(1)
      .max(LIMITS.multiAccountImport)
      .optional(),
    Accounts: z.array(z.string()).min(1).max(LIMITS.multiAccountImport).optional(),
  })
  .refine((r) => (r.AccountList === undefined) !== (r.Accounts === undefined), {
    message: 'AccountList (or the older Accounts) is required',
    path: ['AccountList'],
  });
export type MultiAccountImportRequest = z.infer<typeof multiAccountImportRequestSchema>;
export const multiAccountImportResponseSchema = restEnvelopeSchema.extend({
  FailAccounts: z.array(z.string()).optional(),
});
export type MultiAccountImportResponse = z.infer<typeof multiAccountImportResponseSchema>;

// ── Groups ─────────────────────────────────────────────────────────────────────────────────

export const groupTypeSchema = z.enum(['Public', 'Private', 'ChatRoom', 'AVChatRoom', 'Community']);

export const appDefinedDataSchema = z.array(
  z.object({ Key: z.string(), Value: maxBytes(LIMITS.customFieldValueBytes) }),
);
export type AppDefinedDataItem = z.infer<typeof appDefinedDataSchema>[number];

const applyJoinOptionSchema = z.enum(['FreeAccess', 'NeedPermission', 'DisableApply']);
const groupName = maxBytes(LIMITS.groupNameBytes).refine((s) => s !== '', { message: 'must not be empty' });

export const createGroupRequestSchema = z.object({
  Owner_Account: z.string().optional(),
  Type: groupTypeSchema,
  GroupId: z.string().optional(),
  Name: groupName,
  Introduction: maxBytes(LIMITS.groupIntroductionBytes).optional(),
  Notification: maxBytes(LIMITS.groupNotificationBytes).optional(),
  FaceUrl: maxBytes(LIMITS.groupFaceUrlBytes).optional(),
  MaxMemberCount: uint32Schema.optional(),
  ApplyJoinOption: applyJoinOptionSchema.optional(),
  AppDefinedData: appDefinedDataSchema.optional(),
  /** Not allowed for AVChatRoom (10007); accepted by the schema so the engine can say so. */
  MemberList: z.array(z.object({ Member_Account: z.string() })).optional(),
});
export type CreateGroupRequest = z.infer<typeof createGroupRequestSchema>;
export const createGroupResponseSchema = restEnvelopeSchema.extend({ GroupId: z.string().optional() });
export type CreateGroupResponse = z.infer<typeof createGroupResponseSchema>;

export const groupBaseInfoFieldSchema = z.enum([
  'Type',
  'Name',
  'Appid',
  'Introduction',
  'Notification',
  'FaceUrl',
  'Owner_Account',
  'CreateTime',
  'LastInfoTime',
  'LastMsgTime',
  'NextMsgSeq',
  'MemberNum',
  'MaxMemberNum',
  'ApplyJoinOption',
  'ShutUpAllMember',
]);
export type GroupBaseInfoField = z.infer<typeof groupBaseInfoFieldSchema>;

export const getGroupInfoRequestSchema = z.object({
  GroupIdList: z.array(z.string()).min(1).max(LIMITS.getGroupInfoIds),
  ResponseFilter: z
    .object({
      /** Unknown names are ignored, like other unknown input. */
      GroupBaseInfoFilter: z.array(z.string()).optional(),
      MemberInfoFilter: z.array(z.string()).optional(),
      AppDefinedDataFilter_Group: z.array(z.string()).optional(),
      AppDefinedDataFilter_GroupMember: z.array(z.string()).optional(),
    })
    .optional(),
});
export type GetGroupInfoRequest = z.infer<typeof getGroupInfoRequestSchema>;

export const groupInfoEntrySchema = z.object({
  GroupId: z.string(),
  ErrorCode: z.number().int(),
  ErrorInfo: z.string(),
  Type: groupTypeSchema.optional(),
  Name: z.string().optional(),
  Appid: z.number().optional(),
  Introduction: z.string().optional(),
  Notification: z.string().optional(),
  FaceUrl: z.string().optional(),
  Owner_Account: z.string().optional(),
  CreateTime: z.number().optional(),
  LastInfoTime: z.number().optional(),
  LastMsgTime: z.number().optional(),
  NextMsgSeq: z.number().optional(),
  MemberNum: z.number().optional(),
  MaxMemberNum: z.number().optional(),
  ApplyJoinOption: z.string().optional(),
  ShutUpAllMember: z.enum(['On', 'Off']).optional(),
  AppDefinedData: z.array(z.object({ Key: z.string(), Value: z.string() })).optional(),
});
export type GroupInfoEntry = z.infer<typeof groupInfoEntrySchema>;
export const getGroupInfoResponseSchema = restEnvelopeSchema.extend({
  GroupInfo: z.array(groupInfoEntrySchema).optional(),
});
export type GetGroupInfoResponse = z.infer<typeof getGroupInfoResponseSchema>;

export const modifyGroupBaseInfoRequestSchema = z.object({
  GroupId: z.string(),
  Name: groupName.optional(),
  Introduction: maxBytes(LIMITS.groupIntroductionBytes).optional(),
  Notification: maxBytes(LIMITS.groupNotificationBytes).optional(),
  FaceUrl: maxBytes(LIMITS.groupFaceUrlBytes).optional(),
  MaxMemberNum: uint32Schema.optional(),
  ApplyJoinOption: applyJoinOptionSchema.optional(),
  ShutUpAllMember: z.enum(['On', 'Off']).optional(),
  /** `Value: ""` deletes the key (modify_group_base_info). */
  AppDefinedData: appDefinedDataSchema.optional(),
});
export type ModifyGroupBaseInfoRequest = z.infer<typeof modifyGroupBaseInfoRequestSchema>;

export const groupIdRequestSchema = z.object({ GroupId: z.string() });
export type DestroyGroupRequest = z.infer<typeof groupIdRequestSchema>;
export type GetOnlineMemberNumRequest = z.infer<typeof groupIdRequestSchema>;
export const getOnlineMemberNumResponseSchema = restEnvelopeSchema.extend({
  OnlineMemberNum: z.number().int().optional(),
});
export type GetOnlineMemberNumResponse = z.infer<typeof getOnlineMemberNumResponseSchema>;

export const sendGroupMsgRequestSchema = z.object({
  GroupId: z.string(),
  /** Same sender + same Random within 5 minutes → the later one is dropped. */
  Random: uint32Schema,
  MsgBody: msgBodySchema,
  /** Defaults to the admin in the URL; must be an existing account. */
  From_Account: z.string().optional(),
  MsgPriority: msgPrioritySchema.optional(),
  CloudCustomData: z.string().optional(),
  ForbidCallbackControl: z.array(z.enum(['ForbidBeforeSendMsgCallback', 'ForbidAfterSendMsgCallback'])).optional(),
  SendMsgControl: z.array(z.enum(['NoLastMsg', 'NoUnread', 'NoMsgCheck'])).optional(),
  /** Meaningless for AVChatRoom (delivery is online-only anyway); accepted and ignored. */
  OnlineOnlyFlag: z.union([z.literal(0), z.literal(1)]).optional(),
});
export type SendGroupMsgRequest = z.infer<typeof sendGroupMsgRequestSchema>;
export const sendGroupMsgResponseSchema = restEnvelopeSchema.extend({
  MsgTime: z.number().int().optional(),
  MsgSeq: z.number().int().optional(),
});
export type SendGroupMsgResponse = z.infer<typeof sendGroupMsgResponseSchema>;

export const sendGroupSystemNotificationRequestSchema = z.object({
  GroupId: z.string(),
  Content: z.string().min(1),
  /** AVChatRoom supports only all-members delivery: a non-empty list gets 10007. */
  ToMembers_Account: z.array(z.string()).optional(),
});
export type SendGroupSystemNotificationRequest = z.infer<typeof sendGroupSystemNotificationRequestSchema>;

export const forbidSendMsgRequestSchema = z.object({
  GroupId: z.string(),
  Members_Account: z.array(z.string()).min(1).max(LIMITS.forbidSendMsgAccounts),
  /** Seconds; 0 unmutes, 4294967295 mutes for ever. */
  ShutUpTime: uint32Schema,
});
export type ForbidSendMsgRequest = z.infer<typeof forbidSendMsgRequestSchema>;

export const addGroupMemberRequestSchema = z.object({
  GroupId: z.string(),
  MemberList: z.array(z.object({ Member_Account: z.string() })).min(1),
  Silence: z.number().int().optional(),
});
export type AddGroupMemberRequest = z.infer<typeof addGroupMemberRequestSchema>;

// ── Profiles ───────────────────────────────────────────────────────────────────────────────

export const profileItemSchema = z.object({ Tag: z.string(), Value: z.union([z.string(), z.number()]) });
export type ProfileItem = z.infer<typeof profileItemSchema>;

export const portraitSetRequestSchema = z.object({
  From_Account: z.string(),
  ProfileItem: z.array(profileItemSchema).min(1),
});
export type PortraitSetRequest = z.infer<typeof portraitSetRequestSchema>;
export const portraitSetResponseSchema = restEnvelopeSchema;

export const portraitGetRequestSchema = z.object({
  To_Account: z.array(z.string()).min(1).max(LIMITS.portraitGetAccounts),
  TagList: z.array(z.string()).min(1),
});
export type PortraitGetRequest = z.infer<typeof portraitGetRequestSchema>;
export const userProfileItemSchema = z.object({
  To_Account: z.string(),
  ProfileItem: z.array(profileItemSchema),
  ResultCode: z.number().int(),
  ResultInfo: z.string(),
});
export const portraitGetResponseSchema = restEnvelopeSchema.extend({
  UserProfileItem: z.array(userProfileItemSchema).optional(),
  /** Present only when some accounts failed. */
  Fail_Account: z.array(z.string()).optional(),
});
export type PortraitGetResponse = z.infer<typeof portraitGetResponseSchema>;

// ── The command table ──────────────────────────────────────────────────────────────────────

/** Every REST command the studio serves, by `<service>/<command>` (the URL after `/v4/`). */
export const IM_REST_COMMANDS = {
  'im_open_login_svc/account_import': { request: accountImportRequestSchema, response: accountImportResponseSchema },
  'im_open_login_svc/multiaccount_import': {
    request: multiAccountImportRequestSchema,
    response: multiAccountImportResponseSchema,
  },
  'group_open_http_svc/create_group': { request: createGroupRequestSchema, response: createGroupResponseSchema },
  'group_open_http_svc/get_group_info': { request: getGroupInfoRequestSchema, response: getGroupInfoResponseSchema },
  'group_open_http_svc/modify_group_base_info': { request: modifyGroupBaseInfoRequestSchema, response: roomWriteResponseSchema },
  'group_open_http_svc/destroy_group': { request: groupIdRequestSchema, response: restEnvelopeSchema },
  'group_open_http_svc/send_group_msg': { request: sendGroupMsgRequestSchema, response: sendGroupMsgResponseSchema },
  'group_open_http_svc/send_group_system_notification': {
    request: sendGroupSystemNotificationRequestSchema,
    response: roomWriteResponseSchema,
  },
  'group_open_http_svc/forbid_send_msg': { request: forbidSendMsgRequestSchema, response: restEnvelopeSchema },
  'group_open_http_svc/get_online_member_num': {
    request: groupIdRequestSchema,
    response: getOnlineMemberNumResponseSchema,
  },
  'group_open_http_svc/add_group_member': { request: addGroupMemberRequestSchema, response: restEnvelopeSchema },
  'profile/portrait_set': { request: portraitSetRequestSchema, response: portraitSetResponseSchema },
  'profile/portrait_get': { request: portraitGetRequestSchema, response: portraitGetResponseSchema },
} as const;

export type ImRestCommand = keyof typeof IM_REST_COMMANDS;
export type ImRestRequest<C extends ImRestCommand> = z.input<(typeof IM_REST_COMMANDS)[C]['request']>;
export type ImRestResponse<C extends ImRestCommand> = z.infer<(typeof IM_REST_COMMANDS)[C]['response']>;

export const isImRestCommand = (name: string): name is ImRestCommand => Object.hasOwn(IM_REST_COMMANDS, name);

/** The first problem of a failed parse as `Field.path: message`, for ErrorInfo; `root` names the parsed value. */
export function describeSchemaError(error: z.ZodError, root = ''): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request body';
  const path = (root + issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')).replace(
    /^\./,
    '',
  );
  return path ? `${path}: ${issue.message}` : issue.message;
}
