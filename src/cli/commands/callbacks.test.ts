import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/tempDir';
import { patiently } from '../../../test/support/waitFor';
import { type CliIo } from '../io';
import { callbacksOptions, runCallbacks } from './callbacks';

const dirs: Array<ReturnType<typeof tempDir>> = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.cleanup();
});

function io(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const d = tempDir();
  dirs.push(d);
  const cli: CliIo = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), env: { STAGESIDE_HOME: d.dir, ...env }, readStdin: async () => '', now: () => 0 };
  return { cli, out, err, dir: d.dir };
}

describe('stageside callbacks', () => {
  it.each([
    [[], /--sdkappid/],
    [['--sdkappid', 'x'], /--sdkappid/],
    [['--sdkappid', '1', '--port', '70000'], /--port/],
    [['--sdkappid', '1', '--fail-mode', 'maybe'], /--fail-mode/],
    [['--sdkappid', '1', '--db', 'mysql://x'], /--db/],
    [['--sdkappid', '1', '--im-base-url', 'https://console.tim.qq.com'], /STAGESIDE_IM_SECRET_KEY/],
    [['--sdkappid', '1', '--admin-token-env', 'T'], /\$T/],
    [['--sdkappid', '1', '--bogus'], /bogus/],
    // No callback auth token and no explicit opt-out: refused, naming both ways.
    [['--sdkappid', '1'], /--token T.*--insecure-no-token/],
  ])('refuses %j', (argv, message) => {
    expect(() => callbacksOptions(argv, io().cli)).toThrow(message);
  });

  it('builds options from flags and the environment', () => {
    const { cli } = io({ KEY: 'secret', STAGESIDE_CALLBACK_TOKEN: 'tok', ADMIN_TOKEN: 'a'.repeat(20) });
    const o = callbacksOptions(
      ['--sdkappid', '1400000001', '--im-base-url', 'https://console.tim.qq.com', '--secret-key-env', 'KEY', '--fail-mode', 'closed', '--admin-token-env', 'ADMIN_TOKEN', '--port', '0'],
      cli,
    );
    expect(o).toMatchObject({
      port: 0,
      sdkAppId: 1400000001,
      adminIdentifier: 'administrator',
      failMode: 'closed',
      token: 'tok',
      adminToken: 'a'.repeat(20),
      imRest: { baseUrl: 'https://console.tim.qq.com', secretKey: 'secret', sdkAppId: 1400000001 },
    });
  });

  it('starts, prints its endpoints and stops', async () => {
    const { cli, out, dir } = io();
    let stop: () => void = () => undefined;
    const until = new Promise<void>((r) => (stop = r));
    const done = runCallbacks(['--sdkappid', '1400000001', '--port', '0', '--data-dir', dir, '--insecure-no-token'], cli, until);
    await expect.poll(() => out.length, patiently).toBe(1);
    const info = JSON.parse(out[0] as string) as { url: string; callbackUrl: string; store: string };
    expect(info.store).toBe('sqlite');
    const r = await fetch(`${info.callbackUrl}?SdkAppid=1400000001&CallbackCommand=Group.CallbackBeforeSendMsg&contenttype=json`, {
      method: 'POST',
      body: JSON.stringify({ GroupId: 'g', From_Account: 'a', MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }] }),
    });
    expect(await r.json()).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    stop();
    expect(await done).toBe(0);
  });

  it('runs without a token only when told to, and says so at start and on /healthz', async () => {
    const { cli, out, err, dir } = io();
    let stop: () => void = () => undefined;
    const done = runCallbacks(['--sdkappid', '1400000001', '--port', '0', '--data-dir', dir, '--insecure-no-token'], cli, new Promise<void>((r) => (stop = r)));
    await expect.poll(() => out.length, patiently).toBe(1);
    expect(err.join('\n')).toMatch(/WARNING: running without a callback auth token/);
    const info = JSON.parse(out[0] as string) as { url: string };
    expect(await (await fetch(`${info.url}/healthz`)).json()).toMatchObject({ insecure: true, warning: expect.stringContaining('forge') });
    stop();
    expect(await done).toBe(0);
  });

  it('with a token: forged callbacks are refused and counted by kind on /healthz', async () => {
    const { cli, out, dir } = io({ STAGESIDE_CALLBACK_TOKEN: 'tok123' });
    let stop: () => void = () => undefined;
    const done = runCallbacks(['--sdkappid', '1400000001', '--port', '0', '--data-dir', dir], cli, new Promise<void>((r) => (stop = r)));
    await expect.poll(() => out.length, patiently).toBe(1);
    const info = JSON.parse(out[0] as string) as { url: string; callbackUrl: string };
    const body = JSON.stringify({ GroupId: 'g', From_Account: 'a', MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }] });
    const post = (q: string) => fetch(`${info.callbackUrl}?CallbackCommand=Group.CallbackBeforeSendMsg&contenttype=json&${q}`, { method: 'POST', body });
    const now = Math.floor(Date.now() / 1000);
    await post(`SdkAppid=1400000001&RequestTime=${now}&Sign=${'0'.repeat(64)}`);
    await post(`SdkAppid=1400000001`);
    await post(`SdkAppid=999&RequestTime=${now}&Sign=x`);
    const health = (await (await fetch(`${info.url}/healthz`)).json()) as { insecure: boolean; refused: { total: number; byKind: Record<string, number>; last: { kind: string } } };
    expect(health.insecure).toBe(false);
    expect(health.refused).toMatchObject({ total: 3, byKind: { signMismatch: 1, signMissing: 1, sdkAppId: 1 }, last: { kind: 'sdkAppId' } });
    stop();
    expect(await done).toBe(0);
  });
});
