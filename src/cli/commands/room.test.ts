// `stageside room …` against an in-process studio: every subcommand's REST call, Tencent's JSON
// printed, exit 1 with ErrorCode/ErrorInfo on failure, exit 2 on bad flags.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../node/infra/logger';
import { startStudio, type Studio } from '../../studio/studio';
import { tempDir } from '../../../test/support/tempDir';
import type { CliIo } from '../io';
import { main } from '../main';

function fakeIo(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), env, now: () => Date.now(), readStdin: async () => '' };
  return { io, out, err };
}

describe('stageside room', () => {
  let studio: Studio;
  let tmp: ReturnType<typeof tempDir>;
  let base: string[];
  let env: Record<string, string>;

  beforeAll(async () => {
    tmp = tempDir();
    studio = await startStudio({ dataDir: tmp.dir, port: 0, log: silentLogger(), ingest: false, callbacks: false });
    base = ['--im-base-url', studio.info.restBaseUrl, '--sdkappid', String(studio.info.sdkAppId)];
    env = { STAGESIDE_IM_SECRET_KEY: studio.info.secretKey };
  });
  afterAll(async () => {
    await studio?.close();
    tmp?.cleanup();
  });

  const run = async (...argv: string[]) => {
    const f = fakeIo(env);
    const code = await main(['room', ...argv, ...base], f.io);
    return { code, out: f.out.join('\n'), err: f.err.join('\n') };
  };

  it('creates a room, launches a product, sets status, announces, launches gifts and reads it back', async () => {
    expect((await run('create', '--group', 'sale_1', '--name', 'Spring Sale')).out).toContain('"GroupId":"sale_1"');
    expect((await run('launch', '--group', 'sale_1', '--id', 'A1', '--title', 'Dress', '--price', '19900')).code).toBe(0);
    expect((await run('status', '--group', 'sale_1', '--status', 'live')).code).toBe(0);
    expect((await run('announce', '--group', 'sale_1', '--text', 'Coupons at 8pm')).code).toBe(0);
    expect((await run('gift-launch', '--group', 'sale_1', '--gifts', '[{"id":"star","name":"Star","value":10,"icon":"*"}]')).code).toBe(0);
    const info = await run('info', '--group', 'sale_1');
    expect(info.code).toBe(0);
    const g = JSON.parse(info.out).GroupInfo[0];
    expect(g.Notification).toBe('Coupons at 8pm');
    expect(g.AppDefinedData).toEqual(
      expect.arrayContaining([
        { Key: 'room_status', Value: 'live' },
        { Key: 'add_goods', Value: JSON.stringify({ id: 'A1', title: 'Dress', price: 19900, currency: 'CNY' }) },
        { Key: 'gift_catalog', Value: '[{"id":"star","name":"Star","value":10,"icon":"*"}]' },
      ]),
    );
    expect((await run('unpin', '--group', 'sale_1')).code).toBe(0);
    expect((await run('notify', '--group', 'sale_1', '--content', '{"type":"SYSTEM_NORMAL_MESSAGE","msg":"hi"}')).code).toBe(0);
    expect((await run('mute', '--group', 'sale_1', '--user', 'administrator', '--minutes', '5')).code).toBe(0);
    expect((await run('destroy', '--group', 'sale_1')).code).toBe(0);
    const gone = await run('info', '--group', 'sale_1');
    expect(gone.code).toBe(1);
    expect(gone.err).toMatch(/ErrorCode 10010/);
  });

  it('create --owner imports the owner first; info on a missing group exits 1 with the entry’s code', async () => {
    const created = await run('create', '--group', 'sale_owned', '--name', 'Owned', '--owner', 'anchor_9');
    expect(created.code).toBe(0);
    const info = await run('info', '--group', 'sale_owned');
    expect(JSON.parse(info.out).GroupInfo[0].Owner_Account).toBe('anchor_9');
    const missing = await run('info', '--group', 'no_such_room');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/ErrorCode 10010/);
    expect(JSON.parse(missing.out).GroupInfo[0]).toMatchObject({ GroupId: 'no_such_room', ErrorCode: 10010 });
  });

  it('exits 1 with Tencent’s ErrorCode on failure', async () => {
    const r = await run('status', '--group', 'no_such_room', '--status', 'paused');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ErrorCode 10010/);
    expect(JSON.parse(r.out)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10010 });
  });

  it.each([
    [['frobnicate', '--group', 'g'], /subcommand/],
    [['status', '--group', 'g', '--status', 'online'], /--status must be one of/],
    [['launch', '--group', 'g', '--id', 'A1', '--title', '裙'.repeat(200), '--price', '1'], /product/],
    [['announce'], /--group/],
  ])('exits 2 on bad flags %j', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('needs a key or a UserSig', async () => {
    const f = fakeIo({});
    expect(await main(['room', 'info', '--group', 'g', ...base], f.io)).toBe(2);
    expect(f.err.join('\n')).toMatch(/STAGESIDE_IM_SECRET_KEY/);
  });
});
