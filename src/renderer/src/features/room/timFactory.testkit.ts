// Test kit for the TIM factory tests: a mocked tim-js-sdk that behaves like tim-js-sdk 2.27.6 where it
// matters, a Tencent-mode room session, a fake console API and a room store.
import { vi } from 'vitest';
import { ok } from '../../../../shared/errors';
import type { RoomSession } from '../../../../shared/roomContract';
import type { StagesideApi } from '../../../../shared/rpc';
import { createRoomStore } from './roomStore';

/**
 * The mocked tim-js-sdk (the real one opens a socket at create() and needs browser globals). As in
 * tim-js.js: `TIM.create` returns the cached instance for an SDKAppID until its destroy() has finished
 * (a logout first); SDK_READY comes after login() resolves, and until then everything but
 * login/joinGroup/… rejects with 2999. Test files route 'tim-js-sdk' here: vi.mock with a factory
 * that imports this kit.
 */
export const sdk = (() => {
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
})();

export const tencent: RoomSession = {
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

export const EV = sdk.TIM.EVENT;
export const latest = () => sdk.instances.at(-1)!;
export const steps = () => sdk.log.filter((l) => !l.startsWith('on:'));

export function fakeApi(session: RoomSession = tencent) {
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

export const NOW = 1_700_000_000_000;
export const newStore = () => createRoomStore({ now: () => NOW, schedule: (f) => f() });

/** After each test: every instance finishes destroying, real timers and globals are back, mocks are cleared. */
export async function settleSdk(): Promise<void> {
  // Let every instance finish destroying, so the factory's module-wide "still closing" list is empty for the next test.
  for (const i of sdk.instances) i.finishDestroy();
  if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(0);
  else await new Promise((r) => setTimeout(r, 0));
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.clearAllMocks();
}
