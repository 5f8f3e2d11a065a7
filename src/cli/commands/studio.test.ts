// `stageside studio` keeps its address (issue 14 item 1): its port flags, and the real process — a
// saved port another program holds is said on stderr and the JSON line carries the new address;
// --rtmp-port and --flv-port pin the ingest's ports.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/tempDir';
import { waitFor } from '../../../test/support/waitFor';
import { pickFreePorts } from '../../studio/ingest/ingestProcess';
import { UsageError, type CliIo } from '../io';
import { studioCommand } from './studio';

const repo = path.resolve(__dirname, '../../..');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const io: CliIo = { stdout: () => undefined, stderr: () => undefined, env: {}, readStdin: async () => '', now: () => 0 };

describe('stageside studio flags', () => {
  it.each([
    [['--rtmp-port', 'x'], /--rtmp-port must be 0-65535, got "x"/],
    [['--flv-port', '70000'], /--flv-port must be 0-65535/],
    [['--port', '-1'], /--port/],
    [['--port', '6000', '--rtmp-port', '6000'], /must differ/],
  ])('refuses %j', async (argv, message) => {
    await expect(studioCommand.run(argv, io)).rejects.toThrow(UsageError);
    await expect(studioCommand.run(argv, io)).rejects.toThrow(message);
  });

  it('names the new flags and what 0 means in its usage', () => {
    expect(studioCommand.usage).toMatch(/--rtmp-port N\s+RTMP ingest port \(default 0: saved, else free\)/);
    expect(studioCommand.usage).toMatch(/--flv-port N\s+HTTP-FLV play port/);
    expect(studioCommand.usage).toContain('ports.json');
  });
});

interface Run {
  line: Record<string, unknown>;
  stderr(): string;
  stop(): Promise<void>;
}

/** `stageside studio …` as a process: its first JSON line, its stderr so far, and a stop that waits for its exit. */
async function runStudio(args: string[]): Promise<Run> {
  const child: ChildProcess = spawn(process.execPath, [path.join(repo, 'bin/stageside.js'), 'studio', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  cleanups.push(stop);
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`studio exited (${code}) before its JSON line: ${stderr}`)));
  });
  return { line: JSON.parse(first) as Record<string, unknown>, stderr: () => stderr, stop };
}

const portOf = (url: unknown): number => Number(new URL(String(url)).port);

describe('stageside studio (real process)', () => {
  it('a saved RTMP port another program holds: said on stderr, and the JSON line has the new address', async () => {
    const d = tempDir();
    cleanups.push(d.cleanup);
    const first = await runStudio(['--port', '0', '--data-dir', d.dir]);
    const before = { http: portOf(first.line.restBaseUrl), rtmp: portOf(first.line.rtmpIngestUrl) };
    await first.stop();
    // Another program takes the saved port. On a busy machine a short-lived socket of some other
    // process can sit on it for a moment (seen: EADDRINUSE here), so take it as soon as it is free.
    const holder = await waitFor(
      () =>
        new Promise<net.Server | undefined>((resolve) => {
          const server = net.createServer();
          server.once('error', () => resolve(undefined)).listen(before.rtmp, '127.0.0.1', () => resolve(server));
        }),
      { message: `port ${before.rtmp} free for the holder`, intervalMs: 100 },
    );
    cleanups.push(() => new Promise((r) => holder.close(r)));

    const second = await runStudio(['--port', '0', '--data-dir', d.dir]);
    const rtmp = portOf(second.line.rtmpIngestUrl);
    expect(rtmp).not.toBe(before.rtmp);
    expect(portOf(second.line.restBaseUrl)).toBe(before.http);
    expect(second.line.portsMoved).toEqual([{ port: 'rtmp', from: before.rtmp, to: rtmp }]);
    expect(String(second.line.demoPushUrl)).toMatch(new RegExp(`^rtmp://127\\.0\\.0\\.1:${rtmp}/live/demo\\?`));
    await waitFor(() => second.stderr().includes(`stageside studio: The saved RTMP ingest port ${before.rtmp} is in use by another program; the studio now uses ${rtmp}`), { message: 'the message on stderr' });
  }, 60_000);

  it('--rtmp-port and --flv-port pin the ingest', async () => {
    const d = tempDir();
    cleanups.push(d.cleanup);
    const [rtmp, flv] = (await pickFreePorts('127.0.0.1', 2)) as [number, number];
    const run = await runStudio(['--port', '0', '--rtmp-port', String(rtmp), '--flv-port', String(flv), '--data-dir', d.dir]);
    expect(run.line.rtmpIngestUrl).toBe(`rtmp://127.0.0.1:${rtmp}/live`);
    expect(run.line.playBaseUrl).toBe(`http://127.0.0.1:${flv}/live`);
    expect(run.line.portsMoved).toBeUndefined();
  }, 60_000);
});
