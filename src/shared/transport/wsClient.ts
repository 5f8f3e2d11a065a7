// Web-mode client of the contract: one WebSocket, calls matched to results by id, events fanned
// out to listeners, reconnect with capped backoff. The WebSocket class is injected so the same
// code runs in the browser and in Node tests.
import { fail, type AppErrorData, type Result } from '../errors';
import {
  isEventName,
  type CommandName,
  type CommandRequest,
  type CommandResult,
  type EventName,
  type EventPayload,
} from '../contract';
import { backoffDelay } from '../domain/backoff';
import type { StagesideApi } from '../rpc';
import { CLOSE_REVOKED, CLOSE_UNAUTHORIZED, serverFrameSchema, type ClientFrame } from './wsProtocol';

/** The part of the WebSocket API we use (browser and `ws` both have it). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}
export type WebSocketCtor = new (url: string) => WebSocketLike;

export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'unauthorized' | 'revoked';

export interface WsClientOptions {
  url: string;
  WebSocket: WebSocketCtor;
  /** Per-call timeout in ms. */
  callTimeoutMs?: number;
  /** Reconnect delays grow from this (ms), doubling, capped at 10 s. */
  reconnectBaseMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

interface Pending {
  resolve: (r: Result<unknown>) => void;
  timer: unknown;
}

export class WsClient implements StagesideApi {
  readonly transport = 'web' as const;
  private socket: WebSocketLike | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(p: unknown) => void>>();
  private readonly stateListeners = new Set<(s: ConnectionState) => void>();
  private queue: string[] = [];
  private attempts = 0;
  private closedByUser = false;
  private reconnectTimer: unknown;
  private stateValue: ConnectionState = 'connecting';
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (h: unknown) => void;

  constructor(private readonly opts: WsClientOptions) {
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.open();
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  onState(listener: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  call<K extends CommandName>(name: K, arg: CommandRequest<K>): Promise<Result<CommandResult<K>>> {
    if (this.stateValue === 'unauthorized' || this.stateValue === 'revoked') {
      return Promise.resolve(fail('UNAUTHORIZED', 'The access token was refused; open the URL printed by `stageside web`.'));
    }
    if (this.closedByUser) return Promise.resolve(fail('TRANSPORT_CLOSED', 'Connection closed'));
    const id = this.nextId++;
    const frame: ClientFrame = { t: 'call', id, name, arg };
    return new Promise((resolve) => {
      const timer = this.setTimer(() => {
        this.pending.delete(id);
        resolve(fail('TIMEOUT', `No answer to ${name} within ${this.opts.callTimeoutMs ?? 15_000} ms`));
      }, this.opts.callTimeoutMs ?? 15_000);
      this.pending.set(id, { resolve: resolve as (r: Result<unknown>) => void, timer });
      this.sendRaw(JSON.stringify(frame));
    });
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    const l = listener as (p: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  }

  close(): void {
    this.closedByUser = true;
    if (this.reconnectTimer !== undefined) this.clearTimer(this.reconnectTimer);
    this.socket?.close(1000, 'client closed');
    this.failPending('TRANSPORT_CLOSED', 'Connection closed');
    this.setState('disconnected');
  }

  private sendRaw(data: string): void {
    if (this.socket && this.socket.readyState === 1) this.socket.send(data);
    else this.queue.push(data);
  }

  private setState(s: ConnectionState): void {
    if (s === this.stateValue) return;
    this.stateValue = s;
    for (const l of this.stateListeners) l(s);
  }

  private open(): void {
    this.setState('connecting');
    const ws = new this.opts.WebSocket(this.opts.url);
    this.socket = ws;
    ws.onopen = () => {
      this.attempts = 0;
      this.setState('connected');
      const q = this.queue;
      this.queue = [];
      for (const d of q) ws.send(d);
    };
    ws.onmessage = (ev) => this.onFrame(ev.data);
    ws.onerror = () => undefined;
    ws.onclose = (ev) => {
      if (this.socket !== ws) return;
      this.socket = undefined;
      if (ev.code === CLOSE_UNAUTHORIZED || ev.code === CLOSE_REVOKED) {
        // Neither is retried: the token or invite will not become valid by itself.
        this.setState(ev.code === CLOSE_REVOKED ? 'revoked' : 'unauthorized');
        this.failPending('UNAUTHORIZED', ev.code === CLOSE_REVOKED ? 'The host revoked this console’s invite' : 'The access token was refused');
        return;
      }
      // Calls in flight may or may not have run: fail them rather than replay them.
      this.failPending('TRANSPORT_CLOSED', 'Connection lost while waiting for an answer');
      if (this.closedByUser) return;
      this.setState('disconnected');
      const delay = backoffDelay(++this.attempts, 0, { baseMs: this.opts.reconnectBaseMs ?? 500, factor: 2, capMs: 10_000, jitter: 0 });
      this.reconnectTimer = this.setTimer(() => {
        this.reconnectTimer = undefined;
        if (!this.closedByUser) this.open();
      }, delay);
    };
  }

  private failPending(code: 'TRANSPORT_CLOSED' | 'UNAUTHORIZED', message: string): void {
    for (const [id, p] of this.pending) {
      this.clearTimer(p.timer);
      this.pending.delete(id);
      p.resolve(fail(code, message));
    }
  }

  private onFrame(data: unknown): void {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = serverFrameSchema.safeParse(json);
    if (!parsed.success) return;
    const f = parsed.data;
    switch (f.t) {
      case 'hello':
        return;
      case 'result': {
        const p = this.pending.get(f.id);
        if (!p) return;
        this.pending.delete(f.id);
        this.clearTimer(p.timer);
        p.resolve(f.result as Result<unknown>);
        return;
      }
      case 'event': {
        if (!isEventName(f.name)) return;
        for (const l of this.listeners.get(f.name) ?? []) l(f.payload);
        return;
      }
      case 'error': {
        if (f.id === undefined) return;
        const p = this.pending.get(f.id);
        if (!p) return;
        this.pending.delete(f.id);
        this.clearTimer(p.timer);
        p.resolve({ ok: false, error: f.error as AppErrorData });
        return;
      }
    }
  }
}
