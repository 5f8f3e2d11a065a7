// The action journal: every operator action with who, when, what was asked, what Tencent (or the
// studio) answered, and when the room's own IM session saw its effect — persisted per show in
// SQLite (<data dir>/journal.sqlite) and restored after a restart.
//
// Interface (what promotions, automations and handlers call):
//   journal.run({ operator, kind, request, ackKey }, (entry) => restCall)  → the call's value; records,
//       answers (ok with the answer, or failed with the error) and rethrows failures
//   journal.record({ operator, kind, request, ackKey? }) → JournalEntry   (outcome 'pending')
//   journal.answer(id, { ok: true, response } | { ok: false, error })   → JournalEntry
//   journal.acknowledge(ackKey, { reached? })  → the oldest unacknowledged entry with that key, now
//       acknowledged (ackAt), or undefined. Keys come from `ackKeyOf` (shared/teamContract.ts).
//   journal.list(filter), journal.export('csv' | 'json'), journal.onEntry(listener)
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../shared/domain/cryptoPort';
import { toErrorData } from '../../shared/errors';
import type { JournalEntry, JournalFilter, JournalKind, Operator } from '../../shared/teamContract';
import { journalFilterSchema } from '../../shared/teamContract';
import type { Logger } from '../infra/logger';

export interface RecordRequest {
  operator: Operator;
  kind: JournalKind;
  /** What the operator asked, as sent (never secrets). */
  request: unknown;
  /** What the room's IM session will see (`ackKeyOf`); omit when nothing is visible (mute). */
  ackKey?: string | null;
}

/** `reached`: sessions the effect was published to, when the answer says (the local studio does). */
export type Answer = { ok: true; response: unknown; reached?: number | undefined } | { ok: false; error: unknown };

/** Where entries live: SQLite normally, memory when the add-on cannot load in this runtime. */
interface JournalStore {
  readonly persisted: boolean;
  insert(e: Omit<JournalEntry, 'id'>): number;
  update(e: JournalEntry): void;
  list(show: string, f: { operatorId?: string | undefined; kind?: string | undefined; limit: number }): JournalEntry[];
  /** Entries of a show not yet acknowledged, with an ack key, oldest first. */
  unacknowledged(show: string): JournalEntry[];
  close(): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY AUTOINCREMENT, show TEXT NOT NULL, at INTEGER NOT NULL,
  operator_id TEXT NOT NULL, operator_name TEXT NOT NULL, role TEXT NOT NULL, kind TEXT NOT NULL, request TEXT NOT NULL,
  outcome TEXT NOT NULL, answer TEXT, answered_at INTEGER, ack_key TEXT, ack_at INTEGER, reached INTEGER);
CREATE INDEX IF NOT EXISTS entries_show ON entries (show, id);
`;

interface Row {
  id: number;
  show: string;
  at: number;
  operator_id: string;
  operator_name: string;
  role: string;
  kind: string;
  request: string;
  outcome: string;
  answer: string | null;
  answered_at: number | null;
  ack_key: string | null;
  ack_at: number | null;
  reached: number | null;
}

const parse = (s: string | null): unknown => {
  if (s === null) return null;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
};

const fromRow = (r: Row): JournalEntry => ({
  id: r.id,
  show: r.show,
  at: r.at,
  operatorId: r.operator_id,
  operatorName: r.operator_name,
  role: r.role as JournalEntry['role'],
  kind: r.kind as JournalKind,
  request: parse(r.request),
  outcome: r.outcome as JournalEntry['outcome'],
  answer: parse(r.answer),
  answeredAt: r.answered_at,
  ackKey: r.ack_key,
  ackAt: r.ack_at,
  reached: r.reached,
});

type Db = {
  prepare(sql: string): { run(...a: unknown[]): { lastInsertRowid: number | bigint }; all(...a: unknown[]): unknown[] };
  exec(sql: string): void;
  pragma(s: string): unknown;
  close(): void;
};

class SqliteStore implements JournalStore {
  readonly persisted = true;
  constructor(private readonly db: Db) {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
  }

  insert(e: Omit<JournalEntry, 'id'>): number {
    const r = this.db
      .prepare(
        `INSERT INTO entries (show, at, operator_id, operator_name, role, kind, request, outcome, answer, answered_at, ack_key, ack_at, reached)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.show, e.at, e.operatorId, e.operatorName, e.role, e.kind, JSON.stringify(e.request ?? null), e.outcome, e.answer === null ? null : JSON.stringify(e.answer), e.answeredAt, e.ackKey, e.ackAt, e.reached);
    return Number(r.lastInsertRowid);
  }

  update(e: JournalEntry): void {
    this.db
      .prepare('UPDATE entries SET outcome = ?, answer = ?, answered_at = ?, ack_at = ?, reached = ? WHERE id = ?')
      .run(e.outcome, e.answer === null ? null : JSON.stringify(e.answer), e.answeredAt, e.ackAt, e.reached, e.id);
  }

  list(show: string, f: { operatorId?: string | undefined; kind?: string | undefined; limit: number }): JournalEntry[] {
    const where = ['show = ?'];
    const args: unknown[] = [show];
    if (f.operatorId) {
      where.push('operator_id = ?');
      args.push(f.operatorId);
    }
    if (f.kind) {
      where.push('kind = ?');
      args.push(f.kind);
    }
    const rows = this.db.prepare(`SELECT * FROM entries WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`).all(...args, f.limit) as Row[];
    return rows.reverse().map(fromRow);
  }

  unacknowledged(show: string): JournalEntry[] {
    const rows = this.db
      .prepare("SELECT * FROM entries WHERE show = ? AND ack_key IS NOT NULL AND ack_at IS NULL AND outcome != 'failed' ORDER BY id DESC LIMIT 200")
      .all(show) as Row[];
    return rows.reverse().map(fromRow);
  }

  close(): void {
    this.db.close();
  }
}

class MemoryStore implements JournalStore {
  readonly persisted = false;
  private readonly rows: JournalEntry[] = [];
  insert(e: Omit<JournalEntry, 'id'>): number {
    const id = this.rows.length + 1;
    this.rows.push({ ...e, id });
    return id;
  }
  update(e: JournalEntry): void {
    this.rows[e.id - 1] = e;
  }
  list(show: string, f: { operatorId?: string | undefined; kind?: string | undefined; limit: number }): JournalEntry[] {
    return this.rows.filter((e) => e.show === show && (!f.operatorId || e.operatorId === f.operatorId) && (!f.kind || e.kind === f.kind)).slice(-f.limit);
  }
  unacknowledged(show: string): JournalEntry[] {
    return this.rows.filter((e) => e.show === show && e.ackKey !== null && e.ackAt === null && e.outcome !== 'failed').slice(-200);
  }
  close(): void {}
}

/**
 * SQLite when better-sqlite3 loads in this runtime (Node: web mode, CLI, tests; the packaged app,
 * whose add-on electron-builder rebuilds). Electron run from a checkout has an add-on built for
 * Node's ABI: the journal then lives in memory and says so (`persisted: false`, logged).
 */
function openStore(file: string, log: Logger): JournalStore {
  try {
    const Database = createRequire(import.meta.url)('better-sqlite3') as new (f: string) => Db;
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    return new SqliteStore(new Database(file));
  } catch (e) {
    log.warn({ err: e }, 'action journal: SQLite unavailable in this runtime; the journal is kept in memory until the app quits');
    return new MemoryStore();
  }
}

export interface JournalDeps {
  /** The SQLite file (<data dir>/journal.sqlite), or ':memory:'. */
  file: string;
  clock: Clock;
  log: Logger;
  /** The show actions belong to (the room in settings); '' when none is chosen. */
  show: () => string;
}

export class Journal {
  private readonly store: JournalStore;
  private readonly listeners = new Set<(e: JournalEntry) => void>();

  constructor(private readonly d: JournalDeps) {
    this.store = openStore(d.file, d.log);
  }

  get persisted(): boolean {
    return this.store.persisted;
  }

  /** Called with every new or changed entry (the hub pushes it to every console). */
  onEntry(listener: (e: JournalEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  record(r: RecordRequest): JournalEntry {
    const base: Omit<JournalEntry, 'id'> = {
      show: this.d.show(),
      at: this.d.clock.now(),
      operatorId: r.operator.id,
      operatorName: r.operator.name,
      role: r.operator.role,
      kind: r.kind,
      request: r.request ?? null,
      outcome: 'pending',
      answer: null,
      answeredAt: null,
      ackKey: r.ackKey ?? null,
      ackAt: null,
      reached: null,
    };
    const entry = { ...base, id: this.store.insert(base) };
    this.emit(entry);
    return entry;
  }

  answer(entry: JournalEntry, a: Answer): JournalEntry {
    const next: JournalEntry = {
      ...entry,
      outcome: a.ok ? 'ok' : 'failed',
      answer: a.ok ? (a.response ?? null) : toErrorData(a.error),
      answeredAt: this.d.clock.now(),
      reached: a.ok && a.reached !== undefined ? a.reached : entry.reached,
    };
    this.store.update(next);
    this.emit(next);
    return next;
  }

  /**
   * The room's IM session saw `ackKey`: the oldest entry waiting for it is delivered. The tip can
   * arrive before the REST answer does, so pending entries count too.
   */
  acknowledge(ackKey: string, o: { reached?: number | undefined; show?: string } = {}): JournalEntry | undefined {
    const show = o.show ?? this.d.show();
    const waiting = this.store.unacknowledged(show).find((e) => e.ackKey === ackKey);
    if (!waiting) return undefined;
    const next: JournalEntry = { ...waiting, ackAt: this.d.clock.now(), reached: o.reached ?? waiting.reached };
    this.store.update(next);
    this.emit(next);
    return next;
  }

  /** Records, runs and answers one action; a failure is journaled and rethrown unchanged. */
  async run<T>(r: RecordRequest, call: (entry: JournalEntry) => Promise<T>, response: (v: T) => unknown = (v) => v, reachedOf?: (v: T) => number | undefined): Promise<T> {
    const entry = this.record(r);
    try {
      const value = await call(entry);
      this.answer(entry, { ok: true, response: response(value), reached: reachedOf?.(value) });
      return value;
    } catch (e) {
      this.answer(entry, { ok: false, error: e });
      throw e;
    }
  }

  list(filter: JournalFilter = {}): JournalEntry[] {
    const f = journalFilterSchema.parse(filter);
    return this.store.list(f.show ?? this.d.show(), { operatorId: f.operatorId, kind: f.kind, limit: f.limit });
  }

  /** The whole show as CSV (one row per entry, JSON cells for request and answer) or JSON. */
  export(format: 'csv' | 'json', show = this.d.show()): { filename: string; mime: string; text: string } {
    const entries = this.store.list(show, { limit: 1_000_000 });
    const base = `journal-${show.replace(/[^A-Za-z0-9_.-]/g, '_') || 'no-room'}`;
    if (format === 'json') return { filename: `${base}.json`, mime: 'application/json', text: JSON.stringify({ show, entries }, null, 2) };
    return { filename: `${base}.csv`, mime: 'text/csv', text: toCsv(entries) };
  }

  close(): void {
    this.store.close();
  }

  private emit(e: JournalEntry): void {
    for (const l of this.listeners) l(e);
  }
}

const CSV_COLUMNS = ['id', 'show', 'time', 'operator', 'operatorId', 'role', 'kind', 'request', 'outcome', 'answer', 'answeredMs', 'deliveredMs', 'reached'] as const;

const iso = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());

/** RFC 4180: quote every cell that needs it; a leading = + - @ is prefixed so spreadsheets do not run it. */
function cell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
  if (/^[=+\-@]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(entries: readonly JournalEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push(
      [
        e.id,
        e.show,
        iso(e.at),
        e.operatorName,
        e.operatorId,
        e.role,
        e.kind,
        e.request,
        e.outcome,
        e.answer,
        e.answeredAt === null ? null : e.answeredAt - e.at,
        e.ackAt === null ? null : e.ackAt - e.at,
        e.reached,
      ]
        .map(cell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
