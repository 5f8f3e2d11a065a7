// Joining and leaving AVChatRoom sessions; logged-in members' joins and quits are announced to the
// others (group tips 1/2) and to the after-join/exit callbacks by MemberNotices, which merges them
// in a storm.
import { type EngineResult, type SessionRef } from './engineApi';
import { type Groups } from './groups';
import { type MemberNotices } from './memberNotices';
import { ok } from './result';
import { type SessionRegistry } from './sessions';

export interface MembershipDeps {
  groups: Groups;
  sessions: SessionRegistry;
  notices: MemberNotices;
}

export class Membership {
  constructor(private readonly deps: MembershipDeps) {}

  /** Guests (no userId) join silently: they have no account to announce or call back about. */
  join(groupId: string, session: SessionRef): EngineResult<{ status: 'JoinedSuccess' | 'AlreadyInGroup' }> {
    const found = this.deps.groups.lookup(groupId);
    if (!found.ok) return found;
    const status = this.deps.sessions.join(groupId, session);
    if (status === 'JoinedSuccess') this.deps.notices.changed(groupId, session, 1);
    return ok({ status });
  }

  quit(groupId: string, sessionId: string): void {
    const session = this.deps.sessions.leave(groupId, sessionId);
    if (session && this.deps.groups.get(groupId)) this.deps.notices.changed(groupId, session, 2);
  }
}
