// LevelStore on PostgreSQL, for several service instances behind a load balancer: each apply() is
// one transaction whose dedupe insert serialises duplicates and whose row locks serialise
// concurrent increments of one user, so any number of instances count every callback once.
import pg from 'pg';
import { capGrant, levelRulesSchema, type LevelRules, type LevelRulesDraft } from '../../shared/domain/levels/levelRules';
import { type FilterAction } from '../../shared/domain/filter/wordFilter';
import { counterDeltas, rowToStanding, type UserRow } from './rows';
import { MINUTE_MS, type ApplyResult, type LevelStore, type PointEvent, type StoredList, type UserStanding } from './levelStore';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS cb_dedupe (key TEXT PRIMARY KEY, at BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS cb_dedupe_at ON cb_dedupe (at);
CREATE TABLE IF NOT EXISTS cb_minute_caps (account TEXT NOT NULL, kind TEXT NOT NULL, minute BIGINT NOT NULL,
  used BIGINT NOT NULL, PRIMARY KEY (account, kind, minute));
CREATE TABLE IF NOT EXISTS cb_users (account TEXT PRIMARY KEY, points BIGINT NOT NULL DEFAULT 0, level INTEGER NOT NULL DEFAULT 1,
  messages BIGINT NOT NULL DEFAULT 0, likes BIGINT NOT NULL DEFAULT 0, gift_value BIGINT NOT NULL DEFAULT 0,
  purchase_value BIGINT NOT NULL DEFAULT 0, unverified_value BIGINT NOT NULL DEFAULT 0, updated_at BIGINT NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS cb_users_points ON cb_users (points DESC);
CREATE TABLE IF NOT EXISTS cb_presence (group_id TEXT NOT NULL, account TEXT NOT NULL, since BIGINT NOT NULL, PRIMARY KEY (group_id, account));
CREATE TABLE IF NOT EXISTS cb_word_lists (id TEXT PRIMARY KEY, room_id TEXT, action TEXT NOT NULL, words TEXT NOT NULL, updated_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS cb_rules (version INTEGER PRIMARY KEY, json TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS cb_meta (key TEXT PRIMARY KEY, value BIGINT NOT NULL);
`;

export interface PgStoreOptions {
  url: string;
  /** A PostgreSQL schema to use instead of the default search path (tests isolate runs this way). */
  schema?: string;
  now?: () => number;
}

export class PgLevelStore implements LevelStore {
  readonly kind = 'postgres' as const;

  private constructor(private readonly pool: pg.Pool, private readonly now: () => number) {}

  static async open(o: PgStoreOptions): Promise<PgLevelStore> {
    if (o.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(o.schema)) throw new Error(`bad schema name: ${o.schema}`);
    const pool = new pg.Pool({
      connectionString: o.url,
      max: 10,
      ...(o.schema ? { options: `-c search_path=${o.schema}` } : {}),
    });
    // An idle client's network error would otherwise be an unhandled 'error' event.
    pool.on('error', () => undefined);
    try {
      if (o.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${o.schema}`);
      await pool.query(SCHEMA);
    } catch (e) {
      await pool.end();
      throw e;
    }
    return new PgLevelStore(pool, o.now ?? Date.now);
  }

  async apply(e: PointEvent, levelOf: (points: number) => number): Promise<ApplyResult> {
    return this.tx(async (c) => {
      const ins = await c.query('INSERT INTO cb_dedupe (key, at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [e.key, e.at]);
      if (ins.rowCount === 0) {
        const u = (await c.query<{ points: string; level: number }>('SELECT points, level FROM cb_users WHERE account = $1', [e.account])).rows[0];
        return { duplicate: true, granted: 0, points: Number(u?.points ?? 0), level: u?.level ?? 1, previousLevel: u?.level ?? 1 };
      }
      let granted = e.points;
      if (e.capPerMinute > 0) {
        const minute = Math.floor(e.at / MINUTE_MS);
        const key = [e.account, e.kind, minute];
        await c.query('INSERT INTO cb_minute_caps (account, kind, minute, used) VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING', key);
        const used = (await c.query<{ used: string }>('SELECT used FROM cb_minute_caps WHERE account = $1 AND kind = $2 AND minute = $3 FOR UPDATE', key)).rows[0];
        granted = capGrant(e.points, Number(used?.used ?? 0), e.capPerMinute);
        await c.query('UPDATE cb_minute_caps SET used = used + $4 WHERE account = $1 AND kind = $2 AND minute = $3', [...key, granted]);
      }
      const d = counterDeltas(e);
      const row = (
        await c.query<{ points: string; level: number }>(
          `INSERT INTO cb_users AS u (account, points, messages, likes, gift_value, purchase_value, unverified_value, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (account) DO UPDATE SET points = u.points + excluded.points, messages = u.messages + excluded.messages,
             likes = u.likes + excluded.likes, gift_value = u.gift_value + excluded.gift_value,
             purchase_value = u.purchase_value + excluded.purchase_value, unverified_value = u.unverified_value + excluded.unverified_value,
             updated_at = excluded.updated_at
           RETURNING points, level`,
          [e.account, granted, d.messages, d.likes, d.gift, d.purchase, d.unverified, this.now()],
        )
      ).rows[0] as { points: string; level: number };
      const points = Number(row.points);
      const level = levelOf(points);
      if (level !== row.level) await c.query('UPDATE cb_users SET level = $1 WHERE account = $2', [level, e.account]);
      return { duplicate: false, granted, points, level, previousLevel: row.level };
    });
  }

  async joined(groupId: string, account: string, at: number): Promise<void> {
    await this.pool.query(
      'INSERT INTO cb_presence (group_id, account, since) VALUES ($1, $2, $3) ON CONFLICT (group_id, account) DO UPDATE SET since = excluded.since',
      [groupId, account, at],
    );
  }

  async exited(groupId: string, account: string): Promise<number | undefined> {
    const r = await this.pool.query<{ since: string }>('DELETE FROM cb_presence WHERE group_id = $1 AND account = $2 RETURNING since', [groupId, account]);
    return r.rows[0] ? Number(r.rows[0].since) : undefined;
  }

  async user(account: string): Promise<UserStanding | undefined> {
    const r = await this.pool.query<UserRow>('SELECT * FROM cb_users WHERE account = $1', [account]);
    return r.rows[0] ? rowToStanding(r.rows[0]) : undefined;
  }

  async top(limit: number): Promise<UserStanding[]> {
    const r = await this.pool.query<UserRow>('SELECT * FROM cb_users ORDER BY points DESC, account ASC LIMIT $1', [limit]);
    return r.rows.map(rowToStanding);
  }

  async relevel(levelOf: (points: number) => number): Promise<Array<{ account: string; level: number }>> {
    return this.tx(async (c) => {
      const changed: Array<{ account: string; level: number }> = [];
      const rows = (await c.query<{ account: string; points: string; level: number }>('SELECT account, points, level FROM cb_users FOR UPDATE')).rows;
      for (const u of rows) {
        const level = levelOf(Number(u.points));
        if (level !== u.level) changed.push({ account: u.account, level });
      }
      for (const ch of changed) await c.query('UPDATE cb_users SET level = $1 WHERE account = $2', [ch.level, ch.account]);
      return changed;
    });
  }

  async lists(): Promise<StoredList[]> {
    const r = await this.pool.query<{ id: string; room_id: string | null; action: string; words: string; updated_at: string }>(
      'SELECT * FROM cb_word_lists ORDER BY id',
    );
    return r.rows.map((x) => ({
      id: x.id,
      roomId: x.room_id,
      action: x.action as FilterAction,
      words: x.words ? x.words.split('\n') : [],
      updatedAt: Number(x.updated_at),
    }));
  }

  async putList(list: StoredList): Promise<void> {
    await this.tx(async (c) => {
      await c.query(
        `INSERT INTO cb_word_lists (id, room_id, action, words, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET room_id = excluded.room_id, action = excluded.action, words = excluded.words, updated_at = excluded.updated_at`,
        [list.id, list.roomId, list.action, list.words.join('\n'), list.updatedAt],
      );
      await bumpListsVersion(c);
    });
  }

  async deleteList(id: string): Promise<boolean> {
    return this.tx(async (c) => {
      const gone = ((await c.query('DELETE FROM cb_word_lists WHERE id = $1', [id])).rowCount ?? 0) > 0;
      if (gone) await bumpListsVersion(c);
      return gone;
    });
  }

  async listsVersion(): Promise<number> {
    const r = await this.pool.query<{ value: string }>("SELECT value FROM cb_meta WHERE key = 'lists_version'");
    return Number(r.rows[0]?.value ?? 0);
  }

  async rules(): Promise<LevelRules | undefined> {
    const r = await this.pool.query<{ json: string }>('SELECT json FROM cb_rules ORDER BY version DESC LIMIT 1');
    return r.rows[0] ? levelRulesSchema.parse(JSON.parse(r.rows[0].json)) : undefined;
  }

  async putRules(draft: LevelRulesDraft): Promise<LevelRules> {
    return this.tx(async (c) => {
      await c.query('LOCK TABLE cb_rules IN EXCLUSIVE MODE');
      const max = Number((await c.query<{ v: number | null }>('SELECT MAX(version) AS v FROM cb_rules')).rows[0]?.v ?? 0);
      const rules = levelRulesSchema.parse({ ...draft, version: max + 1 });
      await c.query('INSERT INTO cb_rules (version, json, created_at) VALUES ($1, $2, $3)', [rules.version, JSON.stringify(rules), this.now()]);
      return rules;
    });
  }

  async prune(before: number): Promise<void> {
    await this.pool.query('DELETE FROM cb_dedupe WHERE at < $1', [before]);
    await this.pool.query('DELETE FROM cb_minute_caps WHERE minute < $1', [Math.floor(before / MINUTE_MS)]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }
}

async function bumpListsVersion(c: pg.PoolClient): Promise<void> {
  await c.query("INSERT INTO cb_meta (key, value) VALUES ('lists_version', 1) ON CONFLICT (key) DO UPDATE SET value = cb_meta.value + 1");
}
