// Real-ffmpeg integration: Debian's ffmpeg pushes to the studio's LVB-style ingest (signed URL),
// survives an ingest restart, records, grabs an Xvfb display for PiP, and fails a Go Live to a host
// that does not resolve or a closed port at once, naming it. Skips without ffmpeg.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, ffmpeg, ffprobe, xvfb } from '../support/prereqs';
import { buildFfmpegArgs } from '../../src/shared/domain/broadcast/ffmpegArgs';
import type { BackoffPolicy } from '../../src/shared/domain/backoff';
import type { StreamSnapshot } from '../../src/shared/domain/broadcast/snapshot';
import { broadcastSpecSchema, type BroadcastSpecInput } from '../../src/shared/domain/broadcast/spec';
import { silentLogger } from '../../src/node/infra/logger';
import { systemClock } from '../../src/node/infra/nodeCrypto';
import { BroadcastService } from '../../src/node/broadcast/broadcastService';
import { locateFfmpeg } from '../../src/node/broadcast/ffmpegLocator';
import { pickFreePorts, startIngest, type IngestHandle } from '../../src/studio/ingest/ingestProcess';
import { tempDir } from '../support/tempDir';
import { sleep } from '../support/waitFor';
import { FlvClockReader } from '../../src/shared/domain/streamClock/clockReader';

/** `ms` of an HTTP-FLV stream as bytes; `midway` runs halfway through. */
async function pullFlv(url: string, ms: number, midway?: () => void): Promise<{ bytes: Buffer; startedAt: number; endedAt: number }> {
  const startedAt = Date.now();
  const ac = new AbortController();
  const res = await fetch(url, { signal: ac.signal });
  const chunks: Buffer[] = [];
  const half = setTimeout(() => midway?.(), ms / 2);
  const stop = setTimeout(() => ac.abort(), ms);
  try {
    for await (const c of res.body as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(c));
  } catch {
    // aborted: the stream is live and never ends by itself
  }
  clearTimeout(half);
  clearTimeout(stop);
  return { bytes: Buffer.concat(chunks), startedAt, endedAt: Date.now() };
}

const FFMPEG = '/usr/bin/ffmpeg';

const PUSH_KEY = 'real-ffmpeg-test-key';
const HOST = '127.0.0.1';

function ffprobeJson(args: string[]): Record<string, unknown> {
  const r = spawnSync('/usr/bin/ffprobe', ['-v', 'error', '-of', 'json', ...args], { encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) throw new Error(`ffprobe failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

type Frame = { key_frame: number; pts_time?: string; best_effort_timestamp_time?: string };
function keyframeTimes(file: string): number[] {
  const j = ffprobeJson(['-select_streams', 'v', '-show_frames', '-show_entries', 'frame=key_frame,pts_time,best_effort_timestamp_time', file]) as { frames: Frame[] };
  return j.frames.filter((f) => f.key_frame === 1).map((f) => Number(f.pts_time ?? f.best_effort_timestamp_time));
}

async function until(pred: () => boolean, ms: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The live stats ffmpeg last reported (null unless live). */
const liveStats = (svc: BroadcastService) => {
  const s = svc.getState().state;
  return s.kind === 'live' ? s.stats : null;
};


/** A BroadcastService on Debian's ffmpeg, with the capability probe answered (libx264, lavfi). */
function realService(dir: string, onState: (s: StreamSnapshot) => void, backoff: BackoffPolicy): BroadcastService {
  return new BroadcastService({
    log: silentLogger(),
    clock: systemClock,
    resolveFfmpeg: () => locateFfmpeg({ settingPath: FFMPEG }),
    probeCapabilities: async (loc) => ({ ...loc, version: null, encoders: ['libx264', 'aac'], inputDevices: ['lavfi'], hardware: [], verifiedHardware: [] }),
    recordingsDir: path.join(dir, 'rec'),
    onState,
    platform: 'linux',
    backoff,
  });
}

describeWith([ffmpeg(), ffprobe()])('broadcast with real ffmpeg', () => {
  let tmp: ReturnType<typeof tempDir>;
  let ports: number[];
  let ingest: IngestHandle | undefined;
  const services: BroadcastService[] = [];

  const startOurIngest = async () => {
    ingest = await startIngest({ rtmpPort: ports[0] as number, httpPort: ports[1] as number, host: HOST, appName: 'live', pushKey: PUSH_KEY, log: silentLogger() });
    return ingest;
  };

  const service = (snapshots: StreamSnapshot[], maxAttempts = 8) => {
    const svc = realService(tmp.dir, (s) => snapshots.push(s), { baseMs: 500, factor: 1.5, capMs: 2000, jitter: 0.2, maxAttempts });
    services.push(svc);
    return svc;
  };

  const lvb = (streamName: string, key = PUSH_KEY): BroadcastSpecInput['target'] => ({ kind: 'lvb', domain: `${HOST}:${ports[0]}`, appName: 'live', streamName, key, expiresInHours: 24 });

  beforeAll(async () => {
    tmp = tempDir('stageside-broadcast-');
    ports = await pickFreePorts(HOST, 2);
    await startOurIngest();
  }, 30_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.dispose()));
    await ingest?.stop();
    tmp.cleanup();
  }, 30_000);

  it('pushes the test pattern with a signed LVB URL, records it, and the stream is H.264 1280x720 30 fps with 2 s keyframes', async () => {
    const snaps: StreamSnapshot[] = [];
    const svc = service(snaps);
    await svc.start({ layout: 'test', target: lvb('rehearsal'), record: { name: 'rehearsal' } });
    await until(() => svc.getState().state.kind === 'live', 15_000, 'live');
    await until(() => ingest!.liveStreams().includes('rehearsal'), 15_000, 'the ingest to report the push');
    const live = ffprobeJson(['-show_entries', 'stream=codec_name,width,height,avg_frame_rate,r_frame_rate', '-select_streams', 'v', '-read_intervals', '%+1', ingest!.flvUrl('rehearsal')]) as {
      streams: { codec_name: string; width: number; height: number; r_frame_rate: string }[];
    };
    expect(live.streams[0]).toMatchObject({ codec_name: 'h264', width: 1280, height: 720, r_frame_rate: '30/1' });
    // 4.5 s of stream written (ffmpeg's own clock, not the wall clock: a loaded machine is slower),
    // at a frame rate that has settled above 20.
    await until(() => (liveStats(svc)?.outTimeMs ?? 0) >= 4500, 20_000, '4.5 s of stream');
    await until(() => (liveStats(svc)?.fps ?? 0) > 20, 15_000, 'more than 20 frames/s');
    const state = svc.getState();
    expect(state.state.kind === 'live' && state.state.stats?.fps).toBeGreaterThan(20);
    expect(state.target).toContain('txSecret=***');
    const ended = await svc.stop();
    expect(ended.state.kind).toBe('ended');
    const file = ended.recording?.files[0] as string;
    expect(file).toMatch(/rehearsal\.part1\.mkv$/);
    const probe = ffprobeJson(['-show_entries', 'stream=codec_name,width,height:format=duration', file]) as { streams: { codec_name: string; width?: number }[]; format: { duration: string } };
    expect(probe.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
    expect(Number(probe.format.duration)).toBeGreaterThan(4);
    const keys = keyframeTimes(file);
    const gaps = keys.slice(1).map((t, i) => t - (keys[i] as number));
    expect(gaps.length).toBeGreaterThanOrEqual(2);
    for (const g of gaps) expect(g).toBeCloseTo(2, 1);
  }, 90_000);

  it('carries the stream clock: the pulled HTTP-FLV has our SEI on every keyframe (ffprobe: unregistered user data), near the wall clock', async () => {
    const snaps: StreamSnapshot[] = [];
    const svc = service(snaps);
    await svc.start({ layout: 'test', video: { preset: '720p30', bitrateKbps: 800, lowLatency: true }, target: lvb('clocked') });
    await until(() => svc.getState().state.kind === 'live' && ingest!.liveStreams().includes('clocked'), 20_000, 'live');
    expect(svc.clocked).toBe(true);
    const pulled = await pullFlv(ingest!.flvUrl('clocked'), 2500, () => svc.cue('launch-7'));
    const frames = new FlvClockReader().push(new Uint8Array(pulled.bytes));
    const keyframes = frames.filter((f) => f.keyframe);
    expect(keyframes.length).toBeGreaterThanOrEqual(3); // 0.5 s keyframes in the low-latency preset
    for (const k of keyframes) expect(k.mark).not.toBeNull();
    // Capture clock vs arrival at this puller: the clock is behind the wall clock, by under 2 s here.
    for (const m of frames.flatMap((f) => (f.mark ? [f.mark] : []))) {
      expect(m.t).toBeLessThanOrEqual(pulled.endedAt);
      expect(m.t).toBeGreaterThan(pulled.startedAt - 5000);
    }
    expect(frames.some((f) => f.mark?.c === 'launch-7')).toBe(true);
    const file = path.join(tmp.dir, 'clocked.flv');
    fs.writeFileSync(file, pulled.bytes);
    const probe = ffprobeJson(['-select_streams', 'v', '-show_entries', 'frame=key_frame:frame_side_data=side_data_type', file]) as {
      frames: { key_frame: number; side_data_list?: { side_data_type: string }[] }[];
    };
    const decodedKeys = probe.frames.filter((f) => f.key_frame === 1);
    expect(decodedKeys.length).toBeGreaterThanOrEqual(3);
    for (const f of decodedKeys) expect(f.side_data_list?.map((d) => d.side_data_type)).toContain('H.26[45] User Data Unregistered SEI message');
    await svc.stop();
  }, 90_000);

  it('reconnects by itself when the ingest dies mid-push and comes back; the recording continues in a new part', async () => {
    const snaps: StreamSnapshot[] = [];
    const svc = service(snaps);
    await svc.start({ layout: 'test', video: { preset: '720p30', bitrateKbps: 800 }, target: lvb('survivor'), record: { name: 'survivor' } });
    await until(() => svc.getState().state.kind === 'live', 15_000, 'live');
    await until(() => (liveStats(svc)?.outTimeMs ?? 0) >= 3000, 20_000, '3 s of stream in the first part');
    await ingest!.stop();
    await until(() => svc.getState().state.kind === 'reconnecting', 10_000, 'reconnecting');
    const r = svc.getState().state;
    expect(r.kind === 'reconnecting' && r.lastError.code).toMatch(/CONNECTION_LOST|STALLED/);
    await startOurIngest();
    await until(() => svc.getState().state.kind === 'live' && ingest!.liveStreams().includes('survivor'), 25_000, 'live again');
    const s = await svc.stop();
    expect(s.state.kind === 'ended' && s.state.summary.reconnects).toBeGreaterThanOrEqual(1);
    expect(snaps.some((x) => x.state.kind === 'failed')).toBe(false);
    const parts = s.recording?.files ?? [];
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(Number((ffprobeJson(['-show_entries', 'format=duration', parts[0] as string]) as { format: { duration: string } }).format.duration)).toBeGreaterThan(2);
  }, 90_000);

  it('a wrong key ends in INGEST_AUTH_REJECTED without retrying', async () => {
    const snaps: StreamSnapshot[] = [];
    const svc = service(snaps);
    await svc.start({ layout: 'test', target: lvb('intruder', 'not-the-key') });
    await until(() => svc.getState().state.kind === 'failed', 15_000, 'failed');
    // Negative window. 'failed' is decided at once (a retry would have been 'reconnecting' instead), and
    // any backoff timer (≤ 600 ms here) was set before this one, so it fires first even on a slow machine.
    await sleep(1000);
    expect(svc.getState().state).toMatchObject({ kind: 'failed', error: { code: 'INGEST_AUTH_REJECTED' } });
    expect(snaps.some((s) => s.state.kind === 'reconnecting')).toBe(false);
  }, 30_000);

  describeWith([xvfb()])('x11grab', () => {
    let xvfb: ChildProcess | undefined;
    const display = 97;
    beforeAll(async () => {
      xvfb = spawn('/usr/bin/Xvfb', [`:${display}`, '-screen', '0', '1280x720x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
      await until(() => fs.existsSync(`/tmp/.X11-unix/X${display}`), 10_000, 'Xvfb');
    }, 15_000);
    afterAll(() => {
      xvfb?.kill('SIGKILL');
    });

    it('grabs the Xvfb display with a camera stand-in as PiP into a 1280x720 (and 720x1280) file', async () => {
      for (const [preset, w, h] of [['720p30', 1280, 720], ['portrait720', 720, 1280]] as const) {
        const spec = broadcastSpecSchema.parse({
          layout: 'pip', camera: { id: '/dev/video0' }, screen: { id: `:${display}.0` },
          pip: { corner: 'bottom-right', size: 0.3, margin: 20 }, video: { preset }, target: { kind: 'none' }, record: {},
        });
        const out = path.join(tmp.dir, `pip-${preset}.mkv`);
        const built = buildFfmpegArgs(spec, 'linux', { encoders: ['libx264'], verifiedHardware: [] }, { pushUrl: null, recordPath: out, previewPath: null });
        if (!built.ok) throw new Error(built.error.message);
        // No webcam here: swap the v4l2 input for a lavfi source, keeping the builder's graph.
        const args = [...built.value.args];
        const i = args.indexOf('v4l2');
        const end = args.indexOf('/dev/video0');
        args.splice(i - 1, end - i + 2, '-f', 'lavfi', '-i', 'testsrc2=size=640x480:rate=30');
        const r = spawnSync(FFMPEG, ['-t', '2', ...args.slice(0, -1), '-t', '2', out], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, DISPLAY: `:${display}` } });
        expect(r.status, r.stderr.slice(-800)).toBe(0);
        const j = ffprobeJson(['-select_streams', 'v', '-show_entries', 'stream=width,height', out]) as { streams: { width: number; height: number }[] };
        expect(j.streams[0]).toEqual({ width: w, height: h });
      }
    }, 40_000);
  });
});

// Go Live where the first connect cannot succeed: `.invalid` never resolves (RFC 6761), and a port
// just freed has nothing listening. Failed at once, naming the host; no "reconnecting" ever.
describeWith([ffmpeg(), ffprobe()])('a first connect that cannot succeed, with real ffmpeg', () => {
  let tmp: ReturnType<typeof tempDir>;
  const services: BroadcastService[] = [];
  beforeAll(() => {
    tmp = tempDir('stageside-broadcast-fail-');
  });
  afterAll(async () => {
    await Promise.all(services.map((s) => s.dispose()));
    tmp.cleanup();
  });

  const goLive = async (spec: BroadcastSpecInput) => {
    const snaps: StreamSnapshot[] = [];
    const svc = realService(tmp.dir, (s) => snaps.push(s), { baseMs: 200, factor: 1.5, capMs: 1000, jitter: 0, maxAttempts: 10 });
    services.push(svc);
    await svc.start(spec);
    await until(() => svc.getState().state.kind === 'failed', 25_000, 'failed');
    await sleep(1000); // several backoff delays (timers set earlier, so they fire first however slow the machine): nothing more happens
    return { state: svc.getState().state, snaps, svc };
  };
  const kinds = (snaps: StreamSnapshot[]) => snaps.map((s) => s.state.kind).filter((k, i, a) => a[i - 1] !== k);

  it.each([
    ['without recording', undefined],
    ['with recording (tee: ffmpeg keeps recording when the push slave fails)', { name: 'dns' }],
  ])('a push domain that does not resolve, %s: INGEST_DNS_FAILED naming the host, no retries, counters 0', async (_name, record) => {
    const { state, snaps, svc } = await goLive({ layout: 'test', target: { kind: 'url', url: 'rtmp://push.stageside.invalid/live/room1' }, ...(record ? { record } : {}) });
    expect(state).toMatchObject({ kind: 'failed', attempts: 0, wentLive: false, error: { code: 'INGEST_DNS_FAILED', message: expect.stringMatching(/^Cannot resolve push\.stageside\.invalid \(DNS: /) } });
    expect(kinds(snaps)).toEqual(['preparing', 'connecting', 'failed']);
    expect((await svc.stop()).state.kind).toBe('failed');
  }, 40_000);

  it('a closed port: INGEST_REFUSED naming host:port, no retries', async () => {
    const [port] = await pickFreePorts(HOST, 1);
    const { state, snaps } = await goLive({ layout: 'test', target: { kind: 'url', url: `rtmp://${HOST}:${port}/live/room1` } });
    expect(state).toMatchObject({ kind: 'failed', attempts: 0, wentLive: false, error: { code: 'INGEST_REFUSED', message: `${HOST}:${port} refused the connection.` } });
    expect(kinds(snaps)).toEqual(['preparing', 'connecting', 'failed']);
  }, 40_000);
});
