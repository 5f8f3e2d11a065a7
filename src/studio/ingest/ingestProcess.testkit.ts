// Test kit for the ingest tests: ffmpeg pushes and ffprobe plays as tracked child processes, a
// capturing logger, a local callback receiver, and the keys the tests sign with.
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import type net from 'node:net';
import pino from 'pino';
import { expect } from 'vitest';
import { waitFor as pollUntil } from '../../../test/support/waitFor';

export const FFMPEG = '/usr/bin/ffmpeg';
export const FFPROBE = '/usr/bin/ffprobe';

export const PUSH_KEY = 'studio-push-key-7f3a';
export const PLAY_KEY = 'studio-play-key-91c2';
export const nowS = () => Math.floor(Date.now() / 1000);

export type LogLine = Record<string, unknown> & { msg?: string };

export function captureLogger() {
  const lines: LogLine[] = [];
  const text: string[] = [];
  const log = pino({ level: 'debug' }, { write: (s: string) => (text.push(s), lines.push(JSON.parse(s) as LogLine)) });
  return { log, lines, text };
}

export const waitFor = <T>(what: string, probe: () => T | undefined | false): Promise<T> => pollUntil(probe, { message: what });

export interface Run {
  proc: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  stderr: () => string;
  stdout: () => string;
}

/** Children started by run() that have not exited yet. */
export const spawned = new Set<ChildProcess>();

export function run(cmd: string, args: string[], timeoutMs = 15_000): Run {
  const started = Date.now();
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  spawned.add(proc);
  let err = '';
  let out = '';
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  const killer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) => {
    proc.on('exit', (code, signal) => {
      clearTimeout(killer);
      spawned.delete(proc);
      // stdout is drained by then for the short outputs used here
      setImmediate(() => resolve({ code, signal, ms: Date.now() - started }));
    });
  });
  return { proc, exited, stderr: () => err, stdout: () => out };
}

/** The command line from the issue: test pattern + 440 Hz tone, H.264/AAC in FLV. */
export function push(url: string, seconds?: number, outputArgs: string[] = []): Run {
  return run(FFMPEG, [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440',
    ...(seconds ? ['-t', String(seconds)] : []),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '60', '-c:a', 'aac',
    '-f', 'flv', ...outputArgs, url,
  ]);
}

export async function probe(url: string): Promise<{ code: number | null; streams: Array<Record<string, unknown>> }> {
  const r = run(FFPROBE, ['-v', 'error', '-show_streams', '-of', 'json', '-rw_timeout', '5000000', url], 12_000);
  const { code } = await r.exited;
  let streams: Array<Record<string, unknown>> = [];
  try {
    streams = (JSON.parse(r.stdout() || '{}') as { streams?: Array<Record<string, unknown>> }).streams ?? [];
  } catch {
    // ffprobe failed before writing JSON
  }
  return { code, streams };
}

export function expectPlayable(streams: Array<Record<string, unknown>>): void {
  expect(streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
  expect(streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });
}

/** A local callback receiver, like a studio owner's CSS callback endpoint. */
export async function startReceiver() {
  const bodies: unknown[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(body));
      res.setHeader('content-type', 'application/json');
      res.end('{"code":0}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/css-callback`, bodies, close: () => new Promise((r) => server.close(r)) };
}
