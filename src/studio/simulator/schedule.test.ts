import { describe, expect, it } from 'vitest';
import { PHRASES, SIM_LOCALES, pickNick, pickPhrase } from './phrases';
import { expGapMs, fnv1a, mulberry32, seedOf, streamFor } from './prng';
import { BATCH_TICK_MS, checkShape, planAudience, timeline, type AudienceShape } from './schedule';

const shape = (over: Partial<AudienceShape> = {}): AudienceShape => ({
  viewers: 50,
  chatRate: 2,
  likeRate: 5,
  giftRate: 0.5,
  buyRate: 0.2,
  durationSec: 60,
  seed: 7,
  ...over,
});

describe('prng', () => {
  it('mulberry32 is deterministic and uniform in [0, 1)', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(mulberry32(124)()).not.toBe(mulberry32(123)());
  });

  it('seeds: whole numbers as is, anything else hashed (FNV-1a)', () => {
    expect(seedOf(42)).toBe(42);
    expect(seedOf('42')).toBe(42);
    expect(seedOf('rehearsal-1')).toBe(fnv1a('rehearsal-1'));
    expect(seedOf(-1)).toBe(fnv1a('-1'));
    expect(seedOf(1.5)).toBe(fnv1a('1.5'));
    expect(fnv1a('')).toBe(0x811c9dc5);
  });

  it('exponential gaps average 1/rate', () => {
    const rng = streamFor(1, 'gaps');
    const gaps = Array.from({ length: 20_000 }, () => expGapMs(rng, 4));
    const mean = gaps.reduce((s, x) => s + x, 0) / gaps.length;
    expect(mean).toBeGreaterThan(240);
    expect(mean).toBeLessThan(260);
  });
});

describe('phrases', () => {
  it('speaks mostly the viewer language, from the lists of all four', () => {
    const rng = mulberry32(9);
    const all = new Set(SIM_LOCALES.flatMap((l) => PHRASES[l]));
    let own = 0;
    for (let i = 0; i < 1000; i++) {
      const p = pickPhrase(rng, 'ja');
      expect(all.has(p)).toBe(true);
      if (PHRASES.ja.includes(p)) own++;
    }
    expect(own).toBeGreaterThan(850);
  });

  it('nicks are non-empty and fit a profile field', () => {
    const rng = mulberry32(3);
    for (const l of SIM_LOCALES) {
      const nick = pickNick(rng, l);
      expect(nick.length).toBeGreaterThan(0);
      expect(new TextEncoder().encode(nick).length).toBeLessThan(64);
    }
  });
});

describe('checkShape', () => {
  it.each([
    [{ viewers: 0 }, /viewers must be a whole number 1-20000/],
    [{ viewers: 2.5 }, /viewers/],
    [{ chatRate: -1 }, /chat rate must be 0-1000/],
    [{ likeRate: Number.NaN }, /like rate/],
    [{ giftRate: 5000 }, /gift rate/],
    [{ buyRate: Infinity }, /buy rate/],
    [{ durationSec: 0 }, /duration must be more than 0/],
    [{ followProbability: 2 }, /between 0 and 1/],
    [{ idPrefix: 'bad prefix' }, /idPrefix/],
  ])('refuses %o', (over, message) => {
    expect(checkShape(shape(over))).toMatch(message);
    expect(() => planAudience(shape(over))).toThrow(RangeError);
  });

  it('accepts the CLI defaults and zero rates', () => {
    expect(checkShape(shape())).toBeUndefined();
    expect(checkShape(shape({ chatRate: 0, likeRate: 0, giftRate: 0, buyRate: 0 }))).toBeUndefined();
  });
});

describe('planAudience', () => {
  it('is a pure function of the shape and seed', () => {
    expect(planAudience(shape())).toEqual(planAudience(shape()));
    expect(planAudience(shape({ seed: 8 }))).not.toEqual(planAudience(shape()));
    expect(planAudience(shape({ seed: '7' }))).toEqual(planAudience(shape()));
  });

  it('keeps each purpose on its own stream: a new chat rate leaves viewers and likes alone', () => {
    const a = planAudience(shape());
    const b = planAudience(shape({ chatRate: 9 }));
    expect(b.viewers).toEqual(a.viewers);
    expect(b.actions.filter((x) => x.kind === 'like')).toEqual(a.actions.filter((x) => x.kind === 'like'));
    expect(b.counts.chat).toBeGreaterThan(a.counts.chat);
  });

  it('names viewers sim_1..N with nicks and a language each', () => {
    const p = planAudience(shape({ viewers: 30 }));
    expect(p.viewers.map((v) => v.userID)).toEqual(Array.from({ length: 30 }, (_, i) => `sim_${i + 1}`));
    expect(new Set(p.viewers.map((v) => v.locale)).size).toBeGreaterThan(1);
    expect(planAudience(shape({ viewers: 2, idPrefix: 'e2e_' })).viewers[1]?.userID).toBe('e2e_2');
  });

  it('opens with batched joins, adds late joiners and early leavers, closes with batched leaves', () => {
    const p = planAudience(shape({ viewers: 2000, durationSec: 120 }));
    const opening = p.viewers.filter((v) => !v.late);
    const late = p.viewers.filter((v) => v.late);
    const early = p.viewers.filter((v) => v.early);
    expect(p.joinWindowMs).toBe(10_000);
    expect(late.length).toBe(200);
    expect(early.length).toBe(200);
    for (const v of opening) {
      expect(v.joinAtMs % BATCH_TICK_MS).toBe(0);
      expect(v.joinAtMs).toBeLessThan(p.joinWindowMs);
    }
    // Waves, not a stampede: 100 ticks of 20 viewers.
    expect(new Set(opening.map((v) => v.joinAtMs)).size).toBe(100);
    for (const v of late) {
      expect(v.joinAtMs).toBeGreaterThanOrEqual(p.joinWindowMs);
      expect(v.joinAtMs).toBeLessThan(p.durationMs);
    }
    for (const v of p.viewers) {
      expect(v.leaveAtMs).toBeGreaterThan(v.joinAtMs);
      if (v.early) expect(v.leaveAtMs).toBeLessThan(p.durationMs);
      else expect(v.leaveAtMs).toBeGreaterThanOrEqual(p.durationMs);
    }
  });

  it('runs short rehearsals without late joiners', () => {
    const p = planAudience(shape({ viewers: 20, durationSec: 2 }));
    expect(p.viewers.some((v) => v.late)).toBe(false);
    expect(p.joinWindowMs).toBe(800);
    expect(Math.max(...p.viewers.map((v) => v.joinAtMs))).toBeLessThan(800);
    // Three seconds already leave room for a late wave after the first second.
    const q = planAudience(shape({ viewers: 20, durationSec: 3 }));
    expect(q.viewers.filter((v) => v.late).map((v) => v.userID)).toEqual(['sim_19', 'sim_20']);
    expect(q.joinWindowMs).toBe(1000);
  });

  it('only ever assigns an action to a viewer who is in the room then', () => {
    const p = planAudience(shape({ viewers: 40, chatRate: 20, likeRate: 20, giftRate: 5, buyRate: 5, durationSec: 30 }));
    for (const a of p.actions) {
      const v = p.viewers[a.viewer];
      expect(v).toBeDefined();
      expect(a.atMs).toBeGreaterThanOrEqual(v?.joinAtMs ?? Infinity);
      expect(a.atMs).toBeLessThan(v?.leaveAtMs ?? -1);
      expect(a.atMs).toBeLessThan(p.durationMs);
    }
  });

  it('matches the rates over a long window (Poisson arrivals across the room)', () => {
    const p = planAudience(shape({ viewers: 200, chatRate: 10, likeRate: 5, giftRate: 1, buyRate: 0.5, durationSec: 600 }));
    const near = (n: number, want: number) => expect(Math.abs(n - want) / want).toBeLessThan(0.06);
    // The room is empty only for the first tick of the opening wave.
    near(p.counts.chat, 6000);
    near(p.counts.like, 3000);
    near(p.counts.gift, 600);
    expect(p.counts.buy).toBeGreaterThan(250);
    expect(p.counts.buy).toBeLessThan(350);
    expect(p.counts.follow).toBeGreaterThan(25);
    expect(p.counts.follow).toBeLessThan(80);
  });

  it('draws action contents in range', () => {
    const p = planAudience(shape({ likeRate: 50, giftRate: 20, buyRate: 20 }));
    const chats = new Set(SIM_LOCALES.flatMap((l) => PHRASES[l]));
    for (const a of p.actions) {
      if (a.kind === 'like') expect(a.count >= 1 && a.count <= 20).toBe(true);
      if (a.kind === 'gift') expect(a.pick >= 0 && a.pick < 1 && a.count >= 1 && a.count <= 10).toBe(true);
      if (a.kind === 'buy') expect(a.quantity >= 1 && a.quantity <= 3).toBe(true);
      if (a.kind === 'chat') expect(chats.has(a.text)).toBe(true);
    }
    expect(p.counts.chat + p.counts.like + p.counts.gift + p.counts.buy + p.counts.follow).toBe(p.actions.length);
  });

  it('plans nothing for a zero rate', () => {
    const p = planAudience(shape({ chatRate: 0, likeRate: 0, giftRate: 0, buyRate: 0, followProbability: 0 }));
    expect(p.actions).toEqual([]);
  });
});

describe('timeline', () => {
  it('is in time order, and per viewer join → actions → leave', () => {
    const p = planAudience(shape({ viewers: 25, durationSec: 20, chatRate: 10 }));
    const t = timeline(p);
    expect(t.length).toBe(p.viewers.length * 2 + p.actions.length);
    for (let i = 1; i < t.length; i++) expect((t[i]?.atMs ?? 0) >= (t[i - 1]?.atMs ?? 0)).toBe(true);
    for (const v of p.viewers) {
      const mine = t.filter((e) => e.viewer === v.index).map((e) => e.type);
      expect(mine[0]).toBe('join');
      expect(mine[mine.length - 1]).toBe('leave');
      expect(mine.filter((x) => x === 'join' || x === 'leave')).toHaveLength(2);
    }
  });
});
