import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures/ffmpeg';
import { tempDir } from '../../../test/support/tempDir';
import type { StreamSnapshot } from '../../shared/domain/broadcast/snapshot';
import type { BroadcastSpecInput } from '../../shared/domain/broadcast/spec';
import { silentLogger } from '../infra/logger';
import { systemClock } from '../infra/nodeCrypto';
import { BroadcastService } from './broadcastService';
import type { FfmpegCapabilities } from './capabilities';

const FAKE = fileURLToPath(new URL('../../../test/fakes/fakeFfmpeg.mjs', import.meta.url));
const caps: FfmpegCapabilities = { path: FAKE, source: 'setting', version: 'fake', encoders: ['libx264', 'aac'], inputDevices: ['lavfi'], hardware: [], verifiedHardware: [] };
const spec: BroadcastSpecInput = { layout: 'test', target: { kind: 'url', url: 'rtmp://127.0.0.1:1935/live/s?txSecret=0123456789abcdef&txTime=6B0' } };
const REFUSED = '[tcp @ 0x1] Connection to tcp://127.0.0.1:1935?tcp_nodelay=0 failed: Connection refused';
const REJECTED = 'av_interleaved_write_frame(): Broken pipe';
/** Real ffmpeg 5.1 output for a push domain that does not resolve (test/fixtures/ffmpeg). */
const DNS = fixture('stderr-rtmp-dns-offline.txt').trim();

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setup(opts: { ffmpeg?: string | null; maxAttempts?: number; backoffMs?: number } = {}) {
  const tmp = tempDir();
  const log = path.join(tmp.dir, 'spawns.log');
  const env: Record<string, string> = { FAKE_FFMPEG: 'progress', FAKE_STDERR: '', FAKE_LOG: log, FAKE_PERIOD_MS: '100' };
  const snapshots: StreamSnapshot[] = [];
  const svc = new BroadcastService({
    log: silentLogger(),
    clock: systemClock,
    resolveFfmpeg: async () =>
      opts.ffmpeg === null
        ? { ok: false, error: { code: 'FFMPEG_NOT_FOUND', message: 'ffmpeg was not found.', hint: 'install' } }
        : { ok: true, value: { path: opts.ffmpeg ?? FAKE, source: 'setting' } },
    probeCapabilities: async (loc) => ({ ...caps, ...loc }),
    spawner: (file, args, o) => spawn(file, args, { ...o, env: { ...process.env, ...env } }),
    recordingsDir: path.join(tmp.dir, 'rec'),
    onState: (s) => snapshots.push(s),
    platform: 'linux',
    backoff: { baseMs: opts.backoffMs ?? 150, factor: 1.5, capMs: 5000, jitter: 0, maxAttempts: opts.maxAttempts ?? 3 },
    stallMs: 500,
    stopPhaseMs: 300,
  });
  cleanups.push(tmp.cleanup, () => svc.dispose());
  const kinds = () => snapshots.map((s) => s.state.kind).filter((k, i, a) => a[i - 1] !== k);
  const spawns = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').length : 0);
  const until = async (pred: () => boolean, ms = 15_000) => {
    const t0 = Date.now();
    while (!pred()) {
      if (Date.now() - t0 > ms) throw new Error(`timeout; states: ${kinds().join(' → ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { svc, env, snapshots, kinds, spawns, until };
}

/** Goes live, then the push drops (a lost connection after 400 ms of media); the next spawn uses t.env. */
async function goLiveThenDrop(t: ReturnType<typeof setup>): Promise<void> {
  t.env.FAKE_FFMPEG = 'die:1';
  t.env.FAKE_AFTER_MS = '400';
  t.env.FAKE_STDERR = REJECTED;
  await t.svc.start(spec);
  await t.until(() => t.svc.getState().state.kind === 'live');
}

describe('BroadcastService with the fake ffmpeg', () => {
  it('goes live through the visible checklist, reports stats, stops cleanly and idempotently', async () => {
    const t = setup();
    await t.svc.start(spec);
    await t.until(() => t.svc.getState().state.kind === 'live');
    const preparing = t.snapshots.filter((s) => s.state.kind === 'preparing').map((s) => s.state.kind === 'preparing' && s.state.checklist.filter((c) => c.status === 'ok').length);
    expect(preparing).toEqual(expect.arrayContaining([1, 2, 3]));
    const live = t.svc.getState();
    expect(live.target).toBe('rtmp://127.0.0.1:1935/live/s?txSecret=***&txTime=6B0');
    expect(live.state.kind === 'live' && live.state.stats?.bitrateKbps).toBe(2500.3);
    const [a, b] = await Promise.all([t.svc.stop(), t.svc.stop()]);
    expect(a.state.kind).toBe('ended');
    expect(b.state.kind).toBe('ended');
    expect((await t.svc.stop()).state.kind).toBe('ended');
    expect(t.kinds()).toEqual(['preparing', 'connecting', 'live', 'stopping', 'ended']);
    expect(JSON.stringify(t.snapshots)).not.toContain('0123456789abcdef');
  });

  it('a drop after being live, then an ingest that refuses: visible backoff, then reconnects by itself when it is back', async () => {
    const t = setup();
    await goLiveThenDrop(t);
    t.env.FAKE_FFMPEG = 'exit:1';
    t.env.FAKE_STDERR = REFUSED;
    await t.until(() => t.svc.getState().state.kind === 'reconnecting');
    expect(t.svc.getState().state).toMatchObject({ kind: 'reconnecting', attempt: 1, maxAttempts: 3, lastError: { code: 'CONNECTION_LOST' } });
    await t.until(() => { const s = t.svc.getState().state; return s.kind === 'reconnecting' && s.attempt === 2; });
    const r = t.svc.getState().state;
    expect(r).toMatchObject({ kind: 'reconnecting', attempt: 2, lastError: { code: 'INGEST_REFUSED', message: '127.0.0.1:1935 refused the connection.' } });
    expect(r.kind === 'reconnecting' && r.nextAt - Date.now()).toBeLessThanOrEqual(225);
    t.env.FAKE_FFMPEG = 'progress';
    await t.until(() => t.svc.getState().state.kind === 'live');
    expect(t.spawns()).toBe(3);
    await t.svc.stop();
    const end = t.svc.getState().state;
    expect(end.kind === 'ended' && end.summary).toMatchObject({ reconnects: 2, wentLive: true });
  });

  it('Go Live to a push domain that does not resolve: failed at once, naming the host; no reconnect loop; counters 0', async () => {
    const t = setup();
    t.env.FAKE_FFMPEG = 'exit:1';
    t.env.FAKE_STDERR = DNS;
    await t.svc.start(spec);
    await t.until(() => t.svc.getState().state.kind === 'failed');
    await new Promise((r) => setTimeout(r, 600)); // several backoff delays (150 ms): nothing more happens
    const s = t.svc.getState().state;
    expect(s).toMatchObject({
      kind: 'failed',
      attempts: 0,
      wentLive: false,
      error: { code: 'INGEST_DNS_FAILED', message: 'Cannot resolve push.example.com (DNS: Temporary failure in name resolution).', detail: expect.stringContaining('Failed to resolve hostname push.example.com') },
    });
    expect(t.spawns()).toBe(1);
    expect(t.kinds()).toEqual(['preparing', 'connecting', 'failed']);
    // Stop after a failed Go Live changes nothing: no "Ended · Live 0 min, N reconnects".
    expect((await t.svc.stop()).state.kind).toBe('failed');
    // "Retry now" is a fresh Go Live.
    t.env.FAKE_FFMPEG = 'progress';
    await t.svc.retryNow();
    await t.until(() => t.svc.getState().state.kind === 'live');
    expect(t.spawns()).toBe(2);
  });

  it('stopped while the first connect is pending: ended with wentLive false and 0 reconnects', async () => {
    const t = setup();
    t.env.FAKE_FFMPEG = 'connect';
    await t.svc.start(spec);
    await t.until(() => t.spawns() === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(t.svc.getState().state.kind).toBe('connecting');
    const s = (await t.svc.stop()).state;
    expect(s).toMatchObject({ kind: 'ended', summary: { liveMs: 0, reconnects: 0, wentLive: false } });
    expect(t.kinds()).toEqual(['preparing', 'connecting', 'stopping', 'ended']);
  });

  it('a death while live reconnects; a stall counts as a failure', async () => {
    const t = setup();
    t.env.FAKE_FFMPEG = 'die:1';
    t.env.FAKE_AFTER_MS = '400';
    t.env.FAKE_STDERR = REJECTED;
    await t.svc.start(spec);
    await t.until(() => t.svc.getState().state.kind === 'reconnecting');
    expect(t.svc.getState().state).toMatchObject({ lastError: { code: 'CONNECTION_LOST' } });
    t.env.FAKE_FFMPEG = 'hang';
    await t.until(() => t.kinds().filter((k) => k === 'reconnecting').length === 2, 15_000);
    expect(t.svc.getState().state).toMatchObject({ kind: 'reconnecting', lastError: { code: 'STALLED' } });
  });

  it('a rejected key ends in INGEST_AUTH_REJECTED with no retries', async () => {
    const t = setup();
    t.env.FAKE_FFMPEG = 'exit:1';
    t.env.FAKE_STDERR = REJECTED;
    await t.svc.start(spec);
    await t.until(() => t.svc.getState().state.kind === 'failed');
    await new Promise((r) => setTimeout(r, 500));
    expect(t.svc.getState().state).toMatchObject({ kind: 'failed', error: { code: 'INGEST_AUTH_REJECTED' } });
    expect(t.spawns()).toBe(1);
    expect(t.kinds()).not.toContain('reconnecting');
  });

  it('a reconnect the server closes at once is a lost connection, not a refused key: the show was live on that key', async () => {
    const t = setup({ maxAttempts: 3 });
    await goLiveThenDrop(t);
    // The ingest dies right under the reconnect (a second fault just after the first): closed before any media went out.
    t.env.FAKE_FFMPEG = 'exit:1';
    t.env.FAKE_STDERR = REJECTED;
    await t.until(() => t.spawns() >= 3);
    expect(t.kinds()).not.toContain('failed');
    expect(t.svc.getState().state).toMatchObject({ kind: expect.stringMatching(/^(reconnecting|connecting)$/) });
    expect(t.snapshots.flatMap((x) => (x.state.kind === 'reconnecting' ? [x.state.lastError.code] : []))).not.toContain('INGEST_AUTH_REJECTED');
    t.env.FAKE_FFMPEG = 'progress';
    await t.until(() => t.svc.getState().state.kind === 'live');
  });

  it('gives up after maxAttempts; retryNow starts over', async () => {
    const t = setup({ maxAttempts: 2 });
    await goLiveThenDrop(t);
    t.env.FAKE_FFMPEG = 'exit:1';
    t.env.FAKE_STDERR = REFUSED;
    await t.until(() => t.svc.getState().state.kind === 'failed');
    expect(t.spawns()).toBe(3);
    expect(t.svc.getState().state).toMatchObject({ attempts: 2, wentLive: true, error: { code: 'INGEST_REFUSED', detail: expect.stringContaining('gave up after 2') } });
    t.env.FAKE_FFMPEG = 'progress';
    await t.svc.retryNow();
    await t.until(() => t.svc.getState().state.kind === 'live');
  });

  it('retryNow skips the wait; stop while reconnecting ends, not fails', async () => {
    const t = setup({ backoffMs: 2000 });
    await goLiveThenDrop(t);
    t.env.FAKE_FFMPEG = 'exit:1';
    t.env.FAKE_STDERR = REFUSED;
    await t.until(() => t.svc.getState().state.kind === 'reconnecting');
    await t.svc.retryNow();
    expect(t.svc.getState().state.kind).toBe('connecting');
    await t.until(() => t.spawns() === 2, 1000);
    await t.until(() => t.kinds().filter((k) => k === 'reconnecting').length === 2);
    const s = await t.svc.stop();
    expect(s.state.kind).toBe('ended');
    expect(t.kinds()).not.toContain('failed');
  });

  it('bad spec, missing ffmpeg and a missing camera fail before any spawn', async () => {
    const a = setup();
    expect((await a.svc.start({ layout: 'pip', target: spec.target } as BroadcastSpecInput)).state).toMatchObject({ kind: 'failed', error: { code: 'BAD_SPEC' } });
    const b = setup({ ffmpeg: null });
    expect((await b.svc.start(spec)).state).toMatchObject({ kind: 'failed', error: { code: 'FFMPEG_NOT_FOUND' } });
    const c = setup();
    expect((await c.svc.start({ layout: 'camera', camera: { id: '/dev/video97' }, target: spec.target })).state).toMatchObject({ kind: 'failed', error: { code: 'DEVICE_NOT_FOUND' } });
    expect(a.spawns() + b.spawns() + c.spawns()).toBe(0);
  });

  it('an ffmpeg path that cannot run is FFMPEG_NOT_FOUND, not a retry loop', async () => {
    const t = setup({ ffmpeg: '/nonexistent/ffmpeg' });
    await t.svc.start(spec);
    await t.until(() => t.svc.getState().state.kind === 'failed');
    expect(t.svc.getState().state).toMatchObject({ error: { code: 'FFMPEG_NOT_FOUND' } });
  });
});
