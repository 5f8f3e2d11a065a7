// Handlers for the Foundation commands (app info, settings, secrets, logs, push-URL preview: the
// LVB URL from settings, or in Local studio mode the studio ingest's, where Go Live pushes).
// One implementation serves Electron main and web mode; each composition root passes its own
// SecretStore, event sink and "open folder" capability.
import { AppError } from '../../shared/errors';
import type { AppInfo, PushUrlPreview } from '../../shared/contract';
import type { Clock, CryptoPort } from '../../shared/domain/cryptoPort';
import { maskSecretsInUrl } from '../../shared/domain/lvbAuth';
import type { EventSink, Handlers } from '../../shared/rpc';
import { maskSecret, SECRET_NAMES, type SecretName, type SecretStatus, type SecretStore } from '../../shared/secrets';
import type { Logger } from '../infra/logger';
import type { SecretRegistry } from '../infra/logger';
import type { SettingsStore } from '../infra/settingsStore';
import type { SettingsState } from '../../shared/settings';
import { signLvbPush, streamNameOf } from '../broadcast/pushTargets';

export type FoundationCommands =
  | 'app:getInfo'
  | 'settings:get'
  | 'settings:save'
  | 'secrets:list'
  | 'secrets:set'
  | 'secrets:clear'
  | 'logs:openFolder'
  | 'lvb:previewPushUrl';

export interface FoundationDeps {
  info: AppInfo;
  settings: SettingsStore;
  secrets: SecretStore;
  events: EventSink;
  crypto: CryptoPort;
  clock: Clock;
  log: Logger;
  registry: SecretRegistry;
  /** Opens a folder in the OS file manager; false where that is impossible (web mode). */
  openFolder(path: string): Promise<boolean>;
  /** Validates, persists and announces settings (shared with the room service). */
  saveSettings(next: unknown): SettingsState;
  /** In Local studio mode the preview is where Go Live pushes: the studio's ingest (pushTargets via the room service). */
  studioPushPreview(): Promise<PushUrlPreview>;
}

export async function secretStatuses(store: SecretStore): Promise<SecretStatus[]> {
  return Promise.all(SECRET_NAMES.map((name) => secretStatus(store, name)));
}

async function secretStatus(store: SecretStore, name: SecretName): Promise<SecretStatus> {
  const value = await store.get(name);
  return { name, set: Boolean(value), masked: maskSecret(value) };
}

export function foundationHandlers(d: FoundationDeps): Pick<Handlers, FoundationCommands> {
  const secretsChanged = async () => d.events.emit('secrets:changed', await secretStatuses(d.secrets));
  return {
    'app:getInfo': () => d.info,
    'settings:get': () => d.settings.get(),
    'settings:save': (next) => d.saveSettings(next),
    'secrets:list': () => secretStatuses(d.secrets),
    'secrets:set': async ({ name, value }) => {
      d.registry.add(value);
      await d.secrets.set(name, value);
      d.log.info({ secret: name }, 'secret stored');
      await secretsChanged();
      return secretStatus(d.secrets, name);
    },
    'secrets:clear': async ({ name }) => {
      await d.secrets.delete(name);
      d.log.info({ secret: name }, 'secret cleared');
      await secretsChanged();
      return secretStatus(d.secrets, name);
    },
    'logs:openFolder': async () => ({ path: d.info.logDir, opened: await d.openFolder(d.info.logDir) }),
    'lvb:previewPushUrl': async ({ validHours }) => {
      const settings = d.settings.get().settings;
      if (settings.mode === 'studio') return d.studioPushPreview();
      const { lvb } = settings;
      // Without a stream name of its own, the room's (as Go Live and the Room dialog use).
      const streamName = lvb.streamName || (settings.room.groupId ? streamNameOf(settings, settings.room.groupId) : '');
      if (!lvb.pushDomain || !streamName) {
        throw new AppError('SETTINGS_INVALID', 'Set the LVB push domain and the room (or a stream name) in Settings first');
      }
      const key = await d.secrets.get('lvb.pushKey');
      if (!key) throw new AppError('SECRET_MISSING', 'Set the LVB push key in Settings first');
      d.registry.add(key);
      const expiresAt = Math.floor(d.clock.now() / 1000) + validHours * 3600;
      const urls = signLvbPush(d.crypto, {
        domain: lvb.pushDomain,
        appName: lvb.appName,
        streamName,
        key,
        expiresAt,
      });
      return { maskedUrl: maskSecretsInUrl(urls.rtmp), expiresAt };
    },
  };
}
