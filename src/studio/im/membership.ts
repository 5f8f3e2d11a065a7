// Joining and leaving AVChatRoom sessions: join/quit tips to the others (group tip
// operationType 1/2) and the after-join/exit callbacks, for logged-in users only.
import { type Accounts } from './accounts';
import { type CallbackClient, type CallbackContext, type MemberCallbackBody } from './callbacks';
import { type EngineResult, type SessionRef } from './engineApi';
import { type Groups } from './groups';
import { ok } from './result';
import { type SessionRegistry } from './sessions';

export interface MembershipDeps {
  groups: Groups;
  sessions: SessionRegistry;
  accounts: Accounts;
  callbacks: CallbackClient | undefined;
  clock: { now(): number };
}

export class Membership {
  constructor(private readonly deps: MembershipDeps) {}

  /** Guests (no userId) join silently: they have no account to announce or call back about. */
  join(groupId: string, session: SessionRef): EngineResult<{ status: 'JoinedSuccess' | 'AlreadyInGroup' }> {
    const found = this.deps.groups.lookup(groupId);
    if (!found.ok) return found;
    const status = this.deps.sessions.join(groupId, session);
    if (status === 'JoinedSuccess' && session.userId !== undefined) this.changed(groupId, session, 1);
    return ok({ status });
  }

  quit(groupId: string, sessionId: string): void {
    const session = this.deps.sessions.leave(groupId, sessionId);
    if (session?.userId !== undefined && this.deps.groups.get(groupId)) this.changed(groupId, session, 2);
  }

  private changed(groupId: string, session: SessionRef, operationType: 1 | 2): void {
    const userId = session.userId as string;
    const { nick, avatar } = this.deps.accounts.profileOf(userId);
    const now = this.deps.clock.now();
    this.deps.sessions.broadcast(
      groupId,
      [{ kind: 'tip', groupId, operationType, operatorID: userId, userIDList: [userId], nick, avatar, time: Math.floor(now / 1000) }],
      session.sessionId,
    );
    const callbacks = this.deps.callbacks;
    if (!callbacks) return;
    const members = [{ Member_Account: userId }];
    const common = { GroupId: groupId, Type: 'AVChatRoom', Operator_Account: userId, EventTime: now } as const;
    const body: MemberCallbackBody =
      operationType === 1
        ? { CallbackCommand: 'Group.CallbackAfterNewMemberJoin', ...common, JoinType: 'Apply', NewMemberList: members }
        : { CallbackCommand: 'Group.CallbackAfterMemberExit', ...common, ExitType: 'Quit', ExitMemberList: members };
    const ctx: CallbackContext = { clientIp: session.clientIp ?? '127.0.0.1', platform: session.platform };
    callbacks.fireAndForget(body.CallbackCommand, body, ctx);
  }
}
