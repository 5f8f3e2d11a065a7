// The room session against a fake API and a fake TIM client: order of operations (listeners before
// login), the first room snapshot, per-frame folding of messages, kicks, saves and teardown.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { textMsg, GROUP, T0 } from '../../../../shared/domain/room/testMessages';
import { fail, ok } from '../../../../shared/errors';
import type { RoomSession } from '../../../../shared/roomContract';
import type { StagesideApi } from '../../../../shared/rpc';
import { ONLINE_EVERY_MS, SAVE_EVERY_MS, startRoomSession } from './roomSession';
import { createRoomStore } from './roomStore';
import type { TimSdk } from './timFactory';

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
  const log: string[] = [];
  const handlers = new Map<string, (e: { name: string; data: never }) => void>();
  const sdk: TimSdk = {
    EVENT: { MESSAGE_RECEIVED: 'msg', NET_STATE_CHANGE: 'net', KICKED_OUT: 'kicked', SDK_READY: 'ready', ERROR: 'error' },
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

function fakeApi(overrides: Partial<Record<string, () => unknown>> = {}) {
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

describe('startRoomSession', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('registers listeners before login, joins, reads the room fields and follows messages', async () => {
    const tim = fakeTim();
    const { api, calls } = fakeApi();
    const store = createRoomStore({ now: () => T0 * 1000, schedule: (f) => f() });
    const stop = startRoomSession({ api, role: 'assistant', store, factory: async () => tim.sdk, now: () => T0 * 1000 });
    await vi.advanceTimersByTimeAsync(0);

    expect(tim.log.slice(0, 3).every((l) => l.startsWith('on:'))).toBe(true);
    expect(tim.log.slice(3)).toEqual(['login', 'join', 'profile']);
    expect(calls.find((c) => c.name === 'room:getSession')?.arg).toEqual({ role: 'assistant' });
    const view = store.getSnapshot();
    expect(view.connection).toBe('connected');
    expect(view.state.room.status).toBe('live');
    expect(view.state.room.announcement).toBe('Welcome');
    expect(view.online).toBe(7);

    tim.emit('msg', [textMsg('u1', 'hello'), textMsg('u2', 'hi there')]);
    expect(store.getSnapshot().state.feed.filter((f) => f.kind === 'text')).toHaveLength(2);

    tim.emit('net', { state: 'disconnected' });
    expect(store.getSnapshot().connection).toBe('reconnecting');
    tim.emit('net', { state: 'connected' });
    expect(store.getSnapshot().connection).toBe('connected');

    await vi.advanceTimersByTimeAsync(Math.max(SAVE_EVERY_MS, ONLINE_EVERY_MS));
    expect(calls.filter((c) => c.name === 'room:saveState')).toHaveLength(1);
    expect(calls.filter((c) => c.name === 'room:onlineCount').length).toBeGreaterThanOrEqual(2);

    stop();
    expect(tim.log.at(-1)).toBe('destroy');
  });

  it('sends as the host and shows the own line locally (the SDK does not echo it)', async () => {
    const tim = fakeTim();
    const store = createRoomStore({ schedule: (f) => f() });
    const stop = startRoomSession({ api: fakeApi().api, role: 'host', store, factory: async () => tim.sdk });
    await vi.advanceTimersByTimeAsync(0);
    await store.sendText('Welcome everyone');
    expect(tim.log).toContain('send');
    const last = store.getSnapshot().state.feed.at(-1);
    expect(last?.kind === 'text' && last.text).toBe('Welcome everyone');
    stop();
    await expect(store.sendText('after stop')).rejects.toThrow(/not connected/);
  });

  it('shows a kick and waits for the operator to rejoin', async () => {
    const tim = fakeTim();
    const store = createRoomStore({ schedule: (f) => f() });
    const stop = startRoomSession({ api: fakeApi().api, role: 'host', store, factory: async () => tim.sdk });
    await vi.advanceTimersByTimeAsync(0);
    tim.emit('kicked', { type: 'multipleAccount' });
    expect(store.getSnapshot()).toMatchObject({ connection: 'kicked', error: 'multipleAccount' });
    store.rejoin();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot().connection).toBe('connected');
    expect(tim.log.filter((l) => l === 'login')).toHaveLength(2);
    stop();
  });

  it('says why the room is unavailable and retries', async () => {
    let ready = false;
    const { api } = fakeApi({ 'room:getSession': () => (ready ? ok(session) : fail('ROOM_NOT_READY', 'The local studio is not running (starting)')) });
    const store = createRoomStore({ schedule: (f) => f() });
    const stop = startRoomSession({ api, role: 'host', store, factory: async () => fakeTim().sdk });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot()).toMatchObject({ connection: 'error', error: 'The local studio is not running (starting)' });
    ready = true;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(store.getSnapshot().connection).toBe('connected');
    stop();
  });
});
