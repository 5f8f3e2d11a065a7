import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/tempDir';
import { DEFAULT_LEVEL_RULES, levelFor } from '../../shared/domain/levels/levelRules';
import { SqliteLevelStore } from './sqliteStore';
import { levelStoreSuite } from './storeSuite.testkit';

const d = tempDir();
afterAll(() => d.cleanup());
let n = 0;

describe('SqliteLevelStore', () => {
  levelStoreSuite(async () => new SqliteLevelStore(path.join(d.dir, `s${n++}.sqlite`)));

  it('keeps counts across two connections to one file and across reopening', async () => {
    const file = path.join(d.dir, 'shared.sqlite');
    const a = new SqliteLevelStore(file);
    const b = new SqliteLevelStore(file);
    const levelOf = (p: number) => levelFor(DEFAULT_LEVEL_RULES, p);
    const e = { key: 'k', account: 'v', kind: 'text' as const, points: 2, capPerMinute: 0, verified: true, amount: 1, at: 0 };
    await a.apply(e, levelOf);
    expect((await b.apply(e, levelOf)).duplicate).toBe(true);
    await a.close();
    await b.close();
    const c = new SqliteLevelStore(file);
    expect((await c.user('v'))?.points).toBe(2);
    await c.close();
  });
});
