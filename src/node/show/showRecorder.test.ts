// The recorder end to end on real files: two recording parts made by Debian's ffmpeg (a reconnect),
// a show's snapshots, launches, a status change, an announcement, an automatic pause and the room's
// figures in; the JSON, the self-contained HTML and a chaptered part per recording part out.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { describeWith, ffmpeg, ffprobe } from '../../../test/support/prereqs';
import type { StreamSnapshot } from '../../shared/domain/broadcast/snapshot';
import type { StreamState } from '../../shared/domain/broadcast/stateMachine';
import { showDataSchema } from '../../shared/domain/show/showData';
import type { AutoPauseSnapshot } from '../../shared/roomContract';
import { tempDir } from '../../../test/support/tempDir';
import { silentLogger } from '../infra/logger';
import { listShows, reportFile } from './showFiles';
import { ShowRecorder } from './showRecorder';

const FFMPEG = process.env.FFMPEG_PATH ?? '/usr/bin/ffmpeg';
const FFPROBE = '/usr/bin/ffprobe';

const session = { startedAt: 0, reconnects: 0, outages: 0, liveMs: 0, wentLive: true, firstLiveAt: 1000, outageSpans: [] };
const snap = (at: number, state: StreamState, files: string[], samples: { at: number; kbps: number; fps: number; drops: number }[] = []): StreamSnapshot => ({
  state,
  target: 'rtmp://127.0.0.1/live/x?txSecret=***',
  encoder: 'libx264',
  recording: { files, error: null },
  previewPath: null,
  health: { target: { fps: 30, kbps: 2628 }, samples, warnings: [], droppedTotal: 0, recentDrops: 0 },
  at,
});

function makePart(file: string, seconds: number): void {
  execFileSync(FFMPEG, ['-hide_banner', '-v', 'error', '-f', 'lavfi', '-i', `testsrc=size=160x120:rate=10:duration=${seconds}`, '-c:v', 'libx264', '-preset', 'ultrafast', file]);
}

const probeChapters = (file: string): { start_time: string; end_time: string; tags: { title: string } }[] =>
  (JSON.parse(execFileSync(FFPROBE, ['-v', 'error', '-print_format', 'json', '-show_chapters', file], { encoding: 'utf8' })) as { chapters: { start_time: string; end_time: string; tags: { title: string } }[] }).chapters;

describeWith([ffmpeg(), ffprobe()])('ShowRecorder', () => {
  let t: ReturnType<typeof tempDir> | undefined;
  afterEach(() => t?.cleanup());

  it('writes the report (JSON + HTML with uPlot inlined) and a chapter per launch into each part', async () => {
    t = tempDir('stageside-show-');
    const part1 = path.join(t.dir, 'stageside-20260101-100000.part1.mkv');
    const part2 = path.join(t.dir, 'stageside-20260101-100000.part2.mkv');
    makePart(part1, 6);
    makePart(part2, 6);
    const before = fs.statSync(part1).size;
    const written: string[] = [];
    const rec = new ShowRecorder({ recordingsDir: t.dir, log: silentLogger(), chapters: { ffmpegPath: async () => FFMPEG }, onWritten: (w) => written.push(w.id) });
    const base = 1_700_000_000_000;
    const ap = (entries: AutoPauseSnapshot['entries']): AutoPauseSnapshot => ({ enabled: true, afterSeconds: 1, phase: 'up', pushDownSince: null, entries });
    // A journal entry from before the show is not one of its events.
    rec.autoPause(ap([{ id: 1, kind: 'paused', at: base - 5000, groupId: 'g', pushLostAt: base - 6000 }]));
    rec.admin({ kind: 'launch', title: 'Before the show' }, base - 1000);
    rec.broadcast(snap(base, { kind: 'preparing', session, checklist: [] }, []));
    rec.broadcast(snap(base + 100, { kind: 'connecting', session, attempt: 0, since: base + 100, checklist: [] }, [part1]));
    rec.broadcast(snap(base + 500, { kind: 'live', session, attempt: 0, since: base + 500, stats: null }, [part1], [{ at: base + 500, kbps: 2500, fps: 30, drops: 0 }]));
    rec.roomCounters(base + 600, { messages: 10, likes: 0, gifts: 0, purchases: 0 });
    rec.viewersOnline(base + 700, 4);
    rec.admin({ kind: 'launch', title: 'Red lipstick; #1 = best' }, base + 2000);
    rec.admin({ kind: 'announcement', text: 'Free shipping today' }, base + 3000);
    rec.admin({ kind: 'status', status: 'paused' }, base + 4000);
    rec.broadcast(snap(base + 5000, { kind: 'live', session, attempt: 0, since: base + 500, stats: null }, [part1], [{ at: base + 500, kbps: 2500, fps: 30, drops: 0 }, { at: base + 1500, kbps: 2400, fps: 29, drops: 2 }]));
    rec.broadcast(snap(base + 6100, { kind: 'reconnecting', session, attempt: 1, maxAttempts: 10, nextAt: base + 7000, lastError: { code: 'INGEST_CLOSED', message: 'closed', hint: '' } as never }, [part1]));
    rec.autoPause(ap([{ id: 1, kind: 'paused', at: base - 5000, groupId: 'g', pushLostAt: base - 6000 }, { id: 2, kind: 'paused', at: base + 6500, groupId: 'g', pushLostAt: base + 6100 }]));
    rec.broadcast(snap(base + 7000, { kind: 'connecting', session, attempt: 1, since: base + 7000, checklist: [] }, [part1, part2]));
    rec.broadcast(snap(base + 7400, { kind: 'live', session: { ...session, reconnects: 1 }, attempt: 1, since: base + 7400, stats: null }, [part1, part2]));
    rec.admin({ kind: 'launch', title: 'Blue scarf' }, base + 9000);
    rec.roomCounters(base + 10_600, { messages: 60, likes: 12, gifts: 3, purchases: 1 });
    rec.viewerDelay(base + 11_000, 1800);
    rec.broadcast(snap(base + 12_000, { kind: 'stopping', since: base + 12_000 } as never, [part1, part2]));
    rec.broadcast(snap(base + 13_000, { kind: 'ended', summary: { startedAt: base, endedAt: base + 13_000, liveMs: 11_000, outages: 1, reconnects: 1, wentLive: true } }, [part1, part2]));
    // After the show: ignored.
    rec.admin({ kind: 'launch', title: 'After the show' }, base + 14_000);
    await rec.settled();

    expect(written).toEqual(['stageside-20260101-100000']);
    const json = JSON.parse(fs.readFileSync(path.join(t.dir, 'stageside-20260101-100000.show.json'), 'utf8')) as unknown;
    const data = showDataSchema.parse(json);
    expect(data.events.map((e) => [e.at - base, e.kind, e.label])).toEqual([
      [500, 'goLive', ''],
      [2000, 'launch', 'Red lipstick; #1 = best'],
      [3000, 'announcement', 'Free shipping today'],
      [4000, 'status', 'paused'],
      [6100, 'pushLost', 'INGEST_CLOSED'],
      [6500, 'autoPause', ''],
      [7400, 'reconnected', '1'],
      [9000, 'launch', 'Blue scarf'],
      [12_000, 'stop', ''],
    ]);
    expect(data.series.health.map((h) => h.at - base)).toEqual([500, 1500]);
    expect(data.series.counters).toHaveLength(2);
    expect(data.series.online).toEqual([{ at: base + 700, count: 4 }]);
    expect(data.series.viewerDelay).toEqual([{ at: base + 11_000, ms: 1800 }]);
    expect(data.recording.map((p) => [path.basename(p.file), p.startedAt - base, p.endedAt - base, p.chapters, p.error])).toEqual([
      // Each part's clock starts at its run's first frames (live), not when the file was named.
      ['stageside-20260101-100000.part1.mkv', 500, 7400, 3, null],
      ['stageside-20260101-100000.part2.mkv', 7400, 13_000, 2, null],
    ]);

    // Chapters: part 1 opens with the show, then the launch (its title as typed), the status; part 2
    // carries on the status current at its start, then the second launch.
    const c1 = probeChapters(part1);
    // Part 1 holds 6 s: the automatic pause at 6.0 s of its wall-clock span is at its end.
    expect(c1.map((c) => c.tags.title)).toEqual(['Show start', 'Red lipstick; #1 = best', 'Status: Paused']);
    expect(Number(c1[1]?.start_time)).toBeCloseTo(1.5, 1);
    expect(Number(c1[2]?.end_time)).toBeCloseTo(6.0, 1);
    const c2 = probeChapters(part2);
    expect(c2.map((c) => c.tags.title)).toEqual(['Status: paused (push lost) (continued)', 'Blue scarf']);
    expect(Number(c2[1]?.start_time)).toBeCloseTo(1.6, 1);
    expect(fs.statSync(part1).size).toBeGreaterThan(before * 0.9);
    expect(fs.readdirSync(t.dir).filter((f) => f.includes('chaptering') || f.endsWith('.chapters.txt'))).toEqual([]);

    const html = fs.readFileSync(path.join(t.dir, 'stageside-20260101-100000.show.html'), 'utf8');
    expect(html).toContain('uPlot');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/);
    expect(html).toContain('Red lipstick; #1 = best');

    expect((await listShows(t.dir)).map((s) => [s.id, s.launches, s.peakOnline])).toEqual([['stageside-20260101-100000', 2, 4]]);
    expect(await reportFile(t.dir, 'stageside-20260101-100000')).toBe(path.join(t.dir, 'stageside-20260101-100000.show.html'));
    expect(await reportFile(t.dir, '../stageside-20260101-100000')).toBeNull();
  });

  it("chapters a fragmented MP4 without stretching its duration past the part's end", async () => {
    t = tempDir('stageside-show-');
    const part = path.join(t.dir, 'mp4show.part1.mp4');
    execFileSync(FFMPEG, ['-hide_banner', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=4', '-c:v', 'libx264', '-preset', 'ultrafast', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', part]);
    const rec = new ShowRecorder({ recordingsDir: t.dir, log: silentLogger(), chapters: { ffmpegPath: async () => FFMPEG } });
    rec.broadcast(snap(1000, { kind: 'live', session, attempt: 0, since: 1000, stats: null }, [part]));
    rec.admin({ kind: 'launch', title: 'Lipstick' }, 3000);
    // The wall clock says the part ran 9 s; the file holds 4 s.
    rec.broadcast(snap(10_000, { kind: 'ended', summary: { startedAt: 1000, endedAt: 10_000, liveMs: 9000, outages: 0, reconnects: 0, wentLive: true } }, [part]));
    await rec.settled();
    expect(probeChapters(part).map((c) => [c.tags.title, Number(c.start_time), Number(c.end_time)])).toEqual([
      ['Show start', 0, 2],
      ['Lipstick', 2, 4],
    ]);
    const duration = Number(execFileSync(FFPROBE, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', part], { encoding: 'utf8' }).trim());
    expect(duration).toBeCloseTo(4, 0);
  });

  it('keeps a part as it was when ffmpeg fails, and says why in the data', async () => {
    t = tempDir('stageside-show-');
    const part = path.join(t.dir, 'broken.part1.mkv');
    fs.writeFileSync(part, 'not a matroska file');
    const rec = new ShowRecorder({ recordingsDir: t.dir, log: silentLogger(), chapters: { ffmpegPath: async () => FFMPEG }, language: () => 'zh-CN' });
    rec.broadcast(snap(1000, { kind: 'connecting', session, attempt: 0, since: 1000, checklist: [] }, [part]));
    rec.broadcast(snap(2000, { kind: 'live', session, attempt: 0, since: 2000, stats: null }, [part]));
    rec.admin({ kind: 'launch', title: 'A' }, 3000);
    rec.broadcast(snap(5000, { kind: 'ended', summary: { startedAt: 1000, endedAt: 5000, liveMs: 3000, outages: 0, reconnects: 0, wentLive: true } }, [part]));
    await rec.settled();
    expect(fs.readFileSync(part, 'utf8')).toBe('not a matroska file');
    const data = showDataSchema.parse(JSON.parse(fs.readFileSync(path.join(t.dir, 'broken.show.json'), 'utf8')));
    expect(data.recording[0]?.error).toMatch(/^ffmpeg exited 1/);
    expect(data.recording[0]?.chapters).toBe(0);
    // Worded in the console's language; the product as typed.
    const html = fs.readFileSync(path.join(t.dir, 'broken.show.html'), 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<title>直播报告：broken</title>');
    expect(html).toContain('无章节（ffmpeg exited 1');
  });

  it('writes nothing for a broadcast that never went live', async () => {
    t = tempDir('stageside-show-');
    const rec = new ShowRecorder({ recordingsDir: t.dir, log: silentLogger() });
    rec.broadcast(snap(1000, { kind: 'connecting', session, attempt: 0, since: 1000, checklist: [] }, []));
    rec.broadcast(snap(2000, { kind: 'failed', error: { code: 'INGEST_REFUSED', message: 'x', hint: '' } as never, at: 2000, attempts: 0, wentLive: false }, []));
    await rec.settled();
    expect(fs.readdirSync(t.dir)).toEqual([]);
  });
});

describeWith([ffmpeg()])('ShowRecorder.dispose', () => {
  it('stops chapters still being written after the grace, keeps the part and still writes the report', async () => {
    const t = tempDir('stageside-show-');
    try {
      const part = path.join(t.dir, 'quit.part1.mkv');
      makePart(part, 2);
      const original = fs.readFileSync(part);
      // An "ffmpeg" that never finishes: the remux a quit must not wait for.
      const hang = path.join(t.dir, 'hang.sh');
      fs.writeFileSync(hang, '#!/bin/sh\nexec sleep 60\n', { mode: 0o755 });
      const rec = new ShowRecorder({ recordingsDir: t.dir, log: silentLogger(), chapters: { ffmpegPath: async () => hang } });
      rec.broadcast(snap(1000, { kind: 'live', session, attempt: 0, since: 1000, stats: null }, [part]));
      rec.admin({ kind: 'launch', title: 'A' }, 1500);
      rec.broadcast(snap(3000, { kind: 'ended', summary: { startedAt: 1000, endedAt: 3000, liveMs: 2000, outages: 0, reconnects: 0, wentLive: true } }, [part]));
      const started = Date.now();
      await rec.dispose(100);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(fs.readFileSync(part).equals(original)).toBe(true);
      const data = showDataSchema.parse(JSON.parse(fs.readFileSync(path.join(t.dir, 'quit.show.json'), 'utf8')));
      expect(data.recording[0]?.error).toMatch(/the app is quitting: stopped/);
    } finally {
      t.cleanup();
    }
  });
});
