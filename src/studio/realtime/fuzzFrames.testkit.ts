// Test support: seeded generators of valid, mutated and garbage realtime frames for fuzz tests.

import { FIELD_ROOM_STATUS } from '../../shared/domain/liveCommerce';
export { mulberry32 as prng } from '../../shared/prng';

export class FrameFuzzer {
  constructor(
    private readonly rnd: () => number,
    private readonly ctx: { groups: string[]; users: string[]; sigFor: (user: string) => string },
  ) {}

  int(n: number): number {
    return Math.floor(this.rnd() * n);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }

  string(maxLen = 40): string {
    const len = this.int(maxLen + 1);
    let s = '';
    for (let i = 0; i < len; i++) {
      const r = this.rnd();
      if (r < 0.6) s += String.fromCharCode(0x20 + this.int(0x5f));
      else if (r < 0.8) s += String.fromCharCode(this.int(0x20));
      else if (r < 0.9) s += String.fromCharCode(0x4e00 + this.int(0x5000));
      else if (r < 0.95) s += String.fromCharCode(0xd800 + this.int(0x800));
      else s += '😀';
    }
    return s;
  }

  json(depth = 0): unknown {
    const r = this.int(depth > 2 ? 5 : 8);
    switch (r) {
      case 0:
        return null;
      case 1:
        return this.rnd() < 0.5;
      case 2:
        return this.pick([0, -1, 1.5, 2 ** 53, -(2 ** 60), 1e308, 4294967296, this.int(1000)]);
      case 3:
      case 4:
        return this.string();
      case 5:
        return Array.from({ length: this.int(4) }, () => this.json(depth + 1));
      default: {
        const o: Record<string, unknown> = {};
        for (let i = this.int(4); i > 0; i--) o[this.pick(['t', 'seq', 'groupID', 'body', 'userID', this.string(6)])] = this.json(depth + 1);
        return o;
      }
    }
  }

  body(): unknown[] {
    return Array.from({ length: 1 + this.int(2) }, () =>
      this.rnd() < 0.5
        ? { MsgType: 'TIMTextElem', MsgContent: { Text: this.string(60) } }
        : { MsgType: 'TIMCustomElem', MsgContent: { Data: this.pick(['LIKE', 'SEND_GIFT', 'BUY_GOODS']), Desc: '', Ext: this.string(20) } },
    );
  }

  /** A well-formed request (it may still be refused: not logged in, not joined …). */
  valid(seq: number): Record<string, unknown> {
    const groupID = this.pick(this.ctx.groups);
    const user = this.pick(this.ctx.users);
    switch (this.int(11)) {
      case 0:
        return { t: 'login', seq, userID: user, userSig: this.rnd() < 0.7 ? this.ctx.sigFor(user) : this.string(30) || 'x' };
      case 1:
        return { t: 'logout', seq };
      case 2:
        return { t: 'join', seq, groupID };
      case 3:
        return { t: 'quit', seq, groupID };
      case 4:
      case 5:
        return {
          t: 'send',
          seq,
          groupID,
          priority: this.pick(['High', 'Normal', 'Low', 'Lowest']),
          random: this.int(2 ** 32),
          body: this.body(),
          cloudCustomData: '',
        };
      case 6:
        return { t: 'getGroupProfile', seq, groupID, groupCustomFieldFilter: [FIELD_ROOM_STATUS] };
      case 7:
        return { t: 'getUserProfile', seq, userIDList: [user] };
      case 8:
        return { t: 'updateMyProfile', seq, nick: this.string(10) };
      case 9:
        return { t: 'getOnlineCount', seq, groupID };
      default:
        return { t: 'ping', seq };
    }
  }

  /** One frame as it goes on the wire: valid, mutated, or garbage text. */
  frame(seq: number): { text: string } | { binary: Uint8Array } {
    const r = this.rnd();
    if (r < 0.03) return { binary: Uint8Array.from({ length: 1 + this.int(16) }, () => this.int(256)) };
    if (r < 0.1) return { text: this.string(80) };
    if (r < 0.15) return { text: JSON.stringify(this.json()) };
    const f = this.valid(seq);
    if (r < 0.35) return { text: JSON.stringify(f) };
    return { text: this.mutate(f) };
  }

  private mutate(f: Record<string, unknown>): string {
    const keys = Object.keys(f);
    const key = this.pick(keys);
    switch (this.int(10)) {
      case 0:
        delete f[key];
        break;
      case 1:
        f[key] = this.json();
        break;
      case 2:
        f[this.string(8) || 'extra'] = this.json();
        break;
      case 3:
        f.t = this.pick(['', 'LOGIN', 'send ', '__proto__', 'constructor', 'toString', this.string(10)]);
        break;
      case 4:
        f.seq = this.pick([-1, 1.5, '7', null, 2 ** 60, Number.MAX_SAFE_INTEGER]);
        break;
      case 5:
        if (Array.isArray(f.body)) f.body = Array.from({ length: 9 + this.int(5) }, () => this.body()[0]);
        else f.groupID = this.string(60);
        break;
      case 6:
        f[key] = 'x'.repeat(this.pick([100, 5_000, 70_000]));
        break;
      case 7: {
        const s = JSON.stringify(f);
        return s.slice(0, this.int(s.length));
      }
      case 8: {
        const s = JSON.stringify(f);
        const i = this.int(s.length);
        return s.slice(0, i) + this.string(2) + s.slice(i + 1);
      }
      default:
        return JSON.stringify([f]);
    }
    return JSON.stringify(f);
  }
}

/** The seq the server can read from a frame (its rule: a non-negative safe integer, else -1). */
export function readableSeq(frame: { text: string } | { binary: Uint8Array }, maxBytes: number): number {
  if (!('text' in frame) || Buffer.byteLength(frame.text) > maxBytes) return -1;
  try {
    const j = JSON.parse(frame.text) as { seq?: unknown } | null;
    const s = j?.seq;
    return typeof s === 'number' && Number.isSafeInteger(s) && s >= 0 ? s : -1;
  } catch {
    return -1;
  }
}
