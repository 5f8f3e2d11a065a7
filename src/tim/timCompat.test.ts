import { describe, expect, it } from 'vitest';
import type { WebSocketLike } from './connection';
import { createTimCompat, EVENT, TYPES, TimError } from './timCompat';

/** A socket that never opens: enough for everything that does not reach the server. */
class InertSocket implements WebSocketLike {
  readyState = 0;
  onopen = null;
  onclose = null;
  onmessage = null;
  onerror = null;
  send(): void {}
  close(): void {}
}

const ns = () => createTimCompat({ endpoint: 'ws://127.0.0.1:1/realtime', WebSocket: InertSocket });

describe('TIM constants match tim-js-sdk (TIM.EVENT, TIM.TYPES)', () => {
  it.each([
    ['SDK_READY', 'sdkStateReady'],
    ['SDK_NOT_READY', 'sdkStateNotReady'],
    ['MESSAGE_RECEIVED', 'onMessageReceived'],
    ['MESSAGE_MODIFIED', 'onMessageModified'],
    ['MESSAGE_REVOKED', 'onMessageRevoked'],
    ['GROUP_LIST_UPDATED', 'onGroupListUpdated'],
    ['GROUP_ATTRIBUTES_UPDATED', 'groupAttributesUpdated'],
    ['PROFILE_UPDATED', 'onProfileUpdated'],
    ['KICKED_OUT', 'kickedOut'],
    ['NET_STATE_CHANGE', 'netStateChange'],
    ['ERROR', 'error'],
    ['GROUP_SYSTEM_NOTICE_RECEIVED', 'receiveGroupSystemNotice'],
  ])('EVENT.%s = %s', (k, v) => {
    expect(EVENT[k as keyof typeof EVENT]).toBe(v);
  });

  it.each([
    ['MSG_TEXT', 'TIMTextElem'],
    ['MSG_CUSTOM', 'TIMCustomElem'],
    ['MSG_GRP_TIP', 'TIMGroupTipElem'],
    ['MSG_GRP_SYS_NOTICE', 'TIMGroupSystemNoticeElem'],
    ['MSG_AUDIO', 'TIMSoundElem'],
    ['MSG_VIDEO', 'TIMVideoFileElem'],
    ['MSG_MERGER', 'TIMRelayElem'],
    ['MSG_PRIORITY_HIGH', 'High'],
    ['MSG_PRIORITY_NORMAL', 'Normal'],
    ['MSG_PRIORITY_LOW', 'Low'],
    ['MSG_PRIORITY_LOWEST', 'Lowest'],
    ['CONV_C2C', 'C2C'],
    ['CONV_GROUP', 'GROUP'],
    ['CONV_SYSTEM', '@TIM#SYSTEM'],
    ['GRP_WORK', 'Private'],
    ['GRP_PUBLIC', 'Public'],
    ['GRP_MEETING', 'ChatRoom'],
    ['GRP_AVCHATROOM', 'AVChatRoom'],
    ['GRP_COMMUNITY', 'Community'],
    ['JOIN_STATUS_SUCCESS', 'JoinedSuccess'],
    ['JOIN_STATUS_ALREADY_IN_GROUP', 'AlreadyInGroup'],
    ['JOIN_STATUS_WAIT_APPROVAL', 'WaitAdminApproval'],
    ['GRP_TIP_MBR_JOIN', 1],
    ['GRP_TIP_MBR_QUIT', 2],
    ['GRP_TIP_MBR_KICKED_OUT', 3],
    ['GRP_TIP_GRP_PROFILE_UPDATED', 6],
    ['GRP_TIP_BAN_AVCHATROOM_MEMBER', 10],
    ['KICKED_OUT_MULT_ACCOUNT', 'multipleAccount'],
    ['KICKED_OUT_MULT_DEVICE', 'multipleDevice'],
    ['KICKED_OUT_USERSIG_EXPIRED', 'userSigExpired'],
    ['KICKED_OUT_REST_API', 'REST_API_Kick'],
    ['NET_STATE_CONNECTED', 'connected'],
    ['NET_STATE_CONNECTING', 'connecting'],
    ['NET_STATE_DISCONNECTED', 'disconnected'],
  ])('TYPES.%s = %s', (k, v) => {
    expect(TYPES[k as keyof typeof TYPES]).toBe(v);
  });
});

describe('namespace and instance', () => {
  it('create returns one instance per SDKAppID until destroyed, and needs an SDKAppID', async () => {
    const TIM = ns();
    const a = TIM.create({ SDKAppID: 1400000001 });
    expect(TIM.create({ SDKAppID: 1400000001 })).toBe(a);
    expect(TIM.create({ SDKAppID: 1400000002 })).not.toBe(a);
    expect(ns().create({ SDKAppID: 1400000001 })).not.toBe(a);
    await a.destroy();
    expect(TIM.create({ SDKAppID: 1400000001 })).not.toBe(a);
    expect(() => TIM.create({} as { SDKAppID: number })).toThrow(TimError);
    expect(TIM.EVENT).toBe(EVENT);
    expect(TIM.TYPES).toBe(TYPES);
  });

  it('handlers get { name, data }; off removes them; a throwing handler does not stop the others', async () => {
    const tim = ns().create({ SDKAppID: 1 });
    const seen: unknown[] = [];
    const h = (e: { name: string; data: unknown }): void => void seen.push(e);
    tim.on(EVENT.PROFILE_UPDATED, () => {
      throw new Error('boom');
    });
    tim.on(EVENT.NET_STATE_CHANGE, h);
    // The first request opens a socket: NET_STATE_CHANGE connecting.
    void tim.getGroupOnlineMemberCount('g').catch(() => undefined);
    expect(seen).toEqual([{ name: 'netStateChange', data: { state: 'connecting' } }]);
    tim.off(EVENT.NET_STATE_CHANGE, h);
    await tim.destroy();
    expect(seen).toHaveLength(1);
  });

  it('createTextMessage / createCustomMessage build unsent SDK messages', () => {
    const tim = ns().create({ SDKAppID: 1 });
    const t = tim.createTextMessage({ to: 'g', conversationType: TYPES.CONV_GROUP, payload: { text: 'x' }, priority: TYPES.MSG_PRIORITY_LOW });
    expect(t).toMatchObject({ type: 'TIMTextElem', to: 'g', conversationID: 'GROUPg', status: 'unSend', priority: 'Low', payload: { text: 'x' } });
    expect(t.random).toBeGreaterThanOrEqual(0);
    expect(t.random).toBeLessThan(2 ** 32);
    expect(Math.abs(t.time - Date.now() / 1000)).toBeLessThan(5);
    const c = tim.createCustomMessage({ to: 'g', conversationType: TYPES.CONV_GROUP, payload: { data: 'LIKE' } });
    expect(c.payload).toEqual({ data: 'LIKE', description: '', extension: '' });
    expect(() => tim.createTextMessage({ to: 'g', conversationType: TYPES.CONV_C2C, payload: { text: 'x' } })).toThrow(TimError);
  });

  it('rejections are Error objects with code, message and data', async () => {
    const tim = ns().create({ SDKAppID: 1 });
    const m = tim.createTextMessage({ to: 'g', conversationType: TYPES.CONV_GROUP, payload: { text: 'x' } });
    const err = await tim.sendMessage(m).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: 2999, message: expect.stringMatching(/not ready/) });
    await expect(tim.login({ userID: 1 as unknown as string, userSig: 'x' })).rejects.toMatchObject({ code: 10004 });
    await tim.destroy();
    await expect(tim.joinGroup({ groupID: 'g' })).rejects.toMatchObject({ code: 2999 });
  });

  it('without a WebSocket implementation, create says what to pass', () => {
    const g = globalThis as { WebSocket?: unknown };
    const saved = g.WebSocket;
    try {
      delete g.WebSocket;
      expect(() => createTimCompat({ endpoint: 'ws://x/realtime' }).create({ SDKAppID: 1 })).toThrow(/WebSocket/);
    } finally {
      if (saved !== undefined) g.WebSocket = saved;
    }
  });
});
