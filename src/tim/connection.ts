// One realtime WebSocket for a TIM instance: requests matched to acks by seq, a queue while
// (re)connecting, reconnect with capped jittered backoff, a resync step (re-login, re-join)
// before queued requests flow again, an app-level keepalive (browsers cannot see WS pings), and
// back-pressure: a request the server answers BUSY with `retryAfterMs` is sent again after that
// wait (jittered) instead of failing, for up to `busyPatienceMs`.
import {
  MAX_FRAME_BYTES,
  WIRE_ERROR,
  parseResult,
  parseServerFrame,
  utf8Length,
  type EventsFrame,
  type KickedType,
  type OpName,
  type RequestBody,
  type ResultData,
  type ServerFrame,
} from '../shared/realtime/protocol';
import * as backoff from '../shared/domain/backoff';
import { SDK_ERROR, TimError } from './timTypes';

/** Makes a handler's parameter bivariant so both `ws` and the DOM WebSocket fit the interface. */
type Handler<E> = { bivarianceHack(ev: E): void }['bivarianceHack'];

/** The part of the WebSocket API we use: the browser's global and `ws` both have it. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  onclose: Handler<{ code: number }> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onerror: Handler<unknown> | null;
}
export type WebSocketCtor = new (url: string) => WebSocketLike;

export type NetState = 'connected' | 'connecting' | 'disconnected';

export interface ConnectionOptions {
  url: string;
  WebSocket: WebSocketCtor;
  requestTimeoutMs?: number;
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  keepaliveMs?: number;
  /** How long a request keeps retrying while the server answers BUSY (default 2 min). */
  busyPatienceMs?: number;
  /** Reads a server frame (default parseServerFrame); many clients in one process may share a memoised one. */
  parseFrame?: (text: string) => ServerFrame | undefined;
  onEvents(frame: EventsFrame): void;
  onKicked(type: KickedType): void;
  onNetState(state: NetState): void;
  /** After each (re)connect, before queued requests are sent: restore login and group. */
  resync(reconnect: boolean): Promise<void>;
  /** Whether a dropped connection should be re-established (something to restore or send). */
  wantsConnection(): boolean;
}

interface Pending {
  op: OpName;
  text: string;
  sent: boolean;
  urgent: boolean;
  resolve(data: unknown): void;
  reject(err: TimError): void;
  /** The answer deadline, or while held the wait before sending again. */
  timer: ReturnType<typeof setTimeout>;
  /** Waiting out a BUSY answer's retryAfterMs: not sent until then, even on a reconnect. */
  held: boolean;
  /** When the first BUSY answer came (Date.now ms). */
  busySince?: number;
}

/** Operations without side effects, safe to send again after a reconnect. */
const REPLAYABLE: ReadonlySet<OpName> = new Set<OpName>(['getGroupProfile', 'getUserProfile', 'getMyProfile', 'getOnlineCount']);

/**
 * parseServerFrame remembering its last `size` answers, for many clients in one process (the
 * audience simulator, benchmarks): the studio sends each of them the same events frame, which is
 * then parsed and validated once, not once per client. Frames are never changed by their readers.
 */
export function sharedFrameParser(size = 32): (text: string) => ServerFrame | undefined {
  const recent = new Map<string, ServerFrame | undefined>();
  return (text) => {
    if (recent.has(text)) return recent.get(text);
    const frame = parseServerFrame(text);
    // Acks are one client's own; only events frames come to many.
    if (frame?.t !== 'events') return frame;
    recent.set(text, frame);
    if (recent.size > size) recent.delete(recent.keys().next().value as string);
    return frame;
  };
}

/** Delay before reconnect attempt `attempt` (0-based): doubling, capped, 50–100 % jitter. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: number): number {
  return backoff.backoffDelay(attempt + 1, random, { baseMs, factor: 2, capMs: maxMs, jitter: 0.5, jitterMode: 'below' });
}

export class Connection {
  private socket: WebSocketLike | undefined;
  /** Socket open and resync done: ordinary requests may go out. */
  private ready = false;
  private closed = false;
  private everConnected = false;
  private attempts = 0;
  private nextSeq = 1;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private keepaliveTimer: ReturnType<typeof setInterval> | undefined;
  private readonly pending = new Map<number, Pending>();
  private netState: NetState | undefined;

  constructor(private readonly opts: ConnectionOptions) {}

  get state(): NetState | undefined {
    return this.netState;
  }

  /** Connected and resynced: a request would go out now rather than wait in the queue. */
  get isReady(): boolean {
    return this.ready;
  }

  /**
   * Sends one request. `urgent` requests (resync) bypass the queue and fail at once without a
   * socket; ordinary ones wait for the connection (up to the request timeout).
   */
  request<K extends OpName>(op: K, body: RequestBody<K>, urgent = false): Promise<ResultData<K>> {
    if (this.closed) return Promise.reject(new TimError(SDK_ERROR.NETWORK_ERROR, 'instance destroyed'));
    const seq = this.nextSeq++;
    const text = JSON.stringify({ ...body, t: op, seq });
    if (text.length > MAX_FRAME_BYTES / 3 && utf8Length(text) > MAX_FRAME_BYTES) {
      return Promise.reject(new TimError(SDK_ERROR.INVALID_PARAMETERS, `request exceeds ${MAX_FRAME_BYTES} bytes`));
    }
    if (urgent && !this.socketOpen()) {
      return Promise.reject(new TimError(SDK_ERROR.NETWORK_ERROR, 'not connected'));
    }
    return new Promise<ResultData<K>>((resolve, reject) => {
      const p: Pending = { op, text, sent: false, urgent, resolve: resolve as (d: unknown) => void, reject, timer: undefined as never, held: false };
      this.armTimeout(seq, p);
      this.pending.set(seq, p);
      if (urgent || this.ready) this.transmit(p);
      else this.ensureSocket();
    });
  }

  private armTimeout(seq: number, p: Pending): void {
    const timeoutMs = this.opts.requestTimeoutMs ?? 10_000;
    p.timer = setTimeout(() => {
      this.pending.delete(seq);
      p.reject(new TimError(SDK_ERROR.NETWORK_TIMEOUT, `${p.op}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  }

  /** The server is busy: send the same request again after its wait, unless patience has run out. */
  private holdForRetry(seq: number, p: Pending, retryAfterMs: number, message: string): void {
    clearTimeout(p.timer);
    const now = Date.now();
    p.busySince ??= now;
    // Jitter (75–125 %) so the viewers told to wait together do not all come back together.
    const wait = Math.max(1, Math.round(retryAfterMs * (0.75 + Math.random() / 2)));
    if (now + wait - p.busySince > (this.opts.busyPatienceMs ?? 120_000)) {
      this.pending.delete(seq);
      p.reject(new TimError(WIRE_ERROR.BUSY, message));
      return;
    }
    p.sent = false;
    p.held = true;
    p.timer = setTimeout(() => {
      if (this.pending.get(seq) !== p) return;
      p.held = false;
      this.armTimeout(seq, p);
      if (p.urgent || this.ready) this.transmit(p);
    }, wait);
  }

  /** Permanently closes: no reconnect, pending requests fail. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.clearTimers();
    const ws = this.socket;
    this.detach();
    ws?.close(1000, 'client closed');
    this.failPending(() => true, new TimError(SDK_ERROR.NETWORK_ERROR, 'instance destroyed'));
    this.setNetState('disconnected');
  }

  /** Opens a socket if none is open or pending (used when there is something to restore). */
  ensureSocket(): void {
    if (this.closed || this.socket || this.reconnectTimer !== undefined) return;
    this.open();
  }

  private socketOpen(): boolean {
    return this.socket !== undefined && this.socket.readyState === 1;
  }

  private transmit(p: Pending): void {
    if (!this.socketOpen()) return;
    p.sent = true;
    this.socket?.send(p.text);
  }

  private setNetState(s: NetState): void {
    if (s === this.netState) return;
    this.netState = s;
    this.opts.onNetState(s);
  }

  private open(): void {
    this.setNetState('connecting');
    let ws: WebSocketLike;
    try {
      ws = new this.opts.WebSocket(this.opts.url);
    } catch {
      this.scheduleReconnect(true);
      return;
    }
    this.socket = ws;
    ws.onopen = () => void this.onOpen(ws);
    ws.onmessage = (ev) => this.onFrame(ev.data);
    ws.onerror = () => undefined;
    ws.onclose = () => {
      if (this.socket === ws) this.onDrop();
    };
  }

  private async onOpen(ws: WebSocketLike): Promise<void> {
    if (this.socket !== ws) return;
    const reconnect = this.everConnected;
    this.everConnected = true;
    try {
      await this.opts.resync(reconnect);
    } catch {
      // The resync's own failures are reported by the caller; a dead socket is handled by onDrop.
    }
    if (this.socket !== ws || !this.socketOpen()) return;
    this.attempts = 0;
    this.ready = true;
    this.startKeepalive();
    this.setNetState('connected');
    for (const p of this.pending.values()) if (!p.sent && !p.held) this.transmit(p);
  }

  /** The socket is gone (closed by the server, network loss, or keepalive failure). */
  private onDrop(): void {
    const ws = this.socket;
    this.detach();
    ws?.close();
    // Reads are replayed after the reconnect; anything else in flight may or may not have run,
    // so it fails rather than running twice.
    for (const p of this.pending.values()) if (p.sent && !p.urgent && REPLAYABLE.has(p.op)) p.sent = false;
    // A held resync request belonged to the lost socket; the next resync makes its own.
    this.failPending((p) => p.sent || (p.urgent && p.held), new TimError(SDK_ERROR.NETWORK_ERROR, 'connection lost before an answer'));
    if (this.closed) return;
    this.setNetState('disconnected');
    const queued = [...this.pending.values()].some((p) => !p.sent);
    if (queued || this.opts.wantsConnection()) this.scheduleReconnect(false);
  }

  private scheduleReconnect(failedToStart: boolean): void {
    if (this.closed) return;
    if (failedToStart) this.setNetState('disconnected');
    const delay = backoffDelay(this.attempts++, this.opts.reconnectBaseMs ?? 500, this.opts.reconnectMaxMs ?? 10_000, Math.random());
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.closed && !this.socket) this.open();
    }, delay);
  }

  private detach(): void {
    const ws = this.socket;
    this.socket = undefined;
    this.ready = false;
    if (this.keepaliveTimer !== undefined) clearInterval(this.keepaliveTimer);
    this.keepaliveTimer = undefined;
    if (ws) {
      ws.onopen = null;
      ws.onmessage = null;
      ws.onclose = null;
      ws.onerror = () => undefined;
    }
  }

  private startKeepalive(): void {
    const every = this.opts.keepaliveMs ?? 25_000;
    if (every <= 0) return;
    const ws = this.socket;
    this.keepaliveTimer = setInterval(() => {
      this.request('ping', {}, true).catch((e: unknown) => {
        // No answer on an open socket: the path is dead even if the socket has not noticed.
        if (e instanceof TimError && e.code === SDK_ERROR.NETWORK_TIMEOUT && this.socket === ws) this.onDrop();
      });
    }, every);
  }

  private clearTimers(): void {
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    if (this.keepaliveTimer !== undefined) clearInterval(this.keepaliveTimer);
    this.keepaliveTimer = undefined;
  }

  private failPending(which: (p: Pending) => boolean, err: TimError): void {
    for (const [seq, p] of this.pending) {
      if (!which(p)) continue;
      clearTimeout(p.timer);
      this.pending.delete(seq);
      p.reject(err);
    }
  }

  private onFrame(data: unknown): void {
    if (typeof data !== 'string') return;
    const frame = (this.opts.parseFrame ?? parseServerFrame)(data);
    if (!frame) return;
    switch (frame.t) {
      case 'ack': {
        const p = this.pending.get(frame.seq);
        if (!p || !p.sent) return;
        if (!frame.ok && frame.code === WIRE_ERROR.BUSY && frame.retryAfterMs !== undefined) {
          this.holdForRetry(frame.seq, p, frame.retryAfterMs, frame.message);
          return;
        }
        this.pending.delete(frame.seq);
        clearTimeout(p.timer);
        if (!frame.ok) {
          p.reject(new TimError(frame.code, frame.message));
          return;
        }
        const result = parseResult(p.op, frame.data);
        if (result === undefined) p.reject(new TimError(SDK_ERROR.NETWORK_ERROR, `${p.op}: malformed answer from the server`));
        else p.resolve(result);
        return;
      }
      case 'events':
        this.opts.onEvents(frame);
        return;
      case 'kicked':
        this.opts.onKicked(frame.type);
        return;
    }
  }
}
