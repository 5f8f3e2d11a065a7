// Builds the Node-side services shared by every entry point (Electron main, web mode, CLI) from
// a data dir and a SecretStore. Each composition root adds what only it has (windows, sockets).
import { createDispatcher, EventHub, type Dispatcher, type Handlers } from '../shared/rpc';
import type { AppInfo, TransportKind } from '../shared/contract';
import { SECRET_NAMES, type SecretStore } from '../shared/secrets';
import { foundationHandlers } from './app/appHandlers';
import { createLogger, SecretRegistry, type Logger } from './infra/logger';
import { nodeCrypto, systemClock } from './infra/nodeCrypto';
import { logDirOf } from './infra/paths';
import { SettingsStore } from './infra/settingsStore';
import type { DataFolderLock } from './infra/dataFolderLock';
import type { StreamSnapshot } from '../shared/domain/broadcast/snapshot';
import { StudioSupervisor } from './studio/studioSupervisor';
import { RoomService } from './room/roomService';
import { roomHandlers } from './room/roomHandlers';
import { ViewerDelayProbe } from './broadcast/viewerDelayProbe';
import { BroadcastService, locateFfmpeg } from './broadcast';
import { broadcastHandlers } from './broadcast/broadcastHandlers';
import { AutoPause, roomStatusPort } from './broadcast/autoPause';
import { ShowRecorder } from './show/showRecorder';
import { showHandlers } from './show/showHandlers';
import type { AutoPauseSnapshot } from '../shared/roomContract';
import path from 'node:path';
import { CallbacksTarget } from './moderation/callbacksTarget';
import { promotionHandlers } from './room/promotionHandlers';
import { moderationHandlers, preflight } from './moderation/moderationHandlers';
import type { SettingsState } from '../shared/settings';
import { ModeRooms } from './room/modeRooms';
import { settingsSaver } from './app/saveSettings';
import { followMode, studioHandlers } from './studio/studioHandlers';
import { version as packageVersion } from '../../package.json';
import { Team } from './team/team';
import { ackKeyOf, type Operator } from '../shared/teamContract';

/** Who the journal names for the room's own automatic status changes. */
const AUTO_PAUSE_OPERATOR: Operator = { id: 'auto-pause', name: 'Auto-pause', role: 'host' };
import { teamHandlers } from './team/teamHandlers';

/** The app's version, from package.json (one place to bump). */
export const APP_VERSION: string = packageVersion;

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
  /** The data folder's lock: the studio's and ffmpeg's PIDs are recorded in it while they run. */
  lock?: Pick<DataFolderLock, 'setChild'>;
  /** Web mode issues invite links for operators; the desktop window is the host alone. */
  invites?: boolean;
}

export interface NodeServices {
  log: Logger;
  settings: SettingsStore;
  events: EventHub;
  dispatcher: Dispatcher;
  info: AppInfo;
  studio: StudioSupervisor | undefined;
  room: RoomService;
  /** Operators: the journal, the one room state, invites. */
  team: Team;
  /** The broadcast's current snapshot (the desktop app asks before closing while live). */
  broadcastState(): StreamSnapshot;
  /** Where show reports are (web mode serves them by id). */
  recordingsDir: string;
  /** The show recorder's inputs, for samples that come from elsewhere (the viewer delay). */
  shows: ShowRecorder;
  /** The viewer-delay probe: `viewerDelay.onSample(fn)` gets one sample a second while live. */
  viewerDelay: ViewerDelayProbe;
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
        onPid: (pid) => o.lock?.setChild('studio', pid),
        onSecrets: (k, p) => (registry.add(k), registry.add(p)),
      })
    : undefined;
  const callbacks = new CallbacksTarget({ settings: () => settings.get().settings, secrets: o.secrets, studio });
  const saveSettings = settingsSaver({ settings, modeRooms: new ModeRooms(o.dataDir), log, events });
  const room = new RoomService({
    settings,
    secrets: o.secrets,
    studio,
    crypto: nodeCrypto,
    clock: systemClock,
    log: log.child({ part: 'room' }),
    dataDir: o.dataDir,
    preflight: async (text, what) => preflight(await callbacks.optional(), text, what),
    saveSettings,
    ...(o.copyToClipboard ? { copyToClipboard: o.copyToClipboard } : {}),
    ...(o.fetch ? { fetch: o.fetch } : {}),
    probeCallbacks: () => callbacks.probe(),
  });
  const team = new Team({
    dataDir: o.dataDir,
    clock: systemClock,
    log: log.child({ part: 'team' }),
    events,
    show: () => room.currentGroupId(),
    userIdOf: (op) => room.userIdOf(op),
  });
  const recordingsDir = o.recordingsDir ?? path.join(o.dataDir, 'recordings');
  const resolveFfmpeg = () => locateFfmpeg({ ...(o.ffmpegPath ? { settingPath: o.ffmpegPath } : {}) });
  // How late viewers see the picture: the room's FLV play URL pulled while the broadcast is on.
  const viewerDelay = new ViewerDelayProbe({ clock: systemClock, playUrl: () => room.playFlvUrl() });
  const broadcast = new BroadcastService({
    viewerDelay: () => (viewerDelay.active ? viewerDelay.view() : null),
    log: log.child({ part: 'broadcast' }),
    clock: systemClock,
    resolveFfmpeg,
    recordingsDir,
    onState: (snapshot) => events.emit('broadcast:state', snapshot),
    resolvePushKey: () => o.secrets.get('lvb.pushKey'),
    onFfmpegPid: (pid) => o.lock?.setChild('ffmpeg', pid),
    onPusherPid: (pid) => o.lock?.setChild('pusher', pid),
  });
  // The room pauses itself while the push is down (settings.broadcast.autoPause), from the same
  // snapshots the console gets.
  const autoPause = new AutoPause({
    settings: () => settings.get().settings.broadcast.autoPause,
    ...roomStatusPort({
      info: () => room.info(),
      // The automatic status is an action like any other: journaled, acknowledged, attributed.
      setStatus: async (status) => {
        const ack = await team.journaled({ operator: AUTO_PAUSE_OPERATOR, kind: 'automated', request: { status }, ackKey: ackKeyOf.status(status) }, () => room.setStatus(status));
        team.hub.attribute('status', status, AUTO_PAUSE_OPERATOR);
        return { ...ack, response: null };
      },
    }),
    clock: systemClock,
    log: log.child({ part: 'autoPause' }),
    onChange: (snapshot) => events.emit('room:autoPause', snapshot),
  });
  events.add({ emit: (name, payload) => name === 'broadcast:state' && autoPause.onBroadcast(payload as StreamSnapshot) });
  // The show's timeline from the same events, written as a report (and chapters) when it stops.
  const shows = new ShowRecorder({
    recordingsDir,
    log: log.child({ part: 'show' }),
    language: () => settings.get().settings.language,
    chapters: { ffmpegPath: async () => ((l) => (l.ok ? l.value.path : null))(await resolveFfmpeg()) },
    onWritten: (w) => events.emit('show:written', w.summary),
  });
  events.add({
    emit: (name, payload) => {
      if (name === 'broadcast:state') shows.broadcast(payload as StreamSnapshot);
      else if (name === 'room:autoPause') shows.autoPause(payload as AutoPauseSnapshot);
    },
  });
  events.add({
    emit: (name, payload) => {
      if (name !== 'broadcast:state') return;
      const kind = (payload as StreamSnapshot).state.kind;
      if (kind === 'live') viewerDelay.start();
      else if (kind === 'ended' || kind === 'failed' || kind === 'idle') void viewerDelay.stop();
    },
  });
  // The show report charts the measured delay (null where it could not be measured).
  viewerDelay.onSample((d) => shows.viewerDelay(d.at, d.status === 'ok' && d.viewerS !== null ? Math.round(d.viewerS * 1000) : null));
  const { dispose: disposePromotions, ...promotions } = promotionHandlers({ room, team, callbacks: () => callbacks.client(), log });
  const handlers: Handlers = {
    ...roomHandlers(room, autoPause, team, shows, undefined, (cueId) => (settings.get().settings.broadcast.alignPopups ? broadcast.cue(cueId) : null)),
    ...teamHandlers(team, { invitesSupported: o.invites ?? false }),
    ...showHandlers({ recordingsDir, transport: o.transport, openPath: o.openFolder }),
    ...broadcastHandlers(broadcast, { resolveTarget: (kind) => room.pushTarget(kind), settings: () => settings.get().settings }),
    ...moderationHandlers(() => callbacks.client()),
    ...promotions,
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
      studioPushPreview: () => room.studioPushPreview(),
    }),
    ...studioHandlers(studio, () => settings.get().settings.mode),
  };
  events.add({ emit: (name, payload) => name === 'settings:changed' && followMode(studio, (payload as SettingsState).settings.mode) });
  followMode(studio, settings.get().settings.mode);
  const dispatcher = createDispatcher(
    handlers,
    (e) => (e.ok ? log.debug(e, 'command') : log.info(e, 'command failed')),
    () => performance.now(),
  );
  return {
    log,
    settings,
    events,
    dispatcher,
    info,
    studio,
    room,
    team,
    broadcastState: () => broadcast.getState(),
    recordingsDir,
    shows,
    /** The viewer-delay probe: `viewerDelay.onSample(fn)` for one sample a second while live. */
    viewerDelay,
    // The broadcast and the studio stop side by side, each on its own escalation (ffmpeg: q, TERM,
    // KILL; the studio: TERM, KILL), so quitting while live takes the longer of the two, not both.
    dispose: async () => {
      autoPause.dispose();
      disposePromotions();
      await Promise.allSettled([broadcast.dispose(), studio?.stop(), viewerDelay.stop()]);
      team.dispose();
      await shows.dispose();
    },
  };
}
