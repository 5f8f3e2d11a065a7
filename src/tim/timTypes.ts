// tim-js-sdk's public constants and object shapes (`TIM.EVENT`, `TIM.TYPES`, Message), so code written against
// this client runs unchanged on the real SDK. String values must match the SDK exactly.
import type { WireGroupProfile, WireProfile } from '../shared/realtime/protocol';

export const EVENT = {
  SDK_READY: 'sdkStateReady',
  SDK_NOT_READY: 'sdkStateNotReady',
  MESSAGE_RECEIVED: 'onMessageReceived',
  MESSAGE_MODIFIED: 'onMessageModified',
  MESSAGE_REVOKED: 'onMessageRevoked',
  GROUP_LIST_UPDATED: 'onGroupListUpdated',
  GROUP_ATTRIBUTES_UPDATED: 'groupAttributesUpdated',
  GROUP_SYSTEM_NOTICE_RECEIVED: 'receiveGroupSystemNotice',
  PROFILE_UPDATED: 'onProfileUpdated',
  KICKED_OUT: 'kickedOut',
  NET_STATE_CHANGE: 'netStateChange',
  ERROR: 'error',
} as const;
export type TimEventName = (typeof EVENT)[keyof typeof EVENT];

export const TYPES = {
  MSG_TEXT: 'TIMTextElem',
  MSG_CUSTOM: 'TIMCustomElem',
  MSG_IMAGE: 'TIMImageElem',
  MSG_AUDIO: 'TIMSoundElem',
  MSG_VIDEO: 'TIMVideoFileElem',
  MSG_FILE: 'TIMFileElem',
  MSG_FACE: 'TIMFaceElem',
  MSG_LOCATION: 'TIMLocationElem',
  MSG_MERGER: 'TIMRelayElem',
  MSG_GRP_TIP: 'TIMGroupTipElem',
  MSG_GRP_SYS_NOTICE: 'TIMGroupSystemNoticeElem',

  MSG_PRIORITY_HIGH: 'High',
  MSG_PRIORITY_NORMAL: 'Normal',
  MSG_PRIORITY_LOW: 'Low',
  MSG_PRIORITY_LOWEST: 'Lowest',

  CONV_C2C: 'C2C',
  CONV_GROUP: 'GROUP',
  CONV_SYSTEM: '@TIM#SYSTEM',

  GRP_WORK: 'Private',
  GRP_PUBLIC: 'Public',
  GRP_MEETING: 'ChatRoom',
  GRP_AVCHATROOM: 'AVChatRoom',
  GRP_COMMUNITY: 'Community',

  GRP_MBR_ROLE_OWNER: 'Owner',
  GRP_MBR_ROLE_ADMIN: 'Admin',
  GRP_MBR_ROLE_MEMBER: 'Member',
  GRP_MBR_ROLE_CUSTOM: 'Custom',

  JOIN_STATUS_SUCCESS: 'JoinedSuccess',
  JOIN_STATUS_ALREADY_IN_GROUP: 'AlreadyInGroup',
  JOIN_STATUS_WAIT_APPROVAL: 'WaitAdminApproval',

  GRP_TIP_MBR_JOIN: 1,
  GRP_TIP_MBR_QUIT: 2,
  GRP_TIP_MBR_KICKED_OUT: 3,
  GRP_TIP_MBR_SET_ADMIN: 4,
  GRP_TIP_MBR_CANCELED_ADMIN: 5,
  GRP_TIP_GRP_PROFILE_UPDATED: 6,
  GRP_TIP_MBR_PROFILE_UPDATED: 7,
  GRP_TIP_BAN_AVCHATROOM_MEMBER: 10,
  GRP_TIP_UNBAN_AVCHATROOM_MEMBER: 11,

  KICKED_OUT_MULT_ACCOUNT: 'multipleAccount',
  KICKED_OUT_MULT_DEVICE: 'multipleDevice',
  KICKED_OUT_USERSIG_EXPIRED: 'userSigExpired',
  KICKED_OUT_REST_API: 'REST_API_Kick',

  NET_STATE_CONNECTED: 'connected',
  NET_STATE_CONNECTING: 'connecting',
  NET_STATE_DISCONNECTED: 'disconnected',
} as const;

/** SDK-side error codes this client raises itself (tim-js-sdk error codes); server codes pass through. */
export const SDK_ERROR = {
  INVALID_PARAMETERS: 10004,
  NOT_IN_GROUP: 2101,
  GUEST_NON_AVCHATROOM: 2662,
  NETWORK_ERROR: 2800,
  NETWORK_TIMEOUT: 2801,
  SDK_NOT_READY: 2999,
  LOGGING_IN: 3000,
  REPEAT_LOGIN: 2025,
} as const;

/** What tim-js-sdk rejects with: an Error carrying `code` and `data`. */
export class TimError extends Error {
  readonly code: number;
  readonly data: unknown;
  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.name = 'TimError';
    this.code = code;
    this.data = data;
  }
}

export type MessagePriority = 'High' | 'Normal' | 'Low' | 'Lowest';
export type ConversationType = 'GROUP' | 'C2C' | '@TIM#SYSTEM';

export interface TextPayload {
  text: string;
}
export interface CustomPayload {
  data: string;
  description: string;
  extension: string;
}
export interface FacePayload {
  index: number;
  data: string;
}
export interface LocationPayload {
  description: string;
  latitude: number;
  longitude: number;
}
export interface GroupTipPayload {
  operationType: number;
  operatorID: string;
  userIDList: string[];
  groupProfile: { groupID: string };
  newGroupProfile?: {
    groupCustomField?: { key: string; value: string }[];
    notification?: string;
    introduction?: string;
    name?: string;
    avatar?: string;
    muteAllMembers?: boolean;
  };
}
export interface GroupSystemNoticePayload {
  operationType: number;
  userDefinedField: string;
  groupProfile: { groupID: string };
}
export type MessagePayload =
  | TextPayload
  | CustomPayload
  | FacePayload
  | LocationPayload
  | GroupTipPayload
  | GroupSystemNoticePayload;

/** tim-js-sdk's Message (the fields a live room uses). `time` is in seconds. */
export interface TimMessage {
  ID: string;
  type: string;
  payload: MessagePayload;
  conversationID: string;
  conversationType: ConversationType;
  to: string;
  from: string;
  flow: 'in' | 'out';
  time: number;
  status: 'unSend' | 'success' | 'fail';
  isRevoked: boolean;
  priority: MessagePriority;
  nick: string;
  avatar: string;
  nameCard: string;
  atUserList: string[];
  cloudCustomData: string;
  isDeleted: boolean;
  isModified: boolean;
  isPeerRead: boolean;
  needReadReceipt: boolean;
  isBroadcastMessage: boolean;
  sequence: number;
  random: number;
}

export type TimGroup = WireGroupProfile;
export type TimProfile = WireProfile;

/** What handlers receive: tim-js-sdk calls them with `{ name, data }`. */
export interface TimEvent<T = unknown> {
  name: string;
  data: T;
}
/** `never` data lets callers annotate what they expect, e.g. `(e: { data: TimMessage[] }) => …`. */
export type TimHandler = (event: TimEvent<never>) => void;

/** Every resolved promise of the SDK has this envelope. */
export interface TimResponse<T> {
  code: 0;
  data: T;
}
