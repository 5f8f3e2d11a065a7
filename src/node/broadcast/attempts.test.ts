// Each connect attempt (the first, and every reconnect) builds its ffmpeg argument list once and
// runs exactly that list; an LVB target is signed afresh for every attempt.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../../test/support/tempDir';
import { buildFfmpegArgs } from '../../shared/domain/broadcast/ffmpegArgs';
import type { BroadcastSpecInput } from '../../shared/domain/broadcast/spec';
import { silentLogger } from '../infra/logger';
import { BroadcastService } from './broadcastService';
import type { FfmpegCapabilities } from './capabilities';

vi.mock('../../shared/domain/broadcast/ffmpegArgs', async (importOriginal) => {
  const real = await importOriginal<{ buildFfmpegArgs: typeof buildFfmpegArgs }>();
  return { ...real, buildFfmpegArgs: vi.fn(real.buildFfmpegArgs) };
});
const built = vi.mocked(buildFfmpegArgs);

const FAKE = fileURLToPath(new URL('../../../test/fakes/fakeFfmpeg.mjs', import.meta.url));
const caps: FfmpegCapabilities = { path: FAKE, source: 'setting', version: 'fake', encoders: ['libx264', 'aac'], inputDevices: ['lavfi'], hardware: [], verifiedHardware: [] };
const REFUSED = '[tcp @ 0x1] Connection to tcp://127.0.0.1:1935?tcp_nodelay=0 failed: Connection refused';
const REJECTED = 'av_interleaved_write_frame(): Broken pipe';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  built.mockClear();
});

function setup(backoffMs = 150) {
  const tmp = tempDir();
  const log = path.join(tmp.dir, 'spawns.log');
  const env: Record<string, string> = { FAKE_FFMPEG: 'progress', FAKE_STDERR: '', FAKE_LOG: log, FAKE_PERIOD_MS: '100' };
  let offsetMs = 0;
  const svc = new BroadcastService({
    log: silentLogger(),
    clock: { now: () => Date.now() + offsetMs },
    resolveFfmpeg: async () => ({ ok: true, value: { path: FAKE, source: 'setting' } }),
    probeCapabilities: async (loc) => ({ ...caps, ...loc }),
    spawner: (file, args, o) => spawn(file, args, { ...o, env: { ...process.env, ...env } }),
    recordingsDir: path.join(tmp.dir, 'rec'),
    onState: () => undefined,
    platform: 'linux',
    resolvePushKey: async () => 'stored-push-key',
    backoff: { baseMs: backoffMs, factor: 1.5, capMs: 5000, jitter: 0, maxAttempts: 5 },
    stallMs: 2000,
    stopPhaseMs: 300,
  });
  cleanups.push(tmp.cleanup, () => svc.dispose());
  /** The argument list of every spawn, in order (the fake logs `<mode> <args…>` per start). */
  const spawned = (): string[] =>
    fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => l.slice(l.indexOf(' ') + 1)) : [];
  const until = async (pred: () => boolean, what: string, ms = 8000) => {
    const t0 = Date.now();
    while (!pred()) {
      if (Date.now() - t0 > ms) throw new Error(`timeout waiting for ${what}; state ${svc.getState().state.kind}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const kind = () => svc.getState().state.kind;
  return { svc, env, spawned, until, kind, later: (ms: number) => (offsetMs += ms) };
}

const argsOfBuild = (i: number): string => {
  const r = built.mock.results[i]?.value as ReturnType<typeof buildFfmpegArgs> | undefined;
  if (!r?.ok) throw new Error(`build ${i} failed or missing`);
  return r.value.args.join(' ');
};

describe('connect attempts', () => {
  it('builds the argument list once per attempt and spawns exactly that list, each with its own recording part', async () => {
    const t = setup();
    const spec: BroadcastSpecInput = { layout: 'test', target: { kind: 'url', url: 'rtmp://127.0.0.1:1935/live/s' }, record: { name: 'show' } };
    // Live, then the push drops (after enough media that, with the recording beside it, it counts
    // as a drop); the first reconnect is refused; the second goes live again.
    t.env.FAKE_FFMPEG = 'die:1';
    t.env.FAKE_AFTER_MS = '2400';
    t.env.FAKE_STDERR = REJECTED;
    await t.svc.start(spec);
    await t.until(() => t.kind() === 'live', 'live');
    expect(built).toHaveBeenCalledTimes(1);
    t.env.FAKE_FFMPEG = 'exit:1';
    t.env.FAKE_STDERR = REFUSED;
    await t.until(() => t.spawned().length === 2, 'the first reconnect');
    t.env.FAKE_FFMPEG = 'progress';
    t.env.FAKE_STDERR = '';
    await t.until(() => t.spawned().length === 3 && t.kind() === 'live', 'live again');

    const spawned = t.spawned();
    expect(built).toHaveBeenCalledTimes(3);
    expect(spawned).toEqual([argsOfBuild(0), argsOfBuild(1), argsOfBuild(2)]);
    expect(spawned.map((a) => /show\.part(\d)\.mkv/.exec(a)?.[1])).toEqual(['1', '2', '3']);
    await t.svc.stop();
    expect(built).toHaveBeenCalledTimes(3);
  });

  it('signs an LVB target for every attempt, so a reconnect never reuses an old expiry', async () => {
    const t = setup(1000);
    const spec: BroadcastSpecInput = { layout: 'test', target: { kind: 'lvb', domain: '127.0.0.1:1935', streamName: 's' } };
    t.env.FAKE_FFMPEG = 'die:1';
    t.env.FAKE_AFTER_MS = '400';
    t.env.FAKE_STDERR = REJECTED;
    await t.svc.start(spec);
    // The first run has its environment; the next one pushes on.
    t.env.FAKE_FFMPEG = 'progress';
    t.env.FAKE_STDERR = '';
    await t.until(() => t.kind() === 'reconnecting', 'reconnecting');
    t.later(3600_000);
    await t.until(() => t.spawned().length === 2 && t.kind() === 'live', 'live again');
    const txTimes = t.spawned().map((a) => parseInt(/txTime=([0-9A-F]+)/.exec(a)?.[1] ?? 'NaN', 16));
    expect(txTimes[1]! - txTimes[0]!).toBeGreaterThanOrEqual(3600);
    expect(built).toHaveBeenCalledTimes(2);
  });
});
