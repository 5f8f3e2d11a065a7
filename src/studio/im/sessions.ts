// Who is online in which AVChatRoom (logged-in users and guests) and fan-out of group events to them;
// AVChatRoom keeps no member list, so online sessions are the whole membership.
import { type Logger } from '../../node/infra/logger';
import { type GroupEvent, type SessionRef } from './engineApi';

export class SessionRegistry {
  private readonly byGroup = new Map<string, Map<string, SessionRef>>();

  constructor(private readonly log: Logger) {}

  /** Adds (or, on a repeated join, refreshes) a session; the sink may be new after a reconnect. */
  join(groupId: string, session: SessionRef): 'JoinedSuccess' | 'AlreadyInGroup' {
    let members = this.byGroup.get(groupId);
    if (!members) {
      members = new Map();
      this.byGroup.set(groupId, members);
    }
    const had = members.has(session.sessionId);
    members.set(session.sessionId, session);
    return had ? 'AlreadyInGroup' : 'JoinedSuccess';
  }

  leave(groupId: string, sessionId: string): SessionRef | undefined {
    const members = this.byGroup.get(groupId);
    const session = members?.get(sessionId);
    if (!members || !session) return undefined;
    members.delete(sessionId);
    if (members.size === 0) this.byGroup.delete(groupId);
    return session;
  }

  get(groupId: string, sessionId: string): SessionRef | undefined {
    return this.byGroup.get(groupId)?.get(sessionId);
  }

  count(groupId: string): number {
    return this.byGroup.get(groupId)?.size ?? 0;
  }

  /** Distinct logged-in users online in the group. */
  userIds(groupId: string): Set<string> {
    const ids = new Set<string>();
    for (const s of this.byGroup.get(groupId)?.values() ?? []) if (s.userId !== undefined) ids.add(s.userId);
    return ids;
  }

  /** Sends `events` to every session of the group but those excepted. A throwing sink is logged, never propagated. */
  broadcast(groupId: string, events: GroupEvent[], except?: string | ReadonlySet<string>): number {
    const members = this.byGroup.get(groupId);
    if (!members) return 0;
    const skip = typeof except === 'string' ? (id: string) => id === except : except ? (id: string) => except.has(id) : () => false;
    let n = 0;
    for (const session of members.values()) {
      if (skip(session.sessionId)) continue;
      try {
        session.sink.deliver(events);
        n++;
      } catch (e) {
        this.log.warn({ err: String(e), sessionId: session.sessionId, groupId }, 'studio im: session sink threw');
      }
    }
    return n;
  }

  /** Forgets every session of a destroyed group and returns them. */
  removeGroup(groupId: string): SessionRef[] {
    const members = this.byGroup.get(groupId);
    this.byGroup.delete(groupId);
    return members ? [...members.values()] : [];
  }

  clear(): void {
    this.byGroup.clear();
  }
}
