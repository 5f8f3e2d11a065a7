// Accounts and profiles: account_import, portrait_set/portrait_get and the TIM profile calls.
// Nick/FaceUrl (Tag_Profile_IM_Nick/Tag_Profile_IM_Image) are what group messages and tips carry
// as nick/avatar.
import { errorInfo, IM_ERR } from '../../shared/tencent/errorCodes';
import {
  isValidProfileCustomTag,
  isValidUserId,
  LIMITS,
  PROFILE_CUSTOM_PREFIX,
  utf8Bytes,
} from '../../shared/tencent/limits';
import {
  type AccountImportRequest,
  type MultiAccountImportRequest,
  type PortraitGetRequest,
  type PortraitGetResponse,
  type PortraitSetRequest,
  type ProfileItem,
} from '../../shared/tencent/restSchemas';
import { type EngineResult, type GroupCustomField, type TimProfile } from './engineApi';
import { fail, ok, type Fail } from './result';
import { type AccountRecord, type StateStore } from './state';

const NICK = 'Tag_Profile_IM_Nick';
const IMAGE = 'Tag_Profile_IM_Image';

type TagRule = { kind: 'string'; maxBytes: number } | { kind: 'uint32' } | { kind: 'enum'; values: readonly string[] };

/** Standard profile fields (`Tag_Profile_IM_*`) and the shape of their values. */
const STANDARD_TAGS: Readonly<Record<string, TagRule>> = {
  [NICK]: { kind: 'string', maxBytes: LIMITS.profileValueBytes },
  [IMAGE]: { kind: 'string', maxBytes: LIMITS.profileValueBytes },
  Tag_Profile_IM_Gender: { kind: 'enum', values: ['Gender_Type_Unknown', 'Gender_Type_Female', 'Gender_Type_Male'] },
  Tag_Profile_IM_BirthDay: { kind: 'uint32' },
  Tag_Profile_IM_Location: { kind: 'string', maxBytes: 16 },
  Tag_Profile_IM_SelfSignature: { kind: 'string', maxBytes: LIMITS.profileValueBytes },
  Tag_Profile_IM_AllowType: {
    kind: 'enum',
    values: ['AllowType_Type_NeedConfirm', 'AllowType_Type_AllowAny', 'AllowType_Type_DenyAny'],
  },
  Tag_Profile_IM_Language: { kind: 'uint32' },
  Tag_Profile_IM_MsgSettings: { kind: 'uint32' },
  Tag_Profile_IM_AdminForbidType: { kind: 'enum', values: ['AdminForbid_Type_None', 'AdminForbid_Type_SendOut'] },
  Tag_Profile_IM_Level: { kind: 'uint32' },
  Tag_Profile_IM_Role: { kind: 'uint32' },
};


/** Checks one Tag/Value pair; undefined when acceptable. */
function checkTag(tag: string, value: string | number): Fail | undefined {
  const rule = STANDARD_TAGS[tag];
  if (!rule) {
    if (!isValidProfileCustomTag(tag)) return fail(IM_ERR.PROFILE_TAG_UNKNOWN, tag);
    if (typeof value === 'string' && utf8Bytes(value) > LIMITS.profileValueBytes) return fail(IM_ERR.PROFILE_VALUE_TOO_LONG, tag);
    return undefined;
  }
  switch (rule.kind) {
    case 'string':
      if (typeof value !== 'string') return fail(IM_ERR.PROFILE_TYPE_MISMATCH, `${tag} must be a string`);
      if (utf8Bytes(value) <= rule.maxBytes) return undefined;
      return rule.maxBytes === LIMITS.profileValueBytes
        ? fail(IM_ERR.PROFILE_VALUE_TOO_LONG, tag)
        : fail(IM_ERR.PROFILE_BAD_STANDARD_VALUE, `${tag} is longer than ${rule.maxBytes} bytes`);
    case 'uint32':
      if (typeof value !== 'number') return fail(IM_ERR.PROFILE_TYPE_MISMATCH, `${tag} must be a number`);
      return Number.isInteger(value) && value >= 0 && value <= LIMITS.uint32Max
        ? undefined
        : fail(IM_ERR.PROFILE_BAD_STANDARD_VALUE, `${tag} must be a uint32`);
    case 'enum':
      return typeof value === 'string' && rule.values.includes(value)
        ? undefined
        : fail(IM_ERR.PROFILE_BAD_STANDARD_VALUE, `${tag} must be one of ${rule.values.join(', ')}`);
  }
}

export class Accounts {
  constructor(
    private readonly store: StateStore,
    private readonly clock: { now(): number },
    /** Custom tags a user may not write on themselves (the console configures them App-admin-only). */
    private readonly adminOnlyTags: ReadonlySet<string> = new Set(),
  ) {}

  get(userId: string): AccountRecord | undefined {
    return this.store.accounts.get(userId);
  }

  exists(userId: string): boolean {
    return this.store.accounts.has(userId);
  }

  /** Creates the account if missing: the admin at start-up, and SDK logins, which register on Tencent too. */
  ensure(userId: string): AccountRecord {
    let rec = this.store.accounts.get(userId);
    if (!rec) {
      rec = { userId, nick: '', faceUrl: '', tags: new Map(), createTime: Math.floor(this.clock.now() / 1000) };
      this.store.accounts.set(userId, rec);
      this.store.markDirty();
    }
    return rec;
  }

  /** account_import: idempotent; a re-import updates the Nick/FaceUrl it carries. */
  importOne(req: AccountImportRequest): EngineResult<Record<string, never>> {
    const id = req.UserID ?? req.Identifier ?? '';
    if (!isValidUserId(id)) return fail(IM_ERR.ACCOUNT_INVALID_PARAM, 'UserID must be 1-32 bytes of printable ASCII');
    for (const [field, v] of [['Nick', req.Nick], ['FaceUrl', req.FaceUrl]] as const) {
      if (v !== undefined && utf8Bytes(v) > LIMITS.profileValueBytes) return fail(IM_ERR.PROFILE_VALUE_TOO_LONG, field);
    }
    const rec = this.ensure(id);
    if (req.Nick !== undefined) rec.nick = req.Nick;
    if (req.FaceUrl !== undefined) rec.faceUrl = req.FaceUrl;
    this.store.markDirty();
    return ok({});
  }

  /** multiaccount_import (AccountList, or the older Accounts): invalid ids are reported in FailAccounts, the rest imported. */
  importMany(req: MultiAccountImportRequest): EngineResult<{ FailAccounts: string[] }> {
    const failed: string[] = [];
    const list = req.AccountList ?? (req.Accounts ?? []).map((UserID) => ({ UserID, Nick: undefined, FaceUrl: undefined }));
    for (const a of list) {
      if (!isValidUserId(a.UserID)) {
        failed.push(a.UserID);
        continue;
      }
      const rec = this.ensure(a.UserID);
      if (a.Nick !== undefined && utf8Bytes(a.Nick) <= LIMITS.profileValueBytes) rec.nick = a.Nick;
      if (a.FaceUrl !== undefined && utf8Bytes(a.FaceUrl) <= LIMITS.profileValueBytes) rec.faceUrl = a.FaceUrl;
    }
    this.store.markDirty();
    return ok({ FailAccounts: failed });
  }

  /** portrait_set: all items are checked before any is applied. */
  portraitSet(req: PortraitSetRequest): EngineResult<Record<string, never>> {
    const rec = this.store.accounts.get(req.From_Account);
    if (!rec) return fail(IM_ERR.PROFILE_USER_NOT_FOUND, req.From_Account);
    for (const item of req.ProfileItem) {
      const problem = checkTag(item.Tag, item.Value);
      if (problem) return problem;
    }
    for (const item of req.ProfileItem) this.apply(rec, item.Tag, item.Value);
    this.store.markDirty();
    return ok({});
  }

  /** portrait_get: Nick and Image are always answered (empty when unset), other tags when set. */
  portraitGet(req: PortraitGetRequest): EngineResult<Omit<PortraitGetResponse, 'ActionStatus' | 'ErrorCode' | 'ErrorInfo'>> {
    for (const tag of req.TagList) {
      if (!STANDARD_TAGS[tag] && !isValidProfileCustomTag(tag)) return fail(IM_ERR.PROFILE_TAG_UNKNOWN, tag);
    }
    const failed: string[] = [];
    const items = req.To_Account.map((id) => {
      const rec = this.store.accounts.get(id);
      if (!rec) {
        failed.push(id);
        const code = IM_ERR.PROFILE_USER_NOT_FOUND;
        return { To_Account: id, ProfileItem: [], ResultCode: code, ResultInfo: errorInfo(code) };
      }
      const profile: ProfileItem[] = [];
      for (const tag of req.TagList) {
        const value = this.read(rec, tag);
        if (value !== undefined) profile.push({ Tag: tag, Value: value });
      }
      return { To_Account: id, ProfileItem: profile, ResultCode: 0, ResultInfo: '' };
    });
    return ok(failed.length ? { UserProfileItem: items, Fail_Account: failed } : { UserProfileItem: items });
  }

  profileOf(userId: string): { nick: string; avatar: string } {
    const rec = this.store.accounts.get(userId);
    return { nick: rec?.nick ?? '', avatar: rec?.faceUrl ?? '' };
  }

  toTimProfile(rec: AccountRecord): TimProfile {
    const custom: GroupCustomField[] = [];
    for (const [key, value] of rec.tags) if (key.startsWith(PROFILE_CUSTOM_PREFIX)) custom.push({ key, value: String(value) });
    return { userID: rec.userId, nick: rec.nick, avatar: rec.faceUrl, profileCustomField: custom };
  }

  /** TIM `updateMyProfile`: nick, avatar and `Tag_Profile_Custom_*` fields. */
  updateProfile(
    userId: string,
    patch: { nick?: string; avatar?: string; customFields?: GroupCustomField[] },
  ): EngineResult<TimProfile> {
    const rec = this.store.accounts.get(userId);
    if (!rec) return fail(IM_ERR.PROFILE_USER_NOT_FOUND, userId);
    const items: ProfileItem[] = [];
    if (patch.nick !== undefined) items.push({ Tag: NICK, Value: patch.nick });
    if (patch.avatar !== undefined) items.push({ Tag: IMAGE, Value: patch.avatar });
    for (const f of patch.customFields ?? []) {
      if (!isValidProfileCustomTag(f.key)) return fail(IM_ERR.PROFILE_TAG_UNKNOWN, f.key);
      if (this.adminOnlyTags.has(f.key)) return fail(IM_ERR.PROFILE_NO_WRITE_PERMISSION, `${f.key} is written by the App admin only`);
      items.push({ Tag: f.key, Value: f.value });
    }
    for (const item of items) {
      const problem = checkTag(item.Tag, item.Value);
      if (problem) return problem;
    }
    for (const item of items) this.apply(rec, item.Tag, item.Value);
    this.store.markDirty();
    return ok(this.toTimProfile(rec));
  }

  private apply(rec: AccountRecord, tag: string, value: string | number): void {
    if (tag === NICK) rec.nick = String(value);
    else if (tag === IMAGE) rec.faceUrl = String(value);
    else if (value === '') rec.tags.delete(tag);
    else rec.tags.set(tag, value);
  }

  private read(rec: AccountRecord, tag: string): string | number | undefined {
    if (tag === NICK) return rec.nick;
    if (tag === IMAGE) return rec.faceUrl;
    return rec.tags.get(tag);
  }
}
