// The studio's Tencent-compatible IM engine: composes state, accounts, groups, sessions and the
// message pipeline for the realtime layer (ImEngineApi) and the REST routes (one method per command).
import { ROOM_CUSTOM_FIELDS } from '../../shared/domain/liveCommerce';
import { LEVEL_TAG } from '../../shared/domain/levels/levelRules';
import { type Clock, type CryptoPort } from '../../shared/domain/cryptoPort';
import { assertSdkAppId, verifyUserSig } from '../../shared/domain/userSig';
import { IM_ERR } from '../../shared/tencent/errorCodes';
import { isValidUserId } from '../../shared/tencent/limits';
import {
  type AccountImportRequest,
  type AddGroupMemberRequest,
  type CreateGroupRequest,
  type DestroyGroupRequest,
  type ForbidSendMsgRequest,
  type GetGroupInfoRequest,
  type GetOnlineMemberNumRequest,
  type ModifyGroupBaseInfoRequest,
  type MultiAccountImportRequest,
  type PortraitGetRequest,
  type PortraitSetRequest,
  type SendGroupMsgRequest,
  type SendGroupSystemNotificationRequest,
} from '../../shared/tencent/restSchemas';
import { type Logger } from '../../node/infra/logger';
import { Accounts } from './accounts';
import { CallbackClient } from './callbacks';
import {
  type ClientSend,
  type ClientSent,
  type EngineResult,
  type GroupCustomField,
  type ImEngineApi,
  type SessionRef,
  type TimGroupProfile,
  type TimProfile,
} from './engineApi';
import { Groups, type StudioReach } from './groups';
import { Membership } from './membership';
import { MemberNotices, type MemberNoticePacing } from './memberNotices';
import { MessagePipeline, type PipelineStats } from './pipeline';
import { fail, failRaw, ok } from './result';
import { SessionRegistry } from './sessions';
import { StateStore } from './state';
import { systemTimers, type Timers } from './timers';

export const DEFAULT_CUSTOM_FIELD_KEYS = ROOM_CUSTOM_FIELDS;

export interface ImEngineOptions {
  sdkAppId: number;
  secretKey: string;
  adminIdentifier: string;
  dataDir: string;
  clock: Clock;
  crypto: CryptoPort;
  log: Logger;
  /** Third-party callback URL; no callbacks when absent. */
  callbackUrl?: string;
  /** Callback auth token: adds RequestTime + Sign. */
  callbackToken?: string;
  /** Group custom-field keys "registered in the console" (`AppDefinedData` keys). */
  customFieldKeys?: string[];
  /** For auto-assigned group ids. */
  random?: () => number;
  fetch?: typeof fetch;
  /** Timers for the rate limiter and debounced saves; pair with `clock` (e.g. ManualTime) in tests. */
  timers?: Timers;
  /** Tencent waits 2 s; tests shorten it. */
  callbackTimeoutMs?: number;
  /** Profile custom tags only the App admin may write (default: the level tag). */
  adminOnlyProfileTags?: string[];
  /** How join/quit tips and callbacks are paced and merged per group (memberNotices.ts). */
  memberNotices?: MemberNoticePacing;
}

/** Where a REST call came from, for callbacks' ClientIP. */
export interface RestContext {
  clientIp: string;
}

type Empty = Record<string, never>;

export class ImEngine implements ImEngineApi {
  readonly sdkAppId: number;
  readonly adminIdentifier: string;
  readonly clock: Clock;
  readonly log: Logger;
  private readonly store: StateStore;
  private readonly accounts: Accounts;
  private readonly sessions: SessionRegistry;
  private readonly groups: Groups;
  private readonly pipeline: MessagePipeline;
  private readonly callbacks: CallbackClient | undefined;
  private readonly membership: Membership;
  private readonly notices: MemberNotices;

  constructor(private readonly opts: ImEngineOptions) {
    assertSdkAppId(opts.sdkAppId);
    if (!isValidUserId(opts.adminIdentifier)) throw new Error('adminIdentifier must be 1-32 bytes of printable ASCII');
    if (opts.secretKey === '') throw new Error('secretKey must not be empty');
    if (opts.callbackUrl !== undefined && !/^https?:\/\//.test(opts.callbackUrl)) {
      throw new Error('callbackUrl must start with http:// or https://');
    }
    this.sdkAppId = opts.sdkAppId;
    this.adminIdentifier = opts.adminIdentifier;
    this.clock = opts.clock;
    this.log = opts.log;
    const timers = opts.timers ?? systemTimers;
    this.store = new StateStore({ dataDir: opts.dataDir, log: opts.log, timers, clock: opts.clock });
    this.store.load();
    this.accounts = new Accounts(this.store, opts.clock, new Set(opts.adminOnlyProfileTags ?? [LEVEL_TAG]));
    this.accounts.ensure(opts.adminIdentifier);
    this.sessions = new SessionRegistry(opts.log);
    this.callbacks = opts.callbackUrl
      ? new CallbackClient({
          url: opts.callbackUrl,
          ...(opts.callbackToken ? { token: opts.callbackToken } : {}),
          sdkAppId: opts.sdkAppId,
          crypto: opts.crypto,
          clock: opts.clock,
          log: opts.log,
          fetch: opts.fetch ?? fetch,
          timeoutMs: opts.callbackTimeoutMs ?? 2000,
        })
      : undefined;
    this.pipeline = new MessagePipeline({
      clock: opts.clock,
      timers,
      log: opts.log,
      sessions: this.sessions,
      callbacks: this.callbacks,
      profileOf: (id) => this.accounts.profileOf(id),
      groupExists: (id) => this.store.groups.has(id),
    });
    this.groups = new Groups({
      store: this.store,
      accounts: this.accounts,
      sessions: this.sessions,
      clock: opts.clock,
      sdkAppId: opts.sdkAppId,
      adminId: opts.adminIdentifier,
      customFieldKeys: opts.customFieldKeys ?? [...DEFAULT_CUSTOM_FIELD_KEYS],
      random: opts.random ?? Math.random,
      onDestroy: (id) => {
        this.pipeline.removeGroup(id);
        this.notices.discard(id);
      },
    });
    this.notices = new MemberNotices({
      sessions: this.sessions,
      callbacks: this.callbacks,
      clock: opts.clock,
      timers,
      profileOf: (id) => this.accounts.profileOf(id),
      groupExists: (id) => this.store.groups.has(id),
      ...(opts.memberNotices ? { pacing: opts.memberNotices } : {}),
    });
    this.membership = new Membership({ groups: this.groups, sessions: this.sessions, notices: this.notices });
  }

  /** Delivered / shed / de-duplicated / callback-refused counts since start (for the benchmark). */
  stats(): PipelineStats {
    return { ...this.pipeline.stats };
  }

  /** Flushes state to disk and stops timers and callbacks in flight. */
  dispose(): void {
    this.pipeline.dispose();
    this.notices.dispose();
    this.callbacks?.dispose();
    this.sessions.clear();
    this.store.flush();
  }

  // ── Realtime layer (ImEngineApi) ────────────────────────────────────────────────────────

  /** Verifies a client UserSig; a first login creates the account, as on Tencent. */
  verifyLogin(userId: string, userSig: string): EngineResult<{ expiresAt: number }> {
    const result = this.checkUserSig(userId, userSig);
    if (result.ok) this.accounts.ensure(userId);
    return result;
  }

  /** The App admin, or the owner of any group: accounts whose messages and writes carry authority. */
  hasAdminRights(userId: string): boolean {
    if (userId === this.adminIdentifier) return true;
    for (const g of this.store.groups.values()) if (g.owner === userId) return true;
    return false;
  }

  /** The UserSig check alone, for the REST admin identity: no account side effects. */
  checkUserSig(userId: string, userSig: string): EngineResult<{ expiresAt: number }> {
    const result = verifyUserSig(this.opts.crypto, {
      userSig,
      sdkAppId: this.sdkAppId,
      secretKey: this.opts.secretKey,
      identifier: userId,
      nowSeconds: Math.floor(this.opts.clock.now() / 1000),
    });
    return result.ok ? ok({ expiresAt: result.expiresAt }) : failRaw(result.code, result.reason);
  }

  join(groupId: string, session: SessionRef): EngineResult<{ status: 'JoinedSuccess' | 'AlreadyInGroup' }> {
    return this.membership.join(groupId, session);
  }

  quit(groupId: string, sessionId: string): void {
    this.membership.quit(groupId, sessionId);
  }

  /** Quits every group a session is in (socket closed). */
  leaveAll(sessionId: string): void {
    for (const groupId of this.store.groups.keys()) this.quit(groupId, sessionId);
  }

  async sendFromClient(input: ClientSend): Promise<EngineResult<ClientSent>> {
    const found = this.groups.lookup(input.groupId);
    if (!found.ok) return found;
    const group = found.value;
    const session = this.sessions.get(input.groupId, input.sessionId);
    if (!session) return fail(IM_ERR.SDK_NOT_IN_GROUP, input.groupId);
    // Guests receive only (tim-js-sdk guest mode).
    if (session.userId === undefined || session.userId !== input.from) return fail(IM_ERR.SDK_NOT_LOGGED_IN, 'guests cannot send');
    const muteAll = group.shutUpAll && input.from !== group.owner && input.from !== this.adminIdentifier;
    if (muteAll || this.groups.isMuted(group, input.from)) return fail(IM_ERR.SENDER_MUTED, input.from);
    return this.pipeline.send({
      group,
      from: input.from,
      operator: input.from,
      random: input.random,
      priority: input.priority,
      body: input.body,
      cloudCustomData: input.cloudCustomData,
      exceptSessionId: input.sessionId,
      ctx: { clientIp: session.clientIp ?? '127.0.0.1', platform: session.platform },
    });
  }

  getGroupProfile(groupId: string, customFieldFilter?: string[]): EngineResult<TimGroupProfile> {
    return this.groups.timProfile(groupId, customFieldFilter);
  }

  /** Profiles of the accounts that exist; unknown ids are left out, as the SDK does. */
  getProfiles(userIds: string[]): TimProfile[] {
    const out: TimProfile[] = [];
    for (const id of userIds) {
      const rec = this.accounts.get(id);
      if (rec) out.push(this.accounts.toTimProfile(rec));
    }
    return out;
  }

  updateProfile(userId: string, patch: { nick?: string; avatar?: string; customFields?: GroupCustomField[] }): EngineResult<TimProfile> {
    return this.accounts.updateProfile(userId, patch);
  }

  /** Online sessions, guests included; exact, where Tencent reports at 10 s granularity (get_online_member_num). */
  onlineCount(groupId: string): EngineResult<number> {
    const found = this.groups.lookup(groupId);
    return found.ok ? ok(this.sessions.count(groupId)) : found;
  }

  // ── REST commands ────────────────────────────────────────────────────────────────────────

  accountImport(req: AccountImportRequest): EngineResult<Empty> {
    return this.accounts.importOne(req);
  }

  multiAccountImport(req: MultiAccountImportRequest): EngineResult<{ FailAccounts: string[] }> {
    return this.accounts.importMany(req);
  }

  createGroup(req: CreateGroupRequest): EngineResult<{ GroupId: string }> {
    return this.groups.create(req);
  }

  getGroupInfo(req: GetGroupInfoRequest) {
    return this.groups.getInfo(req);
  }

  modifyGroupBaseInfo(req: ModifyGroupBaseInfoRequest): EngineResult<StudioReach> {
    return this.groups.modify(req);
  }

  destroyGroup(req: DestroyGroupRequest): EngineResult<Empty> {
    return this.groups.destroy(req.GroupId);
  }

  /**
   * send_group_msg. From_Account must exist (10019, the group service's "UserID does not
   * exist"); a muted From_Account gets 10017, but ShutUpAllMember does not stop the App admin's
   * REST sends, since it exempts the App admin.
   */
  async sendGroupMsg(req: SendGroupMsgRequest, ctx: RestContext): Promise<EngineResult<{ MsgTime: number; MsgSeq: number }>> {
    const found = this.groups.lookup(req.GroupId);
    if (!found.ok) return found;
    const from = req.From_Account ?? this.adminIdentifier;
    if (!this.accounts.exists(from)) return fail(IM_ERR.USER_NOT_FOUND, `From_Account ${from}`);
    if (this.groups.isMuted(found.value, from)) return fail(IM_ERR.SENDER_MUTED, from);
    const forbid = req.ForbidCallbackControl ?? [];
    const sent = await this.pipeline.send({
      group: found.value,
      from,
      operator: this.adminIdentifier,
      random: req.Random,
      priority: req.MsgPriority ?? 'Normal',
      body: req.MsgBody,
      cloudCustomData: req.CloudCustomData ?? '',
      ctx: { clientIp: ctx.clientIp, platform: 'RESTAPI' },
      skipBeforeCallback: forbid.includes('ForbidBeforeSendMsgCallback'),
      skipAfterCallback: forbid.includes('ForbidAfterSendMsgCallback'),
    });
    return sent.ok ? ok({ MsgTime: sent.value.time, MsgSeq: sent.value.seq }) : sent;
  }

  sendGroupSystemNotification(req: SendGroupSystemNotificationRequest): EngineResult<StudioReach> {
    return this.groups.systemNotification(req);
  }

  forbidSendMsg(req: ForbidSendMsgRequest): EngineResult<Empty> {
    return this.groups.forbid(req);
  }

  getOnlineMemberNum(req: GetOnlineMemberNumRequest): EngineResult<{ OnlineMemberNum: number }> {
    const n = this.onlineCount(req.GroupId);
    return n.ok ? ok({ OnlineMemberNum: n.value }) : n;
  }

  addGroupMember(req: AddGroupMemberRequest): EngineResult<Empty> {
    return this.groups.addMember(req);
  }

  portraitSet(req: PortraitSetRequest): EngineResult<Empty> {
    return this.accounts.portraitSet(req);
  }

  portraitGet(req: PortraitGetRequest) {
    return this.accounts.portraitGet(req);
  }
}
