// Requests and results of the moderation and levels commands: the console manages the callbacks
// service's word lists and level rules, looks up standings, and pre-flights its own texts.
import { z } from 'zod';
import { FILTER_ACTIONS, type Verdict, type WordMatch } from './domain/filter/wordFilter';
import { levelRulesDraftSchema, type LevelRules } from './domain/levels/levelRules';
import { userIdSchema } from './settings';

/** A word list's id: 1-64 of A-Z a-z 0-9 _ . -, starting with a letter or digit (so never `.` or `..`). */
export const LIST_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const LIST_ID_RULE = '1-64 of A-Z a-z 0-9 _ . -, starting with a letter or digit';
export const listIdSchema = z.string().regex(LIST_ID_PATTERN, { message: `Use ${LIST_ID_RULE}` });

/** Why the callbacks service did not evaluate a request (wrong SdkAppid, Sign, RequestTime, body). */
export type RefusalKind = 'sdkAppId' | 'signMissing' | 'signMismatch' | 'requestTimeStale' | 'body';

/** The callbacks service's health as the console shows it: is it protected, and what it refused. */
export interface CallbacksHealth {
  /** Running without a callback auth token: anyone who reaches it can forge callbacks. */
  insecure: boolean;
  requests: number;
  refused: { total: number; byKind: Record<RefusalKind, number>; last: { at: number; kind: RefusalKind; reason: string } | null };
}

export interface WordListSummary {
  id: string;
  roomId: string | null;
  action: (typeof FILTER_ACTIONS)[number];
  count: number;
  updatedAt: number;
}

export interface FilterCheck {
  verdict: Verdict;
  matches: WordMatch[];
  masked?: unknown;
}

export interface Standing {
  account: string;
  points: number;
  level: number;
  messages: number;
  likes: number;
  giftValue: number;
  purchaseValue: number;
  unverifiedValue: number;
  updatedAt: number;
}

export type { LevelRules };

export const moderationRequests = {
  importList: z
    .object({
      id: listIdSchema,
      action: z.enum(FILTER_ACTIONS),
      roomId: z.string().min(1).max(48).nullable().default(null),
      /** One word per line; `#` comments allowed (the export format). */
      text: z.string().max(4 * 1024 * 1024),
    })
    .strict(),
  listId: z.object({ id: listIdSchema }).strict(),
  check: z.object({ text: z.string().max(12_288) }).strict(),
  setRules: z.object({ rules: levelRulesDraftSchema }).strict(),
  top: z.object({ limit: z.number().int().min(1).max(500).default(20) }).strict(),
  user: z.object({ userId: userIdSchema }).strict(),
  levelsOf: z.object({ userIds: z.array(userIdSchema).max(200) }).strict(),
};
