// Fakes for room session tests: a TIM client that logs every call and lets a test emit SDK events,
// and an API that answers the room commands (each answer can be overridden per command).
import { GROUP } from '../../../../shared/domain/room/messages.testkit';
import { ok } from '../../../../shared/errors';
import type { RoomSession } from '../../../../shared/roomContract';
import type { StagesideApi } from '../../../../shared/rpc';
import type { TimSdk } from './timFactory';

export const session: RoomSession = {
  mode: 'studio',
  sdkAppId: 1400000001,
  realtimeUrl: 'ws://127.0.0.1:1/realtime',
  groupId: GROUP,
  userId: 'host',
  userSig: 'sig',
  userSigExpiresAt: 0,
  adminIdentifier: 'administrator',
  viewerUrl: null,
};

export function fakeTim() {
  const log: string[] = [];
  const handlers = new Map<string, (e: { name: string; data: never }) => void>();
  const sdk: TimSdk = {
    EVENT: { MESSAGE_RECEIVED: 'msg', NET_STATE_CHANGE: 'net', KICKED_OUT: 'kicked', SDK_READY: 'ready', SDK_NOT_READY: 'notReady', ERROR: 'error' },
    TYPES: { GRP_AVCHATROOM: 'AVChatRoom', CONV_GROUP: 'GROUP' },
    client: {
      on: (name, h) => {
        log.push(`on:${name}`);
        handlers.set(name, h);
      },
      login: async () => void log.push('login'),
      joinGroup: async () => void log.push('join'),
      getGroupProfile: async () => {
        log.push('profile');
        return { data: { group: { groupCustomField: [{ key: 'room_status', value: 'live' }], notification: 'Welcome' } } };
      },
      createTextMessage: (o) => o,
      sendMessage: async () => void log.push('send'),
      destroy: async () => void log.push('destroy'),
    },
  };
  const emit = (name: string, data: unknown) => handlers.get(name)?.({ name, data: data as never });
  return { sdk, log, emit };
}

export function fakeApi(overrides: Partial<Record<string, () => unknown>> = {}) {
  const calls: { name: string; arg: unknown }[] = [];
  const api = {
    transport: 'web',
    on: () => () => undefined,
    call: async (name: string, arg: unknown) => {
      calls.push({ name, arg });
      const o = overrides[name];
      if (o) return o();
      if (name === 'room:getSession') return ok(session);
      if (name === 'room:loadState') return ok({ state: null });
      if (name === 'room:onlineCount') return ok({ count: 7 });
      return ok({ saved: true });
    },
  } as unknown as StagesideApi;
  return { api, calls };
}
