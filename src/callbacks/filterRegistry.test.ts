import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir';
import { silentLogger } from '../node/infra/logger';
import { FilterRegistry } from './filterRegistry';
import { SqliteLevelStore } from './store/sqliteStore';

const d = tempDir();
afterAll(() => d.cleanup());
const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];

describe('FilterRegistry', () => {
  it("picks up another instance's edits on refresh and scopes room lists", async () => {
    const file = path.join(d.dir, 'shared.sqlite');
    const a = new SqliteLevelStore(file);
    const b = new SqliteLevelStore(file);
    const reg = new FilterRegistry(b, silentLogger());
    await reg.refresh(true);
    expect(reg.check('room1', text('bad')).verdict).toBe('pass');
    await a.putList({ id: 'app', roomId: null, action: 'mask', words: ['bad'], updatedAt: 1 });
    await a.putList({ id: 'r1', roomId: 'room1', action: 'reject', words: ['worse'], updatedAt: 1 });
    await reg.refresh();
    expect(reg.check('room1', text('bad worse')).verdict).toBe('reject');
    expect(reg.check('room2', text('bad worse')).verdict).toBe('mask');
    expect(reg.snapshot.version).toBe(await a.listsVersion());
    await a.close();
    await b.close();
  });
});
