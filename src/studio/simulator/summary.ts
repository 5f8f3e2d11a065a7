// The simulator's report: the running tallies a run keeps, the summary it returns, and the text
// lines the CLI prints for progress and at the end. Formatting is pure and tested.
import type { SimLocale } from './phrases';
import { ACTION_KINDS, type ActionKind } from './schedule';
import { RECEIVED_KINDS, type ReceivedKind } from './wire';
import type { PromotionTally } from './promotionRush';

export interface AudienceSummary {
  room: string;
  seed: number;
  /** Wall-clock time from the first join to the observer leaving. */
  durationMs: number;
  /** Stopped early (AbortSignal, e.g. Ctrl+C). */
  aborted: boolean;
  viewers: {
    planned: number;
    joined: number;
    left: number;
    failedToJoin: number;
    peakOnline: number;
    locales: Record<SimLocale, number>;
  };
  planned: Record<ActionKind, number>;
  sent: Record<ActionKind, number>;
  /** Likes are merged: the sum of every LIKE's count. */
  likeTaps: number;
  /** Sum of gift value × count, minor units. */
  giftValue: number;
  skipped: { buyNoProduct: number; giftNoCatalog: number; viewerOffline: number };
  /** Failed operations by error code (TIM/server code, or a name for local failures). */
  failures: Record<string, number>;
  /** What the observer (one more logged-in viewer that only listens) received. */
  received: Record<ReceivedKind, number> & { total: number };
  /** Flash-sale buys and coupon claims through the studio's shop, lucky-bag entries. */
  promotions: PromotionTally;
}

export interface AudienceProgress {
  elapsedMs: number;
  online: number;
  joined: number;
  left: number;
  sent: Record<ActionKind, number>;
  failures: number;
  received: number;
}

export const zeroActions = (): Record<ActionKind, number> =>
  Object.fromEntries(ACTION_KINDS.map((k) => [k, 0])) as Record<ActionKind, number>;

export const zeroReceived = (): Record<ReceivedKind, number> & { total: number } =>
  ({ ...Object.fromEntries(RECEIVED_KINDS.map((k) => [k, 0])), total: 0 }) as Record<ReceivedKind, number> & { total: number };

const sum = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;

export function formatProgress(p: AudienceProgress): string {
  const s = p.sent;
  return (
    `[${seconds(p.elapsedMs)}] online ${p.online}, joined ${p.joined}, left ${p.left}; ` +
    `sent chat ${s.chat} like ${s.like} gift ${s.gift} follow ${s.follow} buy ${s.buy}; ` +
    `failures ${p.failures}; observer received ${p.received}`
  );
}

export function formatSummary(s: AudienceSummary): string[] {
  const kinds = (r: Record<ActionKind, number>) => ACTION_KINDS.map((k) => `${k} ${r[k]}`).join(', ');
  const failures = Object.entries(s.failures)
    .sort(([, a], [, b]) => b - a)
    .map(([code, n]) => `${code} ×${n}`);
  const skipped = Object.entries(s.skipped)
    .filter(([, n]) => n > 0)
    .map(([why, n]) => `${why} ${n}`);
  const r = s.received;
  const locales = Object.entries(s.viewers.locales)
    .map(([l, n]) => `${l} ${n}`)
    .join(', ');
  return [
    `Audience simulation in room ${s.room} (seed ${s.seed})${s.aborted ? ' — stopped early' : ''}`,
    `  duration   ${seconds(s.durationMs)}`,
    `  viewers    ${s.viewers.joined}/${s.viewers.planned} joined, ${s.viewers.left} left, ` +
      `${s.viewers.failedToJoin} failed to join, peak ${s.viewers.peakOnline} online (${locales})`,
    `  planned    ${kinds(s.planned)}`,
    `  sent       ${kinds(s.sent)}; ${s.likeTaps} like taps, gifts worth ${s.giftValue}`,
    `  skipped    ${skipped.length ? skipped.join(', ') : 'none'}`,
    `  failures   ${failures.length ? failures.join(', ') : 'none'} (${sum(s.failures)} in all)`,
    `  observer   received ${r.total}: text ${r.text}, like ${r.like}, gift ${r.gift}, buy ${r.buy}, ` +
      `follow ${r.follow}, other custom ${r.otherCustom}, join ${r.join}, quit ${r.quit}, ` +
      `profile ${r.profile}, system ${r.system}, other ${r.other}`,
    ...promotionLines(s.promotions),
  ];
}

function promotionLines(p: PromotionTally): string[] {
  if (!p.buys.attempts && !p.claims.attempts && !p.entries) return [];
  const refused = (r: Record<string, number>) => {
    const e = Object.entries(r).map(([why, n]) => `${why} ${n}`);
    return e.length ? `; refused ${e.join(', ')}` : '';
  };
  return [
    `  promotions flash-sale buys ${p.buys.orders}/${p.buys.attempts} (${p.buys.units} units)${refused(p.buys.refused)}; ` +
      `coupon claims ${p.claims.claimed}/${p.claims.attempts}${refused(p.claims.refused)}; lucky-bag entries ${p.entries}`,
  ];
}
