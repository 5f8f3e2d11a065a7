import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../node/infra/logger';
import { startStudio, type Studio } from '../../studio/studio';
import type { AudienceSummary } from '../../studio/simulator';
import { type CliIo } from '../io';
import { main } from '../main';

function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    env: {},
    now: () => 1_700_000_123_456,
    readStdin: async () => '',
  };
  return { io, out, err };
}

let studio: Studio;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stageside-simcli-'));
  studio = await startStudio({ dataDir: dir, port: 0, log: silentLogger(), ingest: false });
});

afterAll(async () => {
  await studio?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('stageside simulate: usage errors exit 2', () => {
  it.each([
    [['--viewers', '0'], '--viewers must be a whole number 1-20000, got 0'],
    [['--viewers', 'many'], '--viewers must be a number, got "many"'],
    [['--chat-rate=-1'], '--chat-rate must be 0-1000 per second, got -1'],
    [['--gift-rate', ''], '--gift-rate must be a number, got ""'],
    [['--buy-rate', '1e9'], '--buy-rate must be 0-1000 per second'],
    [['--duration', '0'], '--duration must be more than 0'],
    [['--studio', 'ftp://x'], '--studio: "ftp://x" must be an http:// or https:// URL'],
    [['--studio', 'not a url'], '--studio: "not a url" is not a URL'],
    [['--room', 'a'.repeat(49)], '--room must be 1-48 printable ASCII characters'],
    [['--seed', ' '], '--seed must not be empty'],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
  ])('%j', async (args, message) => {
    const { io, out, err } = fakeIo();
    expect(await main(['simulate', ...args], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain(message);
    expect(err.join('\n')).toContain('Usage: stageside simulate');
  });

  it('--help prints the flags', async () => {
    const { io, out } = fakeIo();
    expect(await main(['simulate', '--help'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/--chat-rate R[\s\S]*--like-rate L[\s\S]*--gift-rate G[\s\S]*--buy-rate B[\s\S]*--seed X/);
  });
});

describe('stageside simulate: runs', () => {
  it('exits 1 with a clear message when no studio answers', async () => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const { io, out, err } = fakeIo();
    expect(await main(['simulate', '--studio', `http://127.0.0.1:${port}`, '--duration', '1'], io)).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain(`Cannot reach the studio at http://127.0.0.1:${port} (GET /studio/info: ECONNREFUSED)`);
  });

  it('plays a short audience against a real studio and prints the summary', async () => {
    const { io, out, err } = fakeIo();
    const code = await main(
      ['simulate', '--studio', studio.info.restBaseUrl + '/', '--viewers', '5', '--duration', '1.5', '--like-rate', '4', '--seed', 'cli-test'],
      io,
    );
    expect(err.filter((l) => /failed|could not/.test(l))).toEqual([]);
    expect(code).toBe(0);
    const seed = /seed (\d+); pass --seed \1 to repeat/.exec(err[0] ?? '')?.[1];
    expect(seed).toBeDefined();
    expect(err.some((l) => /^\[\d+\.\ds\] online \d+/.test(l))).toBe(true);
    const text = out.join('\n');
    expect(text).toContain(`Audience simulation in room ${studio.info.demoRoomId} (seed ${seed})`);
    expect(text).toContain('5/5 joined, 5 left, 0 failed to join');
    expect(text).toContain('failures   none');
  });

  it('--json prints one JSON summary; the default seed comes from the clock', async () => {
    const { io, out, err } = fakeIo();
    expect(await main(['simulate', '--studio', studio.info.restBaseUrl, '--viewers', '3', '--duration', '1', '--json'], io)).toBe(0);
    expect(out).toHaveLength(1);
    const summary = JSON.parse(out[0] ?? '') as AudienceSummary;
    expect(summary.seed).toBe(1_700_000_123_456 % 0x100000000);
    expect(summary.viewers).toMatchObject({ planned: 3, joined: 3, left: 3 });
    expect(summary.sent.like + summary.sent.chat).toBeGreaterThan(0);
    expect(err[0]).toContain(`pass --seed ${summary.seed} to repeat`);
  });
});
