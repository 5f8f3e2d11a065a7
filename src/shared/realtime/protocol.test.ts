import { describe, expect, it } from 'vitest';
import {
  GUEST_OPS,
  MAX_FRAME_BYTES,
  parseClientFrame,
  parseResult,
  parseServerFrame,
  requestSchemas,
  utf8Length,
  WIRE_ERROR,
} from './protocol';

const text = { MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } };
const send = { t: 'send', seq: 3, groupID: 'room1', priority: 'High', random: 42, body: [text], cloudCustomData: '' };

describe('parseClientFrame', () => {
  it.each([
    [{ t: 'login', seq: 1, userID: 'alice', userSig: 'sig' }],
    [{ t: 'logout', seq: 1 }],
    [{ t: 'join', seq: 1, groupID: '@TGS#2ABCDEF' }],
    [{ t: 'quit', seq: 1, groupID: 'room1' }],
    [send],
    [{ ...send, body: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'LIKE', Desc: '', Ext: '{"n":1}' } }] }],
    [{ ...send, body: [{ MsgType: 'TIMFaceElem', MsgContent: { Index: 1 } }] }],
    [{ ...send, body: [{ MsgType: 'TIMLocationElem', MsgContent: { Desc: 'x', Latitude: 1, Longitude: 2 } }] }],
    [{ t: 'getGroupProfile', seq: 1, groupID: 'room1' }],
    [{ t: 'getGroupProfile', seq: 1, groupID: 'room1', groupCustomFieldFilter: ['room_status'] }],
    [{ t: 'getUserProfile', seq: 1, userIDList: ['a', 'b'] }],
    [{ t: 'getMyProfile', seq: 1 }],
    [{ t: 'updateMyProfile', seq: 1, nick: 'N', profileCustomField: [{ key: 'Tag_Profile_Custom_Level', value: '3' }] }],
    [{ t: 'getOnlineCount', seq: 1, groupID: 'room1' }],
    [{ t: 'ping', seq: 0 }],
  ])('accepts %j', (frame) => {
    const r = parseClientFrame(JSON.stringify(frame));
    expect(r.ok).toBe(true);
  });

  it.each([
    ['not json', -1, WIRE_ERROR.BAD_JSON],
    ['[1]', -1, WIRE_ERROR.BAD_FRAME],
    ['null', -1, WIRE_ERROR.BAD_FRAME],
    ['{"seq":4}', 4, WIRE_ERROR.UNKNOWN_OP],
    ['{"t":"toString","seq":4}', 4, WIRE_ERROR.UNKNOWN_OP],
    ['{"t":"__proto__","seq":4}', 4, WIRE_ERROR.UNKNOWN_OP],
    ['{"t":"ping"}', -1, WIRE_ERROR.BAD_FRAME],
    ['{"t":"ping","seq":-2}', -1, WIRE_ERROR.BAD_FRAME],
    ['{"t":"ping","seq":1.5}', -1, WIRE_ERROR.BAD_FRAME],
    ['{"t":"ping","seq":5,"x":1}', 5, WIRE_ERROR.BAD_FRAME],
    ['{"t":"join","seq":5,"groupID":""}', 5, WIRE_ERROR.BAD_FRAME],
    [`{"t":"join","seq":5,"groupID":"${'g'.repeat(49)}"}`, 5, WIRE_ERROR.BAD_FRAME],
    ['{"t":"join","seq":5,"groupID":"tab\\there"}', 5, WIRE_ERROR.BAD_FRAME],
    [`{"t":"login","seq":5,"userID":"${'u'.repeat(33)}","userSig":"s"}`, 5, WIRE_ERROR.BAD_FRAME],
    [JSON.stringify({ ...send, priority: 'Urgent' }), 3, WIRE_ERROR.BAD_FRAME],
    [JSON.stringify({ ...send, random: -1 }), 3, WIRE_ERROR.BAD_FRAME],
    [JSON.stringify({ ...send, random: 2 ** 32 }), 3, WIRE_ERROR.BAD_FRAME],
    [JSON.stringify({ ...send, body: [] }), 3, WIRE_ERROR.BAD_FRAME],
    [JSON.stringify({ ...send, body: Array(9).fill(text) }), 3, WIRE_ERROR.BAD_FRAME],
    [JSON.stringify({ ...send, body: [{ MsgType: 'TIMImageElem', MsgContent: {} }] }), 3, WIRE_ERROR.BAD_FRAME],
    [JSON.stringify({ ...send, body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x', Extra: 1 } }] }), 3, WIRE_ERROR.BAD_FRAME],
    [JSON.stringify({ t: 'getUserProfile', seq: 3, userIDList: [] }), 3, WIRE_ERROR.BAD_FRAME],
  ])('refuses %s with seq %i and code %i', (raw, seq, code) => {
    const r = parseClientFrame(raw);
    expect(r).toMatchObject({ ok: false, seq, code });
    if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
  });

  it('names the offending field', () => {
    const r = parseClientFrame(JSON.stringify({ t: 'join', seq: 1, groupID: 5 }));
    expect(!r.ok && r.message).toMatch(/^groupID:/);
  });

  it('guests may use only login, join, quit, getOnlineCount and ping (tim-js-sdk guest mode)', () => {
    expect([...GUEST_OPS].sort()).toEqual(['getOnlineCount', 'join', 'login', 'ping', 'quit']);
    expect(Object.keys(requestSchemas)).toHaveLength(11);
  });
});

describe('parseServerFrame / parseResult', () => {
  it('reads acks, events and kicks; ignores anything else', () => {
    expect(parseServerFrame('{"t":"ack","seq":1,"ok":true,"data":{"time":1}}')).toMatchObject({ ok: true });
    expect(parseServerFrame('{"t":"ack","seq":-1,"ok":false,"code":60003,"message":"x"}')).toMatchObject({ code: 60003 });
    expect(parseServerFrame('{"t":"kicked","type":"multipleAccount"}')).toEqual({ t: 'kicked', type: 'multipleAccount' });
    const ev = { kind: 'system', groupId: 'g', operationType: 255, userDefinedField: 'u', time: 1 };
    expect(parseServerFrame(JSON.stringify({ t: 'events', groupID: 'g', events: [ev] }))).toMatchObject({ events: [ev] });
    for (const bad of ['x', '{}', '{"t":"ack","seq":1,"ok":false}', '{"t":"kicked","type":"bored"}', '{"t":"events","groupID":"g","events":[{"kind":"nope"}]}']) {
      expect(parseServerFrame(bad)).toBeUndefined();
    }
  });

  it('checks an ok-ack against what the operation promises', () => {
    expect(parseResult('getOnlineCount', { memberCount: 3 })).toEqual({ memberCount: 3 });
    expect(parseResult('getOnlineCount', { memberCount: '3' })).toBeUndefined();
    expect(parseResult('join', { status: 'JoinedSuccess' })).toEqual({ status: 'JoinedSuccess' });
    expect(parseResult('join', { status: 'WaitAdminApproval' })).toBeUndefined();
  });
});

describe('utf8Length', () => {
  it.each(['', 'abc', 'é', '直播间', '😀', 'a\ud800b', '\udc00', 'mixed 直播 😀 text'])('matches TextEncoder for %j', (s) => {
    expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
  });

  it('the frame limit is 64 KB', () => {
    expect(MAX_FRAME_BYTES).toBe(65_536);
  });
});
