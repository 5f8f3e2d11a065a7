import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type CliIo } from '../io';
import { main } from '../main';
import { pushUrlCommand } from './pushUrl';

// The official vector from Tencent CSS hotlink protection (https://cloud.tencent.com/document/product/267/32735): KEY, stream "test", txTime 5C271099.
const KEY = 'e12c46f2612d5106e2034781ab261ca3';
const EXPIRES = '1546064025';
const VECTOR_URL = 'rtmp://livepush.tcloud.com/live/test?txSecret=f85a2ab363fe4deaffef9754d79da6fe&txTime=5C271099';
const NOW_MS = 1_546_000_000_000; // shortly before the vector's expiry

function fakeIo(opts: { env?: Record<string, string>; stdin?: string; now?: number } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  let stdinReads = 0;
  const io: CliIo = {
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    env: opts.env ?? {},
    now: () => opts.now ?? NOW_MS,
    readStdin: async () => {
      stdinReads++;
      return opts.stdin ?? '';
    },
  };
  return { io, out, err, stdinReads: () => stdinReads };
}

const base = ['push-url', '--domain', 'livepush.tcloud.com', '--stream', 'test', '--expires', EXPIRES];

describe('stageside push-url', () => {
  it('prints the official vector URL on the first line, then labelled OBS fields', async () => {
    const { io, out, err } = fakeIo();
    expect(await main([...base, '--key', KEY], io)).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toBe(VECTOR_URL);
    expect(out).toContain('OBS server:     rtmp://livepush.tcloud.com/live/');
    expect(out).toContain('OBS stream key: test?txSecret=f85a2ab363fe4deaffef9754d79da6fe&txTime=5C271099');
    expect(out.join('\n')).toContain('webrtc://livepush.tcloud.com/live/test?txSecret=f85a2ab363fe4deaffef9754d79da6fe&txTime=5C271099');
    expect(out.join('\n')).not.toContain('Play');
  });

  it('reads the key from $STAGESIDE_LVB_PUSH_KEY', async () => {
    const { io, out } = fakeIo({ env: { STAGESIDE_LVB_PUSH_KEY: KEY } });
    expect(await main(base, io)).toBe(0);
    expect(out[0]).toBe(VECTOR_URL);
  });

  it('reads the key from stdin with --key -, trimming the newline', async () => {
    const { io, out, stdinReads } = fakeIo({ stdin: `${KEY}\n`, env: { STAGESIDE_LVB_PUSH_KEY: 'ignored' } });
    expect(await pushUrlCommand.run([...base.slice(1), '--key', '-'], io)).toBe(0);
    expect(out[0]).toBe(VECTOR_URL);
    expect(stdinReads()).toBe(1);
  });

  it('defaults --app to live and --expires to +24h from the injected clock', async () => {
    const now = 1_700_000_000_000;
    const { io, out } = fakeIo({ now });
    expect(await main(['push-url', '--domain', 'p.example.com', '--stream', 's1', '--key', 'k', '--json'], io)).toBe(0);
    const json = JSON.parse(out[0] ?? '') as { expiresAt: number; push: { rtmp: string; txTime: string } };
    expect(json.expiresAt).toBe(1_700_000_000 + 86400);
    expect(json.push.txTime).toBe((1_700_000_000 + 86400).toString(16).toUpperCase());
    expect(json.push.rtmp).toMatch(/^rtmp:\/\/p\.example\.com\/live\/s1\?txSecret=[0-9a-f]{32}&txTime=/);
  });

  it('--json prints one object with push and signed play URLs', async () => {
    const { io, out } = fakeIo({ env: { STAGESIDE_LVB_PLAY_KEY: KEY } });
    const code = await main([...base, '--key', KEY, '--app', 'live', '--play-domain', 'play.example.com', '--json'], io);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const q = '?txSecret=f85a2ab363fe4deaffef9754d79da6fe&txTime=5C271099';
    expect(JSON.parse(out[0] ?? '')).toEqual({
      push: {
        rtmp: VECTOR_URL,
        webrtc: `webrtc://livepush.tcloud.com/live/test${q}`,
        obsServer: 'rtmp://livepush.tcloud.com/live/',
        obsStreamKey: `test${q}`,
        txTime: '5C271099',
        txSecret: 'f85a2ab363fe4deaffef9754d79da6fe',
        expiresAt: 1546064025,
      },
      play: {
        rtmp: `rtmp://play.example.com/live/test${q}`,
        flv: `https://play.example.com/live/test.flv${q}`,
        hls: `https://play.example.com/live/test.m3u8${q}`,
        webrtc: `webrtc://play.example.com/live/test${q}`,
        signed: true,
      },
      expiresAt: 1546064025,
    });
  });

  it('prints unsigned play URLs when no play key is given, and signs with --play-key', async () => {
    const unsigned = fakeIo();
    expect(await main([...base, '--key', KEY, '--play-domain', 'play.example.com'], unsigned.io)).toBe(0);
    expect(unsigned.out).toContain('Play FLV:       https://play.example.com/live/test.flv');
    expect(unsigned.out.join('\n')).toMatch(/unsigned/);

    const signed = fakeIo();
    expect(await main([...base, '--key', 'push', '--play-domain', 'play.example.com', '--play-key', KEY], signed.io)).toBe(0);
    expect(signed.out).toContain(
      'Play HLS:       https://play.example.com/live/test.m3u8?txSecret=f85a2ab363fe4deaffef9754d79da6fe&txTime=5C271099',
    );
    expect(signed.out[0]).not.toBe(VECTOR_URL);
  });

  it.each([
    ['no --domain', ['push-url', '--stream', 'test', '--key', KEY], /Missing required flag --domain/],
    ['no --stream', ['push-url', '--domain', 'd.example.com', '--key', KEY], /Missing required flag --stream/],
    ['no key anywhere', base, /--key.*STAGESIDE_LVB_PUSH_KEY/],
    ['an unknown flag', [...base, '--key', KEY, '--bogus'], /bogus/],
    ['a stream with extension', ['push-url', '--domain', 'd.example.com', '--stream', 'test.flv', '--key', KEY], /bare/],
    ['a domain with scheme', ['push-url', '--domain', 'rtmp://d.example.com', '--stream', 't', '--key', KEY], /scheme/],
    ['an unreadable expiry', ['push-url', '--domain', 'd.example.com', '--stream', 't', '--key', KEY, '--expires', 'soon'], /Cannot read expiry/],
    ['--play-key without --play-domain', [...base, '--key', KEY, '--play-key', 'x'], /needs --play-domain/],
    ['both keys from stdin', [...base, '--key', '-', '--play-domain', 'p.example.com', '--play-key', '-'], /stdin/],
  ])('exits 2 with usage for %s', async (_name, argv, message) => {
    const { io, out, err } = fakeIo();
    expect(await main(argv, io)).toBe(2);
    expect(out).toEqual([]);
    const text = err.join('\n');
    expect(text).toMatch(message);
    expect(text).toContain('Usage: stageside push-url');
  });

  it('prints the published LVB vector for its past expiry, with a warning on stderr', async () => {
    const { io, out, err } = fakeIo({ now: Date.UTC(2026, 10, 23) });
    const argv = ['push-url', '--domain', 'livepush.tcloud.com', '--stream', 'test', '--key', KEY, '--expires', '1546064025'];
    expect(await main(argv, io)).toBe(0);
    expect(out[0]).toBe('rtmp://livepush.tcloud.com/live/test?txSecret=f85a2ab363fe4deaffef9754d79da6fe&txTime=5C271099');
    expect(err.join('\n')).toMatch(/warning: expiry 2018-12-29T06:13:45.000Z is in the past/);
  });

  it('lists every flag in --help', async () => {
    const { io, out } = fakeIo();
    expect(await main(['push-url', '--help'], io)).toBe(0);
    for (const flag of ['--domain', '--app', '--stream', '--key', '--expires', '--play-domain', '--play-key', '--json', 'STAGESIDE_LVB_PUSH_KEY', 'STAGESIDE_LVB_PLAY_KEY']) {
      expect(out.join('\n')).toContain(flag);
    }
  });
});

describe('bin/stageside.js push-url (real process)', () => {
  it('prints the signed URL from the installed CLI', async () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['bin/stageside.js', 'push-url', '--domain', 'livepush.tcloud.com', '--stream', 'test', '--expires', '+1h', '--json'],
      { cwd: root, env: { ...process.env, STAGESIDE_LVB_PUSH_KEY: KEY }, timeout: 20_000 },
    );
    const json = JSON.parse(stdout) as { push: { rtmp: string; txTime: string; txSecret: string } };
    expect(json.push.rtmp).toBe(`rtmp://livepush.tcloud.com/live/test?txSecret=${json.push.txSecret}&txTime=${json.push.txTime}`);
    expect(json.push.txSecret).toBe(createHash('md5').update(KEY + 'test' + json.push.txTime).digest('hex'));
  });

  it('exits 2 on a usage error', async () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const run = promisify(execFile)(process.execPath, ['bin/stageside.js', 'push-url', '--stream', 'x'], {
      cwd: root,
      env: { ...process.env, STAGESIDE_LVB_PUSH_KEY: KEY },
      timeout: 20_000,
    });
    await expect(run).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Missing required flag --domain') });
  });
});
