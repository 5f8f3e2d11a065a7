// Builds the Node-side services shared by every entry point (Electron main, web mode, CLI) from
// a data dir and a SecretStore. Each composition root adds what only it has (windows, sockets).
import { createDispatcher, EventHub, type Dispatcher, type Handlers } from '../shared/rpc';
import type { AppInfo, TransportKind } from '../shared/contract';
import { SECRET_NAMES, type SecretStore } from '../shared/secrets';
import { foundationHandlers } from './appHandlers';
import { createLogger, SecretRegistry, type Logger } from './logger';
import { nodeCrypto, systemClock } from './nodeCrypto';
import { logDirOf } from './paths';
import { SettingsStore } from './settingsStore';
import { StudioSupervisor } from './studioSupervisor';
import { RoomService } from './room/roomService';
import { roomHandlers } from './room/roomHandlers';
import { BroadcastService, locateFfmpeg } from './broadcast';
import { broadcastHandlers } from './broadcast/broadcastHandlers';
import path from 'node:path';
import { CallbacksAdminClient } from './callbacksAdminClient';
import { moderationHandlers, preflight } from './moderationHandlers';
import { AppError } from '../shared/errors';
import { settingsSchema, type SettingsState } from '../shared/settings';
import { ModeRooms } from './room/modeRooms';
import { detail as connectionDetail } from './room/connectionChecks';

export const APP_VERSION = '0.1.0';

export interface NodeServicesOptions {
  dataDir: string;
  transport: TransportKind;
  secrets: SecretStore;
  openFolder(path: string): Promise<boolean>;
  /**
   * How to run the local studio as a child process (argv). Omitted: the studio is not managed
   * here (tests, CLI). It runs while settings.mode is 'studio'.
   */
  studioCommand?: string[];
  studioEnv?: NodeJS.ProcessEnv;
  /** ffmpeg chosen by the user (else ffmpeg-static, else PATH). */
  ffmpegPath?: string;
  /** Where local recordings go (default <dataDir>/recordings). */
  recordingsDir?: string;
  /** Supply a logger (tests); otherwise one writing to <dataDir>/logs. */
  log?: Logger;
  platform?: string;
  /** Electron: write the clipboard in main (the real push URL never reaches the renderer). */
  copyToClipboard?: (text: string) => Promise<boolean>;
  /** Outgoing HTTP for the IM REST client and UserSig endpoint (tests redirect it). */
  fetch?: typeof fetch;
}

export interface NodeServices {
  log: Logger;
  settings: SettingsStore;
  events: EventHub;
  dispatcher: Dispatcher;
  info: AppInfo;
  studio: StudioSupervisor | undefined;
  room: RoomService;
  dispose(): Promise<void>;
}

export async function createNodeServices(o: NodeServicesOptions): Promise<NodeServices> {
  const registry = new SecretRegistry();
  const logDir = logDirOf(o.dataDir);
  const log = o.log ?? createLogger({ dir: logDir });
  // Known secret values are scrubbed literally from every log line, on top of the patterns.
  for (const name of SECRET_NAMES) {
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
  const studio = o.studioCommand
    ? new StudioSupervisor({
        command: o.studioCommand,
        ...(o.studioEnv ? { env: o.studioEnv } : {}),
        log: log.child({ part: 'studio' }),
        onStatus: (s) => events.emit('studio:status', s),
        onSecrets: (k, p) => (registry.add(k), registry.add(p)),
      })
    : undefined;
  const applyMode = (mode: string) => {
    if (!studio) return;
    if (mode === 'studio') studio.start();
    else void studio.stop();
  };
  // The callbacks admin API: the studio's embedded service in studio mode, the merchant's
  // deployment (settings.callbacks.adminUrl + the callbacks.adminToken secret) in Tencent mode.
  let adminClient: { key: string; client: CallbacksAdminClient } | undefined;
  const callbacksAdmin = async (): Promise<CallbacksAdminClient> => {
    const s = settings.get().settings;
    let url: string | undefined;
    let token: string | undefined;
    if (s.mode === 'studio') {
      url = studio?.get().info?.callbacksUrl ?? undefined;
      token = studio?.credentials()?.callbacksAdminToken ?? undefined;
      if (!url || !token) throw new AppError('CALLBACKS_UNAVAILABLE', 'The local studio is not running, so word lists and levels are unavailable');
    } else {
      url = s.callbacks.adminUrl.replace(/\/+$/, '') || undefined;
      token = await o.secrets.get('callbacks.adminToken');
      if (!url || !token) {
        throw new AppError('CALLBACKS_UNAVAILABLE', 'No callbacks service: set its admin URL and admin token in Settings (docs/callbacks.md)');
      }
    }
    const key = `${url}|${token}`;
    if (adminClient?.key !== key) adminClient = { key, client: new CallbacksAdminClient(url, token) };
    return adminClient.client;
  };
  const optionalAdmin = () => callbacksAdmin().catch(() => undefined);
  const modeRooms = new ModeRooms(o.dataDir);
  const saveSettings = (next: unknown) => {
    const parsed = settingsSchema.safeParse(next);
    const state = settings.save(parsed.success ? modeRooms.apply(settings.get().settings, parsed.data) : next);
    log.info({ profile: state.settings.profileName, mode: state.settings.mode }, 'settings saved');
    events.emit('settings:changed', state);
    return state;
  };
  const room = new RoomService({
    settings,
    secrets: o.secrets,
    studio,
    crypto: nodeCrypto,
    clock: systemClock,
    log: log.child({ part: 'room' }),
    dataDir: o.dataDir,
    preflight: async (text, what) => preflight(await optionalAdmin(), text, what),
    saveSettings,
    ...(o.copyToClipboard ? { copyToClipboard: o.copyToClipboard } : {}),
    ...(o.fetch ? { fetch: o.fetch } : {}),
    probeCallbacks: async () => {
      const s = settings.get().settings;
      if (s.mode === 'tencent' && !s.callbacks.adminUrl) {
        return { skip: 'no callbacks service configured: word filtering and levels are off (docs/callbacks.md)', message: connectionDetail('callbacks.none') };
      }
      const client = await callbacksAdmin();
      const lists = await client.lists();
      const where = s.mode === 'studio' ? 'embedded in the local studio' : new URL(s.callbacks.adminUrl).host;
      const message =
        s.mode === 'studio' ? connectionDetail('callbacks.embedded', { lists: lists.length }) : connectionDetail('callbacks.remote', { host: where, lists: lists.length });
      return { ok: `${where}: admin API answered, ${lists.length} word list(s)`, message };
    },
  });
  const broadcast = new BroadcastService({
    log: log.child({ part: 'broadcast' }),
    clock: systemClock,
    resolveFfmpeg: () => locateFfmpeg({ ...(o.ffmpegPath ? { settingPath: o.ffmpegPath } : {}) }),
    recordingsDir: o.recordingsDir ?? path.join(o.dataDir, 'recordings'),
    onState: (snapshot) => events.emit('broadcast:state', snapshot),
    resolvePushKey: () => o.secrets.get('lvb.pushKey'),
  });
  const handlers: Handlers = {
    ...roomHandlers(room),
    ...broadcastHandlers(broadcast, { resolveTarget: (kind) => room.pushTarget(kind), settings: () => settings.get().settings }),
    ...moderationHandlers(callbacksAdmin),
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
      saveSettings,
    }),
    'studio:getStatus': () => studio?.get() ?? { state: 'off', restarts: 0, lastError: 'The studio is not managed by this process' },
    'studio:restart': async () => {
      if (!studio) throw new AppError('NOT_SUPPORTED', 'The studio is not managed by this process');
      if (settings.get().settings.mode !== 'studio') throw new AppError('NOT_SUPPORTED', 'Switch the profile to Local studio mode first');
      return studio.restart();
    },
  };
  events.add({ emit: (name, payload) => name === 'settings:changed' && applyMode((payload as SettingsState).settings.mode) });
  applyMode(settings.get().settings.mode);
  const dispatcher = createDispatcher(
    handlers,
    (e) => (e.ok ? log.debug(e, 'command') : log.info(e, 'command failed')),
    () => performance.now(),
  );
  return { log, settings, events, dispatcher, info, studio, room, dispose: async () => {
      await broadcast.dispose();
      await studio?.stop();
    },
  };
}
