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
    const done = runCallbacks(['--sdkappid', '1400000001', '--port', '0', '--data-dir', dir], cli, until);
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
});
