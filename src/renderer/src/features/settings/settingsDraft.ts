// The settings form as flat editable strings, and its conversion to a `Settings` candidate checked
// by the shared schema. Zod decides validity; the messages shown come from i18n per field, so
// every language gets an error it can read.
import {
  SETTINGS_VERSION,
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
  hostUserId: 'adminIdentifier',
} as const satisfies Record<FieldName, string>;

export type FieldErrorKey = (typeof ERROR_KEYS)[FieldName];
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
});

/** Empty means "not configured"; anything but digits becomes NaN so the schema rejects it. */
function parseAppId(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

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
});

const isField = (key: unknown): key is FieldName =>
  typeof key === 'string' && Object.prototype.hasOwnProperty.call(ERROR_KEYS, key);

/** Schema paths whose draft field is not simply the leaf name. */
const RENAMED: Record<string, FieldName> = {
  'lvb.target': 'lvbTarget',
  'callbacks.adminUrl': 'callbacksAdminUrl',
};

/** The draft field a schema issue belongs to: top-level fields sit at path[0], section fields one level down. */
function fieldOf(path: readonly PropertyKey[]): FieldName | null {
  const [section, leaf] = path;
  const renamed = RENAMED[`${String(section)}.${String(leaf)}`];
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

export function validateDraft(draft: SettingsDraft): DraftValidation {
  const parsed = settingsSchema.safeParse(fromDraft(draft));
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: FieldErrors = {};
  const unmapped: string[] = [];
  for (const issue of parsed.error.issues) {
    const key = fieldOf(issue.path);
    if (key) errors[key] ??= ERROR_KEYS[key];
    else unmapped.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  return { ok: false, errors, unmapped };
}
