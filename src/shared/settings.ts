// The user's settings: one zod schema, versioned, shared by main, web mode, the CLI and the
// renderer so every side validates the same way. Secrets (IM SecretKey, LVB keys) are NOT here:
// they live in the SecretStore and never cross the contract.
import { z } from 'zod';

export const SETTINGS_VERSION = 1;

export const LANGUAGES = ['en', 'zh-CN', 'ja', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

export const MODES = ['studio', 'tencent'] as const;
export type Mode = (typeof MODES)[number];

/** Tencent IM REST regions (reference §2.1); `auto` derives the region from the SDKAppID range. */
export const IM_REGIONS = [
  'auto',
  'china',
  'singapore',
  'korea',
  'germany',
  'usa',
  'indonesia',
  'india',
] as const;
export type ImRegion = (typeof IM_REGIONS)[number];

const hostname = z
  .string()
  .trim()
  .max(253)
  .regex(/^$|^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/, {
    message: 'Must be a host name such as push.example.com (no scheme, no path)',
  });

/** UserID rules (reference §1): ≤ 32 bytes, official libs use [a-zA-Z0-9_-]. */
export const userIdSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'Use letters, digits, _ and - only (max 32)' });

/** LVB StreamName: no extension, no `/`, ≤ 255 chars (reference §5.1). */
export const streamNameSchema = z
  .string()
  .trim()
  .max(255)
  .regex(/^[A-Za-z0-9_.~-]*$/, { message: 'Use letters, digits and - _ . ~ only' });

/** AVChatRoom group id (reference §2.4): printable ASCII, ≤ 48 bytes; '' means the default room. */
export const groupIdSchema = z
  .string()
  .trim()
  .max(48)
  .regex(/^[\x20-\x7e]*$/, { message: 'Use printable ASCII only (max 48)' });

export const appNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'Use letters, digits, _ and - only' });

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
        restDomain: hostname,
        adminIdentifier: userIdSchema,
      })
      .strict(),
    lvb: z
      .object({
        pushDomain: hostname,
        appName: appNameSchema,
        streamName: streamNameSchema,
        playDomain: hostname,
      })
      .strict(),
    /** The live room: an AVChatRoom group id ('' = the studio's demo room) and the host's UserID. */
    room: z
      .object({
        groupId: groupIdSchema,
        hostUserId: userIdSchema,
      })
      .strict(),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings = (): Settings => ({
  version: SETTINGS_VERSION,
  profileName: 'Default',
  mode: 'studio',
  language: 'en',
  im: { sdkAppId: null, region: 'auto', restDomain: '', adminIdentifier: 'administrator' },
  lvb: { pushDomain: '', appName: 'live', streamName: '', playDomain: '' },
  room: { groupId: '', hostUserId: 'host' },
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
