// Each connect attempt (the first, and every reconnect) builds its ffmpeg argument list once and
// runs exactly that list; an LVB target is signed afresh for every attempt; with a target source
// (main's: the studio's current address, settings now), every attempt and Retry now ask it again.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../../test/support/tempDir';
import { broadcastError } from '../../shared/domain/broadcast/errors';
import { buildFfmpegArgs } from '../../shared/domain/broadcast/ffmpegArgs';
import type { StreamSnapshot } from '../../shared/domain/broadcast/snapshot';
import type { BroadcastSpecInput } from '../../shared/domain/broadcast/spec';
import { silentLogger } from '../infra/logger';
import { BroadcastService } from './broadcastService';
import type { FfmpegCapabilities } from './capabilities';
import type { TargetNow, TargetSource } from './pushTargets';

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
  const states: StreamSnapshot[] = [];
  const svc = new BroadcastService({
    log: silentLogger(),
    clock: { now: () => Date.now() + offsetMs },
    resolveFfmpeg: async () => ({ ok: true, value: { path: FAKE, source: 'setting' } }),
    probeCapabilities: async (loc) => ({ ...caps, ...loc }),
    spawner: (file, args, o) => spawn(file, args, { ...o, env: { ...process.env, ...env } }),
    recordingsDir: path.join(tmp.dir, 'rec'),
    onState: (snapshot) => states.push(snapshot),
    platform: 'linux',
    resolvePushKey: async () => 'stored-push-key',
    backoff: { baseMs: backoffMs, factor: 1.5, capMs: 5000, jitter: 0, maxAttempts: 5 },
    stallMs: 2000,
    stopPhaseMs: 300,
  });
  cleanups.push(tmp.cleanup, () => svc.dispose());
  /** The argument list of every spawn, in order (the fake logs `<mode> <args…>` per start). */
  const argsIn = (file: string): string[] =>
    fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => l.slice(l.indexOf(' ') + 1)) : [];
  const spawned = (): string[] => argsIn(log);
  /** The stream-clock pusher's argument list per attempt: where each attempt pushed. */
  const pushed = (): string[] => argsIn(`${log}.pusher`);
  const until = async (pred: () => boolean, what: string, ms = 8000) => {
    const t0 = Date.now();
    while (!pred()) {
      if (Date.now() - t0 > ms) throw new Error(`timeout waiting for ${what}; state ${svc.getState().state.kind}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const kind = () => svc.getState().state.kind;
  return { svc, env, spawned, pushed, until, kind, states, later: (ms: number) => (offsetMs += ms) };
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
    await t.until(() => t.pushed().length === 2 && t.kind() === 'live', 'live again');
    const txTimes = t.pushed().map((a) => parseInt(/txTime=([0-9A-F]+)/.exec(a)?.[1] ?? 'NaN', 16));
    expect(txTimes[1]! - txTimes[0]!).toBeGreaterThanOrEqual(3600);
    expect(built).toHaveBeenCalledTimes(2);
  });
});

/** Main's answer to "where to push now": changed by the test as a studio restart would; counts the questions. */
function movingTarget(url: string) {
  const t: { now: TargetNow; asked: number; source: TargetSource; moveTo(next: string): void } = {
    now: { ok: true, value: { kind: 'url', url } },
    asked: 0,
    source: async () => {
      t.asked++;
      return t.now;
    },
    moveTo(next) {
      t.now = { ok: true, value: { kind: 'url', url: next } };
    },
  };
  return t;
}

describe('a reconnect asks where to push', () => {
  const spec = (url: string): BroadcastSpecInput => ({ layout: 'test', target: { kind: 'url', url } });

  it('every attempt asks the source: after the studio moved, the next reconnect pushes to its new address', async () => {
    const t = setup();
    const target = movingTarget('rtmp://127.0.0.1:41000/live/demo?txSecret=a&txTime=1');
    t.env.FAKE_FFMPEG = 'die:1';
    t.env.FAKE_AFTER_MS = '2400';
    t.env.FAKE_STDERR = REJECTED;
    await t.svc.start(spec('rtmp://127.0.0.1:41000/live/demo?txSecret=a&txTime=1'), target.source);
    await t.until(() => t.kind() === 'live', 'live');
    target.moveTo('rtmp://127.0.0.1:42000/live/demo?txSecret=b&txTime=2');
    t.env.FAKE_FFMPEG = 'progress';
    t.env.FAKE_STDERR = '';
    await t.until(() => t.pushed().length === 2 && t.kind() === 'live', 'live again');

    const spawned = t.pushed();
    expect(spawned[0]).toContain('rtmp://127.0.0.1:41000/live/demo?txSecret=a');
    expect(spawned[1]).toContain('rtmp://127.0.0.1:42000/live/demo?txSecret=b');
    expect(spawned[1]).not.toContain(':41000');
    expect(target.asked).toBe(2);
    expect(t.svc.getState().target).toBe('rtmp://127.0.0.1:42000/live/demo?txSecret=***&txTime=2');
    expect(built).toHaveBeenCalledTimes(2);
  });

  it('nothing to push to now (the studio restarting): that attempt fails as unreachable, the next asks again', async () => {
    const t = setup();
    const target = movingTarget('rtmp://127.0.0.1:41000/live/demo');
    t.env.FAKE_FFMPEG = 'die:1';
    t.env.FAKE_AFTER_MS = '2400';
    t.env.FAKE_STDERR = REJECTED;
    await t.svc.start(spec('rtmp://127.0.0.1:41000/live/demo'), target.source);
    await t.until(() => t.kind() === 'live', 'live');
    target.now = { ok: false, error: broadcastError('INGEST_UNREACHABLE', undefined, 'The local studio is not running (restarting)') };
    t.env.FAKE_FFMPEG = 'progress';
    t.env.FAKE_STDERR = '';
    await t.until(() => target.asked >= 2, 'the first reconnect to ask');
    target.moveTo('rtmp://127.0.0.1:42000/live/demo');
    await t.until(() => t.kind() === 'live' && t.pushed().length === 2, 'live on the new address');

    const unreachable = t.states.find((s) => s.state.kind === 'reconnecting' && s.state.lastError.code === 'INGEST_UNREACHABLE');
    expect(unreachable?.state).toMatchObject({ kind: 'reconnecting', attempt: 2, lastError: { message: 'The local studio is not running (restarting)' } });
    expect(t.pushed()[1]).toContain('rtmp://127.0.0.1:42000/live/demo');
    expect(t.states.some((s) => s.state.kind === 'failed')).toBe(false);
  });

  it('Retry now asks again: while reconnecting, and after a failure', async () => {
    // Reconnects a minute apart: only Retry now can make the second attempt happen within the test.
    const t = setup(60_000);
    const target = movingTarget('rtmp://127.0.0.1:41000/live/demo');
    t.env.FAKE_FFMPEG = 'die:1';
    t.env.FAKE_AFTER_MS = '2400';
    t.env.FAKE_STDERR = REJECTED;
    await t.svc.start(spec('rtmp://127.0.0.1:41000/live/demo'), target.source);
    await t.until(() => t.kind() === 'reconnecting', 'reconnecting');
    target.moveTo('rtmp://127.0.0.1:42000/live/demo');
    t.env.FAKE_FFMPEG = 'exit:1';
    t.env.FAKE_STDERR = REFUSED;
    await t.svc.retryNow();
    await t.until(() => t.pushed().length === 2, 'the reconnect Retry now made');
    expect(t.pushed()[1]).toContain('rtmp://127.0.0.1:42000/live/demo');
    await t.until(() => t.kind() === 'reconnecting', 'reconnecting again');

    // Stopped, then a Go Live whose first connect fails: failed at once; Retry now starts over, asking again.
    await t.svc.stop();
    await t.svc.start(spec('rtmp://127.0.0.1:42000/live/demo'), target.source);
    await t.until(() => t.kind() === 'failed', 'failed');
    target.moveTo('rtmp://127.0.0.1:43000/live/demo');
    t.env.FAKE_FFMPEG = 'progress';
    t.env.FAKE_STDERR = '';
    await t.svc.retryNow();
    await t.until(() => t.kind() === 'live' && t.pushed().length === t.spawned().length, 'live after Retry now');
    expect(t.pushed().at(-1)).toContain('rtmp://127.0.0.1:43000/live/demo');
  });
});
