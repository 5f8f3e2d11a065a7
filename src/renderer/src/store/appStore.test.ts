import { describe, expect, it } from 'vitest';
import type { CommandName, EventName } from '../../../shared/contract';
import { fail, ok, type Result } from '../../../shared/errors';
import type { StagesideApi } from '../../../shared/rpc';
import { defaultSettings, type SettingsState } from '../../../shared/settings';
import type { ApiConnection, ConnectionState } from '../api';
import { createAppStore } from './appStore';

const state = (profileName = 'Default'): SettingsState => ({
  settings: { ...defaultSettings(), profileName },
  problems: [],
});

/** A scripted connection: answers commands from a table and lets the test drive events/state. */
function fakeConnection(initial: ConnectionState = 'connected') {
  let current = initial;
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const eventListeners = new Map<string, Set<(p: unknown) => void>>();
  const calls: string[] = [];
  let profile = 'Default';
  const answers: Record<string, (arg: unknown) => Result<unknown>> = {
    'settings:get': () => ok(state(profile)),
    'secrets:list': () => ok([{ name: 'im.secretKey', set: false, masked: '' }]),
    'app:getInfo': () => ok({ name: 'Stageside', version: '0.1.0', transport: 'web' }),
    'studio:getStatus': () => ok({ state: 'running', restarts: 0 }),
    'settings:save': (arg) => ok({ settings: arg, problems: [] }),
    'secrets:set': () => ok({ name: 'im.secretKey', set: true, masked: '••••••abcd' }),
    'secrets:clear': () => fail('SECRET_STORE_UNAVAILABLE', 'store locked'),
  };
  const api = {
    transport: 'web',
    async call(name: CommandName, arg: unknown) {
      calls.push(name);
      return answers[name]!(arg);
    },
    on(name: EventName, listener: (p: unknown) => void) {
      let set = eventListeners.get(name);
      if (!set) eventListeners.set(name, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  } as unknown as StagesideApi;
  const connection: ApiConnection = {
    api,
    getState: () => current,
    onState: (l) => (stateListeners.add(l), () => stateListeners.delete(l)),
  };
  return {
    connection,
    calls,
    setProfile: (p: string) => (profile = p),
    setState(s: ConnectionState) {
      current = s;
      for (const l of stateListeners) l(s);
    },
    emit(name: EventName, payload: unknown) {
      for (const l of eventListeners.get(name) ?? []) l(payload);
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('app store', () => {
  it('loads settings, secrets and info on start', async () => {
    const fake = fakeConnection();
    const store = createAppStore(fake.connection);
    await flush();
    const snap = store.getSnapshot();
    expect(fake.calls.sort()).toEqual(['app:getInfo', 'secrets:list', 'settings:get', 'studio:getStatus']);
    expect(snap.settings?.settings.profileName).toBe('Default');
    expect(snap.secrets).toHaveLength(1);
    expect(snap.info?.version).toBe('0.1.0');
  });

  it('follows snapshot events and notifies subscribers', async () => {
    const fake = fakeConnection();
    const store = createAppStore(fake.connection);
    await flush();
    let notified = 0;
    store.subscribe(() => notified++);
    fake.emit('settings:changed', state('Evening'));
    fake.emit('secrets:changed', []);
    expect(store.getSnapshot().settings?.settings.profileName).toBe('Evening');
    expect(store.getSnapshot().secrets).toEqual([]);
    expect(notified).toBe(2);
  });

  it('applies a saved snapshot at once, so the header follows without waiting for the event', async () => {
    const store = createAppStore(fakeConnection().connection);
    await flush();
    const r = await store.saveSettings({ ...defaultSettings(), profileName: 'Saved' });
    expect(r.ok).toBe(true);
    expect(store.getSnapshot().settings?.settings.profileName).toBe('Saved');
  });

  it('merges a secret status on success and leaves the list alone on failure', async () => {
    const store = createAppStore(fakeConnection().connection);
    await flush();
    await store.setSecret('im.secretKey', 'abcdabcdabcdabcd');
    expect(store.getSnapshot().secrets).toEqual([{ name: 'im.secretKey', set: true, masked: '••••••abcd' }]);
    const r = await store.clearSecret('im.secretKey');
    expect(r).toEqual({ ok: false, error: { code: 'SECRET_STORE_UNAVAILABLE', message: 'store locked' } });
    expect(store.getSnapshot().secrets?.[0]?.set).toBe(true);
  });

  it('stays "reconnecting" across retry attempts and reloads once back', async () => {
    const fake = fakeConnection('connecting');
    const store = createAppStore(fake.connection);
    fake.setState('connected');
    await flush();
    fake.calls.length = 0;
    const seen: [ConnectionState, boolean][] = [];
    store.subscribe(() => seen.push([store.getSnapshot().connection, store.getSnapshot().reconnecting]));
    fake.setProfile('Changed while away');
    fake.setState('disconnected');
    fake.setState('connecting');
    fake.setState('disconnected');
    fake.setState('connecting');
    fake.setState('connected');
    await flush();
    expect(seen.slice(0, 5)).toEqual([
      ['disconnected', true],
      ['connecting', true],
      ['disconnected', true],
      ['connecting', true],
      ['connected', false],
    ]);
    expect(fake.calls.sort()).toEqual(['app:getInfo', 'secrets:list', 'settings:get', 'studio:getStatus']);
    expect(store.getSnapshot().settings?.settings.profileName).toBe('Changed while away');
  });

  it('does not reload when the first connection opens', async () => {
    const fake = fakeConnection('connecting');
    createAppStore(fake.connection);
    fake.setState('connected');
    await flush();
    expect(fake.calls).toHaveLength(4);
  });

  it('drops all data when the token is refused', async () => {
    const fake = fakeConnection();
    const store = createAppStore(fake.connection);
    await flush();
    fake.setState('unauthorized');
    const snap = store.getSnapshot();
    expect([snap.connection, snap.settings, snap.secrets, snap.info]).toEqual(['unauthorized', null, null, null]);
  });

  it('reports the first load failure', async () => {
    const fake = fakeConnection();
    fake.connection.api.call = (async () => fail('TIMEOUT', 'slow')) as StagesideApi['call'];
    const store = createAppStore(fake.connection);
    await flush();
    expect(store.getSnapshot().loadError).toEqual({ code: 'TIMEOUT', message: 'slow' });
  });
});
