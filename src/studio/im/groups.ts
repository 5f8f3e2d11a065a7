// AVChatRoom groups: create/get/modify/destroy, custom fields, mutes and system notices;
// changes reach online sessions as group tips/system notices, outside the 40/s message limit
// (the way Tencent's im-live-sells pushes room status and products).
import { IM_ERR } from '../../shared/tencent/errorCodes';
import {
  AUTO_GROUP_ID_PREFIX,
  isValidCustomGroupId,
  isWellFormedGroupId,
  LIMITS,
  utf8Bytes,
} from '../../shared/tencent/limits';
import {
  type AddGroupMemberRequest,
  type CreateGroupRequest,
  type ForbidSendMsgRequest,
  type GetGroupInfoRequest,
  type GroupInfoEntry,
  type ModifyGroupBaseInfoRequest,
  type SendGroupSystemNotificationRequest,
} from '../../shared/tencent/restSchemas';
import { type Accounts } from './accounts';
import { type EngineResult, type GroupEvent, type TimGroupProfile } from './engineApi';
import { checkBaseInfo, checkCustomFields } from './groupRules';
import { fail, ok } from './result';
import { type SessionRegistry } from './sessions';
import { type GroupRecord, type StateStore } from './state';

export interface GroupsDeps {
  store: StateStore;
  accounts: Accounts;
  sessions: SessionRegistry;
  clock: { now(): number };
  sdkAppId: number;
  adminId: string;
  /** Group custom-field keys "registered in the console" (`AppDefinedData` keys). */
  customFieldKeys: readonly string[];
  random: () => number;
  /** Lets the message pipeline forget a destroyed group's queue. */
  onDestroy(groupId: string): void;
}

type NewGroupProfile = NonNullable<Extract<GroupEvent, { kind: 'tip' }>['newGroupProfile']>;

const AUTO_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * The studio's addition to Tencent's answer for writes that reach the room: how many sessions the
 * tip or notice was published to. Tencent sends no such field; clients treat it as optional.
 */
export interface StudioReach {
  StudioReached: number;
}

export class Groups {
  private autoSeq = 0;

  constructor(private readonly deps: GroupsDeps) {}

  private nowSeconds(): number {
    return Math.floor(this.deps.clock.now() / 1000);
  }

  get(groupId: string): GroupRecord | undefined {
    return this.deps.store.groups.get(groupId);
  }

  /** 10015 for an id no group could have, 10010 for one that does not exist (any more). */
  lookup(groupId: string): EngineResult<GroupRecord> {
    if (!isWellFormedGroupId(groupId)) return fail(IM_ERR.GROUP_ID_INVALID, JSON.stringify(groupId));
    const group = this.deps.store.groups.get(groupId);
    return group ? ok(group) : fail(IM_ERR.GROUP_NOT_FOUND, groupId);
  }

  create(req: CreateGroupRequest): EngineResult<{ GroupId: string }> {
    if (req.Type !== 'AVChatRoom') return fail(IM_ERR.NO_PERMISSION, `the studio supports only AVChatRoom groups, not ${req.Type}`);
    if (req.MemberList?.length) return fail(IM_ERR.NO_PERMISSION, 'MemberList is not allowed for AVChatRoom');
    if (req.GroupId !== undefined) {
      if (!isValidCustomGroupId(req.GroupId)) {
        return fail(IM_ERR.GROUP_ID_INVALID, 'custom GroupId must be 1-48 bytes of printable ASCII and not start with @TGS#');
      }
      if (this.deps.store.groups.has(req.GroupId)) return fail(IM_ERR.GROUP_ID_USED, req.GroupId);
    }
    if (req.Owner_Account !== undefined && !this.deps.accounts.exists(req.Owner_Account)) {
      return fail(IM_ERR.USER_NOT_FOUND, `Owner_Account ${req.Owner_Account}`);
    }
    const problem = checkBaseInfo(req) ?? checkCustomFields(req.AppDefinedData ?? [], this.deps.customFieldKeys);
    if (problem) return problem;
    const now = this.nowSeconds();
    const group: GroupRecord = {
      groupId: req.GroupId ?? this.newAutoId(),
      type: 'AVChatRoom',
      name: req.Name,
      introduction: req.Introduction ?? '',
      notification: req.Notification ?? '',
      faceUrl: req.FaceUrl ?? '',
      owner: req.Owner_Account ?? '',
      createTime: now,
      lastInfoTime: now,
      lastMsgTime: 0,
      nextMsgSeq: 1,
      maxMemberNum: req.MaxMemberCount ?? 0,
      shutUpAll: false,
      appDefined: new Map(),
      mutes: new Map(),
    };
    for (const { Key, Value } of req.AppDefinedData ?? []) if (Value !== '') group.appDefined.set(Key, Value);
    this.deps.store.groups.set(group.groupId, group);
    this.deps.store.markDirty();
    return ok({ GroupId: group.groupId });
  }

  /**
   * get_group_info. Without ResponseFilter everything is returned; with one, only the
   * categories it names (a missing GroupBaseInfoFilter means no base fields, a missing
   * AppDefinedDataFilter_Group no custom fields). Unset custom keys are omitted.
   */
  getInfo(req: GetGroupInfoRequest): EngineResult<{ GroupInfo: GroupInfoEntry[] }> {
    const filter = req.ResponseFilter;
    const base = filter ? new Set(filter.GroupBaseInfoFilter ?? []) : undefined;
    const keys = filter ? new Set(filter.AppDefinedDataFilter_Group ?? []) : undefined;
    const entries = req.GroupIdList.map((groupId): GroupInfoEntry => {
      const found = this.lookup(groupId);
      if (!found.ok) return { GroupId: groupId, ErrorCode: found.code, ErrorInfo: found.message };
      const g = found.value;
      const all: Omit<GroupInfoEntry, 'GroupId' | 'ErrorCode' | 'ErrorInfo' | 'AppDefinedData'> = {
        Type: g.type,
        Name: g.name,
        Appid: this.deps.sdkAppId,
        Introduction: g.introduction,
        Notification: g.notification,
        FaceUrl: g.faceUrl,
        Owner_Account: g.owner,
        CreateTime: g.createTime,
        LastInfoTime: g.lastInfoTime,
        LastMsgTime: g.lastMsgTime,
        NextMsgSeq: g.nextMsgSeq,
        MemberNum: this.deps.sessions.count(g.groupId),
        MaxMemberNum: g.maxMemberNum,
        ApplyJoinOption: 'FreeAccess',
        ShutUpAllMember: g.shutUpAll ? 'On' : 'Off',
      };
      const entry: GroupInfoEntry = { GroupId: g.groupId, ErrorCode: 0, ErrorInfo: '' };
      for (const [field, value] of Object.entries(all)) if (!base || base.has(field)) Object.assign(entry, { [field]: value });
      if (!filter || filter.AppDefinedDataFilter_Group) {
        entry.AppDefinedData = [...g.appDefined]
          .filter(([k]) => !keys || keys.has(k))
          .map(([Key, Value]) => ({ Key, Value }));
      }
      return entry;
    });
    return ok({ GroupInfo: entries });
  }

  /**
   * modify_group_base_info: partial update, `Value: ""` deletes a custom key. Online
   * sessions get tip 6 whose newGroupProfile lists every property the request set — even to
   * its old value, so a backend re-pushing `add_goods` still reaches clients (im-live-sells
   * relies on these tips).
   */
  modify(req: ModifyGroupBaseInfoRequest): EngineResult<StudioReach> {
    const found = this.lookup(req.GroupId);
    if (!found.ok) return found;
    const problem = checkBaseInfo(req) ?? checkCustomFields(req.AppDefinedData ?? [], this.deps.customFieldKeys);
    if (problem) return problem;
    const g = found.value;
    const changed: NewGroupProfile = {};
    if (req.Name !== undefined) changed.name = g.name = req.Name;
    if (req.Introduction !== undefined) changed.introduction = g.introduction = req.Introduction;
    if (req.Notification !== undefined) changed.notification = g.notification = req.Notification;
    if (req.FaceUrl !== undefined) changed.avatar = g.faceUrl = req.FaceUrl;
    if (req.ShutUpAllMember !== undefined) changed.muteAllMembers = g.shutUpAll = req.ShutUpAllMember === 'On';
    if (req.MaxMemberNum !== undefined) g.maxMemberNum = req.MaxMemberNum;
    if (req.AppDefinedData?.length) {
      changed.groupCustomField = req.AppDefinedData.map(({ Key, Value }) => {
        if (Value === '') g.appDefined.delete(Key);
        else g.appDefined.set(Key, Value);
        return { key: Key, value: Value };
      });
    }
    g.lastInfoTime = this.nowSeconds();
    this.deps.store.markDirty();
    let reached = 0;
    if (Object.keys(changed).length > 0) {
      const admin = this.deps.accounts.profileOf(this.deps.adminId);
      reached = this.deps.sessions.broadcast(g.groupId, [
        {
          kind: 'tip',
          groupId: g.groupId,
          operationType: 6,
          operatorID: this.deps.adminId,
          userIDList: [this.deps.adminId],
          nick: admin.nick,
          avatar: admin.avatar,
          time: g.lastInfoTime,
          newGroupProfile: changed,
        },
      ]);
    }
    return ok({ StudioReached: reached });
  }

  /** destroy_group: online sessions get system notice 5 and are removed. */
  destroy(groupId: string): EngineResult<Record<string, never>> {
    const found = this.lookup(groupId);
    if (!found.ok) return found;
    this.deps.sessions.broadcast(groupId, [
      { kind: 'system', groupId, operationType: 5, userDefinedField: '', time: this.nowSeconds() },
    ]);
    this.deps.sessions.removeGroup(groupId);
    this.deps.onDestroy(groupId);
    this.deps.store.groups.delete(groupId);
    this.deps.store.markDirty();
    return ok({});
  }

  /** forbid_send_msg: mutes outlive leave/re-join because they live on the group. */
  forbid(req: ForbidSendMsgRequest): EngineResult<Record<string, never>> {
    const found = this.lookup(req.GroupId);
    if (!found.ok) return found;
    for (const userId of req.Members_Account) {
      if (req.ShutUpTime === 0) found.value.mutes.delete(userId);
      else if (req.ShutUpTime >= LIMITS.shutUpForever) found.value.mutes.set(userId, 'forever');
      else found.value.mutes.set(userId, this.deps.clock.now() + req.ShutUpTime * 1000);
    }
    this.deps.store.markDirty();
    return ok({});
  }

  isMuted(group: GroupRecord, userId: string): boolean {
    const until = group.mutes.get(userId);
    if (until === undefined) return false;
    if (until === 'forever' || until > this.deps.clock.now()) return true;
    group.mutes.delete(userId);
    return false;
  }

  /** send_group_system_notification: to all online sessions, outside the 40/s limit. */
  systemNotification(req: SendGroupSystemNotificationRequest): EngineResult<StudioReach> {
    const found = this.lookup(req.GroupId);
    if (!found.ok) return found;
    if (req.ToMembers_Account?.length) return fail(IM_ERR.NO_PERMISSION, 'AVChatRoom notices go to all members only');
    if (utf8Bytes(req.Content) > LIMITS.msgBodyBytes) {
      return fail(IM_ERR.MSG_TOO_LONG, `Content is ${utf8Bytes(req.Content)} bytes, limit ${LIMITS.msgBodyBytes}`);
    }
    const reached = this.deps.sessions.broadcast(req.GroupId, [
      { kind: 'system', groupId: req.GroupId, operationType: 255, userDefinedField: req.Content, time: this.nowSeconds() },
    ]);
    return ok({ StudioReached: reached });
  }

  /** add_group_member: nobody can be added to an AVChatRoom (10007). */
  addMember(req: AddGroupMemberRequest): EngineResult<never> {
    const found = this.lookup(req.GroupId);
    if (!found.ok) return found;
    return fail(IM_ERR.NO_PERMISSION, 'members join an AVChatRoom themselves (joinGroup)');
  }

  /**
   * The tim-js-sdk Group object. Like the SDK, custom fields come back only when named in the
   * filter (getGroupProfile's groupCustomFieldFilter); no filter → none.
   */
  timProfile(groupId: string, customFieldFilter?: string[]): EngineResult<TimGroupProfile> {
    const found = this.lookup(groupId);
    if (!found.ok) return found;
    const g = found.value;
    const wanted = new Set(customFieldFilter ?? []);
    return ok({
      groupID: g.groupId,
      name: g.name,
      type: 'AVChatRoom',
      avatar: g.faceUrl,
      introduction: g.introduction,
      notification: g.notification,
      ownerID: g.owner,
      createTime: g.createTime,
      lastInfoTime: g.lastInfoTime,
      memberCount: this.deps.sessions.count(g.groupId),
      muteAllMembers: g.shutUpAll,
      joinOption: 'FreeAccess',
      groupCustomField: [...g.appDefined].filter(([k]) => wanted.has(k)).map(([key, value]) => ({ key, value })),
    });
  }

  /** `@TGS#` + 9 characters; AVChatRoom ids observed in the wild start with `a` after the prefix. */
  private newAutoId(): string {
    for (let attempt = 0; ; attempt++) {
      let suffix = '';
      for (let i = 0; i < 8; i++) suffix += AUTO_ID_ALPHABET[Math.floor(this.deps.random() * AUTO_ID_ALPHABET.length)] ?? 'A';
      // An injected random that repeats (tests) must not loop for ever.
      if (attempt >= 16) suffix = (this.autoSeq++).toString(36).toUpperCase().padStart(8, '0');
      const id = `${AUTO_GROUP_ID_PREFIX}a${suffix}`;
      if (!this.deps.store.groups.has(id)) return id;
    }
  }
}
