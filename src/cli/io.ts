// What a CLI command may touch: output, environment, stdin and the clock. Injected so commands
// are tested without spawning a process.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
  env: Record<string, string | undefined>;
  readStdin(): Promise<string>;
  now(): number;
  /** Ends a long-running command as Ctrl-C would (an embedding program, a test). */
  interrupt?: AbortSignal;
}

/** A bad or missing flag: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CliCommand {
  summary: string;
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

export function processIo(): CliIo {
  // A reader that stops early (`push-url … | head -1`) closes the pipe: the rest of the output is
  // dropped, not an EPIPE crash with a stack trace.
  let readerGone = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    readerGone = true;
  });
  return {
    stdout: (l) => {
      if (!readerGone) process.stdout.write(l + '\n');
    },
    stderr: (l) => process.stderr.write(l + '\n'),
    env: process.env,
    now: () => Date.now(),
    readStdin: async () => {
      if (process.stdin.isTTY) return '';
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** parseArgs in strict mode with errors turned into UsageError. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/**
 * A secret from a flag, `-` (read stdin), or an environment variable, so keys need not sit in
 * shell history. Throws UsageError naming all three ways when none is given.
 */
export async function readSecret(
  flagValue: string | undefined,
  envName: string,
  flagName: string,
  io: CliIo,
): Promise<string> {
  let value = flagValue;
  if (value === '-') value = (await io.readStdin()).trim();
  if (value === undefined || value === '') value = io.env[envName]?.trim();
  if (!value) throw new UsageError(`Missing ${flagName}: pass ${flagName} VALUE, ${flagName} - (read stdin), or set ${envName}`);
  return value;
}

export function requireFlag(value: string | undefined, flagName: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`Missing required flag ${flagName}`);
  return value.trim();
}
