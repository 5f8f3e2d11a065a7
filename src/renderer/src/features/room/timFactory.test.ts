// The TIM factory with a mocked tim-js-sdk (the real one opens a socket at create() and needs browser
// globals): tencent mode creates the SDK with the SDKAppID and hands back that instance; studio mode
// never loads tim-js-sdk; login() is bounded by a timeout with a clear error; the room session wires
// its listeners with the SDK's own EVENT constants, before login.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../../../shared/errors';
import type { RoomSession } from '../../../../shared/roomContract';
import type { StagesideApi } from '../../../../shared/rpc';
import { startRoomSession } from './roomSession';
import { createRoomStore } from './roomStore';
import { createTimClient, LOGIN_TIMEOUT_MS, makeTimFactory, TimLoginTimeoutError } from './timFactory';

const sdk = vi.hoisted(() => {
  const log: string[] = [];
  const handlers = new Map<string, (e: unknown) => void>();
  const instance = {
    on: vi.fn((name: string, h: (e: unknown) => void) => {
      log.push(`on:${name}`);
      handlers.set(name, h);
    }),
    setLogLevel: vi.fn(),
    login: vi.fn(async (_o: unknown): Promise<unknown> => {
      log.push('login');
      return { code: 0, data: {} };
    }),
    joinGroup: vi.fn(async () => {
      log.push('join');
      return { code: 0, data: { status: 'JoinedSuccess' } };
    }),
    getGroupProfile: vi.fn(async () => {
      log.push('profile');
      return { code: 0, data: { group: { groupCustomField: [{ key: 'room_status', value: '1' }], notification: 'Hi' } } };
    }),
    createTextMessage: vi.fn((o: unknown) => o),
    sendMessage: vi.fn(async () => ({ code: 0 })),
    destroy: vi.fn(async () => {
      log.push('destroy');
    }),
  };
  const TIM = {
    create: vi.fn((_o: { SDKAppID: number }) => instance),
    // The real string values (tim-js.d.ts).
    EVENT: {
      SDK_READY: 'sdkStateReady',
      MESSAGE_RECEIVED: 'onMessageReceived',
      NET_STATE_CHANGE: 'netStateChange',
      KICKED_OUT: 'kickedOut',
      ERROR: 'error',
    },
    TYPES: { GRP_AVCHATROOM: 'AVChatRoom', CONV_GROUP: 'GROUP' },
  };
  return { TIM, instance, log, handlers, moduleLoaded: vi.fn() };
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

describe('createTimClient', () => {
  beforeEach(() => {
    sdk.log.length = 0;
    sdk.handlers.clear();
  });
  afterEach(() => {
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
    expect(sdk.moduleLoaded).toHaveBeenCalledTimes(1);
    expect(sdk.TIM.create).toHaveBeenCalledWith({ SDKAppID: 20000123 });
    expect(sdk.instance.setLogLevel).toHaveBeenCalledWith(1);
    expect(tim.EVENT).toBe(sdk.TIM.EVENT);
    expect(tim.TYPES).toBe(sdk.TIM.TYPES);

    // Every call lands on the SDK instance, unchanged.
    await tim.client.login({ userID: 'host', userSig: 'sig' });
    expect(sdk.instance.login).toHaveBeenCalledWith({ userID: 'host', userSig: 'sig' });
    await tim.client.joinGroup({ groupID: tencent.groupId, type: tim.TYPES.GRP_AVCHATROOM });
    expect(sdk.instance.joinGroup).toHaveBeenCalledWith({ groupID: tencent.groupId, type: 'AVChatRoom' });
    const profile = await tim.client.getGroupProfile({ groupID: tencent.groupId, groupCustomFieldFilter: ['room_status'] });
    expect(profile.data.group).toMatchObject({ notification: 'Hi' });
    const msg = tim.client.createTextMessage({ to: tencent.groupId, conversationType: tim.TYPES.CONV_GROUP, payload: { text: 'hi' } });
    await tim.client.sendMessage(msg as never);
    expect(sdk.instance.sendMessage).toHaveBeenCalledWith({ to: tencent.groupId, conversationType: 'GROUP', payload: { text: 'hi' } });
    await tim.client.destroy();
    expect(sdk.instance.destroy).toHaveBeenCalledTimes(1);
  });

  it('refuses tencent mode without an SDKAppID, before loading the SDK', async () => {
    await expect(createTimClient({ ...tencent, sdkAppId: 0 })).rejects.toThrow(/SDKAppID/);
    expect(sdk.TIM.create).not.toHaveBeenCalled();
  });

  it('login that never answers rejects after the timeout with a clear error', async () => {
    vi.useFakeTimers();
    sdk.instance.login.mockImplementationOnce(() => new Promise(() => undefined));
    const tim = await createTimClient(tencent);
    const login = tim.client.login({ userID: 'host', userSig: 'sig' });
    const outcome = login.then(
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
    sdk.instance.login.mockImplementationOnce(() => Promise.reject(refusal));
    const tim = await makeTimFactory({ loginTimeoutMs: 1000 })(tencent);
    await expect(tim.client.login({ userID: 'host', userSig: 'old' })).rejects.toBe(refusal);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the room session wires listeners with TIM.EVENT before login, and a hung login surfaces as a connection error', async () => {
    vi.useFakeTimers();
    const api = {
      transport: 'web',
      on: () => () => undefined,
      call: async (name: string) => {
        if (name === 'room:getSession') return ok(tencent);
        if (name === 'room:loadState') return ok({ state: null });
        if (name === 'room:onlineCount') return ok({ count: 3 });
        return ok({ saved: true });
      },
    } as unknown as StagesideApi;
    const store = createRoomStore({ now: () => 1_700_000_000_000, schedule: (f) => f() });

    // First attempt: login hangs (offline) → clear error in the header, the instance is destroyed, a retry follows.
    sdk.instance.login.mockImplementationOnce(() => {
      sdk.log.push('login');
      return new Promise(() => undefined);
    });
    const stop = startRoomSession({ api, role: 'host', store, factory: createTimClient, now: () => 1_700_000_000_000 });
    await vi.advanceTimersByTimeAsync(0);
    const EV = sdk.TIM.EVENT;
    expect(sdk.log.slice(0, 4)).toEqual([`on:${EV.MESSAGE_RECEIVED}`, `on:${EV.NET_STATE_CHANGE}`, `on:${EV.KICKED_OUT}`, 'login']);
    await vi.advanceTimersByTimeAsync(LOGIN_TIMEOUT_MS);
    expect(store.getSnapshot().connection).toBe('error');
    expect(store.getSnapshot().error).toBe('Tencent IM did not answer the login within 15 s — check the network or the SDKAppID/region');
    // The hung client is destroyed at once, not left running until the retry.
    expect(sdk.log).toContain('destroy');

    // The retry (a timeout is transient: 5 s later) logs in, joins and reads the room; messages arrive on the SDK's MESSAGE_RECEIVED.
    sdk.log.length = 0;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sdk.log.filter((l) => !l.startsWith('on:') && l !== 'destroy')).toEqual(['login', 'join', 'profile']);
    expect(store.getSnapshot().connection).toBe('connected');
    sdk.handlers.get(EV.MESSAGE_RECEIVED)?.({
      name: EV.MESSAGE_RECEIVED,
      data: [
        {
          ID: 'm1',
          type: 'TIMTextElem',
          payload: { text: 'hello from Tencent' },
          conversationType: 'GROUP',
          to: tencent.groupId,
          from: 'viewer1',
          nick: 'Viewer',
          avatar: '',
          time: 1_700_000_000,
        },
      ],
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(JSON.stringify(store.getSnapshot().state.feed)).toContain('hello from Tencent');
    stop();
  });
});
