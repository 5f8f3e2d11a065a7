import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, Connection, sharedFrameParser, type NetState, type WebSocketLike } from './connection';
import type { KickedType } from '../shared/realtime/protocol';

/** A scripted socket: the test opens it, answers frames and drops it. */
class ScriptedSocket implements WebSocketLike {
  static all: ScriptedSocket[] = [];
  readyState = 0;
  sent: { t: string; seq: number }[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {
    ScriptedSocket.all.push(this);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data) as { t: string; seq: number });
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  reply(frame: unknown): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  ackAll(data: (t: string) => unknown): void {
    for (const f of this.sent.splice(0)) this.reply({ t: 'ack', seq: f.seq, ok: true, data: data(f.t) });
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({ code: 1006 });
  }
}

const last = (): ScriptedSocket => {
  const s = ScriptedSocket.all.at(-1);
  if (!s) throw new Error('no socket');
  return s;
};

function connection(over: { resync?: (reconnect: boolean) => Promise<void>; wants?: () => boolean; busyPatienceMs?: number } = {}) {
  const states: NetState[] = [];
  const kicked: KickedType[] = [];
  const conn = new Connection({
    url: 'ws://x/realtime',
    WebSocket: ScriptedSocket,
    requestTimeoutMs: 1_000,
    reconnectBaseMs: 100,
    reconnectMaxMs: 1_000,
    keepaliveMs: 5_000,
    onEvents: () => undefined,
    onKicked: (t) => kicked.push(t),
    onNetState: (s) => states.push(s),
    resync: over.resync ?? (async () => undefined),
    wantsConnection: over.wants ?? (() => true),
    ...(over.busyPatienceMs !== undefined ? { busyPatienceMs: over.busyPatienceMs } : {}),
  });
  return { conn, states, kicked };
}

beforeEach(() => {
  ScriptedSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('backoffDelay', () => {
  it.each([
    [0, 0, 50],
    [0, 1, 100],
    [1, 1, 200],
    [3, 1, 800],
    [4, 1, 1000],
    [50, 1, 1000],
    [50, 0, 500],
  ])('attempt %i, random %f → %i ms', (attempt, random, ms) => {
    expect(backoffDelay(attempt, 100, 1000, random)).toBe(ms);
  });
});

describe('sharedFrameParser', () => {
  it('parses an events frame once for every client that receives it, never an ack, and still refuses bad frames', () => {
    const parse = sharedFrameParser(2);
    const events = JSON.stringify({ t: 'events', groupID: 'g', events: [{ kind: 'system', groupId: 'g', operationType: 255, userDefinedField: 'x', time: 1 }] });
    const first = parse(events);
    expect(first).toMatchObject({ t: 'events', groupID: 'g' });
    // Another client's copy of the same text: the same (read-only) frame.
    expect(parse(`${events}`)).toBe(first);
    const ack = '{"t":"ack","seq":1,"ok":true,"data":{"time":1}}';
    expect(parse(ack)).not.toBe(parse(ack));
    expect(parse('{"t":"events","groupID":"g","events":[{"kind":"nope"}]}')).toBeUndefined();
    // Older frames make room for newer ones.
    parse(events.replace('"x"', '"y"'));
    parse(events.replace('"x"', '"z"'));
    expect(parse(events)).not.toBe(first);
  });
});

describe('Connection', () => {
  it('queues requests until the socket is open and resynced, then sends them in order', async () => {
    const order: string[] = [];
    const { conn, states } = connection({ resync: async () => void order.push('resync') });
    const a = conn.request('getOnlineCount', { groupID: 'g' });
    const b = conn.request('ping', {});
    expect(states).toEqual(['connecting']);
    const s = last();
    expect(s.url).toBe('ws://x/realtime');
    s.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['resync']);
    expect(s.sent.map((f) => f.t)).toEqual(['getOnlineCount', 'ping']);
    s.ackAll((t) => (t === 'ping' ? { time: 1 } : { memberCount: 4 }));
    await expect(a).resolves.toEqual({ memberCount: 4 });
    await expect(b).resolves.toEqual({ time: 1 });
    expect(states).toEqual(['connecting', 'connected']);
    conn.close();
  });

  it('error acks reject with code and message; malformed ok data rejects too', async () => {
    const { conn } = connection();
    const a = conn.request('join', { groupID: 'g' });
    const b = conn.request('getOnlineCount', { groupID: 'g' });
    last().open();
    await vi.advanceTimersByTimeAsync(0);
    const [fa, fb] = last().sent;
    last().reply({ t: 'ack', seq: fa?.seq, ok: false, code: 10010, message: 'no such group' });
    last().reply({ t: 'ack', seq: fb?.seq, ok: true, data: { memberCount: 'many' } });
    await expect(a).rejects.toMatchObject({ code: 10010, message: 'no such group' });
    await expect(b).rejects.toMatchObject({ code: 2800 });
    conn.close();
  });

  it('after a drop: sent writes fail, reads are replayed, backoff grows, resync runs before the queue', async () => {
    const resyncs: boolean[] = [];
    const { conn, states } = connection({ resync: async (r) => void resyncs.push(r) });
    const warm = conn.request('ping', {});
    last().open();
    await vi.advanceTimersByTimeAsync(0);
    last().ackAll(() => ({ time: 1 }));
    await warm;

    const write = conn.request('send', {
      groupID: 'g',
      priority: 'Normal',
      random: 1,
      body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }],
      cloudCustomData: '',
    });
    const read = conn.request('getOnlineCount', { groupID: 'g' });
    const writeFailed = expect(write).rejects.toMatchObject({ code: 2800 });
    last().drop();
    await writeFailed;
    expect(states.slice(-1)).toEqual(['disconnected']);

    // First retry within 50–100 ms; it fails too, so the second waits 100–200 ms.
    expect(ScriptedSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(ScriptedSocket.all).toHaveLength(2);
    last().drop();
    await vi.advanceTimersByTimeAsync(99);
    expect(ScriptedSocket.all).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(101);
    expect(ScriptedSocket.all).toHaveLength(3);
    last().open();
    await vi.advanceTimersByTimeAsync(0);
    expect(resyncs).toEqual([false, true]);
    expect(last().sent.map((f) => f.t)).toEqual(['getOnlineCount']);
    last().ackAll(() => ({ memberCount: 2 }));
    await expect(read).resolves.toEqual({ memberCount: 2 });
    expect(states.slice(-3)).toEqual(['disconnected', 'connecting', 'connected']);
    conn.close();
  });

  it('does not reconnect when there is nothing to restore; the next request reconnects', async () => {
    const { conn } = connection({ wants: () => false });
    const p = conn.request('ping', {});
    last().open();
    await vi.advanceTimersByTimeAsync(0);
    last().ackAll(() => ({ time: 1 }));
    await p;
    last().drop();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(ScriptedSocket.all).toHaveLength(1);
    void conn.request('ping', {}).catch(() => undefined);
    expect(ScriptedSocket.all).toHaveLength(2);
    conn.close();
  });

  it('a keepalive ping without an answer treats the socket as dead', async () => {
    const { conn, states } = connection();
    void conn.request('ping', {}).catch(() => undefined);
    last().open();
    await vi.advanceTimersByTimeAsync(0);
    last().ackAll(() => ({ time: 1 }));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(last().sent.map((f) => f.t)).toEqual(['ping']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(states.at(-1)).toBe('disconnected');
    conn.close();
  });

  it('requests time out with 2801; kicked frames reach the owner; close fails the rest', async () => {
    const { conn, kicked } = connection();
    const slow = conn.request('getMyProfile', {});
    const slowFailed = expect(slow).rejects.toMatchObject({ code: 2801 });
    await vi.advanceTimersByTimeAsync(1_000);
    await slowFailed;
    last().open();
    await vi.advanceTimersByTimeAsync(0);
    last().reply({ t: 'kicked', type: 'multipleAccount' });
    expect(kicked).toEqual(['multipleAccount']);
    const pending = conn.request('ping', {});
    conn.close();
    await expect(pending).rejects.toMatchObject({ code: 2800 });
    await expect(conn.request('ping', {})).rejects.toMatchObject({ code: 2800 });
  });

  it('back-pressure: a BUSY answer holds the request for retryAfterMs (jittered), past the request timeout, then sends it again', async () => {
    const { conn } = connection();
    const login = conn.request('login', { userID: 'u1', userSig: 'sig' });
    let settled = false;
    void login.finally(() => (settled = true)).catch(() => undefined);
    last().open();
    await vi.advanceTimersByTimeAsync(0);
    const first = last().sent.splice(0)[0];
    expect(first?.t).toBe('login');
    // Jitter spreads the wait over 75–125 % of retryAfterMs; its midpoint here.
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    last().reply({ t: 'ack', seq: first?.seq, ok: false, code: 60007, message: 'studio busy', retryAfterMs: 4_000 });
    // The 1 s request timeout does not run while the request waits.
    await vi.advanceTimersByTimeAsync(3_999);
    expect(last().sent.filter((f) => f.t !== 'ping')).toEqual([]);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    // (the keepalive's ping goes out meanwhile)
    expect(last().sent.filter((f) => f.t !== 'ping')).toEqual([{ ...first }]);
    last().reply({ t: 'ack', seq: first?.seq, ok: true, data: { userID: 'u1', expiresAt: 1, repeatLogin: false, profile: { userID: 'u1', nick: '', avatar: '', profileCustomField: [] } } });
    await expect(login).resolves.toMatchObject({ userID: 'u1' });
    conn.close();
  });

  it('back-pressure: a request answered BUSY again and again gives up with 60007 once its patience is spent; other codes fail at once', async () => {
    const { conn } = connection({ busyPatienceMs: 5_000 });
    const login = conn.request('login', { userID: 'u1', userSig: 'sig' });
    const gaveUp = expect(login).rejects.toMatchObject({ code: 60007, message: 'studio busy' });
    const join = conn.request('join', { groupID: 'g' });
    const joinFailed = expect(join).rejects.toMatchObject({ code: 60007, message: 'no retryAfterMs' });
    last().open();
    await vi.advanceTimersByTimeAsync(0);
    const busy = (seq: number | undefined) => last().reply({ t: 'ack', seq, ok: false, code: 60007, message: 'studio busy', retryAfterMs: 2_000 });
    const [l, j] = last().sent.splice(0);
    // Without retryAfterMs a 60007 is an ordinary failure.
    last().reply({ t: 'ack', seq: j?.seq, ok: false, code: 60007, message: 'no retryAfterMs' });
    await joinFailed;
    busy(l?.seq);
    for (let i = 0; i < 2; i++) {
      await vi.advanceTimersByTimeAsync(2_500);
      expect(last().sent.splice(0).filter((f) => f.t !== 'ping').map((f) => f.seq)).toEqual([l?.seq]);
      busy(l?.seq);
    }
    await gaveUp;
    conn.close();
  });

  it('refuses a request over 64 KB locally', async () => {
    const { conn } = connection();
    await expect(conn.request('updateMyProfile', { nick: '直'.repeat(30_000) })).rejects.toMatchObject({ code: 10004 });
    conn.close();
  });
});
