// The settings form as flat editable strings, and its conversion to a `Settings` candidate checked
// by the shared save schema (settings:save's own: the field rules plus what Tencent mode needs).
// Zod decides validity; the messages shown come from i18n per field, so every language gets an
// error it can read.
import {
  SETTINGS_VERSION,
  settingsSaveSchema,
  settingsSchema,
  type ImRegion,
  type Language,
  type Mode,
  type PushTarget,
  type Settings,
  type UserSigSource,
} from '../../../../shared/settings';

export interface SettingsDraft {
  profileName: string;
  mode: Mode;
  language: Language;
  sdkAppId: string;
  region: ImRegion;
  restDomain: string;
  adminIdentifier: string;
  userSigSource: UserSigSource;
  userSigEndpoint: string;
  pushDomain: string;
  appName: string;
  streamName: string;
  playDomain: string;
  lvbTarget: PushTarget;
  rtmpServer: string;
  callbacksAdminUrl: string;
  groupId: string;
  hostUserId: string;
  autoPauseEnabled: boolean;
  alignPopups: boolean;
  /** Seconds the push may be down before the room is paused (whole number). */
  autoPauseAfter: string;
}

export type FieldName = keyof SettingsDraft;

/** The i18n key (under settings.errors) that explains each field's rule. */
const ERROR_KEYS = {
  profileName: 'profileName',
  mode: 'mode',
  language: 'language',
  sdkAppId: 'sdkAppId',
  region: 'region',
  restDomain: 'hostname',
  adminIdentifier: 'adminIdentifier',
  userSigSource: 'userSigSource',
  userSigEndpoint: 'httpUrl',
  pushDomain: 'hostname',
  appName: 'appName',
  streamName: 'streamName',
  playDomain: 'hostname',
  lvbTarget: 'lvbTarget',
  rtmpServer: 'rtmpServer',
  callbacksAdminUrl: 'httpUrl',
  groupId: 'groupId',
  hostUserId: 'hostUserId',
  autoPauseEnabled: 'autoPauseEnabled',
  alignPopups: 'alignPopups',
  autoPauseAfter: 'autoPauseAfter',
} as const satisfies Record<FieldName, string>;

/**
 * Save-time rules across fields (settingsSaveIssues), by the field they sit on: required in Tencent
 * mode, or a host UserID too long for "<host>_assistant".
 */
const SAVE_RULE_KEYS = {
  sdkAppId: 'sdkAppIdRequired',
  userSigEndpoint: 'userSigEndpointRequired',
  rtmpServer: 'rtmpServerRequired',
  hostUserId: 'hostUserId',
} as const satisfies Partial<Record<FieldName, string>>;

export type FieldErrorKey = (typeof ERROR_KEYS)[FieldName] | (typeof SAVE_RULE_KEYS)[keyof typeof SAVE_RULE_KEYS];
export type FieldErrors = Partial<Record<FieldName, FieldErrorKey>>;

/** Form order, so focus can go to the first invalid field. */
export const FIELD_ORDER = Object.keys(ERROR_KEYS) as FieldName[];

export const toDraft = (s: Settings): SettingsDraft => ({
  profileName: s.profileName,
  mode: s.mode,
  language: s.language,
  sdkAppId: s.im.sdkAppId === null ? '' : String(s.im.sdkAppId),
  region: s.im.region,
  restDomain: s.im.restDomain,
  adminIdentifier: s.im.adminIdentifier,
  userSigSource: s.im.userSigSource,
  userSigEndpoint: s.im.userSigEndpoint,
  pushDomain: s.lvb.pushDomain,
  appName: s.lvb.appName,
  streamName: s.lvb.streamName,
  playDomain: s.lvb.playDomain,
  lvbTarget: s.lvb.target,
  rtmpServer: s.lvb.rtmpServer,
  callbacksAdminUrl: s.callbacks.adminUrl,
  groupId: s.room.groupId,
  hostUserId: s.room.hostUserId,
  autoPauseEnabled: s.broadcast.autoPause.enabled,
  alignPopups: s.broadcast.alignPopups,
  autoPauseAfter: String(s.broadcast.autoPause.afterSeconds),
});

/** Empty means "not configured"; anything but digits becomes NaN so the schema rejects it. */
function parseAppId(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Digits only (empty or anything else is NaN, which the schema refuses). */
const parseWhole = (text: string): number => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

export const fromDraft = (d: SettingsDraft) => ({
  version: SETTINGS_VERSION,
  profileName: d.profileName,
  mode: d.mode,
  language: d.language,
  im: {
    sdkAppId: parseAppId(d.sdkAppId),
    region: d.region,
    restDomain: d.restDomain,
    adminIdentifier: d.adminIdentifier,
    userSigSource: d.userSigSource,
    userSigEndpoint: d.userSigEndpoint,
  },
  lvb: {
    pushDomain: d.pushDomain,
    appName: d.appName,
    streamName: d.streamName,
    playDomain: d.playDomain,
    target: d.lvbTarget,
    rtmpServer: d.rtmpServer,
  },
  callbacks: {
    adminUrl: d.callbacksAdminUrl,
  },
  room: {
    groupId: d.groupId,
    hostUserId: d.hostUserId,
  },
  broadcast: {
    autoPause: { enabled: d.autoPauseEnabled, afterSeconds: parseWhole(d.autoPauseAfter) },
    alignPopups: d.alignPopups,
  },
});

const isField = (key: unknown): key is FieldName =>
  typeof key === 'string' && Object.prototype.hasOwnProperty.call(ERROR_KEYS, key);

/** Schema paths whose draft field is not simply the leaf name. */
const RENAMED: Record<string, FieldName> = {
  'lvb.target': 'lvbTarget',
  'callbacks.adminUrl': 'callbacksAdminUrl',
  'broadcast.autoPause.enabled': 'autoPauseEnabled',
  'broadcast.autoPause.afterSeconds': 'autoPauseAfter',
  'broadcast.alignPopups': 'alignPopups',
};

/** The draft field a schema issue belongs to: top-level fields sit at path[0], section fields one or two levels down. */
function fieldOf(path: readonly PropertyKey[]): FieldName | null {
  const [section, leaf] = path;
  const renamed = RENAMED[path.map(String).join('.')] ?? RENAMED[`${String(section)}.${String(leaf)}`];
  if (renamed) return renamed;
  const key = section === 'im' || section === 'lvb' || section === 'room' ? leaf : section;
  return isField(key) ? key : null;
}

/** Whether the form differs from the saved settings (what "Test connection" would test). */
export function isDirty(draft: SettingsDraft, saved: Settings): boolean {
  const base = toDraft(saved);
  return FIELD_ORDER.some((f) => draft[f] !== base[f]);
}

export type DraftValidation =
  | { ok: true; settings: Settings }
  /** `unmapped`: issues outside any field (cannot happen while the draft mirrors the schema). */
  | { ok: false; errors: FieldErrors; unmapped: string[] };

/** The text for an issue on `field`: its save-time rule, or its format (Tencent mode needs the SDKAppID, so no "or leave empty"). */
function errorKeyOf(field: FieldName, saveRule: boolean, mode: Mode): FieldErrorKey {
  const rule = (SAVE_RULE_KEYS as Partial<Record<FieldName, FieldErrorKey>>)[field];
  if (saveRule && rule) return rule;
  if (field === 'sdkAppId' && mode === 'tencent') return 'sdkAppIdRequired';
  return ERROR_KEYS[field];
}

export function validateDraft(draft: SettingsDraft): DraftValidation {
  const candidate = fromDraft(draft);
  const parsed = settingsSaveSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, settings: parsed.data };
  // zod reports refinements as "custom" both for field formats and the save rules: the fields the
  // plain schema already refuses have format errors, the rest broke a save rule.
  const format = settingsSchema.safeParse(candidate);
  const badFormat = new Set(format.success ? [] : format.error.issues.map((i) => fieldOf(i.path)));
  const errors: FieldErrors = {};
  const unmapped: string[] = [];
  for (const issue of parsed.error.issues) {
    const key = fieldOf(issue.path);
    if (key) errors[key] ??= errorKeyOf(key, !badFormat.has(key), draft.mode);
    else unmapped.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  return { ok: false, errors, unmapped };
}
