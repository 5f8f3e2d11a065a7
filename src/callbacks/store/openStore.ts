// Picks the LevelStore from a --db URL: postgres:// → PostgreSQL, else SQLite in the data dir.
import path from 'node:path';
import { type LevelStore } from './levelStore';
import { PgLevelStore } from './pgStore';
import { SqliteLevelStore } from './sqliteStore';

export async function openLevelStore(o: { dbUrl?: string; dataDir: string }): Promise<LevelStore> {
  const url = o.dbUrl?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) return PgLevelStore.open({ url });
  if (url && url.startsWith('sqlite:')) return new SqliteLevelStore(path.resolve(url.slice('sqlite:'.length)));
  if (url) throw new Error(`--db must be postgres://… or sqlite:<file>, got "${url}"`);
  return new SqliteLevelStore(path.join(o.dataDir, 'callbacks.sqlite'));
}
