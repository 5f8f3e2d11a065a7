// The crowd of bench:join: thousands of logged-in viewers on raw sockets speaking the studio's
// realtime protocol (login → join, waiting out BUSY answers as the TIM client does), who then
// send marked chat messages and note when each marker reaches them — a byte search per frame, so
// this process adds as little as possible to what it measures.
import { WebSocket } from 'ws';
import type { MsgPriority } from '../../src/shared/tencent/msgBody';
import type { StudioInfo } from '../../src/studio/studio';

const BUSY = 60007;
const MARK = Buffer.from('jb#');
const ACK_PREFIX = '{"t":"ack",';
/** Latency histogram: 1 ms buckets up to a minute. */
const BUCKETS = 60_001;

interface Viewer {
  ws: WebSocket;
  userID: string;
  joined: boolean;
  nextSeq: number;
  /** seq → chat message index, for send acks. */
  sends: Map<number, number>;
}

export interface JoinResult {
  joined: number;
  /** Failures by reason (a server code, `timeout`, `closed`, a socket error code). */
  failures: Record<string, number>;
  /** Per joined viewer: ms from opening its socket to its join ack. */
  joinMs: number[];
  busyAnswers: number;
  wallMs: number;
}

export class Histogram {
  private readonly counts = new Uint32Array(BUCKETS);
  n = 0;
  max = 0;
  add(ms: number): void {
    const b = Math.min(BUCKETS - 1, Math.max(0, Math.round(ms)));
    this.counts[b] = (this.counts[b] ?? 0) + 1;
    this.n++;
    if (ms > this.max) this.max = ms;
  }
  /** Nearest-rank percentile in ms (1 ms resolution). */
  percentile(p: number): number {
    if (this.n === 0) return NaN;
    const rank = Math.ceil((p / 100) * this.n);
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.counts[b] ?? 0;
      if (seen >= rank) return b;
    }
    return this.max;
  }
}

export interface ChatLog {
  priority: MsgPriority[];
  sentAt: Float64Array;
  /** First receipt anywhere (performance.now), NaN until then. */
  firstAt: Float64Array;
  receipts: Uint32Array;
  /** Viewers online (minus the sender) when each message was sent: its expected receipts. */
  audience: Uint32Array;
  accepted: Uint8Array;
  /** When the sender's ack came (after the studio's before-send callback and the pipeline). */
  ackAt: Float64Array;
  refused: Record<string, number>;
  high: Histogram;
  all: Histogram;
}

export class Crowd {
  readonly viewers: Viewer[] = [];
  chat: ChatLog | undefined;

  constructor(
    private readonly info: StudioInfo,
    private readonly room: string,
  ) {}

  get online(): number {
    let n = 0;
    for (const v of this.viewers) if (v.joined) n++;
    return n;
  }

  /** Logs `sigs.length` viewers in and into the room, `concurrency` at a time. */
  async join(sigs: { userID: string; userSig: string }[], concurrency: number, timeoutMs: number): Promise<JoinResult> {
    const result: JoinResult = { joined: 0, failures: {}, joinMs: [], busyAnswers: 0, wallMs: 0 };
    const t0 = performance.now();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < sigs.length) {
        const s = sigs[next++] as { userID: string; userSig: string };
        const outcome = await this.joinOne(s.userID, s.userSig, timeoutMs, () => result.busyAnswers++);
        if (typeof outcome === 'number') {
          result.joined++;
          result.joinMs.push(outcome);
        } else result.failures[outcome] = (result.failures[outcome] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, sigs.length) }, worker));
    result.wallMs = performance.now() - t0;
    return result;
  }

  /** Resolves with the join time in ms, or the reason it failed. */
  private joinOne(userID: string, userSig: string, timeoutMs: number, busy: () => void): Promise<number | string> {
    const started = performance.now();
    const ws = new WebSocket(`${this.info.realtimeUrl}?sdkappid=${this.info.sdkAppId}`, { perMessageDeflate: false, skipUTF8Validation: true });
    const v: Viewer = { ws, userID, joined: false, nextSeq: 3, sends: new Map() };
    this.viewers.push(v);
    return new Promise((resolve) => {
      let settled = false;
      const done = (outcome: number | string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (typeof outcome !== 'number') ws.terminate();
        resolve(outcome);
      };
      const timer = setTimeout(() => done('timeout'), timeoutMs);
      const login = (): void => ws.send(JSON.stringify({ t: 'login', seq: 1, userID, userSig }));
      ws.on('open', login);
      ws.on('error', (e: NodeJS.ErrnoException) => done(e.code ?? 'socket error'));
      ws.on('close', () => {
        v.joined = false;
        done('closed');
      });
      ws.on('message', (data: Buffer) => {
        if (data.toString('latin1', 0, ACK_PREFIX.length) === ACK_PREFIX) {
          const ack = JSON.parse(data.toString('utf8')) as { seq: number; ok: boolean; code?: number; retryAfterMs?: number };
          if (ack.seq === 1) {
            if (ack.ok) return ws.send(JSON.stringify({ t: 'join', seq: 2, groupID: this.room }));
            if (ack.code === BUSY && ack.retryAfterMs !== undefined) {
              busy();
              // Jittered like the TIM client, so the viewers told to wait do not return together.
              setTimeout(login, ack.retryAfterMs * (0.75 + Math.random() / 2));
              return;
            }
            return done(String(ack.code));
          }
          if (ack.seq === 2) {
            if (!ack.ok) return done(String(ack.code));
            v.joined = true;
            return done(performance.now() - started);
          }
          return this.sendAcked(v, ack);
        }
        if (this.chat && data.indexOf(MARK) >= 0) this.receipts(data);
      });
    });
  }

  /** Prepares the receipt log for `count` chat messages. */
  startChat(count: number): ChatLog {
    this.chat = {
      priority: new Array<MsgPriority>(count).fill('Normal'),
      sentAt: new Float64Array(count).fill(NaN),
      firstAt: new Float64Array(count).fill(NaN),
      receipts: new Uint32Array(count),
      audience: new Uint32Array(count),
      accepted: new Uint8Array(count),
      ackAt: new Float64Array(count).fill(NaN),
      refused: {},
      high: new Histogram(),
      all: new Histogram(),
    };
    return this.chat;
  }

  /** Viewer `from` sends chat message `index`; its text carries the marker `jb#<index>#`. */
  send(from: number, index: number, priority: MsgPriority, online: number): void {
    const v = this.viewers[from];
    const chat = this.chat;
    if (!v?.joined || !chat) return;
    const seq = v.nextSeq++;
    v.sends.set(seq, index);
    chat.priority[index] = priority;
    chat.audience[index] = Math.max(0, online - 1);
    chat.sentAt[index] = performance.now();
    v.ws.send(
      JSON.stringify({
        t: 'send',
        seq,
        groupID: this.room,
        priority,
        random: (Math.random() * 0xffffffff) >>> 0,
        body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `jb#${index}# ${priority}` } }],
        cloudCustomData: '',
      }),
    );
  }

  /** Every viewer quits the room and closes its socket. */
  leave(): void {
    for (const v of this.viewers) {
      if (v.ws.readyState !== WebSocket.OPEN) continue;
      if (v.joined) v.ws.send(JSON.stringify({ t: 'quit', seq: v.nextSeq++, groupID: this.room }));
      v.joined = false;
      v.ws.close();
    }
  }

  terminate(): void {
    for (const v of this.viewers) v.ws.terminate();
  }

  private sendAcked(v: Viewer, ack: { seq: number; ok: boolean; code?: number }): void {
    const index = v.sends.get(ack.seq);
    const chat = this.chat;
    if (index === undefined || !chat) return;
    v.sends.delete(ack.seq);
    chat.ackAt[index] = performance.now();
    if (ack.ok) chat.accepted[index] = 1;
    else chat.refused[String(ack.code)] = (chat.refused[String(ack.code)] ?? 0) + 1;
  }

  private receipts(data: Buffer): void {
    const chat = this.chat as ChatLog;
    const now = performance.now();
    for (let at = data.indexOf(MARK); at >= 0; at = data.indexOf(MARK, at + MARK.length)) {
      let index = 0;
      let i = at + MARK.length;
      for (let c = data[i]; c !== undefined && c >= 0x30 && c <= 0x39; c = data[++i]) index = index * 10 + (c - 0x30);
      if (data[i] !== 0x23 || index >= chat.receipts.length) continue;
      chat.receipts[index] = (chat.receipts[index] ?? 0) + 1;
      if (Number.isNaN(chat.firstAt[index])) chat.firstAt[index] = now;
      const ms = now - (chat.sentAt[index] as number);
      chat.all.add(ms);
      if (chat.priority[index] === 'High') chat.high.add(ms);
    }
  }
}
