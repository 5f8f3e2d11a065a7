// Level rules: how chatting, likes, gifts, purchases and watch time turn into points, and points
// into levels 1–N. Pure and versioned, so the service, the console and tests agree on one table.
import { z } from 'zod';

const nonNeg = z.number().min(0).max(1_000_000);
const count = z.number().int().min(0).max(1_000_000);

/** The profile tag levels are published to (portrait_set); only the App admin may write it. */
export const LEVEL_TAG = 'Tag_Profile_Custom_Level';

export const levelRulesSchema = z
  .object({
    /** Assigned by the store on every change; a rule set without it is a draft. */
    version: z.number().int().min(1),
    text: z.object({ points: count, perMinuteCap: count }).strict(),
    like: z.object({ pointsPerLike: count, maxPerBatch: count, perMinuteCap: count }).strict(),
    /** Points per minor currency unit of value (0.1 → a 1.00 CNY rose of 100 fen is 10 points). */
    gift: z.object({ pointsPerUnit: nonNeg }).strict(),
    purchase: z.object({ pointsPerUnit: nonNeg, pointsPerOrder: count }).strict(),
    watch: z.object({ pointsPerMinute: count, maxMinutesPerSession: count }).strict(),
    /** Weight of gifts/purchases a viewer's own client claims (not sent by the backend); 0 = ignored. */
    unverifiedWeight: z.number().min(0).max(1),
    /** thresholds[k] = points needed for level k + 2; level 1 needs 0. Strictly increasing. */
    thresholds: z
      .array(z.number().int().min(1))
      .max(98)
      .refine((t) => t.every((v, i) => i === 0 || v > (t[i - 1] as number)), 'thresholds must increase'),
  })
  .strict();
export type LevelRules = z.infer<typeof levelRulesSchema>;
export const levelRulesDraftSchema = levelRulesSchema.omit({ version: true });
export type LevelRulesDraft = z.infer<typeof levelRulesDraftSchema>;

export const DEFAULT_LEVEL_RULES: LevelRules = {
  version: 1,
  text: { points: 1, perMinuteCap: 5 },
  like: { pointsPerLike: 1, maxPerBatch: 50, perMinuteCap: 10 },
  gift: { pointsPerUnit: 0.1 },
  purchase: { pointsPerUnit: 0.05, pointsPerOrder: 20 },
  watch: { pointsPerMinute: 1, maxMinutesPerSession: 120 },
  unverifiedWeight: 0,
  thresholds: [20, 100, 300, 1000, 3000, 10000, 30000],
};

export const maxLevel = (rules: LevelRules): number => rules.thresholds.length + 1;

/** The level (1–N) for a point total. */
export function levelFor(rules: LevelRules, points: number): number {
  let level = 1;
  for (const t of rules.thresholds) {
    if (points >= t) level++;
    else break;
  }
  return level;
}

/** Points still grantable this minute under a per-minute cap (0 = no cap). */
export function capGrant(requested: number, usedThisMinute: number, cap: number): number {
  if (cap === 0) return requested;
  return Math.max(0, Math.min(requested, cap - usedThisMinute));
}
