// Builds the Node-side services shared by every entry point (Electron main, web mode, CLI) from
// a data dir and a SecretStore. Each composition root adds what only it has (windows, sockets).
import { createDispatcher, EventHub, type Dispatcher, type Handlers } from '../shared/rpc';
import type { AppInfo, TransportKind } from '../shared/contract';
import type { SecretStore } from '../shared/secrets';
import { foundationHandlers } from './appHandlers';
import { createLogger, SecretRegistry, type Logger } from './logger';
import { nodeCrypto, systemClock } from './nodeCrypto';
import { logDirOf } from './paths';
import { SettingsStore } from './settingsStore';

export const APP_VERSION = '0.1.0';

export interface NodeServicesOptions {
  dataDir: string;
  transport: TransportKind;
  secrets: SecretStore;
  openFolder(path: string): Promise<boolean>;
  /** Supply a logger (tests); otherwise one writing to <dataDir>/logs. */
  log?: Logger;
  platform?: string;
}

export interface NodeServices {
  log: Logger;
  settings: SettingsStore;
  events: EventHub;
  dispatcher: Dispatcher;
  info: AppInfo;
  dispose(): Promise<void>;
}

export async function createNodeServices(o: NodeServicesOptions): Promise<NodeServices> {
  const registry = new SecretRegistry();
  const logDir = logDirOf(o.dataDir);
  const log = o.log ?? createLogger({ dir: logDir });
  // Known secret values are scrubbed literally from every log line, on top of the patterns.
  for (const name of ['im.secretKey', 'lvb.pushKey', 'lvb.playKey'] as const) {
    try {
      registry.add(await o.secrets.get(name));
    } catch (e) {
      log.warn({ err: e }, 'secret store unreadable');
    }
  }
  const settings = new SettingsStore(o.dataDir);
  for (const p of settings.get().problems) log.warn({ problem: p.kind, backup: p.backupPath }, p.message);
  const events = new EventHub();
  const info: AppInfo = {
    name: 'Stageside',
    version: APP_VERSION,
    transport: o.transport,
    platform: o.platform ?? process.platform,
    dataDir: o.dataDir,
    logDir,
    secretProtection: o.secrets.protection,
  };
  const handlers: Handlers = {
    ...foundationHandlers({
      info,
      settings,
      secrets: o.secrets,
      events,
      crypto: nodeCrypto,
      clock: systemClock,
      log,
      registry,
      openFolder: o.openFolder,
    }),
  };
  const dispatcher = createDispatcher(
    handlers,
    (e) => (e.ok ? log.debug(e, 'command') : log.info(e, 'command failed')),
    () => performance.now(),
  );
  return { log, settings, events, dispatcher, info, dispose: async () => undefined };
}
