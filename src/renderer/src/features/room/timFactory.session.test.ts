// The room session on a mocked tim-js-sdk: it waits for SDK_READY before reading the room or sending,
// and a restart or a new session waits for the previous instance's destroy() instead of reusing it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRoomSession } from './roomSession';
import { createTimClient, DESTROY_WAIT_MS, LOGIN_TIMEOUT_MS } from './timFactory';
import { EV, fakeApi, latest, newStore, NOW, sdk, settleSdk, steps, tencent } from './timFactory.testkit';

vi.mock('tim-js-sdk', async () => {
  const { sdk } = await import('./timFactory.testkit');
  sdk.moduleLoaded();
  return { default: sdk.TIM };
});

describe('createTimClient', () => {
  beforeEach(() => sdk.reset());
  afterEach(settleSdk);

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

describe('operators on tim-js-sdk (Tencent mode)', () => {
  beforeEach(() => sdk.reset());
  afterEach(settleSdk);

  it.each([
    [{ id: 'host', name: 'Host', role: 'host' as const }, 'anchor_1'],
    [{ id: 'a1', name: 'Ann', role: 'assistant' as const }, 'anchor_1_a1'],
    [{ id: 'a2', name: 'Mia', role: 'moderator' as const }, 'anchor_1_a2'],
  ])('%o logs in as %s and sends with its operator tag', async (operator, userId) => {
    vi.useFakeTimers();
    const store = newStore();
    const stop = startRoomSession({ api: fakeApi({ ...tencent, userId, operator }), role: 'assistant', store, factory: createTimClient, now: () => NOW });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot().connection).toBe('connected');
    const tim = latest();
    expect(tim.login).toHaveBeenCalledWith(expect.objectContaining({ userID: userId }));
    await store.sendText('hello from the team');
    expect(tim.createTextMessage).toHaveBeenLastCalledWith(
      expect.objectContaining({ payload: { text: 'hello from the team' }, cloudCustomData: JSON.stringify({ operator: { name: operator.name, role: operator.role } }) }),
    );
    // The console's own line shows the operator's name and role.
    expect(store.getSnapshot().state.feed.at(-1)).toMatchObject({ kind: 'text', nick: operator.name, operatorRole: operator.role });
    stop();
  });
});
