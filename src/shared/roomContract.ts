// Request schemas and result types of the live-room commands (kept apart from contract.ts so
// the contract stays a readable index). Wire values follow im-live-sells.
import { z } from 'zod';
import { giftCatalogSchema, launchedProductSchema, ROOM_STATUSES, type RoomStatus } from './domain/liveCommerce';
import { groupIdSchema, userIdSchema } from './settings';
import { LIMITS, utf8Bytes } from './tencent/limits';
import type { Operator } from './teamContract';

export const roomRoleSchema = z.enum(['host', 'assistant']);
export type RoomRole = z.infer<typeof roomRoleSchema>;

/** What the renderer needs to open the room with the TIM API. The UserSig is the host's, issued by main. */
export interface RoomSession {
  mode: 'studio' | 'tencent';
  sdkAppId: number;
  /** Studio only: the realtime WebSocket of the TIM-compatible client. */
  realtimeUrl: string | null;
  groupId: string;
  userId: string;
  userSig: string;
  /** Unix seconds. */
  userSigExpiresAt: number;
  adminIdentifier: string;
  viewerUrl: string | null;
  /** The operator this console signs in as (name and role ride on its chat messages). */
  operator?: Operator;
}

/** The room as Tencent (or the studio) reports it (`get_group_info`). */
export interface RoomInfo {
  groupId: string;
  type: string;
  name: string;
  owner: string;
  notification: string;
  /** Unix seconds; null when not reported. */
  createdAt: number | null;
  /** `get_online_member_num`; null when the call failed (e.g. not an AVChatRoom). */
  online: number | null;
  /** The app's custom group fields present on the room (room_status, add_goods, gift_catalog). */
  fields: Record<string, string>;
  /** Whether the console's host UserID owns the room. */
  hostIsOwner: boolean;
}

/** Where viewers watch and where the host pushes, for the room in settings (CSS push/playback URLs). */
export interface RoomUrls {
  mode: 'studio' | 'tencent';
  streamName: string;
  /** Viewer playback (signed with the play key when one is set); null with `playProblem` when unknown. */
  play: { flv: string; hls: string | null; webrtc: string | null; rtmp: string | null; signed: boolean; expiresAt: number | null } | null;
  playProblem: string | null;
  /** The push URL with txSecret / stream key masked; the real one only via `room:copyPushUrl`. */
  push: { target: 'studio' | 'lvb' | 'rtmp'; maskedUrl: string; obsServer: string; maskedStreamKey: string; expiresAt: number | null } | null;
  pushProblem: string | null;
  /** The studio's viewer page for this room (studio mode). */
  viewerPage: string | null;
}

export type ConnectionCheckId = 'settings' | 'usersig' | 'rest' | 'room' | 'customFields' | 'pushUrl' | 'playUrl' | 'callbacks';

/**
 * The details main composes itself, by key (the renderer words them in the UI language; the
 * English `detail` stays for logs, the CLI and as the fallback). Failures that come from an error
 * text (Tencent's ErrorInfo, a network error) have no key.
 */
export const CONNECTION_DETAIL_KEYS = [
  'settings.studio',
  'settings.studioNoRoom',
  'settings.tencent',
  'settings.tencentNoRoom',
  'settings.studioOff',
  'settings.noSdkAppId',
  'settings.noSecretKey',
  'settings.noUserSigEndpoint',
  'usersig.secretKey',
  'usersig.endpoint',
  'rest.ok',
  'rest.okNoRoom',
  'room.noRoom',
  'room.hostOwner',
  'room.hostOwnerOnline',
  'room.otherOwner',
  'room.otherOwnerOnline',
  'room.notLiveRoom',
  'customFields.set',
  'customFields.missing',
  'pushUrl.noStream',
  'pushUrl.rtmp',
  'pushUrl.signed',
  'pushUrl.studioOff',
  'pushUrl.noRtmpServer',
  'pushUrl.noStreamKey',
  'pushUrl.noPushDomain',
  'pushUrl.noPushKey',
  'playUrl.noStream',
  'playUrl.url',
  'playUrl.signedUrl',
  'playUrl.studioOff',
  'playUrl.rtmp',
  'playUrl.noPlayDomain',
  'callbacks.none',
  'callbacks.embedded',
  'callbacks.remote',
] as const;
export type ConnectionDetailKey = (typeof CONNECTION_DETAIL_KEYS)[number];

export interface ConnectionDetail {
  key: ConnectionDetailKey;
  /** Values only (hosts, ids, counts, durations), never words to translate. */
  params: Record<string, string | number>;
}

/** One line of "Test connection": what was checked, its outcome, and a technical detail (codes, hosts). */
export interface ConnectionCheck {
  id: ConnectionCheckId;
  status: 'ok' | 'fail' | 'skip';
  /** English, always set (logs, CLI, fallback). */
  detail: string;
  /** The same detail by key, when main composed it (not for error texts from Tencent or the network). */
  message?: ConnectionDetail;
  /** Tencent's ErrorCode when the check failed with one. */
  errorCode?: number;
  /** Skipped because this earlier check did not pass (the UI names it by its label). */
  blockedBy?: ConnectionCheckId;
}

export interface ConnectionReport {
  mode: 'studio' | 'tencent';
  at: number;
  checks: ConnectionCheck[];
}

/** Every admin action is acknowledged with Tencent's result and a timestamp. */
export interface AdminAck {
  action: string;
  /** Unix ms when Tencent (or the studio) answered OK. */
  at: number;
  groupId: string;
  /** Launches only: the product parts left out to fit the 512-byte \`add_goods\` field. */
  dropped?: ('link' | 'image')[];
  /** The action's journal entry (its delivery acknowledgement arrives as a \`team:journal\` event). */
  journalId?: number;
}

/**
 * One automatic change of the room status by main when the push dropped or came back
 * (src/node/broadcast/autoPause.ts); `id` grows by one per entry.
 */
export type AutoPauseEntry =
  /** The push had been down for the threshold: room_status set to paused. */
  | { id: number; kind: 'paused'; at: number; groupId: string; pushLostAt: number }
  /** The push was live again: room_status set back to live. */
  | { id: number; kind: 'resumed'; at: number; groupId: string; pushBackAt: number }
  /**
   * The push was live again but the status was left as it was: an operator set it meanwhile
   * (`status`, null when unknown), or the console now uses another room (`roomChanged`).
   */
  | { id: number; kind: 'kept'; at: number; groupId: string; pushBackAt: number; status: RoomStatus | null; roomChanged: boolean }
  /** Writing (or reading) the status failed; `message` says why. */
  | { id: number; kind: 'failed'; at: number; groupId: string | null; action: 'pause' | 'resume'; message: string };

/** The auto-pause's state and its journal (newest last), as `room:getAutoPause` returns and `room:autoPause` carries it. */
export interface AutoPauseSnapshot {
  enabled: boolean;
  afterSeconds: number;
  /**
   * idle: no live push to watch; up: the push is live; down: it dropped at `pushDownSince` and the
   * room is paused once it has been down `afterSeconds`; paused: past the threshold (paused automatically).
   */
  phase: 'idle' | 'up' | 'down' | 'paused';
  pushDownSince: number | null;
  entries: AutoPauseEntry[];
}

/** The group Notification limit is 300 bytes of UTF-8: a CJK character costs 3. */
export const ANNOUNCEMENT_MAX_BYTES = LIMITS.groupNotificationBytes;

/** How much of the announcement limit a text uses (the console counts it down while typing). */
export function announcementBudget(text: string): { bytes: number; max: number; over: boolean } {
  const bytes = utf8Bytes(text);
  return { bytes, max: ANNOUNCEMENT_MAX_BYTES, over: bytes > ANNOUNCEMENT_MAX_BYTES };
}

const announcement = z
  .string()
  .max(ANNOUNCEMENT_MAX_BYTES)
  .refine((s) => !announcementBudget(s).over, { message: `The announcement is limited to ${ANNOUNCEMENT_MAX_BYTES} bytes` });

/** AVChatRoom name: required, ≤ 30 bytes (create_group `Name`). */
const roomName = z
  .string()
  .trim()
  .min(1)
  .refine((s) => new TextEncoder().encode(s).length <= 30, { message: 'The room name is limited to 30 bytes' });

export const roomRequests = {
  create: z
    .object({
      /** '' lets Tencent assign an id (@TGS#…); a custom one must not start with @TGS# (create_group). */
      groupId: groupIdSchema.refine((s) => !s.startsWith('@TGS#'), { message: 'A custom group ID must not start with @TGS# (reserved for IDs Tencent assigns)' }).default(''),
      name: roomName,
      notification: announcement.default(''),
    })
    .strict(),
  use: z.object({ groupId: groupIdSchema.refine((s) => s !== '', { message: 'Enter a group ID' }) }).strict(),
  getSession: z.object({ role: roomRoleSchema.default('host') }).strict(),
  launchProduct: z
    .object({
      product: launchedProductSchema,
      /** The product id the operator saw as current ('' = none): a launch by someone else since then within 10 s is a CONFLICT. */
      seen: z.string().max(128).optional(),
      /** Launch anyway after a CONFLICT. */
      force: z.boolean().default(false),
      /** Show it at once everywhere, not aligned to the video (the per-launch "now" override). */
      now: z.boolean().default(false),
    })
    .strict(),
  setStatus: z.object({ status: z.enum(ROOM_STATUSES) }).strict(),
  announce: z.object({ text: announcement }).strict(),
  launchGifts: z.object({ gifts: giftCatalogSchema.min(1) }).strict(),
  mute: z.object({ userId: userIdSchema, minutes: z.number().int().min(0).max(60 * 24 * 30) }).strict(),
  announceVerified: z
    .object({
      kind: z.enum(['gift', 'purchase']),
      /** The viewer who paid; the message is sent by the admin account (verified revenue). */
      userId: userIdSchema,
      nick: z.string().max(64).default(''),
      itemId: z.string().min(1).max(64),
      name: z.string().min(1).max(120),
      value: z.number().int().min(0).max(1_000_000_000),
      count: z.number().int().min(1).max(9999).default(1),
    })
    .strict(),
  saveState: z.object({ groupId: z.string().max(48), state: z.unknown() }).strict(),
  loadState: z.object({ groupId: z.string().max(48) }).strict(),
};
