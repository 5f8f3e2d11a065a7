// The user's settings: one zod schema, versioned, shared by main, web mode, the CLI and the
// renderer so every side validates the same way. Secrets (IM SecretKey, LVB keys) are NOT here:
// they live in the SecretStore and never cross the contract.
import { z } from 'zod';

export const SETTINGS_VERSION = 1;

export const LANGUAGES = ['en', 'zh-CN', 'ja', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

export const MODES = ['studio', 'tencent'] as const;
export type Mode = (typeof MODES)[number];

/** Tencent IM REST regions (one domain per region); `auto` derives the region from the SDKAppID range. */
export const IM_REGIONS = [
  'auto',
  'china',
  'singapore',
  'korea',
  'germany',
  'usa',
  'indonesia',
  'india',
  'japan',
] as const;
export type ImRegion = (typeof IM_REGIONS)[number];

const hostname = (example: string) =>
  z
    .string()
    .trim()
    .max(253)
    .regex(/^$|^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/, {
      message: `Must be a host name such as ${example} (no scheme, no path)`,
    });

/** UserID rules (tls-sig-api-v2, IM usage limits): ≤ 32 bytes, official libs use [a-zA-Z0-9_-]. */
export const userIdSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'Use letters, digits, _ and - only (max 32)' });

/** LVB StreamName: no extension, no `/`, ≤ 255 chars (CSS's StreamName rule). */
export const streamNameSchema = z
  .string()
  .trim()
  .max(255)
  .regex(/^[A-Za-z0-9_.~-]*$/, { message: 'Use letters, digits and - _ . ~ only' });

/** AVChatRoom group id (create_group `GroupId`): printable ASCII, ≤ 48 bytes; '' means the default room. */
export const groupIdSchema = z
  .string()
  .trim()
  .max(48)
  .regex(/^[\x20-\x7e]*$/, { message: 'Use printable ASCII only (max 48)' });

/** Where the console gets UserSigs in Tencent mode: signed in main with the SecretKey, or fetched from the team's server. */
export const USERSIG_SOURCES = ['secretKey', 'endpoint'] as const;
export type UserSigSource = (typeof USERSIG_SOURCES)[number];

/** Where Go Live pushes in Tencent mode: LVB signed with the push key, or a plain RTMP server + stream key. */
export const PUSH_TARGETS = ['lvb', 'rtmp'] as const;
export type PushTarget = (typeof PUSH_TARGETS)[number];

/** '' or an absolute http(s) URL (https required except for localhost). */
export const httpUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((s) => s === '' || isHttpUrl(s), { message: 'Must be an https:// URL (http:// only for localhost)' });

/** '' or an rtmp:// / rtmps:// server URL. */
export const rtmpServerSchema = z
  .string()
  .trim()
  .max(2048)
  .regex(/^$|^rtmps?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'Must be an rtmp:// or rtmps:// server URL (no query)' });

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    if (u.protocol === 'https:') return true;
    return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

export const appNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'Use letters, digits, _ and - only' });

/** Bounds of `broadcast.autoPause.afterSeconds`. */
export const AUTO_PAUSE_MIN_SECONDS = 1;
export const AUTO_PAUSE_MAX_SECONDS = 600;

export const settingsSchema = z
  .object({
    version: z.literal(SETTINGS_VERSION),
    profileName: z.string().trim().min(1, { message: 'Profile name is required' }).max(64),
    mode: z.enum(MODES),
    language: z.enum(LANGUAGES),
    im: z
      .object({
        sdkAppId: z.number().int().min(1).max(4294967295).nullable(),
        region: z.enum(IM_REGIONS),
        restDomain: hostname('adminapisgp.im.qcloud.com'),
        adminIdentifier: userIdSchema,
        /** 'endpoint': main POSTs to `userSigEndpoint` (docs/tencent-setup.md, "The UserSig endpoint"). */
        userSigSource: z.enum(USERSIG_SOURCES),
        userSigEndpoint: httpUrlSchema,
      })
      .strict(),
    lvb: z
      .object({
        pushDomain: hostname('push.example.com'),
        appName: appNameSchema,
        streamName: streamNameSchema,
        playDomain: hostname('play.example.com'),
        /** Go Live's default target in Tencent mode. */
        target: z.enum(PUSH_TARGETS),
        /** Plain RTMP alternative: server URL here, stream key in the SecretStore (`rtmp.streamKey`). */
        rtmpServer: rtmpServerSchema,
      })
      .strict(),
    /** A deployed callbacks service (word lists, levels) for Tencent mode; the studio embeds its own. */
    callbacks: z
      .object({
        /** Base URL of its admin API, e.g. https://callbacks.example.com; token in `callbacks.adminToken`. */
        adminUrl: httpUrlSchema,
      })
      .strict(),
    /** The live room: an AVChatRoom group id ('' = the studio's demo room) and the host's UserID. */
    room: z
      .object({
        groupId: groupIdSchema,
        hostUserId: userIdSchema,
      })
      .strict(),
    broadcast: z
      .object({
        /**
         * When a live push has been down this long, main sets the room status to paused (viewers see
         * "Be right back"), and back to live when the push is live again (src/node/broadcast/autoPause.ts).
         */
        autoPause: z
          .object({
            enabled: z.boolean(),
            afterSeconds: z.number().int().min(AUTO_PAUSE_MIN_SECONDS).max(AUTO_PAUSE_MAX_SECONDS),
          })
          .strict(),
        /**
         * "Align pop-ups to the video": a launch carries the stream clock of the click, so viewers
         * that read the clock SEI show the card when their video reaches that moment.
         */
        alignPopups: z.boolean(),
      })
      .strict(),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;

/** `<host>_assistant` must fit the 32-byte UserID limit too. */
export const HOST_USER_ID_MAX = 32 - '_assistant'.length;

/**
 * Rules across fields, checked when saving (not when loading, so an older or half-finished file
 * still opens): what Tencent mode cannot run without, and a host UserID its assistant can share.
 */
export function settingsSaveIssues(s: Settings): Array<{ path: string[]; message: string }> {
  const issues: Array<{ path: string[]; message: string }> = [];
  if (s.room.hostUserId.length > HOST_USER_ID_MAX) {
    issues.push({ path: ['room', 'hostUserId'], message: `At most ${HOST_USER_ID_MAX} characters, so "<host>_assistant" fits Tencent's 32` });
  }
  if (s.mode !== 'tencent') return issues;
  if (s.im.sdkAppId === null) issues.push({ path: ['im', 'sdkAppId'], message: 'Required in Tencent Cloud mode' });
  if (s.im.userSigSource === 'endpoint' && !s.im.userSigEndpoint) {
    issues.push({ path: ['im', 'userSigEndpoint'], message: 'Required when UserSigs come from your endpoint' });
  }
  if (s.lvb.target === 'rtmp' && !s.lvb.rtmpServer) issues.push({ path: ['lvb', 'rtmpServer'], message: 'Required when Go Live pushes to a plain RTMP server' });
  return issues;
}

/** What `settings:save` accepts: the schema plus the save-time rules. */
export const settingsSaveSchema = settingsSchema.superRefine((s, ctx) => {
  for (const i of settingsSaveIssues(s)) ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
});

export const defaultSettings = (): Settings => ({
  version: SETTINGS_VERSION,
  profileName: 'Default',
  mode: 'studio',
  language: 'en',
  im: { sdkAppId: null, region: 'auto', restDomain: '', adminIdentifier: 'administrator', userSigSource: 'secretKey', userSigEndpoint: '' },
  lvb: { pushDomain: '', appName: 'live', streamName: '', playDomain: '', target: 'lvb', rtmpServer: '' },
  callbacks: { adminUrl: '' },
  room: { groupId: '', hostUserId: 'host' },
  broadcast: { autoPause: { enabled: true, afterSeconds: 5 }, alignPopups: true },
});

/** Something wrong with the stored settings that the user must be told about. */
export interface SettingsProblem {
  kind: 'invalid-file' | 'unreadable-file' | 'newer-version';
  message: string;
  /** Where the bad file was copied before defaults were used. */
  backupPath?: string;
}

export interface SettingsState {
  settings: Settings;
  problems: SettingsProblem[];
}

/** Flattens zod issues into "path: message" lines for user-facing errors. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
}
