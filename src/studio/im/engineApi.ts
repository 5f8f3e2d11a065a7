// The seam between the studio's IM engine (groups, accounts, message pipeline — Tencent's
// server-side behaviour) and its realtime layer (WebSocket sessions speaking to the TIM-shaped
// client). The engine speaks Tencent REST shapes; the realtime layer turns its events into
// tim-js-sdk Message objects.

/** A REST message element (`MsgType` + `MsgContent`). */
export type MsgElem =
  | { MsgType: 'TIMTextElem'; MsgContent: { Text: string } }
  | { MsgType: 'TIMCustomElem'; MsgContent: { Data: string; Desc?: string; Ext?: string; Sound?: string } }
  | { MsgType: 'TIMFaceElem'; MsgContent: { Index: number; Data?: string } }
  | { MsgType: 'TIMLocationElem'; MsgContent: { Desc: string; Latitude: number; Longitude: number } };

export type MsgPriority = 'High' | 'Normal' | 'Low' | 'Lowest';

/** Where a send came from, for callbacks' OptPlatform and the REST/SDK differences. */
export type OptPlatform = 'RESTAPI' | 'Web' | 'Android' | 'iOS' | 'Windows' | 'Mac' | 'Unknown';

export interface GroupCustomField {
  key: string;
  value: string;
}

/** What the engine pushes to the sessions in a group (already filtered by rate limit etc.). */
export type GroupEvent =
  | {
      kind: 'message';
      groupId: string;
      from: string;
      nick: string;
      avatar: string;
      /** Unix seconds. */
      time: number;
      seq: number;
      random: number;
      priority: MsgPriority;
      body: MsgElem[];
      cloudCustomData: string;
      /** True when a before-send callback replaced the body. */
      modified: boolean;
    }
  | {
      kind: 'tip';
      groupId: string;
      /** 1 join, 2 quit, 6 group profile updated (tim-js-sdk GroupTipElem operationType). */
      operationType: 1 | 2 | 6;
      operatorID: string;
      userIDList: string[];
      nick: string;
      avatar: string;
      time: number;
      newGroupProfile?: {
        groupCustomField?: GroupCustomField[];
        notification?: string;
        introduction?: string;
        name?: string;
        avatar?: string;
        muteAllMembers?: boolean;
      };
    }
  | {
      kind: 'system';
      groupId: string;
      /** 255 = custom notice from REST send_group_system_notification; 5 = group dismissed. */
      operationType: 255 | 5;
      userDefinedField: string;
      time: number;
    };

export interface SessionSink {
  /** Events for one group, in delivery order. Called synchronously by the engine. */
  deliver(events: GroupEvent[]): void;
}

/**
 * Fan-out for many sessions at once: the engine hands each group event to the channel once, with
 * the sessions to leave out, instead of calling every member's sink — a message to 10,000 viewers
 * is then one call, not 10,000. The events array is never changed afterwards.
 */
export interface GroupChannel {
  publish(groupId: string, events: GroupEvent[], exceptSessionIds?: string | ReadonlySet<string>): void;
}

export type EngineResult<T> = { ok: true; value: T } | { ok: false; code: number; message: string };

export interface SessionRef {
  sessionId: string;
  /** undefined for a guest (not logged in; receive-only, AVChatRoom only). */
  userId?: string;
  platform: OptPlatform;
  sink: SessionSink;
  /** When set, group events reach this session through the channel (once per group), not `sink`. */
  channel?: GroupChannel;
  /** The client's address, for callbacks' ClientIP query parameter; defaults to 127.0.0.1. */
  clientIp?: string;
}

export interface TimGroupProfile {
  groupID: string;
  name: string;
  type: 'AVChatRoom';
  avatar: string;
  introduction: string;
  notification: string;
  ownerID: string;
  createTime: number;
  lastInfoTime: number;
  memberCount: number;
  muteAllMembers: boolean;
  joinOption: 'FreeAccess';
  groupCustomField: GroupCustomField[];
}

export interface TimProfile {
  userID: string;
  nick: string;
  avatar: string;
  profileCustomField: GroupCustomField[];
}

/** What the realtime layer needs from the engine. */

/** A message a client (SDK) sends to a group. */
export interface ClientSend {
  groupId: string;
  from: string;
  sessionId: string;
  random: number;
  priority: MsgPriority;
  body: MsgElem[];
  cloudCustomData: string;
}

/** What the group made of a client's message: its sequence, time and (filtered) body. */
export interface ClientSent {
  seq: number;
  time: number;
  body: MsgElem[];
  modified: boolean;
}

export interface ImEngineApi {
  readonly sdkAppId: number;
  /** UserSig check for a client login (same codes as REST: 70001/70003/70009/70013/70014). */
  verifyLogin(userId: string, userSig: string): EngineResult<{ expiresAt: number }>;
  join(groupId: string, session: SessionRef): EngineResult<{ status: 'JoinedSuccess' | 'AlreadyInGroup' }>;
  quit(groupId: string, sessionId: string): void;
  /** A client (SDK) send; resolves after before-send callbacks. Success even when rate-dropped. */
  sendFromClient(input: ClientSend): Promise<EngineResult<ClientSent>>;
  getGroupProfile(groupId: string, customFieldFilter?: string[]): EngineResult<TimGroupProfile>;
  getProfiles(userIds: string[]): TimProfile[];
  updateProfile(userId: string, patch: { nick?: string; avatar?: string; customFields?: GroupCustomField[] }): EngineResult<TimProfile>;
  onlineCount(groupId: string): EngineResult<number>;
}
