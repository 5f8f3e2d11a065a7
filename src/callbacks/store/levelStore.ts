// The one storage port of the callbacks service: points and levels (atomic, idempotent per
// callback), presence for watch time, word lists and versioned level rules. SQLite and PostgreSQL
// implement it; the service never knows which.
import type { Standing } from '../../shared/moderationContract';
import { type Activity } from '../../shared/domain/levels/activity';
import { type LevelRules, type LevelRulesDraft } from '../../shared/domain/levels/levelRules';
import { type FilterAction } from '../../shared/domain/filter/wordFilter';

export interface PointEvent extends Activity {
  /** Idempotency key: `seq:<GroupId>:<MsgSeq>` or `rnd:<GroupId>:<From_Account>:<Random>` (+ `#<kind>`). */
  key: string;
  /** Event time (ms), for the per-minute cap bucket. */
  at: number;
}

export interface ApplyResult {
  /** The key was seen before: nothing changed. */
  duplicate: boolean;
  granted: number;
  points: number;
  level: number;
  previousLevel: number;
}

/** One user's standing (shared with the console's contract). */
export type UserStanding = Standing;

export interface StoredList {
  id: string;
  /** null: the whole app; else one AVChatRoom's GroupId. */
  roomId: string | null;
  action: FilterAction;
  words: string[];
  updatedAt: number;
}

export interface LevelStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies one event atomically; a repeated key changes nothing. `levelOf` maps points to a level. */
  apply(e: PointEvent, levelOf: (points: number) => number): Promise<ApplyResult>;
  joined(groupId: string, account: string, at: number): Promise<void>;
  /** Removes the presence row and returns when the member joined (undefined if unknown). */
  exited(groupId: string, account: string): Promise<number | undefined>;
  user(account: string): Promise<UserStanding | undefined>;
  top(limit: number): Promise<UserStanding[]>;
  /** Recomputes every stored level with `levelOf`; returns the accounts whose level changed. */
  relevel(levelOf: (points: number) => number): Promise<Array<{ account: string; level: number }>>;
  lists(): Promise<StoredList[]>;
  putList(list: StoredList): Promise<void>;
  deleteList(id: string): Promise<boolean>;
  /** Increases on every list change (polled by other instances for hot reload). */
  listsVersion(): Promise<number>;
  rules(): Promise<LevelRules | undefined>;
  /** Stores a new rule set under the next version number. */
  putRules(draft: LevelRulesDraft): Promise<LevelRules>;
  /** Forgets idempotency keys and cap buckets older than `before` (ms). */
  prune(before: number): Promise<void>;
  close(): Promise<void>;
}

export const MINUTE_MS = 60_000;
