// Test support: a small in-memory ImEngineApi so the realtime layer is tested without the real
// engine. It delivers to every member, the sender included, so the realtime echo filter is exercised.
import type {
  ClientSend,
  EngineResult,
  GroupCustomField,
  GroupEvent,
  ImEngineApi,
  MsgElem,
  MsgPriority,
  SessionRef,
  TimGroupProfile,
  TimProfile,
} from '../im/engineApi';

interface FakeGroup {
  profile: TimGroupProfile;
  members: Map<string, SessionRef>;
  seq: number;
}

export type FakeSendInput = ClientSend;

const fail = (code: number, message: string): { ok: false; code: number; message: string } => ({ ok: false, code, message });

export class FakeEngine implements ImEngineApi {
  readonly sdkAppId: number;
  private readonly groups = new Map<string, FakeGroup>();
  private readonly profiles = new Map<string, TimProfile>();
  /** Every client send the engine accepted, in order. */
  readonly sends: FakeSendInput[] = [];
  /** Replace to model a before-send callback: return a new body to "modify" the message. */
  rewrite: (body: MsgElem[]) => MsgElem[] | undefined = () => undefined;

  constructor(
    sdkAppId = 1400000001,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    this.sdkAppId = sdkAppId;
  }

  /** A UserSig this fake accepts: `fake:<userID>:<expiresAt seconds>`. */
  sigFor(userId: string, ttlSeconds = 86_400): string {
    return `fake:${userId}:${this.nowSeconds() + ttlSeconds}`;
  }

  createGroup(groupId: string, init: Partial<TimGroupProfile> = {}): void {
    const t = this.nowSeconds();
    this.groups.set(groupId, {
      members: new Map(),
      seq: 0,
      profile: {
        groupID: groupId,
        name: init.name ?? groupId,
        type: 'AVChatRoom',
        avatar: init.avatar ?? '',
        introduction: init.introduction ?? '',
        notification: init.notification ?? '',
        ownerID: init.ownerID ?? 'admin',
        createTime: t,
        lastInfoTime: t,
        memberCount: 0,
        muteAllMembers: false,
        joinOption: 'FreeAccess',
        groupCustomField: init.groupCustomField ?? [],
      },
    });
  }

  setProfile(userId: string, nick: string, avatar = ''): void {
    this.profiles.set(userId, { userID: userId, nick, avatar, profileCustomField: [] });
  }

  members(groupId: string): SessionRef[] {
    return [...(this.groups.get(groupId)?.members.values() ?? [])];
  }

  verifyLogin(userId: string, userSig: string): EngineResult<{ expiresAt: number }> {
    const m = /^fake:(.+):(\d+)$/.exec(userSig);
    if (!m) return fail(70003, 'UserSig invalid');
    if (m[1] !== userId) return fail(70013, 'UserID does not match the UserSig identifier');
    const expiresAt = Number(m[2]);
    if (expiresAt <= this.nowSeconds()) return fail(70001, 'UserSig expired');
    return { ok: true, value: { expiresAt } };
  }

  join(groupId: string, session: SessionRef): EngineResult<{ status: 'JoinedSuccess' | 'AlreadyInGroup' }> {
    const g = this.groups.get(groupId);
    if (!g) return fail(10010, `group ${groupId} does not exist`);
    if (g.members.has(session.sessionId)) return { ok: true, value: { status: 'AlreadyInGroup' } };
    g.members.set(session.sessionId, session);
    if (session.userId !== undefined) this.tip(g, 1, session.userId);
    return { ok: true, value: { status: 'JoinedSuccess' } };
  }

  quit(groupId: string, sessionId: string): void {
    const g = this.groups.get(groupId);
    const s = g?.members.get(sessionId);
    if (!g || !s) return;
    g.members.delete(sessionId);
    if (s.userId !== undefined) this.tip(g, 2, s.userId);
  }

  async sendFromClient(input: FakeSendInput): Promise<EngineResult<{ seq: number; time: number; body: MsgElem[]; modified: boolean }>> {
    await Promise.resolve();
    const g = this.groups.get(input.groupId);
    if (!g) return fail(10010, 'group does not exist');
    if (![...g.members.values()].some((m) => m.userId === input.from)) return fail(10007, 'not a member');
    if (JSON.stringify(input.body).length > 12_288) return fail(80002, 'message too long');
    this.sends.push(input);
    const rewritten = this.rewrite(input.body);
    const body = rewritten ?? input.body;
    const p = this.profileOf(input.from);
    const ev: GroupEvent = {
      kind: 'message',
      groupId: input.groupId,
      from: input.from,
      nick: p.nick,
      avatar: p.avatar,
      time: this.nowSeconds(),
      seq: ++g.seq,
      random: input.random,
      priority: input.priority,
      body,
      cloudCustomData: input.cloudCustomData,
      modified: rewritten !== undefined,
    };
    this.broadcast(g, [ev]);
    return { ok: true, value: { seq: ev.seq, time: ev.time, body, modified: ev.modified } };
  }

  /** REST-style send (admin or on behalf of a user); not echo-filtered by anyone. */
  sendAsRest(groupId: string, from: string, body: MsgElem[], priority: MsgPriority = 'Normal', random = 1): void {
    const g = this.mustGroup(groupId);
    const p = this.profileOf(from);
    this.broadcast(g, [
      { kind: 'message', groupId, from, nick: p.nick, avatar: p.avatar, time: this.nowSeconds(), seq: ++g.seq, random, priority, body, cloudCustomData: '', modified: false },
    ]);
  }

  /** modify_group_base_info: applies the change and emits the operationType 6 tip. */
  modifyGroup(groupId: string, change: { customFields?: GroupCustomField[]; notification?: string }, operator = 'admin'): void {
    const g = this.mustGroup(groupId);
    const newGroupProfile: NonNullable<Extract<GroupEvent, { kind: 'tip' }>['newGroupProfile']> = {};
    if (change.customFields) {
      for (const f of change.customFields) {
        const rest = g.profile.groupCustomField.filter((x) => x.key !== f.key);
        g.profile.groupCustomField = f.value === '' ? rest : [...rest, f];
      }
      newGroupProfile.groupCustomField = change.customFields;
    }
    if (change.notification !== undefined) {
      g.profile.notification = change.notification;
      newGroupProfile.notification = change.notification;
    }
    this.tip(g, 6, operator, newGroupProfile);
  }

  systemNotice(groupId: string, content: string, operationType: 255 | 5 = 255): void {
    const g = this.mustGroup(groupId);
    this.broadcast(g, [{ kind: 'system', groupId, operationType, userDefinedField: content, time: this.nowSeconds() }]);
  }

  /** destroy_group: members get notice 5, then the group and its sessions are gone. */
  destroyGroup(groupId: string): void {
    const g = this.mustGroup(groupId);
    this.broadcast(g, [{ kind: 'system', groupId, operationType: 5, userDefinedField: '', time: this.nowSeconds() }]);
    this.groups.delete(groupId);
  }

  getGroupProfile(groupId: string, customFieldFilter?: string[]): EngineResult<TimGroupProfile> {
    const g = this.groups.get(groupId);
    if (!g) return fail(10010, 'group does not exist');
    const wanted = new Set(customFieldFilter ?? []);
    return {
      ok: true,
      value: {
        ...g.profile,
        memberCount: g.members.size,
        groupCustomField: g.profile.groupCustomField.filter((f) => wanted.has(f.key)),
      },
    };
  }

  getProfiles(userIds: string[]): TimProfile[] {
    return userIds.map((id) => this.profileOf(id));
  }

  updateProfile(userId: string, patch: { nick?: string; avatar?: string; customFields?: GroupCustomField[] }): EngineResult<TimProfile> {
    const p = { ...this.profileOf(userId) };
    if (patch.nick !== undefined) p.nick = patch.nick;
    if (patch.avatar !== undefined) p.avatar = patch.avatar;
    if (patch.customFields !== undefined) p.profileCustomField = patch.customFields;
    this.profiles.set(userId, p);
    return { ok: true, value: p };
  }

  onlineCount(groupId: string): EngineResult<number> {
    const g = this.groups.get(groupId);
    return g ? { ok: true, value: g.members.size } : fail(10010, 'group does not exist');
  }

  private profileOf(userId: string): TimProfile {
    return this.profiles.get(userId) ?? { userID: userId, nick: '', avatar: '', profileCustomField: [] };
  }

  private mustGroup(groupId: string): FakeGroup {
    const g = this.groups.get(groupId);
    if (!g) throw new Error(`fake engine: no group ${groupId}`);
    return g;
  }

  private tip(
    g: FakeGroup,
    operationType: 1 | 2 | 6,
    operator: string,
    newGroupProfile?: Extract<GroupEvent, { kind: 'tip' }>['newGroupProfile'],
  ): void {
    const p = this.profileOf(operator);
    const ev: GroupEvent = {
      kind: 'tip',
      groupId: g.profile.groupID,
      operationType,
      operatorID: operator,
      userIDList: [operator],
      nick: p.nick,
      avatar: p.avatar,
      time: this.nowSeconds(),
    };
    if (newGroupProfile) ev.newGroupProfile = newGroupProfile;
    this.broadcast(g, [ev]);
  }

  private broadcast(g: FakeGroup, events: GroupEvent[]): void {
    for (const m of g.members.values()) m.sink.deliver(events);
  }
}
