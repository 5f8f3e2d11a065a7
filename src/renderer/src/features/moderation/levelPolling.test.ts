// The room session's level polling against a fake API and TIM client: recent senders are asked
// about every 5 s, not again within 30 s, badges land in the room state, and a missing callbacks
// service is skipped silently.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { levelOf } from '../../../../shared/domain/room';
import { GROUP, T0, textMsg } from '../../../../shared/domain/room/messages.testkit';
import { fail, ok } from '../../../../shared/errors';
import type { RoomSession } from '../../../../shared/roomContract';
import type { StagesideApi } from '../../../../shared/rpc';
import { startRoomSession } from '../room/roomSession';
import { createRoomStore } from '../room/roomStore';
import type { TimSdk } from '../room/timFactory';
import { LEVEL_FRESH_MS, LEVELS_EVERY_MS } from './levelLookup';

const session: RoomSession = {
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

function fakeTim() {
  let onMessage: ((e: { name: string; data: never }) => void) | undefined;
  const sdk = {
    EVENT: { MESSAGE_RECEIVED: 'msg', NET_STATE_CHANGE: 'net', KICKED_OUT: 'kicked', SDK_READY: 'ready', ERROR: 'error' },
    TYPES: { GRP_AVCHATROOM: 'AVChatRoom', CONV_GROUP: 'GROUP' },
    client: {
      on: (name: string, h: (e: { name: string; data: never }) => void) => {
        if (name === 'msg') onMessage = h;
      },
      login: async () => undefined,
      joinGroup: async () => undefined,
      getGroupProfile: async () => ({ data: { group: {} } }),
      createTextMessage: (o: unknown) => o,
      sendMessage: async () => undefined,
      destroy: async () => undefined,
    },
  } as unknown as TimSdk;
  return { sdk, say: (...msgs: unknown[]) => onMessage?.({ name: 'msg', data: msgs as never }) };
}

function start(levelsOf: (userIds: string[]) => unknown) {
  const asked: string[][] = [];
  const api = {
    transport: 'web',
    on: () => () => undefined,
    call: async (name: string, arg: { userIds: string[] }) => {
      if (name === 'room:getSession') return ok(session);
      if (name === 'room:loadState') return ok({ state: null });
      if (name === 'room:onlineCount') return ok({ count: 1 });
      if (name === 'levels:of') {
        asked.push(arg.userIds);
        return levelsOf(arg.userIds);
      }
      return ok({ saved: true });
    },
  } as unknown as StagesideApi;
  const tim = fakeTim();
  let now = T0 * 1000;
  const store = createRoomStore({ now: () => now, schedule: (f) => f() });
  const stop = startRoomSession({ api, role: 'host', store, factory: async () => tim.sdk, now: () => now });
  const advance = async (ms: number) => {
    now += ms;
    await vi.advanceTimersByTimeAsync(ms);
  };
  return { asked, store, tim, stop, advance };
}

describe('level polling in the room session', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks about recent senders every 5 s, not again within 30 s, and shows their levels', async () => {
    const s = start((ids) => ok(Object.fromEntries(ids.map((id) => [id, id === 'u1' ? 3 : 1]))));
    await s.advance(0);
    s.tim.say(textMsg('u1', 'hello'), textMsg('u2', 'hi'));
    await s.advance(LEVELS_EVERY_MS);
    expect(s.asked).toEqual([['u2', 'u1']]);
    expect(levelOf(s.store.getSnapshot().state, 'u1')).toBe(3);
    s.tim.say(textMsg('u3', 'new here'), textMsg('u1', 'again'));
    await s.advance(LEVELS_EVERY_MS);
    expect(s.asked[1]).toEqual(['u3']);
    await s.advance(LEVEL_FRESH_MS);
    expect(s.asked.flat().filter((id) => id === 'u1')).toHaveLength(2);
    s.stop();
  });

  it('skips silently while the callbacks service is unavailable', async () => {
    const s = start(() => fail('CALLBACKS_UNAVAILABLE', 'no callbacks service'));
    await s.advance(0);
    s.tim.say(textMsg('u1', 'hello'));
    const before = s.store.getSnapshot().state;
    await s.advance(LEVELS_EVERY_MS);
    expect(s.asked).toHaveLength(1);
    expect(s.store.getSnapshot().state).toBe(before);
    expect(s.store.getSnapshot().connection).toBe('connected');
    s.stop();
  });
});
