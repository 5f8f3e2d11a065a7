// THE list of commands (renderer → main) and events (main → renderer). Both transports (Electron
// IPC and web-mode WebSocket) are generic over these two maps; a command without a handler fails
// `tsc`. Requests are zod schemas parsed on the receiving side; results are type-only.
import { z } from 'zod';
import { secretNameSchema, type SecretStatus } from './secrets';
import { settingsSaveSchema, type SettingsState } from './settings';
import type { StudioStatus } from './studioStatus';
import { roomRequests, type AdminAck, type AutoPauseSnapshot, type ConnectionReport, type RoomInfo, type RoomSession, type RoomUrls } from './roomContract';
import { startRequestSchema, type ProbeResult } from './broadcastContract';
import { promotionRequests, type CouponAck, type FlashSaleAck, type LuckyBagAck, type PromotionLedger, type BagEntrants } from './promotionsContract';
import { showIdSchema, type ShowSummary } from './domain/show/showData';
import type { CaptureDevice, StreamSnapshot } from './domain/broadcast';
import {
  moderationRequests,
  type FilterCheck,
  type LevelRules,
  type Standing,
  type WordListSummary,
  type CallbacksHealth,
} from './moderationContract';
import {
  feedSchema,
  journalExportSchema,
  journalFilterSchema,
  teamRequests,
  type InviteSummary,
  type JournalEntry,
  type SessionClaim,
  type TeamOverview,
  type TeamRoomState,
  type WhoAmI,
} from './teamContract';

/** Phantom marker for a result/payload type (no runtime value needed). */
const returns = <T>(): T => undefined as unknown as T;

const empty = z.object({}).strict();

export interface AppInfo {
  name: string;
  version: string;
  transport: TransportKind;
  platform: string;
  dataDir: string;
  logDir: string;
  /** How secrets are protected on this host, e.g. "OS keychain (safeStorage)". */
  secretProtection: string;
}

export type TransportKind = 'electron' | 'web';

export interface PushUrlPreview {
  /** The RTMP push URL with txSecret masked. */
  maskedUrl: string;
  /** Expiry as Unix seconds. */
  expiresAt: number;
}

export const commands = {
  'app:getInfo': { request: empty, result: returns<AppInfo>() },
  'settings:get': { request: empty, result: returns<SettingsState>() },
  'settings:save': { request: settingsSaveSchema, result: returns<SettingsState>() },
  'secrets:list': { request: empty, result: returns<SecretStatus[]>() },
  'secrets:set': {
    request: z
      .object({ name: secretNameSchema, value: z.string().trim().min(1).max(4096) })
      .strict(),
    result: returns<SecretStatus>(),
  },
  'secrets:clear': { request: z.object({ name: secretNameSchema }).strict(), result: returns<SecretStatus>() },
  'logs:openFolder': { request: empty, result: returns<{ path: string; opened: boolean }>() },
  'studio:getStatus': { request: empty, result: returns<StudioStatus>() },
  'studio:restart': { request: empty, result: returns<StudioStatus>() },
  'room:getSession': { request: roomRequests.getSession, result: returns<RoomSession>() },
  'room:launchProduct': { request: roomRequests.launchProduct, result: returns<AdminAck>() },
  'room:unpinProduct': { request: empty, result: returns<AdminAck>() },
  'room:setStatus': { request: roomRequests.setStatus, result: returns<AdminAck>() },
  'room:announce': { request: roomRequests.announce, result: returns<AdminAck>() },
  'room:launchGifts': { request: roomRequests.launchGifts, result: returns<AdminAck>() },
  'room:mute': { request: roomRequests.mute, result: returns<AdminAck>() },
  'room:announceVerified': { request: roomRequests.announceVerified, result: returns<AdminAck>() },
  'room:onlineCount': { request: empty, result: returns<{ count: number }>() },
  'room:create': { request: roomRequests.create, result: returns<RoomInfo>() },
  'room:use': { request: roomRequests.use, result: returns<RoomInfo>() },
  'room:info': { request: empty, result: returns<RoomInfo>() },
  'room:urls': { request: empty, result: returns<RoomUrls>() },
  /** Copies the real push URL: main writes the clipboard where it can (Electron); web mode gets the URL back. */
  'room:copyPushUrl': { request: z.object({ part: z.enum(['url', 'streamKey']).default('url') }).strict(), result: returns<{ copied: boolean; text?: string }>() },
  'room:testConnection': { request: empty, result: returns<ConnectionReport>() },
  'room:saveState': { request: roomRequests.saveState, result: returns<{ saved: true }>() },
  'room:loadState': { request: roomRequests.loadState, result: returns<{ state: unknown }>() },
  /** The automatic room status while the push is down, with its journal (a reloaded console catches up). */
  'room:getAutoPause': { request: empty, result: returns<AutoPauseSnapshot>() },
  /** The callbacks service's protection and the requests it refused (wrong token, SdkAppid, stale RequestTime). */
  'promo:startFlashSale': { request: promotionRequests.startFlashSale, result: returns<FlashSaleAck>() },
  'promo:stopFlashSale': { request: promotionRequests.stopFlashSale, result: returns<AdminAck>() },
  'promo:dropCoupon': { request: promotionRequests.dropCoupon, result: returns<CouponAck>() },
  'promo:endCoupon': { request: promotionRequests.endCoupon, result: returns<AdminAck>() },
  'promo:startLuckyBag': { request: promotionRequests.startLuckyBag, result: returns<LuckyBagAck>() },
  'promo:pinComment': { request: promotionRequests.pinComment, result: returns<AdminAck>() },
  'promo:unpinComment': { request: empty, result: returns<AdminAck>() },
  'promo:ledger': { request: empty, result: returns<PromotionLedger>() },
  'promo:entrants': { request: promotionRequests.entrants, result: returns<BagEntrants>() },
  'moderation:health': { request: empty, result: returns<CallbacksHealth>() },
  'moderation:lists': { request: empty, result: returns<WordListSummary[]>() },
  'moderation:importList': { request: moderationRequests.importList, result: returns<WordListSummary>() },
  'moderation:exportList': { request: moderationRequests.listId, result: returns<{ text: string }>() },
  'moderation:deleteList': { request: moderationRequests.listId, result: returns<{ deleted: boolean }>() },
  'moderation:check': { request: moderationRequests.check, result: returns<FilterCheck>() },
  'levels:getRules': { request: empty, result: returns<LevelRules>() },
  'levels:setRules': { request: moderationRequests.setRules, result: returns<LevelRules>() },
  'levels:top': { request: moderationRequests.top, result: returns<Standing[]>() },
  'levels:user': { request: moderationRequests.user, result: returns<Standing | null>() },
  'levels:of': { request: moderationRequests.levelsOf, result: returns<Record<string, number>>() },
  'broadcast:getState': { request: empty, result: returns<StreamSnapshot>() },
  'broadcast:probe': { request: empty, result: returns<ProbeResult>() },
  'broadcast:listDevices': { request: empty, result: returns<CaptureDevice[]>() },
  'broadcast:start': { request: startRequestSchema, result: returns<StreamSnapshot>() },
  'broadcast:stop': { request: empty, result: returns<StreamSnapshot>() },
  'broadcast:retryNow': { request: empty, result: returns<StreamSnapshot>() },
  /** Past shows whose report is in the recordings folder, newest first. */
  'show:list': { request: empty, result: returns<ShowSummary[]>() },
  /** Opens a listed show's report: Electron in the OS browser; web mode answers the page's address to open. */
  'show:open': { request: z.object({ id: showIdSchema }).strict(), result: returns<{ opened: boolean; url: string | null }>() },
  'lvb:previewPushUrl': {
    request: z.object({ validHours: z.number().int().min(1).max(24 * 30).default(24) }).strict(),
    result: returns<PushUrlPreview>(),
  },
  /** Who this console is (operator, connection). */
  'team:whoami': { request: empty, result: returns<WhoAmI>() },
  /** The one room state (a late console asks once, then follows `team:state`). */
  'team:state': { request: empty, result: returns<TeamRoomState>() },
  /** The feeding console's IM session reports what it reduced and which tips it saw (acknowledgements). */
  'team:feed': { request: feedSchema, result: returns<{ acknowledged: number }>() },
  /** Asks for this operator's IM login; `takeOver` moves it from another tab (which is told to sign out). */
  'team:claimSession': { request: teamRequests.claimSession, result: returns<SessionClaim>() },
  /** The console signed out of IM (it was taken over, or it closes the room): the login is free or handed over. */
  'team:releaseSession': { request: empty, result: returns<{ released: boolean }>() },
  'team:journal': { request: journalFilterSchema, result: returns<JournalEntry[]>() },
  'team:exportJournal': { request: journalExportSchema, result: returns<{ filename: string; mime: string; text: string }>() },
  /** Invites and connected consoles (host only). */
  'team:overview': { request: empty, result: returns<TeamOverview>() },
  /** Issues a signed, expiring invite for an operator (host only); `link` is a path on web mode's address, shown once. */
  'team:invite': { request: teamRequests.invite, result: returns<{ invite: InviteSummary; link: string }>() },
  /** Revokes an invite: its consoles are disconnected at once. */
  'team:revoke': { request: teamRequests.revoke, result: returns<InviteSummary>() },
} as const;

export const events = {
  'settings:changed': returns<SettingsState>(),
  'secrets:changed': returns<SecretStatus[]>(),
  'studio:status': returns<StudioStatus>(),
  'broadcast:state': returns<StreamSnapshot>(),
  'room:autoPause': returns<AutoPauseSnapshot>(),
  /** The one room state, whole, after every change (snapshots; the journal rides as deltas below). */
  'team:state': returns<TeamRoomState>(),
  /** One journal entry, new or updated (answered, acknowledged). */
  'team:journal': returns<JournalEntry>(),
  /** Invites and consoles changed (host consoles only). */
  'team:overview': returns<TeamOverview>(),
  /** A show's report was written after the broadcast stopped. */
  'show:written': returns<ShowSummary>(),
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type EventName = keyof typeof events;

/** What the caller passes (defaults may be omitted). */
export type CommandRequest<K extends CommandName> = z.input<Commands[K]['request']>;
/** What the handler receives after parsing. */
export type CommandArgs<K extends CommandName> = z.output<Commands[K]['request']>;
export type CommandResult<K extends CommandName> = Commands[K]['result'];
export type EventPayload<E extends EventName> = (typeof events)[E];

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export const isCommandName = (name: unknown): name is CommandName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);

export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);

/** IPC channel carrying an event (commands use their own name as the channel). */
export const eventChannel = (name: EventName): string => `event:${name}`;
