// The room session against a fake API and a fake TIM client: order of operations (listeners before
// login), the first room snapshot, per-frame folding of messages, kicks, SDK_NOT_READY spells,
// restarts that wait for the previous client's destroy(), saves and teardown.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { textMsg, GROUP, T0 } from '../../../../shared/domain/room/messages.testkit';
import { fail, ok } from '../../../../shared/errors';
import { ONLINE_EVERY_MS, SAVE_EVERY_MS, startRoomSession } from './roomSession';
import { fakeApi, fakeTim, session } from './roomSession.testkit';
import { createRoomStore } from './roomStore';
import { NOT_READY_GRACE_MS, SIG_EXPIRY_LOOP_MS } from './sessionMachine';
import { DESTROY_WAIT_MS } from './timFactory';

describe('startRoomSession', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('registers listeners before login, joins, reads the room fields and follows messages', async () => {
    const tim = fakeTim();
    const { api, calls } = fakeApi();
    const store = createRoomStore({ now: () => T0 * 1000, schedule: (f) => f() });
    const stop = startRoomSession({ api, role: 'assistant', store, factory: async () => tim.sdk, now: () => T0 * 1000 });
    await vi.advanceTimersByTimeAsync(0);

    const login = tim.log.indexOf('login');
    expect(tim.log.slice(0, login).map((l) => l.slice(3)).sort()).toEqual(['error', 'kicked', 'msg', 'net', 'notReady', 'ready']);
    expect(tim.log.slice(login)).toEqual(['login', 'join', 'profile']);
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

  it('shows a kick by another login with its reason and waits for the operator to rejoin (no login ping-pong)', async () => {
    const tim = fakeTim();
    const store = createRoomStore({ schedule: (f) => f() });
    const stop = startRoomSession({ api: fakeApi().api, role: 'host', store, factory: async () => tim.sdk });
    await vi.advanceTimersByTimeAsync(0);
    tim.emit('kicked', { type: 'multipleAccount' });
    // tim-js-sdk follows a kick with SDK_NOT_READY: it does not turn the kick into a retried failure.
    tim.emit('notReady', undefined);
    expect(store.getSnapshot()).toMatchObject({ connection: 'kicked', error: 'host signed in somewhere else — multipleAccount', retryAt: null });
    await expect(store.sendText('hi')).rejects.toThrow(/not connected/);
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(tim.log.filter((l) => l === 'login')).toHaveLength(1);
    expect(store.getSnapshot().connection).toBe('kicked');
    store.rejoin();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot().connection).toBe('connected');
    expect(tim.log.filter((l) => l === 'login')).toHaveLength(2);
    stop();
  });

  it('a restart waits for the previous client to be destroyed before asking for a new one, one attempt at a time', async () => {
    const clients = [fakeTim(), fakeTim(), fakeTim()];
    let finishDestroy: () => void = () => undefined;
    clients[0]!.sdk.client.destroy = () => {
      clients[0]!.log.push('destroy');
      return new Promise<void>((r) => (finishDestroy = r));
    };
    let made = 0;
    const factory = async () => clients[made++]!.sdk;
    const store = createRoomStore({ schedule: (f) => f() });
    const stop = startRoomSession({ api: fakeApi().api, role: 'host', store, factory });
    await vi.advanceTimersByTimeAsync(0);
    expect(made).toBe(1);

    // Two quick Rejoins while the first client is still logging out.
    store.rejoin();
    store.rejoin();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(clients[0]!.log.filter((l) => l === 'destroy')).toHaveLength(1);
    expect(made).toBe(1);
    expect(store.getSnapshot().connection).toBe('connecting');

    finishDestroy();
    await vi.advanceTimersByTimeAsync(0);
    expect(made).toBe(2);
    expect(clients[1]!.log).toContain('login');
    expect(store.getSnapshot().connection).toBe('connected');
    stop();
  });

  it('a destroy that never finishes holds the next client back for DESTROY_WAIT_MS only', async () => {
    const clients = [fakeTim(), fakeTim()];
    clients[0]!.sdk.client.destroy = () => new Promise<void>(() => undefined);
    let made = 0;
    const store = createRoomStore({ schedule: (f) => f() });
    const stop = startRoomSession({ api: fakeApi().api, role: 'host', store, factory: async () => clients[made++]!.sdk });
    await vi.advanceTimersByTimeAsync(0);
    store.rejoin();
    await vi.advanceTimersByTimeAsync(DESTROY_WAIT_MS - 1);
    expect(made).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(made).toBe(2);
    expect(store.getSnapshot().connection).toBe('connected');
    stop();
  });

  it('SDK_NOT_READY turns sending off until SDK_READY comes back, then reads the room again', async () => {
    const tim = fakeTim();
    const store = createRoomStore({ schedule: (f) => f() });
    const stop = startRoomSession({ api: fakeApi().api, role: 'host', store, factory: async () => tim.sdk });
    await vi.advanceTimersByTimeAsync(0);
    tim.emit('notReady', undefined);
    expect(store.getSnapshot().connection).toBe('reconnecting');
    await expect(store.sendText('while not ready')).rejects.toThrow(/not connected/);
    // A network change while not ready does not pass for connected.
    tim.emit('net', { state: 'connected' });
    expect(store.getSnapshot().connection).toBe('reconnecting');
    tim.emit('ready', undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot().connection).toBe('connected');
    expect(tim.log.filter((l) => l === 'profile')).toHaveLength(2);
    await store.sendText('ready again');
    expect(tim.log).toContain('send');
    // The grace timer of the spell was cleared: nothing fails later.
    await vi.advanceTimersByTimeAsync(NOT_READY_GRACE_MS * 2);
    expect(store.getSnapshot().connection).toBe('connected');
    stop();
  });

  it('SDK_NOT_READY that lasts fails the attempt: retried for an unknown cause, not for a refused UserSig (the SDK ERROR says which)', async () => {
    const tims: ReturnType<typeof fakeTim>[] = [];
    const factory = async () => {
      const t = fakeTim();
      tims.push(t);
      return t.sdk;
    };
    const store = createRoomStore({ schedule: (f) => f() });
    const stop = startRoomSession({ api: fakeApi().api, role: 'host', store, factory, now: () => Date.now() });
    await vi.advanceTimersByTimeAsync(0);
    tims[0]!.emit('notReady', undefined);
    await vi.advanceTimersByTimeAsync(NOT_READY_GRACE_MS);
    expect(store.getSnapshot()).toMatchObject({
      connection: 'error',
      error: 'The IM client signed out and did not become ready again within 5 s',
      retryAt: Date.now() + 5_000,
    });
    expect(tims[0]!.log.at(-1)).toBe('destroy');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(store.getSnapshot().connection).toBe('connected');

    tims[1]!.emit('error', { code: 70009, message: 'UserSig verification failed' });
    tims[1]!.emit('notReady', undefined);
    await vi.advanceTimersByTimeAsync(NOT_READY_GRACE_MS);
    expect(store.getSnapshot()).toMatchObject({
      connection: 'error',
      error: 'The IM client signed out and did not become ready again within 5 s: UserSig verification failed',
      retryAt: null,
    });
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(tims).toHaveLength(2);
    stop();
  });

  it('an expired UserSig is replaced at once, but one that keeps expiring right after login backs off', async () => {
    let t = T0 * 1000;
    const tims: ReturnType<typeof fakeTim>[] = [];
    const factory = async () => {
      const f = fakeTim();
      tims.push(f);
      return f.sdk;
    };
    const { api, calls } = fakeApi();
    const store = createRoomStore({ schedule: (f) => f() });
    const stop = startRoomSession({ api, role: 'host', store, factory, now: () => t });
    const sessions = () => calls.filter((c) => c.name === 'room:getSession').length;
    await vi.advanceTimersByTimeAsync(0);
    t += SIG_EXPIRY_LOOP_MS;
    tims[0]!.emit('kicked', { type: 'userSigExpired' });
    await vi.advanceTimersByTimeAsync(0);
    expect(sessions()).toBe(2);
    expect(store.getSnapshot().connection).toBe('connected');

    tims[1]!.emit('kicked', { type: 'userSigExpired' });
    await vi.advanceTimersByTimeAsync(0);
    expect(sessions()).toBe(2);
    expect(store.getSnapshot()).toMatchObject({ connection: 'error', retryAt: t + 5_000 });
    expect(store.getSnapshot().error).toMatch(/UserSig expired right after login/);
    stop();
  });

  it('backs off on network failures: 5 s, 10 s, 20 s … and joins when the network is back', async () => {
    let down = true;
    const { api, calls } = fakeApi({
      'room:getSession': () => (down ? fail('IM_REST_FAILED', 'Could not reach console.tim.qq.com (ENOTFOUND)') : ok(session)),
    });
    const store = createRoomStore({ schedule: (f) => f() });
    const stop = startRoomSession({ api, role: 'host', store, factory: async () => fakeTim().sdk, now: () => Date.now() });
    const attempts = () => calls.filter((c) => c.name === 'room:getSession').length;
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot()).toMatchObject({ connection: 'error', error: 'Could not reach console.tim.qq.com (ENOTFOUND)' });
    expect(store.getSnapshot().retryAt).toBe(Date.now() + 5_000);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(attempts()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts()).toBe(2);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(attempts()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts()).toBe(3);
    expect(store.getSnapshot().retryAt).toBe(Date.now() + 20_000);
    // Six minutes of outage: 5+10+20+40+80+120+120 s — a handful of attempts, not one every 5 s.
    await vi.advanceTimersByTimeAsync(6 * 60_000);
    expect(attempts()).toBeLessThanOrEqual(8);
    down = false;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(store.getSnapshot()).toMatchObject({ connection: 'connected', retryAt: null });
    stop();
  });

  it('does not retry a configuration error by itself; Rejoin tries again at once', async () => {
    let configured = false;
    const { api, calls } = fakeApi({
      'room:getSession': () => (configured ? ok(session) : fail('SECRET_MISSING', 'Set the IM SecretKey in Settings first')),
    });
    const store = createRoomStore({ schedule: (f) => f() });
    const stop = startRoomSession({ api, role: 'host', store, factory: async () => fakeTim().sdk });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot()).toMatchObject({ connection: 'error', error: 'Set the IM SecretKey in Settings first', retryAt: null });
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(calls.filter((c) => c.name === 'room:getSession')).toHaveLength(1);
    configured = true;
    store.rejoin();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot().connection).toBe('connected');
    stop();
  });

  it('treats a refused login (wrong key) as configuration, and a dropped socket as transient', async () => {
    const refused = fakeTim();
    refused.sdk.client.login = async () => Promise.reject({ code: 70009, message: 'UserSig verification failed' });
    const store = createRoomStore({ schedule: (f) => f() });
    const stop = startRoomSession({ api: fakeApi().api, role: 'host', store, factory: async () => refused.sdk });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot()).toMatchObject({ connection: 'error', error: 'UserSig verification failed', retryAt: null });
    // The failed client is not left running.
    expect(refused.log.at(-1)).toBe('destroy');
    stop();

    const dropped = fakeTim();
    dropped.sdk.client.joinGroup = async () => Promise.reject(new Error('socket closed'));
    const store2 = createRoomStore({ schedule: (f) => f() });
    const stop2 = startRoomSession({ api: fakeApi().api, role: 'host', store: store2, factory: async () => dropped.sdk, now: () => Date.now() });
    await vi.advanceTimersByTimeAsync(0);
    expect(store2.getSnapshot()).toMatchObject({ connection: 'error', error: 'socket closed', retryAt: Date.now() + 5_000 });
    stop2();
  });

  it("clears the previous room's data on a new session and on a failed join, and puts it back for the same room", async () => {
    const store = createRoomStore({ schedule: (f) => f() });
    let outcome: 'ok' | 'fail' = 'ok';
    const { api, calls } = fakeApi({ 'room:getSession': () => (outcome === 'ok' ? ok(session) : fail('ROOM_NOT_READY', 'Set the SDKAppID in Settings first')) });
    const tim = fakeTim();
    const stop = startRoomSession({ api, role: 'host', store, factory: async () => tim.sdk });
    await vi.advanceTimersByTimeAsync(0);
    tim.emit('msg', [textMsg('u1', 'hello')]);
    expect(store.getSnapshot()).toMatchObject({ session: { groupId: GROUP }, online: 7 });
    stop();

    // Settings changed (e.g. to Tencent mode) and the new session fails: nothing of the old room is shown.
    outcome = 'fail';
    const stop2 = startRoomSession({ api, role: 'host', store, factory: async () => tim.sdk });
    expect(store.getSnapshot()).toMatchObject({ session: null, online: null });
    expect(store.getSnapshot().state.feed).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot()).toMatchObject({ connection: 'error', session: null, online: null });
    expect(store.getSnapshot().state.feed).toHaveLength(0);

    // Back to the same room: its feed returns without a reload from disk.
    outcome = 'ok';
    const loads = calls.filter((c) => c.name === 'room:loadState').length;
    store.rejoin();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot().connection).toBe('connected');
    expect(store.getSnapshot().state.feed.filter((f) => f.kind === 'text')).toHaveLength(1);
    expect(calls.filter((c) => c.name === 'room:loadState')).toHaveLength(loads);
    stop2();
  });

  it('does not carry one mode\'s room into the other even with the same group id', async () => {
    const store = createRoomStore({ schedule: (f) => f() });
    const tim = fakeTim();
    const studio = startRoomSession({ api: fakeApi().api, role: 'host', store, factory: async () => tim.sdk });
    await vi.advanceTimersByTimeAsync(0);
    tim.emit('msg', [textMsg('u1', 'studio line')]);
    studio();
    const tencent = fakeApi({ 'room:getSession': () => ok({ ...session, mode: 'tencent' }) });
    const stop = startRoomSession({ api: tencent.api, role: 'host', store, factory: async () => fakeTim().sdk });
    await vi.advanceTimersByTimeAsync(0);
    expect(tencent.calls.some((c) => c.name === 'room:loadState')).toBe(true);
    expect(store.getSnapshot().state.feed.filter((f) => f.kind === 'text')).toHaveLength(0);
    stop();
  });

  it('a network loss keeps sending on; the network coming back reads the room again', async () => {
    const tim = fakeTim();
    const store = createRoomStore({ schedule: (f) => f() });
    const stop = startRoomSession({ api: fakeApi().api, role: 'host', store, factory: async () => tim.sdk });
    await vi.advanceTimersByTimeAsync(0);
    tim.emit('net', { state: 'disconnected' });
    expect(store.getSnapshot().connection).toBe('reconnecting');
    await store.sendText('queued by the SDK');
    expect(tim.log.filter((l) => l === 'send')).toHaveLength(1);
    // The SDK reconnects by itself: no grace timer fails the attempt meanwhile.
    await vi.advanceTimersByTimeAsync(NOT_READY_GRACE_MS * 2);
    expect(store.getSnapshot().connection).toBe('reconnecting');
    tim.emit('net', { state: 'connected' });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot().connection).toBe('connected');
    expect(tim.log.filter((l) => l === 'profile')).toHaveLength(2);
    stop();
  });

  it('Rejoin while a retry is pending replaces it, and events of the replaced client are ignored', async () => {
    let down = true;
    const { api, calls } = fakeApi({ 'room:getSession': () => (down ? fail('IM_REST_FAILED', 'Could not reach console.tim.qq.com') : ok(session)) });
    const tims: ReturnType<typeof fakeTim>[] = [];
    const factory = async () => {
      const t = fakeTim();
      tims.push(t);
      return t.sdk;
    };
    const store = createRoomStore({ schedule: (f) => f() });
    const stop = startRoomSession({ api, role: 'host', store, factory, now: () => Date.now() });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot()).toMatchObject({ connection: 'error', retryAt: Date.now() + 5_000 });
    down = false;
    store.rejoin();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot().connection).toBe('connected');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls.filter((c) => c.name === 'room:getSession')).toHaveLength(2);

    store.rejoin();
    await vi.advanceTimersByTimeAsync(0);
    expect(tims).toHaveLength(2);
    tims[0]!.emit('kicked', { type: 'multipleAccount' });
    tims[0]!.emit('notReady', undefined);
    tims[0]!.emit('msg', [textMsg('u1', 'from the old client')]);
    expect(store.getSnapshot().connection).toBe('connected');
    expect(store.getSnapshot().state.feed.filter((f) => f.kind === 'text')).toHaveLength(0);
    stop();
  });
});
