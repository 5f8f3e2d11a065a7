// A benchmark's command line, parsed one way for all: its own options (all strings), `--smoke` and
// `--help`. A flag given wins over the smoke size (smoke.ts: sized); numbers are whole and in range;
// a bad flag prints the message and the usage and the benchmark exits 2, `--help` prints the usage
// and it exits 0.
import { parseArgs } from 'node:util';
import { sized } from './smoke';

export interface BenchFlags<K extends string> {
  smoke: boolean;
  /** A string option as given, or undefined. */
  given(name: K): string | undefined;
  /** A whole number: as given, else `smokeValue` in a smoke run, else `full`; outside [lo, hi] is an error. */
  int(name: K, full: number, smokeValue: number, lo: number, hi: number): number;
}

export type Parsed<T> = { ok: true; value: T & { smoke: boolean } } | { ok: false; exit: number };

/**
 * Parses `argv` against the benchmark's option names, then lets `read` turn the flags into its
 * settings (throwing for a combination it refuses).
 */
export function parseBenchArgs<K extends string, T>(argv: string[], names: readonly K[], usage: string, read: (f: BenchFlags<K>) => T): Parsed<T> {
  try {
    const options = Object.fromEntries([...names.map((n) => [n, { type: 'string' as const }]), ['smoke', { type: 'boolean' as const, default: false }], ['help', { type: 'boolean' as const, default: false }]]);
    const values = parseArgs({ args: argv, strict: true, options }).values as Record<string, string | boolean | undefined>;
    if (values.help === true) {
      console.log(usage);
      return { ok: false, exit: 0 };
    }
    const smoke = values.smoke === true;
    const given = (name: K): string | undefined => values[name] as string | undefined;
    const int = (name: K, full: number, smokeValue: number, lo: number, hi: number): number => {
      const v = sized(given(name), String(full), String(smokeValue), smoke);
      const n = Number(v);
      if (!Number.isInteger(n) || n < lo || n > hi) throw new RangeError(`--${name} must be a whole number ${lo}-${hi}, got "${v}"`);
      return n;
    };
    return { ok: true, value: { ...read({ smoke, given, int }), smoke } };
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${usage}`);
    return { ok: false, exit: 2 };
  }
}
