// Who is online in which AVChatRoom (logged-in users and guests) and fan-out of group events to them
// (once per channel for sessions that share one, one by one for the rest); AVChatRoom keeps no
// member list, so online sessions are the whole membership.
import { type Logger } from '../../node/infra/logger';
import { type GroupChannel, type GroupEvent, type SessionRef } from './engineApi';

/** A group's online sessions, and how group events reach them: channels once each, the rest one by one. */
interface Members {
  all: Map<string, SessionRef>;
  direct: Map<string, SessionRef>;
  /** Channels in use by this group's sessions, with how many sessions use each. */
  channels: Map<GroupChannel, number>;
}

export class SessionRegistry {
  private readonly byGroup = new Map<string, Members>();

  constructor(private readonly log: Logger) {}

  /** Adds (or, on a repeated join, refreshes) a session; the sink may be new after a reconnect. */
  join(groupId: string, session: SessionRef): 'JoinedSuccess' | 'AlreadyInGroup' {
    let members = this.byGroup.get(groupId);
    if (!members) {
      members = { all: new Map(), direct: new Map(), channels: new Map() };
      this.byGroup.set(groupId, members);
    }
    const old = members.all.get(session.sessionId);
    if (old) this.untrack(members, old);
    members.all.set(session.sessionId, session);
    if (session.channel) members.channels.set(session.channel, (members.channels.get(session.channel) ?? 0) + 1);
    else members.direct.set(session.sessionId, session);
    return old ? 'AlreadyInGroup' : 'JoinedSuccess';
  }

  leave(groupId: string, sessionId: string): SessionRef | undefined {
    const members = this.byGroup.get(groupId);
    const session = members?.all.get(sessionId);
    if (!members || !session) return undefined;
    this.untrack(members, session);
    members.all.delete(sessionId);
    if (members.all.size === 0) this.byGroup.delete(groupId);
    return session;
  }

  private untrack(members: Members, session: SessionRef): void {
    if (!session.channel) {
      members.direct.delete(session.sessionId);
      return;
    }
    const n = (members.channels.get(session.channel) ?? 1) - 1;
    if (n > 0) members.channels.set(session.channel, n);
    else members.channels.delete(session.channel);
  }

  get(groupId: string, sessionId: string): SessionRef | undefined {
    return this.byGroup.get(groupId)?.all.get(sessionId);
  }

  count(groupId: string): number {
    return this.byGroup.get(groupId)?.all.size ?? 0;
  }

  /** Distinct logged-in users online in the group. */
  userIds(groupId: string): Set<string> {
    const ids = new Set<string>();
    for (const s of this.byGroup.get(groupId)?.all.values() ?? []) if (s.userId !== undefined) ids.add(s.userId);
    return ids;
  }

  /**
   * Sends `events` to every session of the group but those excepted: once to each channel, then to
   * the other sessions' sinks. A throwing sink or channel is logged, never propagated. Returns how
   * many sessions it was published to (the console's journal shows it as the reach of an action).
   */
  broadcast(groupId: string, events: GroupEvent[], except?: string | ReadonlySet<string>): number {
    const members = this.byGroup.get(groupId);
    if (!members) return 0;
    for (const channel of members.channels.keys()) {
      try {
        channel.publish(groupId, events, except);
      } catch (e) {
        this.log.warn({ err: String(e), groupId }, 'studio im: session channel threw');
      }
    }
    const one = typeof except === 'string' ? except : undefined;
    const set = typeof except === 'object' ? except : undefined;
    for (const session of members.direct.values()) {
      const id = session.sessionId;
      if (id === one || set?.has(id)) continue;
      try {
        session.sink.deliver(events);
      } catch (e) {
        this.log.warn({ err: String(e), sessionId: session.sessionId, groupId }, 'studio im: session sink threw');
      }
    }
    let reached = members.all.size;
    if (one !== undefined && members.all.has(one)) reached -= 1;
    if (set) for (const id of set) if (members.all.has(id)) reached -= 1;
    return reached;
  }

  /** Forgets every session of a destroyed group and returns them. */
  removeGroup(groupId: string): SessionRef[] {
    const members = this.byGroup.get(groupId);
    this.byGroup.delete(groupId);
    return members ? [...members.all.values()] : [];
  }

  clear(): void {
    this.byGroup.clear();
  }
}
