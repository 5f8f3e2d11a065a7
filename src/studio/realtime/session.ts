// One realtime session (one WebSocket): the SDK-side rules the studio enforces — guests may only
// join/quit/count, one login and one AVChatRoom at a time, sends only when logged in and joined —
// translated into ImEngineApi calls, with every answer an ack frame.
import type { Logger } from '../../node/infra/logger';
import {
  GUEST_OPS,
  WIRE_ERROR,
  parseClientFrame,
  type ClientFrame,
  type KickedType,
  type OpName,
  type ResultData,
  type ServerFrame,
  type WireProfile,
} from '../../shared/realtime/protocol';
import type { GroupChannel, GroupEvent, ImEngineApi, SessionRef } from '../im/engineApi';
import type { Fanout, Outlet } from './fanout';

export interface SessionSocket extends Outlet {
  sendText(text: string): void;
}

export interface SessionDeps {
  id: string;
  engine: ImEngineApi;
  log: Logger;
  socket: SessionSocket;
  fanout: Fanout;
  /** The realtime server's channel: the engine publishes group events to it once, not to each session. */
  channel?: GroupChannel;
  now: () => number;
  /** False when the connection URL named another SDKAppID. */
  appIdOk: boolean;
  loggedIn(session: RealtimeSession): void;
  loggedOut(session: RealtimeSession): void;
  /** Back-pressure: ms a new login must wait while the studio is busy, else undefined. */
  loginWait(): number | undefined;
  /** Counts frames that failed validation (server stats). */
  badFrame(): void;
}

/** Randoms of this session's own sends, so their echoes are not delivered back (SDK behaviour). */
const OWN_RANDOMS_KEPT = 256;
/** setTimeout's ceiling; a UserSig valid for longer is simply never expired by a timer. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class RealtimeSession {
  userId: string | undefined;
  groupId: string | undefined;
  /** Set by any frame or pong; the heartbeat clears it and terminates sessions that stay silent. */
  alive = true;
  droppedEvents = 0;
  private expiresAt = 0;
  private sigTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly ownRandoms: number[] = [];
  private disposed = false;

  constructor(private readonly d: SessionDeps) {}

  get id(): string {
    return this.d.id;
  }

  /** One text frame from the client. Never throws. */
  handle(raw: string): void {
    const parsed = parseClientFrame(raw);
    if (!parsed.ok) {
      this.d.badFrame();
      this.fail(parsed.seq, parsed.code, parsed.message);
      return;
    }
    const f = parsed.frame;
    if (!this.d.appIdOk && f.t !== 'ping') {
      this.fail(f.seq, WIRE_ERROR.SDKAPPID_INVALID, 'the connection names another SDKAppID');
      return;
    }
    if (this.userId === undefined && !GUEST_OPS.has(f.t)) {
      this.fail(f.seq, WIRE_ERROR.NOT_LOGGED_IN, `${f.t} needs a login (guests may join an AVChatRoom and receive)`);
      return;
    }
    try {
      const pending = this.dispatch(f);
      if (pending) pending.catch((e: unknown) => this.internal(f, e));
    } catch (e) {
      this.internal(f, e);
    }
  }

  /** The server (or a newer login of the same user) ends this login; the socket stays open. */
  kick(type: KickedType): void {
    if (this.userId === undefined) return;
    this.d.log.info({ session: this.id, userId: this.userId, type }, 'realtime: session kicked');
    this.sendFrame({ t: 'kicked', type });
    this.leaveGroup();
    this.endLogin();
  }

  /** The socket closed: leave the room, forget the login. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.leaveGroup();
    this.endLogin();
    this.d.fanout.forget(this.d.socket);
  }

  private dispatch(f: ClientFrame): Promise<void> | void {
    const { engine } = this.d;
    switch (f.t) {
      case 'ping':
        return this.ack(f.seq, 'ping', { time: Math.floor(this.d.now() / 1000) });
      case 'login':
        return this.login(f.seq, f.userID, f.userSig);
      case 'logout':
        this.leaveGroup();
        this.endLogin();
        return this.ack(f.seq, 'logout', {});
      case 'join':
        return this.join(f.seq, f.groupID);
      case 'quit':
        if (this.groupId === f.groupID) this.leaveGroup();
        return this.ack(f.seq, 'quit', { groupID: f.groupID });
      case 'send':
        return this.send(f);
      case 'getGroupProfile': {
        const r = engine.getGroupProfile(f.groupID, f.groupCustomFieldFilter);
        return r.ok ? this.ack(f.seq, 'getGroupProfile', { group: r.value }) : this.fail(f.seq, r.code, r.message);
      }
      case 'getUserProfile':
        return this.ack(f.seq, 'getUserProfile', { profiles: engine.getProfiles(f.userIDList) });
      case 'getMyProfile':
        return this.ack(f.seq, 'getMyProfile', { profile: this.myProfile() });
      case 'updateMyProfile': {
        const patch: Parameters<ImEngineApi['updateProfile']>[1] = {};
        if (f.nick !== undefined) patch.nick = f.nick;
        if (f.avatar !== undefined) patch.avatar = f.avatar;
        if (f.profileCustomField !== undefined) patch.customFields = f.profileCustomField;
        const r = engine.updateProfile(this.requireUser(), patch);
        return r.ok ? this.ack(f.seq, 'updateMyProfile', { profile: r.value }) : this.fail(f.seq, r.code, r.message);
      }
      case 'getOnlineCount': {
        const r = engine.onlineCount(f.groupID);
        return r.ok ? this.ack(f.seq, 'getOnlineCount', { memberCount: r.value }) : this.fail(f.seq, r.code, r.message);
      }
    }
  }

  private login(seq: number, userID: string, userSig: string): void {
    if (this.userId !== undefined) {
      if (this.userId !== userID) {
        this.fail(seq, WIRE_ERROR.REPEAT_LOGIN, `already logged in as ${this.userId}; log out first`);
        return;
      }
      this.ack(seq, 'login', { userID, expiresAt: this.expiresAt, repeatLogin: true, profile: this.myProfile() });
      return;
    }
    const wait = this.d.loginWait();
    if (wait !== undefined) {
      this.sendFrame({ t: 'ack', seq, ok: false, code: WIRE_ERROR.BUSY, message: `studio busy; retry in ${wait} ms`, retryAfterMs: wait });
      return;
    }
    const r = this.d.engine.verifyLogin(userID, userSig);
    if (!r.ok) {
      this.fail(seq, r.code, r.message);
      return;
    }
    this.userId = userID;
    this.expiresAt = r.value.expiresAt;
    this.scheduleExpiry();
    this.d.loggedIn(this);
    // A guest already in a room re-enters it under the new identity (members see the join tip).
    const room = this.groupId;
    if (room !== undefined) {
      this.leaveGroup();
      const j = this.d.engine.join(room, this.ref(room));
      if (j.ok) this.entered(room);
    }
    this.ack(seq, 'login', { userID, expiresAt: this.expiresAt, repeatLogin: false, profile: this.myProfile() });
  }

  private join(seq: number, groupID: string): void {
    // One AVChatRoom per SDK instance: joining another room leaves the current one first. The
    // same room is joined again too, so the engine (the source of truth) answers AlreadyInGroup.
    if (this.groupId !== groupID) this.leaveGroup();
    const r = this.d.engine.join(groupID, this.ref(groupID));
    if (!r.ok) {
      if (this.groupId === groupID) this.left(groupID);
      this.fail(seq, r.code, r.message);
      return;
    }
    this.entered(groupID);
    this.answerJoin(seq, groupID, r.value.status);
  }

  /** The engine has this session in the room: its group events now reach the socket. */
  private entered(groupID: string): void {
    this.groupId = groupID;
    this.d.fanout.subscribe(this.d.socket, groupID, this.id);
  }

  /** Out of the room (what was published before still goes out). */
  private left(groupID: string): void {
    this.groupId = undefined;
    this.d.fanout.unsubscribe(this.d.socket, groupID);
  }

  /** The group was destroyed (notice 5): the engine has already dropped its members. */
  groupDismissed(groupID: string): void {
    if (this.groupId === groupID) this.left(groupID);
  }

  private answerJoin(seq: number, groupID: string, status: 'JoinedSuccess' | 'AlreadyInGroup'): void {
    // Guests get no group profile (tim-js-sdk guest mode: `{ status }` only).
    if (this.userId === undefined) return this.ack(seq, 'join', { status });
    const g = this.d.engine.getGroupProfile(groupID);
    this.ack(seq, 'join', g.ok ? { status, group: g.value } : { status });
  }

  private async send(f: Extract<ClientFrame, { t: 'send' }>): Promise<void> {
    const from = this.requireUser();
    if (this.groupId !== f.groupID) {
      this.fail(f.seq, WIRE_ERROR.NOT_IN_GROUP, `not in AVChatRoom ${f.groupID}; join it first`);
      return;
    }
    this.ownRandoms.push(f.random);
    if (this.ownRandoms.length > OWN_RANDOMS_KEPT) this.ownRandoms.shift();
    const r = await this.d.engine.sendFromClient({
      groupId: f.groupID,
      from,
      sessionId: this.id,
      random: f.random,
      priority: f.priority,
      body: f.body,
      cloudCustomData: f.cloudCustomData,
    });
    if (!r.ok) {
      this.fail(f.seq, r.code, r.message);
      return;
    }
    this.ack(f.seq, 'send', { seq: r.value.seq, time: r.value.time, body: r.value.body, modified: r.value.modified });
  }

  /**
   * How the engine reaches this session: the server's channel when there is one (group events are
   * published once for all), else the sink, bound to one room so late deliveries for a left room drop.
   */
  private ref(groupID: string): SessionRef {
    const ref: SessionRef = {
      sessionId: this.id,
      platform: 'Web',
      sink: { deliver: (events) => this.deliver(groupID, events) },
    };
    if (this.d.channel) ref.channel = this.d.channel;
    if (this.userId !== undefined) ref.userId = this.userId;
    return ref;
  }

  /** Runs once per member per message: the common case (nothing of ours, no dismissal) allocates nothing. */
  private deliver(groupID: string, events: GroupEvent[]): void {
    if (this.disposed || groupID !== this.groupId) return;
    let out = events;
    const me = this.userId;
    let dismissed = false;
    for (const ev of events) {
      if (ev.kind === 'message' && out === events && ev.from === me && this.ownRandoms.includes(ev.random)) out = this.withoutOwnEchoes(events, ev.from);
      else if (ev.kind === 'system' && ev.operationType === 5) dismissed = true;
    }
    this.d.fanout.push(this.d.socket, groupID, out);
    // A dismissed group (notice 5) has already dropped its members inside the engine.
    if (dismissed) this.left(groupID);
  }

  private withoutOwnEchoes(events: GroupEvent[], me: string): GroupEvent[] {
    return events.filter((ev) => {
      if (ev.kind !== 'message' || ev.from !== me) return true;
      const i = this.ownRandoms.indexOf(ev.random);
      if (i < 0) return true;
      this.ownRandoms.splice(i, 1);
      return false;
    });
  }

  private leaveGroup(): void {
    const room = this.groupId;
    if (room === undefined) return;
    this.left(room);
    this.d.engine.quit(room, this.id);
  }

  private endLogin(): void {
    if (this.sigTimer !== undefined) clearTimeout(this.sigTimer);
    this.sigTimer = undefined;
    if (this.userId === undefined) return;
    this.d.loggedOut(this);
    this.userId = undefined;
    this.expiresAt = 0;
    this.ownRandoms.length = 0;
  }

  /** The SDK is kicked with `userSigExpired` when its UserSig runs out (`TIM.EVENT.KICKED_OUT`). */
  private scheduleExpiry(): void {
    // expiresAt is Unix seconds (as in the UserSig); a millisecond value is tolerated.
    const atMs = this.expiresAt > 1e11 ? this.expiresAt : this.expiresAt * 1000;
    const delay = atMs - this.d.now();
    if (!Number.isFinite(delay) || delay > MAX_TIMER_MS) return;
    this.sigTimer = setTimeout(() => this.kick('userSigExpired'), Math.max(0, delay));
    this.sigTimer.unref?.();
  }

  private myProfile(): WireProfile {
    const me = this.requireUser();
    return this.d.engine.getProfiles([me])[0] ?? { userID: me, nick: '', avatar: '', profileCustomField: [] };
  }

  private requireUser(): string {
    if (this.userId === undefined) throw new Error('operation needs a login');
    return this.userId;
  }

  private ack<K extends OpName>(seq: number, _op: K, data: ResultData<K>): void {
    this.sendFrame({ t: 'ack', seq, ok: true, data });
  }

  private fail(seq: number, code: number, message: string): void {
    this.sendFrame({ t: 'ack', seq, ok: false, code, message });
  }

  private internal(f: ClientFrame, e: unknown): void {
    this.d.log.error({ err: e, session: this.id, op: f.t }, 'realtime: operation failed');
    this.fail(f.seq, WIRE_ERROR.INTERNAL, 'internal error; retry');
  }

  private sendFrame(frame: ServerFrame): void {
    if (!this.disposed) this.d.socket.sendText(JSON.stringify(frame));
  }
}
