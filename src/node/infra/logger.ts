// The one structured logger (pino) for Electron main, web mode, the CLI and the studio: JSON
// lines into size-rotated files in the data dir, every value passed through redaction first.
import fs from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { redactText, redactValue } from '../../shared/redact';

export type { Logger };

export interface LoggerOptions {
  dir: string;
  name?: string;
  level?: pino.Level;
  /** Bytes per file before rotating. */
  maxBytes?: number;
  /** Rotated files kept besides the current one. */
  keep?: number;
  /** Also write to this stream (e.g. process.stderr for `--verbose`). */
  mirror?: { write(s: string): unknown };
}

/** Values the logger must never print even when they appear inside free text. */
export class SecretRegistry {
  private readonly values = new Set<string>();
  add(value: string | undefined): void {
    if (value && value.length >= 4) this.values.add(value);
  }
  list(): string[] {
    return [...this.values];
  }
}

/** A synchronous append-only file that rotates at `maxBytes`: name.log → name.1.log → … */
export class RotatingFile {
  private fd: number;
  private size: number;
  readonly file: string;

  constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly maxBytes: number,
    private readonly keep: number,
  ) {
    fs.mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, `${name}.log`);
    this.fd = fs.openSync(this.file, 'a', 0o600);
    this.size = fs.fstatSync(this.fd).size;
  }

  write(chunk: string): boolean {
    const bytes = Buffer.byteLength(chunk);
    if (this.size + bytes > this.maxBytes && this.size > 0) this.rotate();
    fs.writeSync(this.fd, chunk);
    this.size += bytes;
    return true;
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  private rotate(): void {
    fs.closeSync(this.fd);
    for (let i = this.keep; i >= 1; i--) {
      const from = i === 1 ? this.file : path.join(this.dir, `${this.name}.${i - 1}.log`);
      const to = path.join(this.dir, `${this.name}.${i}.log`);
      if (fs.existsSync(from)) fs.renameSync(from, to);
    }
    this.fd = fs.openSync(this.file, 'a', 0o600);
    this.size = 0;
  }
}

export function createLogger(opts: LoggerOptions, secrets: SecretRegistry = new SecretRegistry()): Logger {
  const file = new RotatingFile(opts.dir, opts.name ?? 'stageside', opts.maxBytes ?? 5 * 1024 * 1024, opts.keep ?? 5);
  const mirror = opts.mirror;
  const destination = { write: (s: string) => (file.write(s), mirror?.write(s), true) };
  return pino(
    {
      level: opts.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        log: (obj) => redactValue(obj, secrets.list()) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const clean = args.map((a) => (typeof a === 'string' ? redactText(a, secrets.list()) : a));
          return method.apply(this, clean as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

/** A logger that drops everything (tests, `--quiet`). */
export const silentLogger = (): Logger => pino({ level: 'silent' });
