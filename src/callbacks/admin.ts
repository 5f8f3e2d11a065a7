// The management API of the callbacks service as plain async methods — word lists (import/export
// as one word per line), a pre-flight check, level rules, top users — used by the HTTP admin
// routes and, in-process, by the console's contract handlers.
import { filterMsgBody, type BodyMatch, type LooseMsgElem } from '../shared/domain/filter/msgFilter';
import { FILTER_ACTIONS, type FilterAction, type Verdict, type WordMatch } from '../shared/domain/filter/wordFilter';
import { levelRulesDraftSchema, type LevelRules } from '../shared/domain/levels/levelRules';
import { LIST_ID_PATTERN, LIST_ID_RULE, type CallbacksHealth } from '../shared/moderationContract';
import { type CallbacksService } from './callbacksService';
import { type StoredList, type UserStanding } from './store/levelStore';

export const MAX_LIST_WORDS = 100_000;
export const MAX_WORD_CHARS = 100;


export class AdminInputError extends Error {}

function checkListId(id: string): void {
  if (!LIST_ID_PATTERN.test(id)) throw new AdminInputError(`list id must be ${LIST_ID_RULE}`);
}

export interface ListSummary {
  id: string;
  roomId: string | null;
  action: FilterAction;
  count: number;
  updatedAt: number;
}

/** One word per line; blank lines and `#` comments skipped; duplicates dropped; BOM tolerated. */
export function parseWordList(text: string): string[] {
  const words = new Set<string>();
  for (const raw of text.replace(/^\ufeff/, '').split(/\r?\n/)) {
    const w = raw.trim();
    if (!w || w.startsWith('#')) continue;
    if (w.length > MAX_WORD_CHARS) throw new AdminInputError(`word longer than ${MAX_WORD_CHARS} characters: ${w.slice(0, 20)}…`);
    words.add(w);
    if (words.size > MAX_LIST_WORDS) throw new AdminInputError(`more than ${MAX_LIST_WORDS} words`);
  }
  return [...words];
}

export class CallbacksAdmin {
  constructor(private readonly service: CallbacksService, private readonly now: () => number = Date.now) {}

  /** Protection and refusals (wrong SdkAppid, Sign or RequestTime), for the operator. */
  health(): CallbacksHealth {
    const s = this.service.stats;
    return { insecure: this.service.insecure, requests: s.requests, refused: { total: s.refusedRequests, byKind: { ...s.refusedByKind }, last: s.lastRefusal } };
  }

  async lists(): Promise<ListSummary[]> {
    return (await this.service.store.lists()).map((l) => ({ id: l.id, roomId: l.roomId, action: l.action, count: l.words.length, updatedAt: l.updatedAt }));
  }

  async exportList(id: string): Promise<string | undefined> {
    checkListId(id);
    const l = (await this.service.store.lists()).find((x) => x.id === id);
    return l ? l.words.join('\n') + (l.words.length ? '\n' : '') : undefined;
  }

  /** Creates or replaces a list from text, then reloads the filters at once. */
  async importList(id: string, action: string, roomId: string | null, text: string): Promise<ListSummary> {
    checkListId(id);
    if (!(FILTER_ACTIONS as readonly string[]).includes(action)) throw new AdminInputError(`action must be one of ${FILTER_ACTIONS.join(', ')}`);
    if (roomId !== null && (roomId.length === 0 || roomId.length > 48)) throw new AdminInputError('room must be 1-48 characters');
    const list: StoredList = { id, roomId, action: action as FilterAction, words: parseWordList(text), updatedAt: this.now() };
    await this.service.store.putList(list);
    await this.service.filters.refresh();
    return { id, roomId, action: list.action, count: list.words.length, updatedAt: list.updatedAt };
  }

  async deleteList(id: string): Promise<boolean> {
    checkListId(id);
    const gone = await this.service.store.deleteList(id);
    if (gone) await this.service.filters.refresh();
    return gone;
  }

  /** Operator pre-flight: what the before-send callback would decide for a text or a MsgBody. */
  check(input: { text?: string; body?: LooseMsgElem[]; roomId?: string }): { verdict: Verdict; matches: Array<WordMatch | BodyMatch>; masked?: unknown } {
    const filter = this.service.filters.forRoom(input.roomId ?? '');
    if (input.body) {
      const r = filterMsgBody(filter, input.body);
      return { verdict: r.verdict, matches: r.matches, ...(r.body ? { masked: r.body } : {}) };
    }
    const r = filter.check(input.text ?? '');
    return { verdict: r.verdict, matches: r.matches, ...(r.verdict === 'mask' ? { masked: r.masked } : {}) };
  }

  rules(): LevelRules {
    return this.service.levels.rules;
  }

  async setRules(draft: unknown): Promise<LevelRules> {
    const obj = typeof draft === 'object' && draft !== null ? { ...(draft as Record<string, unknown>) } : draft;
    if (typeof obj === 'object' && obj !== null) delete (obj as Record<string, unknown>).version;
    const parsed = levelRulesDraftSchema.safeParse(obj);
    if (!parsed.success) throw new AdminInputError(`invalid rules: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return this.service.levels.setRules(parsed.data);
  }

  topUsers(limit = 20): Promise<UserStanding[]> {
    return this.service.store.top(Math.min(Math.max(1, Math.floor(limit)), 500));
  }

  user(account: string): Promise<UserStanding | undefined> {
    return this.service.store.user(account);
  }
}
