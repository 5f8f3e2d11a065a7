import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWith, ffmpeg } from '../../../test/support/prereqs';
import { tempDir } from '../../../test/support/tempDir';
import { waitFor } from '../../../test/support/waitFor';
import { silentLogger } from '../../node/infra/logger';
import { pickFreePorts, startIngest, type IngestHandle } from '../../studio/ingest/ingestProcess';
import type { CliIo } from '../io';
import { main } from '../main';
import { describeDestination, describeSnapshot, liveLineDue } from './broadcast';
import { showDataSchema } from '../../shared/domain/show/showData';
import { EARLY_CLOSE_MS } from '../../shared/domain/broadcast/stderrClassifier';
import type { DestinationView, StreamSnapshot } from '../../shared/domain/broadcast';
import { broadcastError } from '../../shared/domain/broadcast/errors';

function io(env: Record<string, string | undefined>, interrupt?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), env, readStdin: async () => '', now: () => Date.now(), interrupt };
  return { value, out, err };
}

describe('stageside broadcast: flags', () => {
  it.each([
    [['--source', 'webcam', '--push-url', 'rtmp://h/a/s'], '--source'],
    [['--source', 'test'], 'target'],
    [['--source', 'test', '--push-url', 'rtmp://h/a/s', '--server', 'rtmp://h/a'], 'either'],
    [['--source', 'test', '--preset', '4k', '--push-url', 'rtmp://h/a/s'], '--preset'],
    [['--source', 'test', '--duration', '-1', '--push-url', 'rtmp://h/a/s'], '--duration'],
    [['--source', 'test', '--push-url', 'rtmp://h/a/s', '--push-url', 'rtmp://h/a/t', '--server', 'rtmp://h/a'], 'either'],
    [['--source', 'test', ...Array.from({ length: 9 }, (_, i) => ['--push-url', `rtmp://h/a/s${i}`]).flat()], 'At most 8'],
  ])('%j is a usage error', async (argv, text) => {
    const t = io({});
    expect(await main(['broadcast', ...argv], t.value)).toBe(2);
    expect(t.err.join('\n')).toContain(text);
  });
});

describeWith([ffmpeg()])('stageside broadcast / doctor with real ffmpeg', () => {
  let tmp: ReturnType<typeof tempDir>;
  let ingest: IngestHandle;
  beforeAll(async () => {
    tmp = tempDir();
    const [rtmpPort, httpPort] = await pickFreePorts('127.0.0.1', 2);
    ingest = await startIngest({ rtmpPort: rtmpPort!, httpPort: httpPort!, host: '127.0.0.1', appName: 'live', pushKey: 'cli-key', log: silentLogger() });
  }, 30_000);
  afterAll(async () => {
    await ingest?.stop();
    tmp?.cleanup();
  });

  it('goes live to the studio ingest, prints the checklist, states and stats, records, exits 0 when stopped', async () => {
    const stop = new AbortController();
    const t = io({ STAGESIDE_HOME: tmp.dir, PATH: process.env.PATH }, stop.signal);
    const url = ingest.pushUrl('cli', Math.floor(Date.now() / 1000) + 86400);
    const rec = path.join(tmp.dir, 'out', 'show.mkv');
    // Stopped (as by Ctrl-C) once the first live line is out, whatever the machine's load; the
    // --duration is only a backstop.
    const running = main(['broadcast', '--source', 'test', '--push-url', url, '--record', rec, '--duration', '120'], t.value);
    await waitFor(() => /^live 00:00:0\d +fps/m.test(t.out.join('\n')), { timeoutMs: 40_000, message: 'the first live line' });
    stop.abort();
    const code = await running;
    const text = t.out.join('\n');
    expect(code, text + t.err.join('\n')).toBe(0);
    expect(text).toContain('✓ validate');
    expect(text).toContain('✓ firstProgress');
    expect(text).toMatch(/^live 00:00:0\d +fps/m);
    expect(text).toMatch(/^ended: live/m);
    expect(text).not.toMatch(/txSecret=[0-9a-f]{32}/);
    expect(fs.statSync(path.join(tmp.dir, 'out', 'show.part1.mkv')).size).toBeGreaterThan(10_000);
    // The show report and chapters beside the recording, as the app writes them.
    const report = path.join(tmp.dir, 'out', 'show.show.html');
    expect(text).toContain(`show report: ${report} (data: ${path.join(tmp.dir, 'out', 'show.show.json')}); chapters written into 1 of 1 recording part(s)`);
    const data = showDataSchema.parse(JSON.parse(fs.readFileSync(path.join(tmp.dir, 'out', 'show.show.json'), 'utf8')));
    expect(data.events.map((e) => e.kind)).toEqual(['goLive', 'stop']);
    expect(data.recording).toMatchObject([{ file: path.join(tmp.dir, 'out', 'show.part1.mkv'), chapters: 1, error: null }]);
    expect(fs.readFileSync(report, 'utf8')).toContain('uPlot');
  }, 90_000);

  it('a wrong stream key fails with INGEST_AUTH_REJECTED and exit 1', async () => {
    const t = io({ STAGESIDE_HOME: tmp.dir, PATH: process.env.PATH });
    const url = ingest.pushUrl('cli2', Math.floor(Date.now() / 1000) + 86400).replace(/txSecret=./, 'txSecret=0');
    expect(await main(['broadcast', '--source', 'test', '--push-url', url, '--duration', '10'], t.value)).toBe(1);
    expect(t.out.join('\n')).toContain('failed: INGEST_AUTH_REJECTED');
    // The refused push was never live: no `live 00:00:00` line before the failure.
    expect(t.out.join('\n')).not.toMatch(/^live /m);
  }, 30_000);

  it('doctor --json reports the ffmpeg, its version and libx264', async () => {
    const t = io({ PATH: process.env.PATH });
    expect(await main(['doctor', '--json', '--no-devices'], t.value)).toBe(0);
    const j = JSON.parse(t.out[0] as string) as { ok: boolean; ffmpeg: { path: string; version: string }; x264: boolean };
    expect(j).toMatchObject({ ok: true, x264: true });
    expect(j.ffmpeg.version).toMatch(/^\d|^n/);
  }, 60_000);

  it('doctor without ffmpeg says FFMPEG_NOT_FOUND with install guidance', async () => {
    const t = io({ PATH: '/nonexistent' });
    expect(await main(['doctor', '--ffmpeg', '/nonexistent/ffmpeg'], t.value)).toBe(1);
    expect(t.err.join('\n')).toMatch(/FFMPEG_NOT_FOUND[\s\S]*apt install ffmpeg/);
  });
});

describe('describeDestination', () => {
  const d = (over: Partial<DestinationView>): DestinationView => ({ index: 1, target: 'rtmp://h/live/b?txSecret=***', status: 'live', attempt: 0, since: 0, nextAt: null, error: null, bytes: 0, ...over });
  it('says each destination state on one line, numbered from 1, with the reason of a failure', () => {
    expect(describeDestination(d({ status: 'connecting' }), 0)).toBe('destination 2 rtmp://h/live/b?txSecret=***: connecting');
    expect(describeDestination(d({}), 0)).toBe('destination 2 rtmp://h/live/b?txSecret=***: live');
    const lost = broadcastError('CONNECTION_LOST', 'Connection reset by peer');
    expect(describeDestination(d({ status: 'reconnecting', attempt: 2, nextAt: 4500, error: lost }), 1000)).toBe(
      `destination 2 rtmp://h/live/b?txSecret=***: reconnecting: attempt 2 in 3.5 s after CONNECTION_LOST: ${lost.message} (Connection reset by peer)`,
    );
    expect(describeDestination(d({ status: 'connecting', attempt: 2 }), 0)).toBe('destination 2 rtmp://h/live/b?txSecret=***: connecting (reconnect 2)');
    expect(describeDestination(d({ status: 'failed', attempt: 11, error: lost }), 0)).toMatch(/: failed after CONNECTION_LOST: /);
    expect(describeDestination(d({ status: 'stopped' }), 0)).toBe('destination 2 rtmp://h/live/b?txSecret=***: stopped');
  });
});

describe('describeSnapshot', () => {
  const ended = (wentLive: boolean, outages = wentLive ? 1 : 0, reconnects = wentLive ? 2 : 0) =>
    ({
      state: { kind: 'ended', summary: { startedAt: 0, endedAt: 5000, liveMs: wentLive ? 125_000 : 0, outages, reconnects, wentLive } },
      target: null,
      encoder: null,
      recording: null,
      previewPath: null,
      at: 5000,
    }) as unknown as StreamSnapshot;
  it('says a stop before going live plainly, and live time and reconnects otherwise', () => {
    expect(describeSnapshot(ended(false), 5000)).toBe('ended: stopped before going live');
    expect(describeSnapshot(ended(true), 5000)).toBe('ended: live 00:02:05, 1 outage, 2 reconnect attempts');
  });

  // Issue 13 item 12: "26 reconnect(s)" was printed for 10 outages.
  it('reports outages and reconnect attempts separately', () => {
    expect(describeSnapshot(ended(true, 10, 26), 5000)).toBe('ended: live 00:02:05, 10 outages, 26 reconnect attempts');
    expect(describeSnapshot(ended(true, 1, 1), 5000)).toBe('ended: live 00:02:05, 1 outage, 1 reconnect attempt');
    expect(describeSnapshot(ended(true, 0, 0), 5000)).toBe('ended: live 00:02:05, no outages');
  });

  // Issue 14 item 6: the live time started over at each reconnect, and an estimate read as measured.
  it('counts the whole show on the live line, the time off air apart, and marks an estimated bitrate and a warning', () => {
    const stats = { frames: 1, fps: 22.7, bitrateKbps: 2102.4, bitrateEstimated: true, speed: 0.8, dropFrames: 0, dupFrames: 0, outTimeMs: 0, cpuPercent: 190, memoryMb: 180 };
    const session = { startedAt: 0, reconnects: 2, outages: 2, liveMs: 35_000, wentLive: true, firstLiveAt: 1000, outageSpans: [] };
    const s = {
      state: { kind: 'live', session, attempt: 1, since: 46_000, stats },
      health: { target: { fps: 30, kbps: 2628 }, samples: [], warnings: ['overloaded'], droppedTotal: 0, recentDrops: 0 },
      at: 61_000,
    } as unknown as StreamSnapshot;
    expect(describeSnapshot(s, 61_000)).toBe(
      'live 00:01:00 (off air 00:00:10, 2 outages)  fps 22.7  ~2102 kbps  speed 0.80x  drop 0  dup 0  cpu 190%  mem 180 MB  WARNING: encoder overloaded: choose a lighter preset',
    );
  });

  it('holds the first live line until the push has been up for EARLY_CLOSE_MS (a refused key closes sooner)', () => {
    const live = (since: number, at: number) => ({ state: { kind: 'live', since, stats: null }, at }) as unknown as StreamSnapshot;
    expect(liveLineDue(live(1000, 1000 + EARLY_CLOSE_MS - 1))).toBe(false);
    expect(liveLineDue(live(1000, 1000 + EARLY_CLOSE_MS))).toBe(true);
  });
});
