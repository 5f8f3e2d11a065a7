import { describe, expect, it } from 'vitest';
import type { WireGroupEvent } from '../shared/realtime/protocol';
import { customPayload, elemToPayload, eventToMessage, messageToBody, newOutgoing, textPayload } from './timMessages';
import { TimError } from './timTypes';

const msg = (over: Partial<Extract<WireGroupEvent, { kind: 'message' }>> = {}): WireGroupEvent => ({
  kind: 'message',
  groupId: 'room1',
  from: 'alice',
  nick: 'Alice',
  avatar: 'a.png',
  time: 1_714_000_000,
  seq: 7,
  random: 99,
  priority: 'Low',
  body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
  cloudCustomData: '{"l":1}',
  modified: false,
  ...over,
});

describe('elemToPayload (REST → SDK mapping, tim-js-sdk)', () => {
  it.each([
    [{ MsgType: 'TIMTextElem', MsgContent: { Text: 't' } }, 'TIMTextElem', { text: 't' }],
    [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'LIKE', Desc: 'd', Ext: '{}' } }, 'TIMCustomElem', { data: 'LIKE', description: 'd', extension: '{}' }],
    [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'LIKE', Sound: 's' } }, 'TIMCustomElem', { data: 'LIKE', description: '', extension: '' }],
    [{ MsgType: 'TIMFaceElem', MsgContent: { Index: 3 } }, 'TIMFaceElem', { index: 3, data: '' }],
    [{ MsgType: 'TIMLocationElem', MsgContent: { Desc: 'here', Latitude: 1, Longitude: 2 } }, 'TIMLocationElem', { description: 'here', latitude: 1, longitude: 2 }],
  ] as const)('%j → %s', (elem, type, payload) => {
    expect(elemToPayload(elem)).toEqual({ type, payload });
  });
});

describe('eventToMessage', () => {
  it('a group message has the SDK Message fields', () => {
    expect(eventToMessage(msg(), 'bob', 1)).toEqual({
      ID: 'alice-1714000000-99',
      type: 'TIMTextElem',
      payload: { text: 'hi' },
      conversationID: 'GROUProom1',
      conversationType: 'GROUP',
      to: 'room1',
      from: 'alice',
      flow: 'in',
      time: 1_714_000_000,
      status: 'success',
      isRevoked: false,
      priority: 'Low',
      nick: 'Alice',
      avatar: 'a.png',
      nameCard: '',
      atUserList: [],
      cloudCustomData: '{"l":1}',
      isDeleted: false,
      isModified: false,
      isPeerRead: false,
      needReadReceipt: false,
      isBroadcastMessage: false,
      sequence: 7,
      random: 99,
    });
  });

  it('my own messages (from another device or REST) flow out', () => {
    expect(eventToMessage(msg(), 'alice', 1)?.flow).toBe('out');
    expect(eventToMessage(msg(), undefined, 1)?.flow).toBe('in');
  });

  it('an empty body yields no message', () => {
    expect(eventToMessage(msg({ body: [] }), 'bob', 1)).toBeUndefined();
  });

  it('tips: userIDList defaults to the operator; newGroupProfile only when present', () => {
    const tip: WireGroupEvent = { kind: 'tip', groupId: 'g', operationType: 1, operatorID: 'bob', userIDList: [], nick: 'Bob', avatar: 'b', time: 5 };
    const m = eventToMessage(tip, 'x', 3);
    expect(m).toMatchObject({ type: 'TIMGroupTipElem', from: 'bob', nick: 'Bob', conversationID: 'GROUPg', time: 5 });
    expect(m?.payload).toEqual({ operationType: 1, operatorID: 'bob', userIDList: ['bob'], groupProfile: { groupID: 'g' } });
    const six = eventToMessage({ ...tip, operationType: 6, newGroupProfile: { notification: 'n' } }, 'x', 4);
    expect(six?.payload).toMatchObject({ operationType: 6, newGroupProfile: { notification: 'n' } });
    expect(six?.ID).not.toBe(m?.ID);
  });

  it('system notices: operationType and userDefinedField, in the system conversation', () => {
    const m = eventToMessage({ kind: 'system', groupId: 'g', operationType: 255, userDefinedField: '{"type":"BIT_END"}', time: 9 }, 'x', 1);
    expect(m).toMatchObject({ type: 'TIMGroupSystemNoticeElem', conversationType: '@TIM#SYSTEM', to: 'g', time: 9 });
    expect(m?.payload).toEqual({ operationType: 255, userDefinedField: '{"type":"BIT_END"}', groupProfile: { groupID: 'g' } });
  });
});

describe('outgoing messages', () => {
  const me = { userID: 'alice', nick: 'Alice', avatar: 'a.png' };

  it('newOutgoing fills the SDK fields and validates input', () => {
    const m = newOutgoing({ to: 'g', conversationType: 'GROUP' }, 'TIMTextElem', { text: 'x' }, me, 100, 5);
    expect(m).toMatchObject({ ID: 'alice-100-5', status: 'unSend', flow: 'out', priority: 'Normal', from: 'alice', nick: 'Alice', time: 100 });
    expect(() => newOutgoing({ to: 'g', conversationType: 'C2C' }, 'TIMTextElem', { text: 'x' }, me, 1, 1)).toThrow(TimError);
    expect(() => newOutgoing({ to: '', conversationType: 'GROUP' }, 'TIMTextElem', { text: 'x' }, me, 1, 1)).toThrow(/to/);
    expect(() => newOutgoing({ to: 'g', conversationType: 'GROUP', priority: 'Urgent' as never }, 'TIMTextElem', { text: 'x' }, me, 1, 1)).toThrow(/priority/);
  });

  it('payload helpers default custom fields to empty strings and refuse non-strings', () => {
    expect(customPayload({ data: 'LIKE' })).toEqual({ data: 'LIKE', description: '', extension: '' });
    expect(() => customPayload({ data: 1 })).toThrow(TimError);
    expect(textPayload({ text: 'a' })).toEqual({ text: 'a' });
    expect(() => textPayload({})).toThrow(TimError);
  });

  it('messageToBody maps back to REST elements (description→Desc, extension→Ext)', () => {
    const c = newOutgoing({ to: 'g', conversationType: 'GROUP' }, 'TIMCustomElem', { data: 'D', description: 'S', extension: 'E' }, me, 1, 1);
    expect(messageToBody(c)).toEqual([{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'D', Desc: 'S', Ext: 'E' } }]);
    const t = newOutgoing({ to: 'g', conversationType: 'GROUP' }, 'TIMTextElem', { text: 'T' }, me, 1, 1);
    expect(messageToBody(t)).toEqual([{ MsgType: 'TIMTextElem', MsgContent: { Text: 'T' } }]);
    expect(messageToBody({ ...t, type: 'TIMImageElem' })).toBeUndefined();
  });
});
