import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/tempDir';
import { FileSecretStore } from '../infra/fileSecretStore';
import { silentLogger } from '../infra/logger';
import { createNodeServices, type NodeServices } from '../services';

describe('each mode remembers its own room', () => {
  let services: NodeServices | undefined;
  let tmp: ReturnType<typeof tempDir> | undefined;
  afterEach(async () => {
    await services?.dispose();
    tmp?.cleanup();
  });

  const start = async (dir?: string) => {
    tmp ??= tempDir();
    services = await createNodeServices({ dataDir: dir ?? tmp.dir, transport: 'web', secrets: new FileSecretStore(tmp.dir), openFolder: async () => false, log: silentLogger() });
    return services;
  };
  const save = async (s: NodeServices, patch: (x: ReturnType<NodeServices['settings']['get']>['settings']) => unknown) => {
    const r = await s.dispatcher('settings:save', patch(s.settings.get().settings) as never, { transport: 'web' });
    if (!r.ok) throw new Error(r.error.message);
    return s.settings.get().settings;
  };

  it('switching modes keeps the room of the mode left and restores the other’s, across restarts', async () => {
    const s = await start();
    expect((await save(s, (x) => ({ ...x, room: { ...x.room, groupId: 'rehearsal_1' } }))).room.groupId).toBe('rehearsal_1');
    const tencent = await save(s, (x) => ({ ...x, mode: 'tencent', im: { ...x.im, sdkAppId: 1400000001 } }));
    expect(tencent.room.groupId).toBe('');
    expect((await save(s, (x) => ({ ...x, room: { ...x.room, groupId: 'sale_0501' } }))).room.groupId).toBe('sale_0501');
    expect((await save(s, (x) => ({ ...x, mode: 'studio' }))).room.groupId).toBe('rehearsal_1');
    await s.dispose();
    const again = await start(tmp!.dir);
    expect((await save(again, (x) => ({ ...x, mode: 'tencent' }))).room.groupId).toBe('sale_0501');
  });

  it('a switch that also names a room keeps the room given', async () => {
    const s = await start();
    const r = await save(s, (x) => ({ ...x, mode: 'tencent', im: { ...x.im, sdkAppId: 1400000001 }, room: { ...x.room, groupId: 'explicit' } }));
    expect(r.room.groupId).toBe('explicit');
  });
});
