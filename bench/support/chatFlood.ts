// The bench:chat audience: a seeded stream of room events (text, LIKE, SEND_GIFT, join tips) in
// the studio's realtime wire shape, paced at a fixed rate, with the exact tally of what was sent.
// The frames are checked once with the client's own parser, so the bench cannot drift from it.
import { DEFAULT_GIFT_CATALOG } from '../../src/shared/domain/liveCommerce';
import { mulberry32 } from '../../src/shared/prng';
import { parseServerFrame, type WireGroupEvent } from '../../src/shared/realtime/protocol';
import { formatMoney } from '../../src/renderer/src/features/counters/money';

export interface FloodTally {
  events: number;
  frames: number;
  texts: number;
  likeMessages: number;
  likeTaps: number;
  giftMessages: number;
  giftCount: number;
  giftValue: number;
  joins: number;
}

/** What the console's counters must show after the flood (the Messages tile counts texts, likes and gifts, not joins). */
export interface ExpectedCounters {
  likes: string;
  messages: string;
  gifts: string;
  joins: string;
}

export const zeroTally = (): FloodTally => ({
  events: 0,
  frames: 0,
  texts: 0,
  likeMessages: 0,
  likeTaps: 0,
  giftMessages: 0,
  giftCount: 0,
  giftValue: 0,
  joins: 0,
});

export function expectedCounters(t: FloodTally): ExpectedCounters {
  return {
    likes: String(t.likeTaps),
    messages: String(t.texts + t.likeMessages + t.giftMessages),
    gifts: `${t.giftCount} · ${formatMoney(t.giftValue)}`,
    joins: String(t.joins),
  };
}

const PHRASES = ['how much is this?', 'love it', 'ship to Shanghai?', '好看！', 'size M please', 'link?', 'can you show the back', '666', 'first time here', 'is it waterproof'];

/** 45 % text, 30 % like (1–5 taps), 10 % gift (1–3 of the default catalog), 15 % join, from 500 viewers. */
export class FloodSource {
  readonly tally = zeroTally();
  private readonly rnd: () => number;
  private seq = 1_000_000;

  constructor(
    private readonly groupId: string,
    seed: number,
  ) {
    this.rnd = mulberry32(seed);
  }

  /** One `events` frame of `n` events, as the studio's fan-out would send it. */
  frame(n: number, nowMs: number): string {
    const events: WireGroupEvent[] = [];
    for (let i = 0; i < n; i++) events.push(this.event(Math.floor(nowMs / 1000)));
    this.tally.frames++;
    return JSON.stringify({ t: 'events', groupID: this.groupId, events });
  }

  private event(time: number): WireGroupEvent {
    const r = this.rnd();
    const n = Math.floor(this.rnd() * 500);
    const from = `fan_${n}`;
    const nick = `Fan ${n}`;
    this.tally.events++;
    if (r < 0.15) {
      this.tally.joins++;
      return { kind: 'tip', groupId: this.groupId, operationType: 1, operatorID: from, userIDList: [from], nick, avatar: '', time };
    }
    const base = { kind: 'message' as const, groupId: this.groupId, from, nick, avatar: '', time, seq: this.seq++, random: Math.floor(this.rnd() * 0xffffffff), cloudCustomData: '', modified: false };
    if (r < 0.6) {
      this.tally.texts++;
      const text = PHRASES[Math.floor(this.rnd() * PHRASES.length)] ?? 'hi';
      return { ...base, priority: 'Normal', body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }] };
    }
    if (r < 0.9) {
      const count = 1 + Math.floor(this.rnd() * 5);
      this.tally.likeMessages++;
      this.tally.likeTaps += count;
      return { ...base, priority: 'Lowest', body: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'LIKE', Ext: JSON.stringify({ count }) } }] };
    }
    const gift = DEFAULT_GIFT_CATALOG[Math.floor(this.rnd() * DEFAULT_GIFT_CATALOG.length)] ?? DEFAULT_GIFT_CATALOG[0]!;
    const count = 1 + Math.floor(this.rnd() * 3);
    this.tally.giftMessages++;
    this.tally.giftCount += count;
    this.tally.giftValue += gift.value * count;
    const ext = { giftId: gift.id, name: gift.name, value: gift.value, count };
    return { ...base, priority: 'Lowest', body: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'SEND_GIFT', Ext: JSON.stringify(ext) } }] };
  }
}

/** Throws unless the TIM client would accept frames of this shape (checked on a throwaway source). */
export function assertWireShape(groupId: string): void {
  const sample = new FloodSource(groupId, 1).frame(200, Date.now());
  if (!parseServerFrame(sample)) throw new Error('bench:chat builds events frames the client would reject (src/shared/realtime/protocol.ts changed?)');
}

/**
 * Calls `send(frame)` every `tickMs` with as many events as are due at `ratePerSec` since the start
 * (catching up after a late tick), for `seconds`. Resolves with the wall time actually taken.
 */
export function pace(source: FloodSource, send: (frame: string) => void, ratePerSec: number, seconds: number, tickMs = 10): Promise<number> {
  const total = ratePerSec * seconds;
  const t0 = performance.now();
  let sent = 0;
  return new Promise((resolve) => {
    const tick = (): void => {
      const elapsed = performance.now() - t0;
      const due = Math.min(total, Math.floor((elapsed * ratePerSec) / 1000)) - sent;
      if (due > 0) {
        send(source.frame(due, Date.now()));
        sent += due;
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve(performance.now() - t0);
      }
    };
    const timer = setInterval(tick, tickMs);
  });
}
