// LevelStore on SQLite (better-sqlite3) in the data dir: the embedded default. Every apply() is
// one transaction (dedupe row → per-minute cap → user upsert → level), so a crash never leaves
// half an event, and WAL mode lets a second process read while this one writes.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { capGrant, levelRulesSchema, type LevelRules, type LevelRulesDraft } from '../../shared/domain/levels/levelRules';
import { type FilterAction } from '../../shared/domain/filter/wordFilter';
import { counterDeltas, rowToStanding, type UserRow } from './rows';
import { MINUTE_MS, type ApplyResult, type LevelStore, type PointEvent, type StoredList, type UserStanding } from './levelStore';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS dedupe (key TEXT PRIMARY KEY, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS dedupe_at ON dedupe (at);
CREATE TABLE IF NOT EXISTS minute_caps (account TEXT NOT NULL, kind TEXT NOT NULL, minute INTEGER NOT NULL,
  used INTEGER NOT NULL, PRIMARY KEY (account, kind, minute));
CREATE TABLE IF NOT EXISTS users (account TEXT PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, level INTEGER NOT NULL DEFAULT 1,
  messages INTEGER NOT NULL DEFAULT 0, likes INTEGER NOT NULL DEFAULT 0, gift_value INTEGER NOT NULL DEFAULT 0,
  purchase_value INTEGER NOT NULL DEFAULT 0, unverified_value INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS users_points ON users (points DESC);
CREATE TABLE IF NOT EXISTS presence (group_id TEXT NOT NULL, account TEXT NOT NULL, since INTEGER NOT NULL, PRIMARY KEY (group_id, account));
CREATE TABLE IF NOT EXISTS word_lists (id TEXT PRIMARY KEY, room_id TEXT, action TEXT NOT NULL, words TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS rules (version INTEGER PRIMARY KEY, json TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
`;

export class SqliteLevelStore implements LevelStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly applyTx: Database.Transaction<(e: PointEvent, levelOf: (p: number) => number) => ApplyResult>;

  constructor(file: string, private readonly now: () => number = Date.now) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    const insertKey = this.db.prepare('INSERT INTO dedupe (key, at) VALUES (?, ?) ON CONFLICT DO NOTHING');
    const getUser = this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE account = ?');
    const getCap = this.db.prepare<[string, string, number], { used: number }>(
      'SELECT used FROM minute_caps WHERE account = ? AND kind = ? AND minute = ?',
    );
    const putCap = this.db.prepare(
      'INSERT INTO minute_caps (account, kind, minute, used) VALUES (?, ?, ?, ?) ON CONFLICT (account, kind, minute) DO UPDATE SET used = used + excluded.used',
    );
    const upsertUser = this.db.prepare(`INSERT INTO users (account, points, messages, likes, gift_value, purchase_value, unverified_value, updated_at)
      VALUES (@account, @points, @messages, @likes, @gift, @purchase, @unverified, @at)
      ON CONFLICT (account) DO UPDATE SET points = points + excluded.points, messages = messages + excluded.messages,
        likes = likes + excluded.likes, gift_value = gift_value + excluded.gift_value,
        purchase_value = purchase_value + excluded.purchase_value, unverified_value = unverified_value + excluded.unverified_value,
        updated_at = excluded.updated_at
      RETURNING points, level`);
    const setLevel = this.db.prepare('UPDATE users SET level = ? WHERE account = ?');
    this.applyTx = this.db.transaction((e: PointEvent, levelOf: (p: number) => number): ApplyResult => {
      if (insertKey.run(e.key, e.at).changes === 0) {
        const u = getUser.get(e.account);
        return { duplicate: true, granted: 0, points: Number(u?.points ?? 0), level: u?.level ?? 1, previousLevel: u?.level ?? 1 };
      }
      let granted = e.points;
      if (e.capPerMinute > 0) {
        const minute = Math.floor(e.at / MINUTE_MS);
        granted = capGrant(e.points, getCap.get(e.account, e.kind, minute)?.used ?? 0, e.capPerMinute);
        putCap.run(e.account, e.kind, minute, granted);
      }
      const row = upsertUser.get({ account: e.account, points: granted, ...counterDeltas(e), at: this.now() }) as { points: number; level: number };
      const level = levelOf(row.points);
      if (level !== row.level) setLevel.run(level, e.account);
      return { duplicate: false, granted, points: row.points, level, previousLevel: row.level };
    });
  }

  async apply(e: PointEvent, levelOf: (points: number) => number): Promise<ApplyResult> {
    return this.applyTx.immediate(e, levelOf);
  }

  async joined(groupId: string, account: string, at: number): Promise<void> {
    this.db
      .prepare('INSERT INTO presence (group_id, account, since) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET since = excluded.since')
      .run(groupId, account, at);
  }

  async exited(groupId: string, account: string): Promise<number | undefined> {
    const row = this.db
      .prepare<[string, string], { since: number }>('DELETE FROM presence WHERE group_id = ? AND account = ? RETURNING since')
      .get(groupId, account);
    return row?.since;
  }

  async user(account: string): Promise<UserStanding | undefined> {
    const row = this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE account = ?').get(account);
    return row ? rowToStanding(row) : undefined;
  }

  async top(limit: number): Promise<UserStanding[]> {
    return this.db
      .prepare<[number], UserRow>('SELECT * FROM users ORDER BY points DESC, account ASC LIMIT ?')
      .all(limit)
      .map(rowToStanding);
  }

  async relevel(levelOf: (points: number) => number): Promise<Array<{ account: string; level: number }>> {
    const changed: Array<{ account: string; level: number }> = [];
    const set = this.db.prepare('UPDATE users SET level = ? WHERE account = ?');
    this.db.transaction(() => {
      for (const u of this.db.prepare<[], { account: string; points: number; level: number }>('SELECT account, points, level FROM users').iterate()) {
        const level = levelOf(u.points);
        if (level !== u.level) changed.push({ account: u.account, level });
      }
      for (const c of changed) set.run(c.level, c.account);
    }).immediate();
    return changed;
  }

  async lists(): Promise<StoredList[]> {
    type Row = { id: string; room_id: string | null; action: string; words: string; updated_at: number };
    return this.db
      .prepare<[], Row>('SELECT * FROM word_lists ORDER BY id')
      .all()
      .map((r) => ({ id: r.id, roomId: r.room_id, action: r.action as FilterAction, words: r.words ? r.words.split('\n') : [], updatedAt: r.updated_at }));
  }

  async putList(list: StoredList): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare(`INSERT INTO word_lists (id, room_id, action, words, updated_at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET room_id = excluded.room_id, action = excluded.action, words = excluded.words, updated_at = excluded.updated_at`)
        .run(list.id, list.roomId, list.action, list.words.join('\n'), list.updatedAt);
      this.bumpListsVersion();
    }).immediate();
  }

  async deleteList(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      const gone = this.db.prepare('DELETE FROM word_lists WHERE id = ?').run(id).changes > 0;
      if (gone) this.bumpListsVersion();
      return gone;
    }).immediate();
  }

  async listsVersion(): Promise<number> {
    return this.db.prepare<[], { value: number }>("SELECT value FROM meta WHERE key = 'lists_version'").get()?.value ?? 0;
  }

  async rules(): Promise<LevelRules | undefined> {
    const row = this.db.prepare<[], { json: string }>('SELECT json FROM rules ORDER BY version DESC LIMIT 1').get();
    return row ? levelRulesSchema.parse(JSON.parse(row.json)) : undefined;
  }

  async putRules(draft: LevelRulesDraft): Promise<LevelRules> {
    return this.db.transaction(() => {
      const max = this.db.prepare<[], { v: number | null }>('SELECT MAX(version) AS v FROM rules').get()?.v ?? 0;
      const rules = levelRulesSchema.parse({ ...draft, version: max + 1 });
      this.db.prepare('INSERT INTO rules (version, json, created_at) VALUES (?, ?, ?)').run(rules.version, JSON.stringify(rules), this.now());
      return rules;
    }).immediate();
  }

  async prune(before: number): Promise<void> {
    this.db.prepare('DELETE FROM dedupe WHERE at < ?').run(before);
    this.db.prepare('DELETE FROM minute_caps WHERE minute < ?').run(Math.floor(before / MINUTE_MS));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private bumpListsVersion(): void {
    this.db.prepare("INSERT INTO meta (key, value) VALUES ('lists_version', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1").run();
  }
}
