// The renderer's one store: snapshots of settings, secret statuses and app info, plus the
// transport state. It asks for the current state once (and again after every reconnect, since
// events sent while disconnected are lost), then follows the snapshot events.
import type { AppInfo } from '../../../shared/contract';
import type { AppErrorData, Result } from '../../../shared/errors';
import type { StagesideApi } from '../../../shared/rpc';
import type { SecretName, SecretStatus } from '../../../shared/secrets';
import type { Settings, SettingsState } from '../../../shared/settings';
import type { StudioStatus } from '../../../shared/studioStatus';
import type { ApiConnection, ConnectionState } from '../api';

export interface AppSnapshot {
  connection: ConnectionState;
  /** True from a lost connection until it is back, across the client's retry attempts. */
  reconnecting: boolean;
  settings: SettingsState | null;
  secrets: SecretStatus[] | null;
  info: AppInfo | null;
  studio: StudioStatus | null;
  /** The last failure to load the initial state, cleared by the next success. */
  loadError: AppErrorData | null;
}

export interface AppStore {
  readonly api: StagesideApi;
  getSnapshot(): AppSnapshot;
  subscribe(listener: () => void): () => void;
  saveSettings(settings: Settings): Promise<Result<SettingsState>>;
  setSecret(name: SecretName, value: string): Promise<Result<SecretStatus>>;
  clearSecret(name: SecretName): Promise<Result<SecretStatus>>;
  dispose(): void;
}

export function createAppStore(connection: ApiConnection): AppStore {
  const { api } = connection;
  const listeners = new Set<() => void>();
  let snapshot: AppSnapshot = {
    connection: connection.getState(),
    reconnecting: connection.getState() === 'disconnected',
    settings: null,
    secrets: null,
    info: null,
    studio: null,
    loadError: null,
  };

  const update = (patch: Partial<AppSnapshot>): void => {
    snapshot = { ...snapshot, ...patch };
    for (const l of listeners) l();
  };

  const mergeSecret = (status: SecretStatus): void => {
    const list = snapshot.secrets ?? [];
    const next = list.some((s) => s.name === status.name)
      ? list.map((s) => (s.name === status.name ? status : s))
      : [...list, status];
    update({ secrets: next });
  };

  const load = async (): Promise<void> => {
    const [settings, secrets, info, studio] = await Promise.all([
      api.call('settings:get', {}),
      api.call('secrets:list', {}),
      api.call('app:getInfo', {}),
      api.call('studio:getStatus', {}),
    ]);
    // Secrets are the host's: another operator's console is refused them by role, which is no load error.
    const secretsRefused = !secrets.ok && secrets.error.code === 'FORBIDDEN_ROLE';
    const firstError = [settings, secretsRefused ? null : secrets, info].find((r) => r && !r.ok);
    update({
      ...(settings.ok ? { settings: settings.value } : {}),
      ...(secrets.ok ? { secrets: secrets.value } : secretsRefused ? { secrets: [] } : {}),
      ...(info.ok ? { info: info.value } : {}),
      ...(studio.ok ? { studio: studio.value } : {}),
      loadError: firstError && !firstError.ok ? firstError.error : null,
    });
  };

  const offState = connection.onState((state) => {
    if (state === 'unauthorized' || state === 'revoked') {
      // A refused token must not leave earlier data on screen.
      update({ connection: state, reconnecting: false, settings: null, secrets: null, info: null, studio: null });
      return;
    }
    const wasReconnecting = snapshot.reconnecting;
    const reconnecting = state === 'disconnected' || (wasReconnecting && state === 'connecting');
    update({ connection: state, reconnecting });
    if (state === 'connected' && wasReconnecting) void load();
  });
  const offSettings = api.on('settings:changed', (settings) => update({ settings }));
  const offSecrets = api.on('secrets:changed', (secrets) => update({ secrets }));
  const offStudio = api.on('studio:status', (studio) => update({ studio }));
  void load();

  return {
    api,
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async saveSettings(settings) {
      const r = await api.call('settings:save', settings);
      if (r.ok) update({ settings: r.value });
      return r;
    },
    async setSecret(name, value) {
      const r = await api.call('secrets:set', { name, value });
      if (r.ok) mergeSecret(r.value);
      return r;
    },
    async clearSecret(name) {
      const r = await api.call('secrets:clear', { name });
      if (r.ok) mergeSecret(r.value);
      return r;
    },
    dispose() {
      offState();
      offSettings();
      offSecrets();
      offStudio();
      listeners.clear();
    },
  };
}
