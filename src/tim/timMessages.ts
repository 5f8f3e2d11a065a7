// Turns wire events into tim-js-sdk Message objects and SDK-created messages back into REST
// elements, using the SDK's field mapping (Data↔data, Desc↔description, Ext↔extension).
import type { WireGroupEvent, WireMsgElem } from '../shared/realtime/protocol';
import {
  TYPES,
  TimError,
  SDK_ERROR,
  type CustomPayload,
  type MessagePayload,
  type MessagePriority,
  type TextPayload,
  type TimMessage,
} from './timTypes';

const base = (): Pick<
  TimMessage,
  | 'isRevoked'
  | 'nameCard'
  | 'atUserList'
  | 'isDeleted'
  | 'isPeerRead'
  | 'needReadReceipt'
  | 'isBroadcastMessage'
  | 'status'
> => ({
  status: 'success',
  isRevoked: false,
  nameCard: '',
  atUserList: [],
  isDeleted: false,
  isPeerRead: false,
  needReadReceipt: false,
  isBroadcastMessage: false,
});

/** One REST element → the SDK's message type and payload. */
export function elemToPayload(elem: WireMsgElem): { type: string; payload: MessagePayload } {
  switch (elem.MsgType) {
    case 'TIMTextElem':
      return { type: TYPES.MSG_TEXT, payload: { text: elem.MsgContent.Text } };
    case 'TIMCustomElem':
      // REST `Sound` has no Web payload field; the SDK drops it (undocumented; assumed).
      return {
        type: TYPES.MSG_CUSTOM,
        payload: {
          data: elem.MsgContent.Data,
          description: elem.MsgContent.Desc ?? '',
          extension: elem.MsgContent.Ext ?? '',
        },
      };
    case 'TIMFaceElem':
      return { type: TYPES.MSG_FACE, payload: { index: elem.MsgContent.Index, data: elem.MsgContent.Data ?? '' } };
    case 'TIMLocationElem':
      return {
        type: TYPES.MSG_LOCATION,
        payload: {
          description: elem.MsgContent.Desc,
          latitude: elem.MsgContent.Latitude,
          longitude: elem.MsgContent.Longitude,
        },
      };
  }
}

/**
 * A group event as the SDK delivers it. Multi-element bodies keep the first element as the
 * payload, as tim-js-sdk's `message.payload` does.
 */
export function eventToMessage(ev: WireGroupEvent, myUserID: string | undefined, localId: number): TimMessage | undefined {
  switch (ev.kind) {
    case 'message': {
      const first = ev.body[0];
      if (!first) return undefined;
      const { type, payload } = elemToPayload(first);
      return {
        ...base(),
        ID: `${ev.from}-${ev.time}-${ev.random}`,
        type,
        payload,
        conversationID: `GROUP${ev.groupId}`,
        conversationType: 'GROUP',
        to: ev.groupId,
        from: ev.from,
        flow: myUserID !== undefined && ev.from === myUserID ? 'out' : 'in',
        time: ev.time,
        priority: ev.priority,
        nick: ev.nick,
        avatar: ev.avatar,
        cloudCustomData: ev.cloudCustomData,
        isModified: ev.modified,
        sequence: ev.seq,
        random: ev.random,
      };
    }
    case 'tip': {
      const payload = {
        operationType: ev.operationType,
        operatorID: ev.operatorID,
        userIDList: ev.userIDList.length ? [...ev.userIDList] : [ev.operatorID],
        groupProfile: { groupID: ev.groupId },
        ...(ev.newGroupProfile ? { newGroupProfile: { ...ev.newGroupProfile } } : {}),
      };
      return {
        ...base(),
        ID: `tip-${ev.groupId}-${ev.time}-${localId}`,
        type: TYPES.MSG_GRP_TIP,
        payload,
        conversationID: `GROUP${ev.groupId}`,
        conversationType: 'GROUP',
        to: ev.groupId,
        from: ev.operatorID,
        flow: 'in',
        time: ev.time,
        priority: 'Normal',
        nick: ev.nick,
        avatar: ev.avatar,
        cloudCustomData: '',
        isModified: false,
        sequence: 0,
        random: 0,
      };
    }
    case 'system':
      // tim-js-sdk files group system notices under the system conversation (`@TIM#SYSTEM`).
      return {
        ...base(),
        ID: `notice-${ev.groupId}-${ev.time}-${localId}`,
        type: TYPES.MSG_GRP_SYS_NOTICE,
        payload: {
          operationType: ev.operationType,
          userDefinedField: ev.userDefinedField,
          groupProfile: { groupID: ev.groupId },
        },
        conversationID: TYPES.CONV_SYSTEM,
        conversationType: TYPES.CONV_SYSTEM,
        to: ev.groupId,
        from: '@TIM#SYSTEM',
        flow: 'in',
        time: ev.time,
        priority: 'High',
        nick: '',
        avatar: '',
        cloudCustomData: '',
        isModified: false,
        sequence: 0,
        random: 0,
      };
  }
}

export interface OutgoingInput {
  to: string;
  conversationType: string;
  priority?: MessagePriority;
  cloudCustomData?: string;
}

const priorities: readonly string[] = ['High', 'Normal', 'Low', 'Lowest'];

/** A message made by createTextMessage/createCustomMessage, not yet sent. */
export function newOutgoing(
  input: OutgoingInput,
  type: string,
  payload: MessagePayload,
  me: { userID: string; nick: string; avatar: string },
  nowSeconds: number,
  random: number,
): TimMessage {
  if (!input || typeof input.to !== 'string' || input.to === '') {
    throw new TimError(SDK_ERROR.INVALID_PARAMETERS, 'createMessage: `to` must be a group ID');
  }
  if (input.conversationType !== TYPES.CONV_GROUP) {
    throw new TimError(SDK_ERROR.INVALID_PARAMETERS, 'createMessage: the studio supports GROUP conversations only');
  }
  const priority = input.priority ?? 'Normal';
  if (!priorities.includes(priority)) throw new TimError(SDK_ERROR.INVALID_PARAMETERS, `createMessage: bad priority ${String(priority)}`);
  if (input.cloudCustomData !== undefined && typeof input.cloudCustomData !== 'string') {
    throw new TimError(SDK_ERROR.INVALID_PARAMETERS, 'createMessage: cloudCustomData must be a string');
  }
  return {
    ...base(),
    status: 'unSend',
    ID: `${me.userID}-${nowSeconds}-${random}`,
    type,
    payload,
    conversationID: `GROUP${input.to}`,
    conversationType: 'GROUP',
    to: input.to,
    from: me.userID,
    flow: 'out',
    time: nowSeconds,
    priority,
    nick: me.nick,
    avatar: me.avatar,
    cloudCustomData: input.cloudCustomData ?? '',
    isModified: false,
    sequence: 0,
    random,
  };
}

export function textPayload(payload: unknown): TextPayload {
  const text = (payload as { text?: unknown } | null)?.text;
  if (typeof text !== 'string') throw new TimError(SDK_ERROR.INVALID_PARAMETERS, 'createTextMessage: payload.text must be a string');
  return { text };
}

export function customPayload(payload: unknown): CustomPayload {
  const p = (payload ?? {}) as { data?: unknown; description?: unknown; extension?: unknown };
  const str = (v: unknown, name: string): string => {
    if (v === undefined) return '';
    if (typeof v !== 'string') throw new TimError(SDK_ERROR.INVALID_PARAMETERS, `createCustomMessage: payload.${name} must be a string`);
    return v;
  };
  return { data: str(p.data, 'data'), description: str(p.description, 'description'), extension: str(p.extension, 'extension') };
}

/** The REST body a created message is sent as; undefined for types the studio cannot send. */
export function messageToBody(message: TimMessage): WireMsgElem[] | undefined {
  if (message.type === TYPES.MSG_TEXT) {
    return [{ MsgType: 'TIMTextElem', MsgContent: { Text: (message.payload as TextPayload).text } }];
  }
  if (message.type === TYPES.MSG_CUSTOM) {
    const p = message.payload as CustomPayload;
    return [{ MsgType: 'TIMCustomElem', MsgContent: { Data: p.data, Desc: p.description, Ext: p.extension } }];
  }
  return undefined;
}
