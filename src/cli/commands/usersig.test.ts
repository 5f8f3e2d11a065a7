import { Api } from 'tls-sig-api-v2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import { decodeUserSig } from '../../shared/domain/userSig';
import { type CliIo } from '../io';
import { main } from '../main';
import { usersigCommand } from './usersig';

// A vector issued by the official Node library (tls-sig-api-v2@1.0.2) at 1700000000 for 180 days.
const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
const SIG =
  'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStDEwMogMiUZOamKlkZmqOKplYUZBaBxE1NTY3gosWZ6UpWSj5ljuYp*p7l5unBxXnF2WVhVU4uAf7Ozi5JpX7O5SbuHuUhzgZJmQXaTia2SrUAohcx8g__';
const ISSUED_MS = 1_700_000_000_000;

function fakeIo(opts: { env?: Record<string, string>; stdin?: string; now?: number } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    env: opts.env ?? {},
    now: () => opts.now ?? ISSUED_MS + 1000,
    readStdin: async () => opts.stdin ?? '',
  };
  return { io, out, err };
}

const who = ['--sdkappid', '1400000000', '--user', 'xiaojun'];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('stageside usersig (generate)', () => {
  it('prints exactly what the official library issues at the same instant, default 180 days', async () => {
    const { io, out, err } = fakeIo({ now: ISSUED_MS });
    expect(await main(['usersig', ...who, '--key', KEY], io)).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual([SIG]);
  });

  it('honours --expire and reads the key from $STAGESIDE_IM_SECRET_KEY', async () => {
    const { io, out } = fakeIo({ env: { STAGESIDE_IM_SECRET_KEY: 'env-key' }, now: 1_800_000_000_900 });
    expect(await main(['usersig', '--sdkappid', '1400000001', '--user', 'host', '--expire', '600'], io)).toBe(0);
    vi.spyOn(Date, 'now').mockReturnValue(1_800_000_000_900);
    expect(out[0]).toBe(new Api(1400000001, 'env-key').genUserSig('host', 600));
    expect(decodeUserSig(nodeCrypto, out[0] ?? '')['TLS.expire']).toBe(600);
  });

  it('reads the key from stdin with --key -', async () => {
    const { io, out } = fakeIo({ stdin: `${KEY}\n`, now: ISSUED_MS });
    expect(await usersigCommand.run([...who, '--key', '-'], io)).toBe(0);
    expect(out).toEqual([SIG]);
  });

  it.each([
    ['no --sdkappid', ['--user', 'u', '--key', 'k'], /--sdkappid/],
    ['a zero sdkappid', ['--sdkappid', '0', '--user', 'u', '--key', 'k'], /--sdkappid must be a positive integer/],
    ['a non-numeric sdkappid', ['--sdkappid', '14e8', '--user', 'u', '--key', 'k'], /--sdkappid/],
    ['an sdkappid over uint32', ['--sdkappid', '4294967296', '--user', 'u', '--key', 'k'], /4294967295/],
    ['no --user', ['--sdkappid', '1400000000', '--key', 'k'], /--user/],
    ['a 33-byte user', ['--sdkappid', '1400000000', '--user', 'u'.repeat(33), '--key', 'k'], /32 bytes/],
    ['no key anywhere', who, /STAGESIDE_IM_SECRET_KEY/],
    ['a bad --expire', [...who, '--key', 'k', '--expire', '1.5'], /--expire/],
    ['--expire with --verify', [...who, '--key', 'k', '--verify', SIG, '--expire', '60'], /--expire/],
    ['sig and key both from stdin', [...who, '--key', '-', '--verify', '-'], /stdin/],
    ['a positional argument', [...who, '--key', 'k', 'extra'], /extra|positional/i],
  ])('exits 2 with usage for %s', async (_name, argv, message) => {
    const { io, out, err } = fakeIo();
    expect(await main(['usersig', ...argv], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(message);
    expect(err.join('\n')).toContain('Usage: stageside usersig');
  });

  it('lists every flag and the output convention in --help', async () => {
    const { io, out } = fakeIo();
    expect(await main(['usersig', '--help'], io)).toBe(0);
    const text = out.join('\n');
    for (const s of ['--sdkappid', '--user', '--key', '--expire', '--verify', 'STAGESIDE_IM_SECRET_KEY', 'stderr', '70001']) {
      expect(text).toContain(s);
    }
  });
});

describe('stageside usersig --verify', () => {
  it('prints "valid" first, then the expiry, and exits 0', async () => {
    const { io, out, err } = fakeIo({ now: 1_700_000_001_000 });
    expect(await main(['usersig', '--verify', SIG, ...who, '--key', KEY], io)).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual(['valid', 'expires 2024-05-12T22:13:20.000Z (1715552000)']);
  });

  it('reads the sig from stdin and the key from the environment', async () => {
    const { io, out } = fakeIo({ stdin: `${SIG}\n`, env: { STAGESIDE_IM_SECRET_KEY: KEY } });
    expect(await main(['usersig', '--verify', '-', ...who], io)).toBe(0);
    expect(out[0]).toBe('valid');
  });

  it('accepts a sig we just generated', async () => {
    const gen = fakeIo({ now: 1_750_000_000_000 });
    await main(['usersig', ...who, '--key', 'k2', '--expire', '60'], gen.io);
    const check = fakeIo({ now: 1_750_000_060_000 });
    expect(await main(['usersig', '--verify', gen.out[0] ?? '', ...who, '--key', 'k2'], check.io)).toBe(0);
  });

  it.each([
    ['expired', { now: 1_715_552_001_000 }, [...who, '--key', KEY], SIG, '70001 UserSig expired'],
    ['empty', {}, [...who, '--key', KEY], '', '70002 UserSig is empty'],
    ['garbage', {}, [...who, '--key', KEY], 'hello', '70003 UserSig invalid: not base64url-encoded zlib data'],
    ['wrong key', {}, [...who, '--key', 'not-the-key'], SIG, '70009 UserSig signature mismatch (wrong SecretKey)'],
    ['wrong user', {}, ['--sdkappid', '1400000000', '--user', 'xiaoming', '--key', KEY], SIG, '70013 Identifier mismatch'],
    ['wrong sdkappid', {}, ['--sdkappid', '1400000001', '--user', 'xiaojun', '--key', KEY], SIG, '70014 SDKAppID mismatch'],
  ])('exits 1 printing "<code> <reason>" on stderr when %s', async (_name, opts, argv, sig, line) => {
    const { io, out, err } = fakeIo(opts);
    expect(await main(['usersig', '--verify', sig, ...argv], io)).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]?.startsWith(line)).toBe(true);
  });
});
