// Go Live over the contract, as the console does it: node services run the studio child (with its
// ingest), `broadcast:start` with the `studio` target is signed in main, snapshots arrive as
// `broadcast:state` events, and the room goes on air at the ingest. Needs Debian's ffmpeg.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../src/node/fileSecretStore';
import { silentLogger } from '../../src/node/logger';
import { createNodeServices, type NodeServices } from '../../src/node/services';
import type { CommandName, CommandRequest, CommandResult } from '../../src/shared/contract';
import type { StreamSnapshot } from '../../src/shared/domain/broadcast';
import type { Result } from '../../src/shared/errors';
import { tempDir } from '../support/tempDir';

const hasFfmpeg = fs.existsSync('/usr/bin/ffmpeg');
if (!hasFfmpeg) console.warn('SKIPPED broadcast contract test: no /usr/bin/ffmpeg (apt-get install ffmpeg)');
const repo = path.resolve(__dirname, '../..');

describe.skipIf(!hasFfmpeg)('broadcast commands against the embedded studio', () => {
  let services: NodeServices;
  let tmp: ReturnType<typeof tempDir>;
  const states: StreamSnapshot[] = [];
  const call = <K extends CommandName>(name: K, arg: CommandRequest<K>) =>
    services.dispatcher(name, arg, { transport: 'web' }) as Promise<Result<CommandResult<K>>>;

  beforeAll(async () => {
    tmp = tempDir();
    services = await createNodeServices({
      dataDir: tmp.dir,
      transport: 'web',
      secrets: new FileSecretStore(tmp.dir),
      openFolder: async () => false,
      log: silentLogger(),
      studioCommand: [process.execPath, path.join(repo, 'bin/stageside.js'), 'studio', '--port', '0', '--data-dir', path.join(tmp.dir, 'studio')],
    });
    services.events.add({ emit: (name, payload) => name === 'broadcast:state' && states.push(payload as StreamSnapshot) });
    const deadline = Date.now() + 30_000;
    while (services.studio?.get().state !== 'running') {
      if (Date.now() > deadline) throw new Error('studio did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 40_000);

  afterAll(async () => {
    await services?.dispose();
    tmp?.cleanup();
  });

  it('refuses a bad spec with BAD_SPEC naming the field', async () => {
    const r = await call('broadcast:start', { spec: { layout: 'pip', target: { kind: 'studio' } } });
    expect(!r.ok && r.error).toMatchObject({ code: 'BAD_SPEC', message: expect.stringMatching(/camera/) });
  });

  it('goes live on the studio ingest with the test pattern, records, and stops cleanly', async () => {
    const r = await call('broadcast:start', {
      spec: { layout: 'test', video: { preset: '720p30' }, target: { kind: 'studio' }, record: { name: 'rehearsal' } },
    });
    expect(r.ok).toBe(true);
    await expect.poll(() => states.at(-1)?.state.kind, { timeout: 20_000 }).toBe('live');
    const live = states.at(-1)!;
    expect(live.target).toMatch(/^rtmp:\/\/127\.0\.0\.1:\d+\/live\/demo\?txSecret=\*+&txTime=[0-9A-F]+$/);
    const studioUrl = services.studio!.get().info!.restBaseUrl;
    await expect.poll(async () => ((await (await fetch(`${studioUrl}/healthz`)).json()) as { onAir: string[] }).onAir, { timeout: 10_000 }).toContain('demo');
    await expect.poll(() => states.some((s) => s.state.kind === 'live' && s.state.stats !== null), { timeout: 10_000 }).toBe(true);
    const stopped = await call('broadcast:stop', {});
    expect(stopped.ok).toBe(true);
    await expect.poll(() => states.at(-1)?.state.kind, { timeout: 15_000 }).toBe('ended');
    const files = states.at(-1)!.recording?.files ?? [];
    expect(files.length).toBeGreaterThanOrEqual(1);
    expect(fs.statSync(files[0]!).size).toBeGreaterThan(10_000);
    expect(states.some((s) => s.state.kind === 'failed')).toBe(false);
  }, 60_000);
});
