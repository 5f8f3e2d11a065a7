// Announcing AVChatRoom joins and quits (group tips 1/2 and the after-join/exit callbacks), paced
// per group. While a group's budget lasts, each join or quit is announced at once, as one tip and
// one callback; in a join or leave storm the rest wait and go out merged — one tip per run of
// joins (or quits) listing every member since the last notice, and one callback with the same
// NewMemberList/ExitMemberList — so N joins cost each member O(N / merge) frames instead of N tips.
// Both shapes carry lists (tim-js-sdk GroupTipElem `userIDList`, the callbacks' member lists).
import { type Clock } from '../../shared/domain/cryptoPort';
import { type CallbackClient, type CallbackContext, type MemberCallbackBody } from './callbacks';
import { type GroupEvent, type OptPlatform, type SessionRef } from './engineApi';
import { type SessionRegistry } from './sessions';
import { type Timers } from './timers';

export type MemberOp = 1 | 2;

export interface MemberNoticePacing {
  /** Notices a quiet group may send at once (each one member), before merging starts. */
  burst: number;
  /** Notices per second once the burst is spent; each carries everyone who joined or quit since the last. */
  perSecond: number;
}

export const DEFAULT_MEMBER_NOTICE_PACING: MemberNoticePacing = { burst: 20, perSecond: 5 };

/** Members named in one tip or callback; a longer run is split (the console reads up to 1,000). */
export const MAX_MEMBERS_PER_NOTICE = 500;

interface Member {
  userId: string;
  sessionId: string;
  clientIp: string;
  platform: OptPlatform;
}

interface Run {
  op: MemberOp;
  members: Member[];
}

/** Per group (rooms are few): a token bucket and the runs waiting for the next notice. */
interface GroupState {
  tokens: number;
  refilledAt: number;
  pending: Run[];
  timer: unknown;
}

export interface MemberNoticeDeps {
  sessions: SessionRegistry;
  callbacks: CallbackClient | undefined;
  clock: Clock;
  timers: Timers;
  profileOf(userId: string): { nick: string; avatar: string };
  groupExists(groupId: string): boolean;
  pacing?: MemberNoticePacing;
}

export class MemberNotices {
  private readonly groups = new Map<string, GroupState>();
  private readonly pacing: MemberNoticePacing;

  constructor(private readonly d: MemberNoticeDeps) {
    this.pacing = d.pacing ?? DEFAULT_MEMBER_NOTICE_PACING;
  }

  /** A logged-in member joined (1) or quit (2): announced now, or merged into the next notice. */
  changed(groupId: string, session: SessionRef, op: MemberOp): void {
    if (session.userId === undefined) return;
    const member: Member = {
      userId: session.userId,
      sessionId: session.sessionId,
      clientIp: session.clientIp ?? '127.0.0.1',
      platform: session.platform,
    };
    const g = this.state(groupId);
    this.refill(g);
    if (g.pending.length === 0 && g.tokens >= 1) {
      g.tokens -= 1;
      this.emit(groupId, [{ op, members: [member] }]);
      return;
    }
    const last = g.pending[g.pending.length - 1];
    if (last && last.op === op) last.members.push(member);
    else g.pending.push({ op, members: [member] });
    this.schedule(groupId, g);
  }

  /** The group is gone: its members were never told, but the callbacks still report who came and went. */
  discard(groupId: string): void {
    const g = this.groups.get(groupId);
    if (!g) return;
    this.groups.delete(groupId);
    if (g.timer !== undefined) this.d.timers.clearTimer(g.timer);
    for (const run of g.pending) for (const chunk of chunks(run.members)) this.callback(groupId, run.op, chunk);
  }

  dispose(): void {
    for (const g of this.groups.values()) if (g.timer !== undefined) this.d.timers.clearTimer(g.timer);
    this.groups.clear();
  }

  /** Members waiting for the next merged notice, all groups (stats, tests). */
  get waiting(): number {
    let n = 0;
    for (const g of this.groups.values()) for (const run of g.pending) n += run.members.length;
    return n;
  }

  private state(groupId: string): GroupState {
    let g = this.groups.get(groupId);
    if (!g) {
      g = { tokens: this.pacing.burst, refilledAt: this.d.clock.now(), pending: [], timer: undefined };
      this.groups.set(groupId, g);
    }
    return g;
  }

  private refill(g: GroupState): void {
    const now = this.d.clock.now();
    g.tokens = Math.min(this.pacing.burst, g.tokens + (Math.max(0, now - g.refilledAt) * this.pacing.perSecond) / 1000);
    g.refilledAt = now;
  }

  private schedule(groupId: string, g: GroupState): void {
    if (g.timer !== undefined) return;
    const wait = Math.max(1, Math.ceil(((1 - g.tokens) * 1000) / this.pacing.perSecond));
    g.timer = this.d.timers.setTimer(() => this.flush(groupId), wait);
  }

  private flush(groupId: string): void {
    const g = this.groups.get(groupId);
    if (!g) return;
    g.timer = undefined;
    this.refill(g);
    if (g.tokens < 1) return this.schedule(groupId, g);
    g.tokens -= 1;
    const runs = g.pending;
    g.pending = [];
    this.emit(groupId, runs);
  }

  private emit(groupId: string, runs: Run[]): void {
    if (!this.d.groupExists(groupId)) return;
    const time = Math.floor(this.d.clock.now() / 1000);
    for (const run of runs) {
      for (const chunk of chunks(run.members)) {
        const first = chunk[0] as Member;
        const { nick, avatar } = this.d.profileOf(first.userId);
        const tip: GroupEvent = {
          kind: 'tip',
          groupId,
          operationType: run.op,
          operatorID: first.userId,
          userIDList: chunk.map((m) => m.userId),
          nick,
          avatar,
          time,
        };
        // Nobody is told about their own join (the quitters are gone already).
        this.d.sessions.broadcast(groupId, [tip], run.op === 1 ? new Set(chunk.map((m) => m.sessionId)) : undefined);
        this.callback(groupId, run.op, chunk);
      }
    }
  }

  private callback(groupId: string, op: MemberOp, members: Member[]): void {
    const callbacks = this.d.callbacks;
    const first = members[0];
    if (!callbacks || !first) return;
    const list = members.map((m) => ({ Member_Account: m.userId }));
    const common = { GroupId: groupId, Type: 'AVChatRoom', Operator_Account: first.userId, EventTime: this.d.clock.now() } as const;
    const body: MemberCallbackBody =
      op === 1
        ? { CallbackCommand: 'Group.CallbackAfterNewMemberJoin', ...common, JoinType: 'Apply', NewMemberList: list }
        : { CallbackCommand: 'Group.CallbackAfterMemberExit', ...common, ExitType: 'Quit', ExitMemberList: list };
    const ctx: CallbackContext = { clientIp: first.clientIp, platform: first.platform };
    callbacks.fireAndForget(body.CallbackCommand, body, ctx);
  }
}

function chunks(members: Member[]): Member[][] {
  const out: Member[][] = [];
  for (let i = 0; i < members.length; i += MAX_MEMBERS_PER_NOTICE) out.push(members.slice(i, i + MAX_MEMBERS_PER_NOTICE));
  return out;
}
