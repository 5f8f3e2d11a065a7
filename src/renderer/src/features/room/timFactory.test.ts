// The TIM factory with a mocked tim-js-sdk (the real one opens a socket at create() and needs browser
// globals). The mock behaves like tim-js-sdk 2.27.6 where it matters (tim-js.js): `TIM.create`
// returns the cached instance for an SDKAppID until its destroy() has finished (a logout first);
// SDK_READY comes after login() resolves, and until then everything but login/joinGroup/… rejects
// with 2999. Tested here: tencent mode creates the SDK with the SDKAppID; studio mode never loads
// tim-js-sdk; login() is bounded and resolves only at SDK_READY, with clear errors for both waits;
// the room session waits for SDK_READY before reading the room or sending, and a restart or a new
// session waits for the previous instance's destroy() instead of getting the dying instance.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../../../shared/errors';
import type { RoomSession } from '../../../../shared/roomContract';
import type { StagesideApi } from '../../../../shared/rpc';
import { startRoomSession } from './roomSession';
import { createRoomStore } from './roomStore';
import { createTimClient, DESTROY_WAIT_MS, LOGIN_TIMEOUT_MS, makeTimFactory, TimLoginTimeoutError, TimReadyTimeoutError } from './timFactory';

const sdk = vi.hoisted(() => {
  type Handler = (e: { name: string; data?: unknown }) => void;
  // The real string values (tim-js.d.ts / tim-js.js).
  const EVENT = {
    SDK_READY: 'sdkStateReady',
    SDK_NOT_READY: 'sdkStateNotReady',
    SDK_DESTROY: 'sdkDestroy',
    MESSAGE_RECEIVED: 'onMessageReceived',
    NET_STATE_CHANGE: 'netStateChange',
    KICKED_OUT: 'kickedOut',
    ERROR: 'error',
  };
  const TYPES = { GRP_AVCHATROOM: 'AVChatRoom', CONV_GROUP: 'GROUP' };
  const log: string[] = [];
  /**
   * How the next instances behave. readyMs: SDK_READY this long after login resolves ('before':
   * while login is still settling; null: only through emitReady()). destroyMs: how long destroy()
   * (its network logout) takes; null: until finishDestroy().
   */
  const behaviour = { readyMs: 0 as number | 'before' | null, destroyMs: 0 as number | null, hangLogins: 0 };
  /** 0 ms: a microtask (fake timers put a 0 ms timer set during a tick 1 ms later). */
  const later = (fn: () => void, ms: number): void => void (ms === 0 ? Promise.resolve().then(fn) : setTimeout(fn, ms));
  const notReady = (api: string) => Object.assign(new Error(`SDK is not ready | ${api}`), { code: 2999 });

  function makeInstance(id: number, sdkAppId: number) {
    const handlers = new Map<string, Set<Handler>>();
    const state = { loggedIn: false, ready: false, terminated: false, finishDestroy: () => undefined as void };
    const emit = (name: string, data?: unknown): void => {
      if (state.terminated) return;
      for (const h of [...(handlers.get(name) ?? [])]) h({ name, data });
    };
    const becomeReady = (): void => {
      if (!state.loggedIn || state.ready || state.terminated) return;
      state.ready = true;
      emit(EVENT.SDK_READY);
    };
    const alive = (api: string): void => {
      if (state.terminated) throw Object.assign(new Error(`instance #${id} was destroyed | ${api}`), { code: 2999 });
    };
    const instance = {
      id,
      state,
      emit,
      emitReady: becomeReady,
      finishDestroy: () => state.finishDestroy(),
      on: vi.fn((name: string, h: Handler) => {
        log.push(`on:${name}`);
        if (!handlers.has(name)) handlers.set(name, new Set());
        handlers.get(name)?.add(h);
      }),
      off: vi.fn((name: string, h: Handler) => void handlers.get(name)?.delete(h)),
      setLogLevel: vi.fn(),
      login: vi.fn(async (_o: unknown): Promise<unknown> => {
        alive('login');
        log.push(`login#${id}`);
        if (behaviour.hangLogins > 0) {
          behaviour.hangLogins -= 1;
          return new Promise(() => undefined);
        }
        state.loggedIn = true;
        const readyMs = behaviour.readyMs;
        if (readyMs === 'before') becomeReady();
        else if (readyMs !== null) later(becomeReady, readyMs);
        return { code: 0, data: { repeatLogin: false } };
      }),
      // Allowed before SDK_READY (tim-js.js `tc` list).
      joinGroup: vi.fn(async () => {
        alive('joinGroup');
        log.push(`join#${id}`);
        return { code: 0, data: { status: 'JoinedSuccess' } };
      }),
      getGroupProfile: vi.fn(async () => {
        alive('getGroupProfile');
        if (!state.ready) {
          log.push(`profile#${id}:2999`);
          throw notReady('getGroupProfile');
        }
        log.push(`profile#${id}`);
        return { code: 0, data: { group: { groupCustomField: [{ key: 'room_status', value: 'live' }], notification: 'Hi' } } };
      }),
      createTextMessage: vi.fn((o: unknown) => o),
      sendMessage: vi.fn(async (_m: unknown) => {
        alive('sendMessage');
        if (!state.ready) throw notReady('sendMessage');
        log.push(`send#${id}`);
        return { code: 0 };
      }),
      // destroy() = logout().finally(terminate; emit SDK_DESTROY → the cache entry goes).
      destroy: vi.fn(() => {
        log.push(`destroy#${id}`);
        return new Promise<void>((resolve) => {
          const finish = (): void => {
            const wasReady = state.ready;
            state.loggedIn = false;
            state.ready = false;
            if (wasReady) emit(EVENT.SDK_NOT_READY);
            state.terminated = true;
            handlers.clear();
            if (cache.get(sdkAppId) === instance) cache.delete(sdkAppId);
            log.push(`destroyed#${id}`);
            resolve();
          };
          state.finishDestroy = finish;
          if (behaviour.destroyMs !== null) later(finish, behaviour.destroyMs);
        });
      }),
    };
    return instance;
  }
  type Instance = ReturnType<typeof makeInstance>;
  const cache = new Map<number, Instance>();
  const instances: Instance[] = [];
  const TIM = {
    // `if (n && oc[n]) return oc[n]`: the cached instance, dying or not, until SDK_DESTROY.
    create: vi.fn((o: { SDKAppID: number }) => {
      const cached = cache.get(o.SDKAppID);
      if (cached) return cached;
      const made = makeInstance(instances.length + 1, o.SDKAppID);
      instances.push(made);
      cache.set(o.SDKAppID, made);
      return made;
    }),
    EVENT,
    TYPES,
  };
  const reset = (): void => {
    log.length = 0;
    cache.clear();
    instances.length = 0;
    Object.assign(behaviour, { readyMs: 0, destroyMs: 0, hangLogins: 0 });
  };
  return { TIM, log, behaviour, instances, cache, reset, moduleLoaded: vi.fn() };
});

vi.mock('tim-js-sdk', () => {
  sdk.moduleLoaded();
  return { default: sdk.TIM };
});

const tencent: RoomSession = {
  mode: 'tencent',
  sdkAppId: 20000123,
  realtimeUrl: null,
  groupId: 'live_20240501_001',
  userId: 'host',
  userSig: 'sig',
  userSigExpiresAt: 0,
  adminIdentifier: 'administrator',
  viewerUrl: null,
};

const EV = sdk.TIM.EVENT;
const latest = () => sdk.instances.at(-1)!;
const steps = () => sdk.log.filter((l) => !l.startsWith('on:'));

function fakeApi(session: RoomSession = tencent) {
  return {
    transport: 'web',
    on: () => () => undefined,
    call: async (name: string) => {
      if (name === 'room:getSession') return ok(session);
      if (name === 'room:loadState') return ok({ state: null });
      if (name === 'room:onlineCount') return ok({ count: 3 });
      return ok({ saved: true });
    },
  } as unknown as StagesideApi;
}

const NOW = 1_700_000_000_000;
const newStore = () => createRoomStore({ now: () => NOW, schedule: (f) => f() });

describe('createTimClient', () => {
  beforeEach(() => sdk.reset());
  afterEach(async () => {
    // Let every instance finish destroying, so the factory's module-wide "still closing" list is empty for the next test.
    for (const i of sdk.instances) i.finishDestroy();
    if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(0);
    else await new Promise((r) => setTimeout(r, 0));
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.clearAllMocks();
  });

  it('studio mode never loads tim-js-sdk', async () => {
    // The studio client only connects once it logs in or joins; a placeholder WebSocket suffices here.
    vi.stubGlobal('WebSocket', class {});
    const tim = await createTimClient({ ...tencent, mode: 'studio', sdkAppId: 1400000001, realtimeUrl: 'ws://127.0.0.1:1/realtime' });
    expect(sdk.moduleLoaded).not.toHaveBeenCalled();
    expect(sdk.TIM.create).not.toHaveBeenCalled();
    expect(tim.EVENT).not.toBe(sdk.TIM.EVENT); // the studio client's own constants (same string values)
    await tim.client.destroy();
  });

  it('tencent mode creates tim-js-sdk with the SDKAppID and returns that instance behind the interface', async () => {
    const tim = await createTimClient(tencent);
    const instance = latest();
    expect(sdk.moduleLoaded).toHaveBeenCalledTimes(1);
    expect(sdk.TIM.create).toHaveBeenCalledWith({ SDKAppID: 20000123 });
    expect(instance.setLogLevel).toHaveBeenCalledWith(1);
    expect(tim.EVENT).toBe(sdk.TIM.EVENT);
    expect(tim.TYPES).toBe(sdk.TIM.TYPES);

    // Every call lands on the SDK instance, unchanged.
    await tim.client.login({ userID: 'host', userSig: 'sig' });
    expect(instance.login).toHaveBeenCalledWith({ userID: 'host', userSig: 'sig' });
    await tim.client.joinGroup({ groupID: tencent.groupId, type: tim.TYPES.GRP_AVCHATROOM });
    expect(instance.joinGroup).toHaveBeenCalledWith({ groupID: tencent.groupId, type: 'AVChatRoom' });
    const profile = await tim.client.getGroupProfile({ groupID: tencent.groupId, groupCustomFieldFilter: ['room_status'] });
    expect(profile.data.group).toMatchObject({ notification: 'Hi' });
    const msg = tim.client.createTextMessage({ to: tencent.groupId, conversationType: tim.TYPES.CONV_GROUP, payload: { text: 'hi' } });
    await tim.client.sendMessage(msg as never);
    expect(instance.sendMessage).toHaveBeenCalledWith({ to: tencent.groupId, conversationType: 'GROUP', payload: { text: 'hi' } });
    // destroy() is passed on once, however often it is called.
    await Promise.all([tim.client.destroy(), tim.client.destroy()]);
    expect(instance.destroy).toHaveBeenCalledTimes(1);
  });

  it('refuses tencent mode without an SDKAppID, before loading the SDK', async () => {
    await expect(createTimClient({ ...tencent, sdkAppId: 0 })).rejects.toThrow(/SDKAppID/);
    expect(sdk.TIM.create).not.toHaveBeenCalled();
  });

  it('login that never answers rejects after the timeout with a clear error', async () => {
    vi.useFakeTimers();
    sdk.behaviour.hangLogins = 1;
    const tim = await createTimClient(tencent);
    const outcome = tim.client.login({ userID: 'host', userSig: 'sig' }).then(
      () => 'resolved',
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(LOGIN_TIMEOUT_MS - 1);
    let settled = false;
    void outcome.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const e = await outcome;
    expect(e).toBeInstanceOf(TimLoginTimeoutError);
    expect((e as Error).message).toBe('Tencent IM did not answer the login within 15 s — check the network or the SDKAppID/region');
  });

  it('a login refusal passes through untouched and the timeout is configurable', async () => {
    vi.useFakeTimers();
    const refusal = Object.assign(new Error('UserSig expired'), { code: 70001 });
    const tim = await makeTimFactory({ loginTimeoutMs: 1000 })(tencent);
    latest().login.mockImplementationOnce(() => Promise.reject(refusal));
    await expect(tim.client.login({ userID: 'host', userSig: 'old' })).rejects.toBe(refusal);
    expect(vi.getTimerCount()).toBe(0);
    // Its SDK_READY/ERROR listeners are removed again.
    expect(latest().off).toHaveBeenCalledWith(EV.SDK_READY, expect.any(Function));
  });

  it('login resolves only at SDK_READY (listener registered before the SDK login), and says so when SDK_READY never comes', async () => {
    vi.useFakeTimers();
    sdk.behaviour.readyMs = null;
    const tim = await makeTimFactory({ loginTimeoutMs: 1000, readyTimeoutMs: 3000 })(tencent);
    const instance = latest();
    let resolved = false;
    const login = tim.client.login({ userID: 'host', userSig: 'sig' }).then(() => (resolved = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(instance.on.mock.invocationCallOrder[0]).toBeLessThan(instance.login.mock.invocationCallOrder[0]!);
    expect(resolved).toBe(false);
    instance.emitReady();
    await login;
    expect(resolved).toBe(true);

    // SDK_READY fired while login() was still settling is not missed either.
    const other = await makeTimFactory()({ ...tencent, sdkAppId: 20000124 });
    sdk.behaviour.readyMs = 'before';
    await other.client.login({ userID: 'host', userSig: 'sig' });

    // Never ready: a clear error after the ready timeout, with the SDK's last ERROR event.
    sdk.behaviour.readyMs = null;
    const stuck = await makeTimFactory({ readyTimeoutMs: 3000 })({ ...tencent, sdkAppId: 20000125 });
    const outcome = stuck.client.login({ userID: 'host', userSig: 'sig' }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    latest().emit(EV.ERROR, { code: 2801, message: 'request timed out' });
    await vi.advanceTimersByTimeAsync(3000);
    const e = await outcome;
    expect(e).toBeInstanceOf(TimReadyTimeoutError);
    expect((e as Error).message).toBe(
      'Tencent IM accepted the login but did not become ready (SDK_READY) within 3 s — check the network (last SDK error 2801: request timed out)',
    );
  });

  it('the room session waits for SDK_READY before reading the room and enabling sending (2999 before it)', async () => {
    vi.useFakeTimers();
    sdk.behaviour.readyMs = null;
    const store = newStore();
    const stop = startRoomSession({ api: fakeApi(), role: 'host', store, factory: createTimClient, now: () => NOW });
    await vi.advanceTimersByTimeAsync(0);
    // Listeners (with the SDK's own EVENT names) before login.
    const ons = sdk.log.slice(0, sdk.log.indexOf('login#1'));
    expect(ons.map((l) => l.slice(3)).sort()).toEqual(
      [EV.ERROR, EV.ERROR, EV.KICKED_OUT, EV.MESSAGE_RECEIVED, EV.NET_STATE_CHANGE, EV.SDK_NOT_READY, EV.SDK_READY, EV.SDK_READY].sort(),
    );
    // Logged in, not ready: nothing that would get 2999 has been called, and sending is off.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(steps()).toEqual(['login#1']);
    expect(store.getSnapshot().connection).toBe('connecting');
    await expect(store.sendText('too early')).rejects.toThrow(/not connected/);

    latest().emitReady();
    await vi.advanceTimersByTimeAsync(0);
    expect(steps()).toEqual(['login#1', 'join#1', 'profile#1']);
    expect(store.getSnapshot()).toMatchObject({ connection: 'connected', error: null });
    expect(store.getSnapshot().state.room.status).toBe('live');
    await store.sendText('hello');
    expect(steps().at(-1)).toBe('send#1');

    // Messages arrive on the SDK's MESSAGE_RECEIVED.
    latest().emit(EV.MESSAGE_RECEIVED, [
      { ID: 'm1', type: 'TIMTextElem', payload: { text: 'hello from Tencent' }, conversationType: 'GROUP', to: tencent.groupId, from: 'viewer1', nick: 'Viewer', avatar: '', time: 1_700_000_000 },
    ]);
    expect(JSON.stringify(store.getSnapshot().state.feed)).toContain('hello from Tencent');
    stop();
  });

  it('SDK_READY that never comes: a clear error, the instance destroyed, a retry that joins', async () => {
    vi.useFakeTimers();
    sdk.behaviour.readyMs = null;
    const store = newStore();
    const stop = startRoomSession({ api: fakeApi(), role: 'host', store, factory: createTimClient, now: () => NOW });
    await vi.advanceTimersByTimeAsync(LOGIN_TIMEOUT_MS);
    expect(store.getSnapshot()).toMatchObject({
      connection: 'error',
      error: 'Tencent IM accepted the login but did not become ready (SDK_READY) within 15 s — check the network',
      retryAt: NOW + 5_000,
    });
    expect(steps()).toEqual(['login#1', 'destroy#1', 'destroyed#1']);

    sdk.behaviour.readyMs = 0;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(steps().slice(3)).toEqual(['login#2', 'join#2', 'profile#2']);
    expect(store.getSnapshot().connection).toBe('connected');
    stop();
  });

  it('a hung login surfaces as a connection error and the hung instance is destroyed', async () => {
    vi.useFakeTimers();
    sdk.behaviour.hangLogins = 1;
    const store = newStore();
    const stop = startRoomSession({ api: fakeApi(), role: 'host', store, factory: createTimClient, now: () => NOW });
    await vi.advanceTimersByTimeAsync(LOGIN_TIMEOUT_MS);
    expect(store.getSnapshot().connection).toBe('error');
    expect(store.getSnapshot().error).toBe('Tencent IM did not answer the login within 15 s — check the network or the SDKAppID/region');
    expect(sdk.log).toContain('destroy#1');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(store.getSnapshot().connection).toBe('connected');
    stop();
  });

  it('Rejoin waits for the old instance to finish destroy() and runs on a fresh instance, not the dying cached one', async () => {
    vi.useFakeTimers();
    sdk.behaviour.destroyMs = 2_000; // the network logout inside destroy()
    const store = newStore();
    const stop = startRoomSession({ api: fakeApi(), role: 'host', store, factory: createTimClient, now: () => NOW });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot().connection).toBe('connected');

    store.rejoin();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(sdk.TIM.create).toHaveBeenCalledTimes(1);
    expect(steps().filter((l) => l.startsWith('login'))).toEqual(['login#1']);
    await vi.advanceTimersByTimeAsync(1);
    expect(sdk.instances).toHaveLength(2);
    expect(steps().slice(-4)).toEqual(['destroyed#1', 'login#2', 'join#2', 'profile#2']);
    expect(store.getSnapshot().connection).toBe('connected');
    // The session lives on instance #2: its messages arrive and sending works.
    await vi.advanceTimersByTimeAsync(10_000);
    latest().emit(EV.MESSAGE_RECEIVED, [
      { ID: 'm2', type: 'TIMTextElem', payload: { text: 'after rejoin' }, conversationType: 'GROUP', to: tencent.groupId, from: 'v', nick: 'V', avatar: '', time: 1_700_000_000 },
    ]);
    expect(JSON.stringify(store.getSnapshot().state.feed)).toContain('after rejoin');
    await store.sendText('still here');
    expect(steps().at(-1)).toBe('send#2');
    expect(store.getSnapshot().connection).toBe('connected');
    stop();
  });

  it('a new session (settings saved) waits for the previous session’s instance to be destroyed', async () => {
    vi.useFakeTimers();
    sdk.behaviour.destroyMs = 2_000;
    const store = newStore();
    const stop = startRoomSession({ api: fakeApi(), role: 'host', store, factory: createTimClient, now: () => NOW });
    await vi.advanceTimersByTimeAsync(0);
    stop();
    const stop2 = startRoomSession({ api: fakeApi(), role: 'host', store, factory: createTimClient, now: () => NOW });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sdk.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sdk.instances).toHaveLength(2);
    expect(steps().slice(-3)).toEqual(['login#2', 'join#2', 'profile#2']);
    expect(store.getSnapshot().connection).toBe('connected');
    stop2();
  });

  it('an instance still signing out after DESTROY_WAIT_MS is not reused: a clear, retried error, then a fresh instance', async () => {
    vi.useFakeTimers();
    sdk.behaviour.destroyMs = null; // the logout hangs
    const store = newStore();
    const stop = startRoomSession({ api: fakeApi(), role: 'host', store, factory: createTimClient, now: () => NOW });
    await vi.advanceTimersByTimeAsync(0);
    stop();
    const stop2 = startRoomSession({ api: fakeApi(), role: 'host', store, factory: createTimClient, now: () => NOW });
    await vi.advanceTimersByTimeAsync(DESTROY_WAIT_MS);
    expect(store.getSnapshot()).toMatchObject({
      connection: 'error',
      error: 'The previous Tencent IM connection was still signing out after 5 s — trying again shortly',
      retryAt: NOW + 5_000,
    });
    expect(steps().filter((l) => l.startsWith('login'))).toEqual(['login#1']);
    sdk.instances[0]!.finishDestroy();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sdk.instances).toHaveLength(2);
    expect(store.getSnapshot().connection).toBe('connected');
    stop2();
  });
});
