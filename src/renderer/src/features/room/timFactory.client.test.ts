// createTimClient and makeTimFactory on a mocked tim-js-sdk: studio mode never loads the SDK, tencent
// mode creates it with the SDKAppID; login() is bounded and resolves only at SDK_READY.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTimClient, LOGIN_TIMEOUT_MS, makeTimFactory, TimLoginTimeoutError, TimReadyTimeoutError } from './timFactory';
import { EV, latest, sdk, settleSdk, tencent } from './timFactory.testkit';

vi.mock('tim-js-sdk', async () => {
  const { sdk } = await import('./timFactory.testkit');
  sdk.moduleLoaded();
  return { default: sdk.TIM };
});

describe('createTimClient', () => {
  beforeEach(() => sdk.reset());
  afterEach(settleSdk);

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
});
