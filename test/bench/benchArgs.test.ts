// The benchmarks' one command-line parser: defaults, smoke sizes, a given flag winning over both,
// ranges, --help, unknown flags and a combination the benchmark refuses.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseBenchArgs } from '../../bench/support/benchArgs';

const USAGE = 'Usage: npm run bench:x -- [--viewers N] [--name S] [--smoke]';
const parse = (argv: string[]) =>
  parseBenchArgs(argv, ['viewers', 'name'], USAGE, (f) => {
    const viewers = f.int('viewers', 10_000, 50, 2, 20_000);
    if (f.given('name') === 'refused') throw new RangeError('--name refused');
    return { viewers, name: f.given('name') };
  });

describe('parseBenchArgs', () => {
  const out = { log: [] as string[], error: [] as string[] };
  afterEach(() => {
    vi.restoreAllMocks();
    out.log = [];
    out.error = [];
  });
  const capture = () => {
    vi.spyOn(console, 'log').mockImplementation((m: string) => void out.log.push(m));
    vi.spyOn(console, 'error').mockImplementation((m: string) => void out.error.push(m));
  };

  it('gives the full default, the smoke size in a smoke run, and a given flag over both', () => {
    expect(parse([])).toEqual({ ok: true, value: { viewers: 10_000, name: undefined, smoke: false } });
    expect(parse(['--smoke'])).toEqual({ ok: true, value: { viewers: 50, name: undefined, smoke: true } });
    expect(parse(['--smoke', '--viewers', '300', '--name', 'a'])).toEqual({ ok: true, value: { viewers: 300, name: 'a', smoke: true } });
  });

  it('refuses a number out of range, a fraction, an unknown flag and a refused combination with exit 2 and the usage', () => {
    capture();
    for (const argv of [['--viewers', '1'], ['--viewers', '2.5'], ['--bogus'], ['--name', 'refused']]) expect(parse(argv)).toEqual({ ok: false, exit: 2 });
    expect(out.error[0]).toBe(`--viewers must be a whole number 2-20000, got "1"\n\n${USAGE}`);
    expect(out.error[2]).toMatch(/^Unknown option '--bogus'/);
    expect(out.error[3]).toBe(`--name refused\n\n${USAGE}`);
  });

  it('prints the usage for --help and exits 0', () => {
    capture();
    expect(parse(['--help'])).toEqual({ ok: false, exit: 0 });
    expect(out.log).toEqual([USAGE]);
  });
});
