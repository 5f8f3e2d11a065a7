// The audience plan, computed up front from the seed: who joins and leaves when, and every chat,
// like, gift, follow and buy with its time and content. Pure, so a seed reproduces the same plan
// and tests can compare what the runner sent against what was planned.
import { SIM_LOCALES, pickLocale, pickNick, pickPhrase, type SimLocale } from './phrases';
import { expGapMs, intIn, seedOf, streamFor, type Rng } from './prng';

export interface AudienceShape {
  viewers: number;
  /** Messages per second across the whole room (Poisson arrivals). */
  chatRate: number;
  likeRate: number;
  giftRate: number;
  buyRate: number;
  /** Activity window; final leaves follow it. */
  durationSec: number;
  seed: number | string;
  /** UserIDs are `<idPrefix><n>`, n from 1 (default `sim_`). */
  idPrefix?: string;
  /** Chance that a viewer follows the anchor once while in the room (default 0.25). */
  followProbability?: number;
  /** Share of viewers who leave before the end (default 0.1). */
  earlyLeaveFraction?: number;
  /** Share of viewers who join after the opening wave (default 0.1). */
  lateJoinFraction?: number;
}

export const SHAPE_LIMITS = { maxViewers: 20_000, maxRate: 1_000, maxDurationSec: 86_400 } as const;

export type ActionKind = 'chat' | 'like' | 'gift' | 'follow' | 'buy';
export const ACTION_KINDS: readonly ActionKind[] = ['chat', 'like', 'gift', 'follow', 'buy'];

export type Action =
  | { kind: 'chat'; atMs: number; viewer: number; text: string }
  | { kind: 'like'; atMs: number; viewer: number; count: number }
  /** `pick` in [0,1) selects from the gift catalog current when the gift is sent. */
  | { kind: 'gift'; atMs: number; viewer: number; pick: number; count: number }
  | { kind: 'follow'; atMs: number; viewer: number }
  | { kind: 'buy'; atMs: number; viewer: number; quantity: number };

export interface ViewerPlan {
  index: number;
  userID: string;
  nick: string;
  locale: SimLocale;
  joinAtMs: number;
  leaveAtMs: number;
  late: boolean;
  early: boolean;
}

export interface AudiencePlan {
  seed: number;
  durationMs: number;
  joinWindowMs: number;
  viewers: ViewerPlan[];
  actions: Action[];
  counts: Record<ActionKind, number>;
}

export type TimelineEntry =
  | { atMs: number; type: 'join'; viewer: number }
  | { atMs: number; type: 'action'; viewer: number; action: Action }
  | { atMs: number; type: 'leave'; viewer: number };

/** Joins and final leaves go out in batches on this tick, so thousands of viewers arrive in waves. */
export const BATCH_TICK_MS = 100;

const isFraction = (x: number | undefined): boolean => x === undefined || (Number.isFinite(x) && x >= 0 && x <= 1);

/** The first problem with a shape, worded for a CLI user; undefined when it is usable. */
export function checkShape(s: AudienceShape): string | undefined {
  if (!Number.isInteger(s.viewers) || s.viewers < 1 || s.viewers > SHAPE_LIMITS.maxViewers) {
    return `viewers must be a whole number 1-${SHAPE_LIMITS.maxViewers}, got ${s.viewers}`;
  }
  for (const [name, rate] of [
    ['chat rate', s.chatRate],
    ['like rate', s.likeRate],
    ['gift rate', s.giftRate],
    ['buy rate', s.buyRate],
  ] as const) {
    if (!Number.isFinite(rate) || rate < 0 || rate > SHAPE_LIMITS.maxRate) {
      return `${name} must be 0-${SHAPE_LIMITS.maxRate} per second, got ${rate}`;
    }
  }
  if (!Number.isFinite(s.durationSec) || s.durationSec <= 0 || s.durationSec > SHAPE_LIMITS.maxDurationSec) {
    return `duration must be more than 0 and at most ${SHAPE_LIMITS.maxDurationSec} seconds, got ${s.durationSec}`;
  }
  if (!isFraction(s.followProbability) || !isFraction(s.earlyLeaveFraction) || !isFraction(s.lateJoinFraction)) {
    return 'followProbability, earlyLeaveFraction and lateJoinFraction must be between 0 and 1';
  }
  const prefix = s.idPrefix ?? 'sim_';
  if (!/^[A-Za-z0-9_-]{1,20}$/.test(prefix)) return 'idPrefix must be 1-20 of [A-Za-z0-9_-]';
  return undefined;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Start times for `count` arrivals spread in batches over `windowMs` starting at `fromMs`. */
function batchedTimes(count: number, fromMs: number, windowMs: number): number[] {
  const ticks = Math.max(1, Math.floor(windowMs / BATCH_TICK_MS));
  const batch = Math.max(1, Math.ceil(count / ticks));
  return Array.from({ length: count }, (_, i) => fromMs + Math.floor(i / batch) * BATCH_TICK_MS);
}

export function planAudience(shape: AudienceShape): AudiencePlan {
  const problem = checkShape(shape);
  if (problem) throw new RangeError(problem);
  const seed = seedOf(shape.seed);
  const durationMs = Math.round(shape.durationSec * 1000);
  const prefix = shape.idPrefix ?? 'sim_';
  const n = shape.viewers;

  // Late joiners need room after the opening wave; on very short runs everyone opens.
  const wantedLate = Math.round(n * (shape.lateJoinFraction ?? 0.1));
  const openingGuess = Math.min(durationMs * 0.4, clamp((n - wantedLate) * 10, 1000, 10_000));
  const late = durationMs - openingGuess >= 2000 ? Math.min(wantedLate, n - 1) : 0;
  const opening = n - late;
  const joinWindowMs = Math.min(durationMs * 0.4, clamp(opening * 10, 1000, 10_000));

  const who = streamFor(seed, 'viewers');
  const joins = batchedTimes(opening, 0, joinWindowMs);
  const viewers: ViewerPlan[] = [];
  for (let i = 0; i < n; i++) {
    const locale = pickLocale(who);
    const nick = pickNick(who, locale);
    const isLate = i >= opening;
    const lateAt = joinWindowMs + Math.floor(who() * 0.6 * (durationMs - joinWindowMs));
    viewers.push({
      index: i,
      userID: `${prefix}${i + 1}`,
      nick,
      locale,
      joinAtMs: isLate ? lateAt : (joins[i] ?? 0),
      leaveAtMs: durationMs,
      late: isLate,
      early: false,
    });
  }

  // Early leavers: a seeded shuffle picks them; each stays for a random part of its remaining time.
  const leave = streamFor(seed, 'leaves');
  const order = viewers.map((v) => v.index);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(leave() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  let early = Math.round(n * (shape.earlyLeaveFraction ?? 0.1));
  for (const idx of order) {
    const v = viewers[idx] as ViewerPlan;
    const stayFraction = 0.25 + 0.7 * leave();
    if (early === 0) continue;
    const remaining = durationMs - v.joinAtMs;
    if (remaining < 1000) continue;
    v.leaveAtMs = v.joinAtMs + Math.max(200, Math.floor(stayFraction * remaining));
    if (v.leaveAtMs >= durationMs) continue;
    v.early = true;
    early--;
  }
  const stayers = viewers.filter((v) => !v.early);
  const finalLeaves = batchedTimes(stayers.length, durationMs, clamp(stayers.length * 5, BATCH_TICK_MS, 5000));
  stayers.forEach((v, i) => (v.leaveAtMs = finalLeaves[i] ?? durationMs));

  const present = (v: ViewerPlan, t: number): boolean => v.joinAtMs <= t && t < v.leaveAtMs && t < durationMs;
  /** A viewer in the room at `t`, or undefined when the room is empty. */
  const someone = (rng: Rng, t: number): ViewerPlan | undefined => {
    for (let tries = 0; tries < 8; tries++) {
      const v = viewers[Math.floor(rng() * n)] as ViewerPlan;
      if (present(v, t)) return v;
    }
    const here = viewers.filter((v) => present(v, t));
    return here.length ? here[Math.floor(rng() * here.length)] : undefined;
  };

  const actions: Action[] = [];
  const poisson = (kind: Exclude<ActionKind, 'follow'>, rate: number, make: (rng: Rng, v: ViewerPlan, atMs: number) => Action) => {
    if (rate <= 0) return;
    const rng = streamFor(seed, kind);
    for (let t = expGapMs(rng, rate); t < durationMs; t += expGapMs(rng, rate)) {
      const atMs = Math.floor(t);
      const v = someone(rng, atMs);
      if (v) actions.push(make(rng, v, atMs));
    }
  };
  poisson('chat', shape.chatRate, (rng, v, atMs) => ({ kind: 'chat', atMs, viewer: v.index, text: pickPhrase(rng, v.locale) }));
  poisson('like', shape.likeRate, (rng, v, atMs) => ({ kind: 'like', atMs, viewer: v.index, count: intIn(rng, 1, 20) }));
  poisson('gift', shape.giftRate, (rng, v, atMs) => ({
    kind: 'gift',
    atMs,
    viewer: v.index,
    pick: rng(),
    count: rng() < 0.8 ? 1 : intIn(rng, 2, 10),
  }));
  poisson('buy', shape.buyRate, (rng, v, atMs) => ({
    kind: 'buy',
    atMs,
    viewer: v.index,
    quantity: rng() < 0.85 ? 1 : intIn(rng, 2, 3),
  }));
  const follow = streamFor(seed, 'follow');
  const followP = shape.followProbability ?? 0.25;
  for (const v of viewers) {
    const chance = follow();
    const when = follow();
    const until = Math.min(v.leaveAtMs, durationMs);
    if (chance >= followP || until <= v.joinAtMs) continue;
    actions.push({ kind: 'follow', atMs: v.joinAtMs + Math.floor(when * (until - v.joinAtMs)), viewer: v.index });
  }
  actions.sort((a, b) => a.atMs - b.atMs || a.viewer - b.viewer || ACTION_KINDS.indexOf(a.kind) - ACTION_KINDS.indexOf(b.kind));

  const counts = Object.fromEntries(ACTION_KINDS.map((k) => [k, 0])) as Record<ActionKind, number>;
  for (const a of actions) counts[a.kind]++;
  return { seed, durationMs, joinWindowMs, viewers, actions, counts };
}

const TYPE_ORDER = { join: 0, action: 1, leave: 2 } as const;

/** Every join, action and leave in time order; at one instant joins come first and leaves last. */
export function timeline(plan: AudiencePlan): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const v of plan.viewers) {
    entries.push({ atMs: v.joinAtMs, type: 'join', viewer: v.index });
    entries.push({ atMs: v.leaveAtMs, type: 'leave', viewer: v.index });
  }
  for (const a of plan.actions) entries.push({ atMs: a.atMs, type: 'action', viewer: a.viewer, action: a });
  return entries.sort((a, b) => a.atMs - b.atMs || TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.viewer - b.viewer);
}

/** Locales present in a plan, for the summary. */
export function localeMix(plan: AudiencePlan): Record<SimLocale, number> {
  const mix = Object.fromEntries(SIM_LOCALES.map((l) => [l, 0])) as Record<SimLocale, number>;
  for (const v of plan.viewers) mix[v.locale]++;
  return mix;
}
