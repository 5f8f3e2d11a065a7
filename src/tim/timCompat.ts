// A tim-js-sdk look-alike over the studio's realtime socket: `createTimCompat({endpoint})` returns
// a namespace shaped like the SDK's default export, so console and viewer code swap SDKs by factory.
import { Connection, type NetState, type WebSocketCtor } from './connection';
import type { EventsFrame, KickedType, RequestBody, ServerFrame } from '../shared/realtime/protocol';
import { customPayload, elemToPayload, eventToMessage, messageToBody, newOutgoing, textPayload, type OutgoingInput } from './timMessages';
import {
  EVENT,
  SDK_ERROR,
  TYPES,
  TimError,
  type MessagePriority,
  type TimEvent,
  type TimGroup,
  type TimHandler,
  type TimMessage,
  type TimProfile,
  type TimResponse,
} from './timTypes';

export { EVENT, TYPES, TimError };
export type { TimEvent, TimGroup, TimHandler, TimMessage, TimProfile, TimResponse, WebSocketCtor };

export interface TimCompatOptions {
  /** ws(s)://host:port/realtime */
  endpoint: string;
  /** Defaults to the global WebSocket (browsers); pass `WebSocket` from 'ws' in Node 20. */
  WebSocket?: WebSocketCtor;
  requestTimeoutMs?: number;
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  keepaliveMs?: number;
  /** How long a request keeps retrying while the studio answers BUSY (back-pressure; default 2 min). */
  busyPatienceMs?: number;
  /** Reads server frames; thousands of clients in one process share sharedFrameParser() (connection.ts). */
  parseFrame?: (text: string) => ServerFrame | undefined;
}

export interface TimNamespace {
  readonly VERSION: string;
  readonly EVENT: typeof EVENT;
  readonly TYPES: typeof TYPES;
  create(options: { SDKAppID: number }): TimInstance;
}

const ok = <T>(data: T): TimResponse<T> => ({ code: 0, data });
const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const random32 = (): number => Math.floor(Math.random() * 0x100000000) >>> 0;

/** Codes after which a stored UserSig is useless (expired, empty, invalid or mismatched): stop re-logging in. */
const SIG_REFUSED = new Set([70001, 70002, 70003, 70005, 70009, 70013, 70014]);

export function createTimCompat(options: TimCompatOptions): TimNamespace {
  const instances = new Map<number, TimInstance>();
  return {
    VERSION: 'stageside-studio',
    EVENT,
    TYPES,
    create({ SDKAppID }) {
      if (!Number.isSafeInteger(SDKAppID) || SDKAppID <= 0) throw new TimError(2000, 'create: SDKAppID is required');
      // tim-js-sdk returns the same instance for the same SDKAppID until it is destroyed.
      const existing = instances.get(SDKAppID);
      if (existing) return existing;
      const created = new TimInstance(options, SDKAppID, () => instances.delete(SDKAppID));
      instances.set(SDKAppID, created);
      return created;
    },
  };
}

interface Listener {
  fn: TimHandler;
  ctx: unknown;
}

export class TimInstance {
  private readonly conn: Connection;
  private readonly listeners = new Map<string, Listener[]>();
  private logLevel = 0;
  private credentials: { userID: string; userSig: string } | undefined;
  private loggingIn = false;
  private me = { userID: '', nick: '', avatar: '' };
  private groupID: string | undefined;
  private localIds = 0;
  private destroyed = false;

  constructor(
    options: TimCompatOptions,
    readonly SDKAppID: number,
    private readonly onDestroy: () => void,
  ) {
    const WebSocketImpl = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketCtor }).WebSocket;
    if (!WebSocketImpl) throw new TimError(SDK_ERROR.NETWORK_ERROR, 'no WebSocket implementation: pass one in createTimCompat({ WebSocket })');
    const url = new URL(options.endpoint);
    url.searchParams.set('sdkappid', String(SDKAppID));
    this.conn = new Connection({
      url: url.toString(),
      WebSocket: WebSocketImpl,
      requestTimeoutMs: options.requestTimeoutMs,
      reconnectBaseMs: options.reconnectBaseMs,
      reconnectMaxMs: options.reconnectMaxMs,
      keepaliveMs: options.keepaliveMs,
      busyPatienceMs: options.busyPatienceMs,
      parseFrame: options.parseFrame,
      onEvents: (f) => this.onEvents(f),
      onKicked: (type) => this.onKicked(type),
      onNetState: (state) => this.emit(EVENT.NET_STATE_CHANGE, { state }),
      resync: (reconnect) => this.resync(reconnect),
      wantsConnection: () => this.credentials !== undefined || this.groupID !== undefined,
    });
  }

  /** 0 verbose … 4 none; kept for API parity (the studio client logs nothing itself). */
  setLogLevel(level: number): void {
    this.logLevel = level;
  }

  getLogLevel(): number {
    return this.logLevel;
  }

  on(name: string, handler: TimHandler, context?: unknown): void {
    if (typeof handler !== 'function') return;
    const list = this.listeners.get(name) ?? [];
    list.push({ fn: handler, ctx: context });
    this.listeners.set(name, list);
  }

  off(name: string, handler: TimHandler, context?: unknown): void {
    const list = this.listeners.get(name);
    if (!list) return;
    this.listeners.set(
      name,
      list.filter((l) => l.fn !== handler || (context !== undefined && l.ctx !== context)),
    );
  }

  async login(opts: { userID: string; userSig: string }): Promise<TimResponse<{ repeatLogin: boolean }>> {
    this.assertAlive();
    const { userID, userSig } = opts ?? ({} as { userID?: unknown; userSig?: unknown });
    if (typeof userID !== 'string' || typeof userSig !== 'string') {
      throw new TimError(SDK_ERROR.INVALID_PARAMETERS, 'login: userID and userSig must be strings');
    }
    if (this.credentials) {
      if (this.credentials.userID === userID) return ok({ repeatLogin: true });
      throw new TimError(SDK_ERROR.REPEAT_LOGIN, `already logged in as ${this.credentials.userID}; log out first`);
    }
    if (this.loggingIn) throw new TimError(SDK_ERROR.LOGGING_IN, 'login already in progress');
    this.loggingIn = true;
    try {
      const r = await this.conn.request('login', { userID, userSig });
      this.credentials = { userID, userSig };
      this.me = { userID, nick: r.profile.nick, avatar: r.profile.avatar };
    } finally {
      this.loggingIn = false;
    }
    // The SDK signals readiness after login resolves; listeners registered before login see it.
    setTimeout(() => {
      if (this.credentials?.userID === userID) this.emit(EVENT.SDK_READY, undefined);
    }, 0);
    return ok({ repeatLogin: false });
  }

  async logout(): Promise<TimResponse<Record<string, never>>> {
    this.assertAlive();
    const wasLoggedIn = this.credentials !== undefined;
    const group = this.groupID;
    this.credentials = undefined;
    this.groupID = undefined;
    this.me = { userID: '', nick: '', avatar: '' };
    try {
      // Without a live connection the server has already forgotten this session.
      if (this.conn.isReady && wasLoggedIn) await this.conn.request('logout', {});
      else if (this.conn.isReady && group !== undefined) await this.conn.request('quit', { groupID: group });
    } catch {
      // Local state is already cleared; the server forgets the session when the socket goes.
    }
    if (wasLoggedIn) this.emit(EVENT.SDK_NOT_READY, undefined);
    return ok({});
  }

  async joinGroup(opts: { groupID: string; type?: string; applyMessage?: string }): Promise<
    TimResponse<{ status: 'JoinedSuccess' | 'AlreadyInGroup'; group?: TimGroup }>
  > {
    this.assertAlive();
    const groupID = opts?.groupID;
    if (typeof groupID !== 'string' || groupID === '') throw new TimError(SDK_ERROR.INVALID_PARAMETERS, 'joinGroup: groupID is required');
    if (!this.credentials && opts.type !== undefined && opts.type !== TYPES.GRP_AVCHATROOM) {
      throw new TimError(SDK_ERROR.GUEST_NON_AVCHATROOM, 'guests can only join an AVChatRoom');
    }
    const r = await this.conn.request('join', { groupID });
    // One AVChatRoom at a time: the server has quit the previous room.
    this.groupID = groupID;
    return ok(r.group ? { status: r.status, group: r.group } : { status: r.status });
  }

  async quitGroup(groupID: string): Promise<TimResponse<{ groupID: string }>> {
    this.assertAlive();
    if (typeof groupID !== 'string' || groupID === '') throw new TimError(SDK_ERROR.INVALID_PARAMETERS, 'quitGroup: groupID is required');
    await this.conn.request('quit', { groupID });
    if (this.groupID === groupID) this.groupID = undefined;
    return ok({ groupID });
  }

  async getGroupProfile(opts: { groupID: string; groupCustomFieldFilter?: string[] }): Promise<TimResponse<{ group: TimGroup }>> {
    this.assertReady();
    const body: RequestBody<'getGroupProfile'> = { groupID: opts?.groupID };
    if (opts?.groupCustomFieldFilter !== undefined) body.groupCustomFieldFilter = opts.groupCustomFieldFilter;
    const r = await this.conn.request('getGroupProfile', body);
    return ok({ group: r.group });
  }

  async getMyProfile(): Promise<TimResponse<TimProfile>> {
    this.assertReady();
    const r = await this.conn.request('getMyProfile', {});
    return ok(r.profile);
  }

  async getUserProfile(opts: { userIDList: string[] }): Promise<TimResponse<TimProfile[]>> {
    this.assertReady();
    const r = await this.conn.request('getUserProfile', { userIDList: opts?.userIDList });
    return ok(r.profiles);
  }

  async updateMyProfile(opts: {
    nick?: string;
    avatar?: string;
    profileCustomField?: { key: string; value: string }[];
  }): Promise<TimResponse<TimProfile>> {
    this.assertReady();
    const body: RequestBody<'updateMyProfile'> = {};
    if (opts?.nick !== undefined) body.nick = opts.nick;
    if (opts?.avatar !== undefined) body.avatar = opts.avatar;
    if (opts?.profileCustomField !== undefined) body.profileCustomField = opts.profileCustomField;
    const r = await this.conn.request('updateMyProfile', body);
    this.me = { userID: r.profile.userID, nick: r.profile.nick, avatar: r.profile.avatar };
    this.emit(EVENT.PROFILE_UPDATED, [r.profile]);
    return ok(r.profile);
  }

  async getGroupOnlineMemberCount(groupID: string): Promise<TimResponse<{ memberCount: number }>> {
    this.assertAlive();
    const r = await this.conn.request('getOnlineCount', { groupID });
    return ok({ memberCount: r.memberCount });
  }

  createTextMessage(opts: OutgoingInput & { payload: { text: string } }): TimMessage {
    return newOutgoing(opts, TYPES.MSG_TEXT, textPayload(opts?.payload), this.me, nowSeconds(), random32());
  }

  createCustomMessage(
    opts: OutgoingInput & { payload: { data?: string; description?: string; extension?: string } },
  ): TimMessage {
    return newOutgoing(opts, TYPES.MSG_CUSTOM, customPayload(opts?.payload), this.me, nowSeconds(), random32());
  }

  async sendMessage(message: TimMessage, _options?: unknown): Promise<TimResponse<{ message: TimMessage }>> {
    this.assertReady();
    const body = message ? messageToBody(message) : undefined;
    if (!message || !body) throw new TimError(SDK_ERROR.INVALID_PARAMETERS, 'sendMessage: not a message made by createTextMessage/createCustomMessage');
    if (message.to !== this.groupID) {
      message.status = 'fail';
      throw new TimError(SDK_ERROR.NOT_IN_GROUP, `not in AVChatRoom ${message.to}; joinGroup first`, { message });
    }
    try {
      const r = await this.conn.request('send', {
        groupID: message.to,
        priority: message.priority as MessagePriority,
        random: message.random,
        body,
        cloudCustomData: message.cloudCustomData,
      });
      message.status = 'success';
      message.from = this.me.userID;
      message.time = r.time;
      message.sequence = r.seq;
      if (r.modified) {
        // A before-send callback rewrote the body: the SDK updates the sender's copy and says so.
        const first = r.body[0];
        if (first) Object.assign(message, elemToPayload(first));
        message.isModified = true;
        this.emit(EVENT.MESSAGE_MODIFIED, [message]);
      }
      return ok({ message });
    } catch (e) {
      message.status = 'fail';
      if (e instanceof TimError) throw new TimError(e.code, e.message, { message });
      throw e;
    }
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    if (this.credentials || this.groupID !== undefined) await this.logout().catch(() => undefined);
    this.destroyed = true;
    this.conn.close();
    this.listeners.clear();
    this.onDestroy();
  }

  /** Restores login and room after a reconnect (the server forgot this session). */
  private async resync(reconnect: boolean): Promise<void> {
    if (!reconnect) return;
    const creds = this.credentials;
    if (creds) {
      try {
        await this.conn.request('login', creds, true);
      } catch (e) {
        const err = e instanceof TimError ? e : new TimError(SDK_ERROR.NETWORK_ERROR, String(e));
        if (err.code === SDK_ERROR.NETWORK_ERROR || err.code === SDK_ERROR.NETWORK_TIMEOUT) throw err;
        if (!SIG_REFUSED.has(err.code)) {
          this.emit(EVENT.ERROR, { code: err.code, message: err.message });
          throw err;
        }
        // The stored UserSig no longer works: like the SDK, drop to logged-out and say why.
        this.credentials = undefined;
        this.emit(EVENT.ERROR, { code: err.code, message: err.message });
        if (err.code === 70001) this.emit(EVENT.KICKED_OUT, { type: TYPES.KICKED_OUT_USERSIG_EXPIRED });
        this.emit(EVENT.SDK_NOT_READY, undefined);
      }
    }
    const group = this.groupID;
    if (group !== undefined) {
      try {
        await this.conn.request('join', { groupID: group }, true);
      } catch (e) {
        const err = e instanceof TimError ? e : new TimError(SDK_ERROR.NETWORK_ERROR, String(e));
        if (err.code === SDK_ERROR.NETWORK_ERROR || err.code === SDK_ERROR.NETWORK_TIMEOUT) throw err;
        if (this.groupID === group) this.groupID = undefined;
        this.emit(EVENT.ERROR, { code: err.code, message: `rejoin ${group}: ${err.message}` });
      }
    }
  }

  private onEvents(frame: EventsFrame): void {
    // Frames for a room this instance has left (in flight during quit) are stale.
    if (frame.groupID !== this.groupID) return;
    const messages: TimMessage[] = [];
    // Nobody listening, no message objects (a simulator's thousands of viewers only send).
    const wanted = (this.listeners.get(EVENT.MESSAGE_RECEIVED)?.length ?? 0) > 0;
    let dismissed = false;
    for (const ev of frame.events) {
      const m = wanted ? eventToMessage(ev, this.credentials?.userID, ++this.localIds) : undefined;
      if (m) messages.push(m);
      if (ev.kind === 'system' && ev.operationType === 5) dismissed = true;
    }
    if (dismissed) this.groupID = undefined;
    if (messages.length) this.emit(EVENT.MESSAGE_RECEIVED, messages);
  }

  private onKicked(type: KickedType): void {
    const wasLoggedIn = this.credentials !== undefined;
    this.credentials = undefined;
    this.groupID = undefined;
    this.me = { userID: '', nick: '', avatar: '' };
    this.emit(EVENT.KICKED_OUT, { type });
    if (wasLoggedIn) this.emit(EVENT.SDK_NOT_READY, undefined);
  }

  private emit(name: string, data: unknown): void {
    const list = this.listeners.get(name);
    if (!list?.length) return;
    const event: TimEvent = { name, data };
    for (const l of [...list]) {
      try {
        (l.fn as (e: TimEvent) => void).call(l.ctx, event);
      } catch (e) {
        // One faulty listener must not stop delivery to the others (the SDK logs and carries on).
        console.error(`[tim-compat] ${name} listener threw`, e);
      }
    }
  }

  private assertAlive(): void {
    if (this.destroyed) throw new TimError(SDK_ERROR.SDK_NOT_READY, 'instance destroyed');
  }

  private assertReady(): void {
    this.assertAlive();
    if (!this.credentials) throw new TimError(SDK_ERROR.SDK_NOT_READY, 'SDK is not ready: log in first');
  }
}

export type { NetState };
