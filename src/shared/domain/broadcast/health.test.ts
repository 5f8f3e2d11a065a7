import { describe, expect, it } from 'vitest';
import { fixture } from '../../../../test/fixtures/ffmpeg';
import { broadcastError } from './errors';
import { CHART_WINDOW_MS, healthView, newRun, observe, showClock, startHealth, type HealthInput, type HealthState, type HealthWarning } from './health';
import { ProgressParser, type ProgressStats } from './progress';
import { transition, type LiveStats, type StreamEvent, type StreamState } from './stateMachine';

/** 720p30: 2500 kbps video + 128 kbps audio. */
const target = { fps: 30, kbps: 2628 };
const stats: LiveStats = { frames: 30, fps: 30, bitrateKbps: 2500, bitrateEstimated: false, speed: 1, dropFrames: 0, dupFrames: 0, outTimeMs: 1000, cpuPercent: null, memoryMb: null };
const input = (at: number, frame: number, outTimeMs: number, dropFrames = 0, written: HealthInput['written'] = null): HealthInput => ({
  at, frame, outTimeMs, dropFrames, written, ffmpeg: { fps: null, speed: null, bitrateKbps: null },
});

describe('the show clock across reconnects (Live for, time off air)', () => {
  // Live at 1 s; drops at 11 s, back at 15 s; drops at 40 s, a failed attempt, back at 46 s.
  const events: [string, StreamEvent][] = [
    ['start', { type: 'start', at: 0 }],
    ['connect', { type: 'connect', at: 100 }],
    ['first frames', { type: 'progress', at: 1000, stats }],
    ['drop 1', { type: 'failure', at: 11_000, error: broadcastError('CONNECTION_LOST'), random: 0.5 }],
    ['retry', { type: 'retry', at: 14_000 }],
    ['back', { type: 'progress', at: 15_000, stats }],
    ['drop 2', { type: 'failure', at: 40_000, error: broadcastError('CONNECTION_LOST'), random: 0.5 }],
    ['retry', { type: 'retry', at: 42_000 }],
    ['refused', { type: 'failure', at: 42_500, error: broadcastError('INGEST_REFUSED'), random: 0.5 }],
    ['retry', { type: 'retry', at: 45_000 }],
    ['back', { type: 'progress', at: 46_000, stats }],
  ];
  const stateAt = (t: number): StreamState => events.filter(([, e]) => ('at' in e ? e.at : 0) <= t).reduce((s, [, e]) => transition(s, e), { kind: 'idle' } as StreamState);

  it.each([
    // now, state, live for, off air, outages
    [500, 'connecting', null, null, 0],
    [5000, 'live', 4000, 0, 0],
    [12_000, 'reconnecting', 11_000, 1000, 1],
    [14_500, 'connecting', 13_500, 3500, 1],
    [20_000, 'live', 19_000, 4000, 1],
    [41_000, 'reconnecting', 40_000, 5000, 2],
    [43_000, 'reconnecting', 42_000, 7000, 2],
    [60_000, 'live', 59_000, 10_000, 2],
  ] as const)('at %i ms (%s): live for %s, off air %s, %i outages', (now, kind, liveFor, offAir, outages) => {
    const s = stateAt(now);
    expect(s.kind).toBe(kind);
    const clock = showClock(s, now);
    expect(clock === null ? null : [clock.liveForMs, clock.offAirMs, clock.outages]).toEqual(liveFor === null ? null : [liveFor, offAir, outages]);
  });

  it('keeps each outage as a span for the chart marks, and the first live time', () => {
    const s = stateAt(60_000);
    expect(s.kind === 'live' && s.session).toMatchObject({ firstLiveAt: 1000, outageSpans: [{ from: 11_000, to: 15_000 }, { from: 40_000, to: 46_000 }] });
    expect(s.kind === 'live' && s.session.liveMs).toBe(10_000 + 25_000);
  });

  it('stops counting at the stop; none once ended', () => {
    const stopping = transition(stateAt(60_000), { type: 'stop', at: 61_000 });
    expect(showClock(stopping, 70_000)).toMatchObject({ liveForMs: 60_000, offAirMs: 10_000 });
    expect(showClock(transition(stopping, { type: 'exited', at: 62_000 }), 70_000)).toBeNull();
  });
});

/** Feeds one block a second at `fps` frames/s and `speed`× from t = 0; returns the warnings after each. */
function run(phases: { seconds: number; fps: number; speed: number; dropsPerSecond?: number }[]): { t: number; warnings: HealthWarning[]; h: HealthState }[] {
  let h = newRun(startHealth(target));
  let t = 0;
  let frame = 0;
  let out = 0;
  let dropped = 0;
  const rows: { t: number; warnings: HealthWarning[]; h: HealthState }[] = [];
  for (const p of phases) {
    for (let i = 0; i < p.seconds; i++) {
      h = observe(h, input(t * 1000, frame, out, dropped));
      rows.push({ t, warnings: h.warnings, h });
      t += 1;
      frame += p.fps;
      out += p.speed * 1000;
      dropped += p.dropsPerSecond ?? 0;
    }
  }
  return rows;
}

describe('overload: fps under 90 % of the target or speed under 0.95× for 5 s', () => {
  // 30 fps for 5 s, then the 22.7 fps at 0.8× for 15 s, then healthy again.
  const rows = run([
    { seconds: 5, fps: 30, speed: 1 },
    { seconds: 15, fps: 22.7, speed: 0.8 },
    { seconds: 15, fps: 30, speed: 1 },
  ]);
  const at = (t: number) => rows.find((r) => r.t === t)!;

  it.each([
    [4, [], 'healthy'],
    // The 3 s rates first read low at 6 s (the block of 6 s ends the first slow second).
    [6, [], 'below the floors, not yet for 5 s'],
    [10, [], '4 s below'],
    [11, ['overloaded'], '5 s below'],
    [20, ['overloaded'], 'still slow over the last 3 s'],
    [24, ['overloaded'], 'recovered 1 s ago (rates over 3 s caught up at 23 s)'],
    [27, ['overloaded'], '4 s good'],
    [28, [], '5 s good: cleared'],
    [34, [], 'healthy'],
  ] as const)('at %i s: %j (%s)', (t, warnings, _why) => {
    expect(at(t).warnings).toEqual(warnings);
  });

  it('reports current fps and speed, not averages since the run began', () => {
    expect(at(15).h.current).toMatchObject({ fps: 22.7, speed: 0.8 });
    expect(at(34).h.current).toMatchObject({ fps: 30, speed: 1 });
  });

  it('a slow speed alone warns (the encoder keeps the frame rate but falls behind)', () => {
    const slow = run([{ seconds: 12, fps: 30, speed: 0.9 }]);
    expect(slow.at(-1)!.warnings).toEqual(['overloaded']);
  });

  it('a new run judges afresh', () => {
    expect(newRun(at(15).h).warnings).toEqual([]);
  });
});

describe('dropped frames climbing: ≥ 1 % of the target frames dropped in the last 10 s', () => {
  // Drops in the blocks at 2, 3 and 4 s, then none.
  const rows = run([
    { seconds: 1, fps: 30, speed: 1 },
    { seconds: 3, fps: 30, speed: 1, dropsPerSecond: 1 },
    { seconds: 15, fps: 30, speed: 1 },
  ]);
  it.each([
    [2, []],
    [3, []],
    [4, ['dropping']],
    [11, ['dropping']],
    [12, []],
  ] as const)('at %i s: %j', (t, warnings) => {
    expect(rows.find((r) => r.t === t)!.warnings).toEqual(warnings);
  });

  it('counts the whole show, across runs whose counters start over', () => {
    let h = rows.at(-1)!.h;
    expect(h.droppedTotal).toBe(3);
    h = newRun(h);
    h = observe(h, input(20_000, 1, 0, 2));
    expect(h.droppedTotal).toBe(5);
    expect(healthView(h, 20_000).recentDrops).toBe(2);
  });
});

describe('the chart: the last 10 minutes, about one sample a second', () => {
  it('merges blocks closer than a second and forgets what is older than 10 minutes', () => {
    let h = newRun(startHealth(target));
    for (let t = 0; t <= 3000; t += 100) h = observe(h, input(t, t * 0.03, t, t === 2500 ? 1 : 0));
    expect(h.samples.map((s) => s.at)).toEqual([0, 900, 1800, 2700]);
    expect(h.samples.reduce((n, s) => n + s.drops, 0)).toBe(1);
    expect(healthView(h, 2700 + CHART_WINDOW_MS).samples).toEqual([]);
    expect(healthView(h, 900 + CHART_WINDOW_MS - 1).samples.map((s) => s.at)).toEqual([900, 1800, 2700]);
  });
});

/** The blocks of a recorded ffmpeg -progress output. */
const blocks = (name: string): ProgressStats[] => {
  const p = new ProgressParser();
  return fixture(name).split('\n').map((l) => p.push(l)).filter((s): s is ProgressStats => s !== null);
};

describe('bitrate from the bytes written (with recording on, the tee muxer gives bitrate=N/A, total_size=N/A)', () => {
  // The same tee run: its -progress blocks, and its recording's size read once a second.
  const tee = blocks('progress-tee.txt');
  const growth = fixture('recording-growth-tee.tsv').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t').map(Number) as [number, number]);
  const feed = () => {
    let h = newRun(startHealth(target));
    const out: HealthState[] = [];
    tee.forEach((b, i) => {
      const read = growth[Math.min(i, growth.length - 1)]!;
      const at = (i + 1) * 1000;
      h = observe(h, { at, frame: b.frame, outTimeMs: b.outTimeMs, dropFrames: b.dropFrames, written: { at: read[0], bytes: read[1] }, ffmpeg: { fps: b.fps, speed: b.speed, bitrateKbps: b.bitrateKbps } });
      out.push(h);
    });
    return out;
  };

  it('estimates (preset × speed, marked) until the recording has grown for 6 s, then measures', () => {
    const hs = feed();
    expect(hs[2]!.current).toMatchObject({ bitrateEstimated: true });
    expect(hs[2]!.current.bitrateKbps).toBeGreaterThan(2400);
    expect(hs[2]!.samples.at(-1)!.kbps).toBeNull();
    const measured = hs.slice(10);
    // The file ended at 6,973,258 bytes after 20.5 s: 2721 kbit/s (x264's video: 2588 kbit/s).
    for (const h of measured) {
      expect(h.current.bitrateEstimated).toBe(false);
      expect(h.current.bitrateKbps).toBeGreaterThan(2721 * 0.94);
      expect(h.current.bitrateKbps).toBeLessThan(2721 * 1.06);
    }
    expect(measured.at(-1)!.samples.filter((s) => s.kbps !== null).length).toBeGreaterThan(8);
  });

  it('a recording that stopped growing reads as a rate falling toward 0, not the last good one', () => {
    let h = feed().at(-1)!;
    const last = growth.at(-1)!;
    for (let t = 21_000; t <= 40_000; t += 1000) {
      h = observe(h, { ...input(t, 600 + t / 33, t - 1000), written: { at: t, bytes: last[1] } });
    }
    expect(h.current.bitrateKbps).toBe(0);
  });

  it("without tee, ffmpeg's own bitrate stands in until its total_size has grown for 6 s", () => {
    let h = newRun(startHealth(target));
    const push = blocks('progress-push.txt');
    push.forEach((b, i) => {
      const at = (i + 1) * 1000;
      h = observe(h, { at, frame: b.frame, outTimeMs: b.outTimeMs, dropFrames: 0, written: b.totalSize === null ? null : { at, bytes: b.totalSize }, ffmpeg: { fps: b.fps, speed: b.speed, bitrateKbps: b.bitrateKbps } });
    });
    expect(h.current).toMatchObject({ bitrateKbps: 2905.5, bitrateEstimated: false });
    // Then 330,000 bytes a second (2640 kbit/s), measured from the real blocks' 226,284 bytes at 2 s on.
    const last = push.at(-1)!;
    for (let i = 1; i <= 4; i++) {
      const at = (push.length + i) * 1000;
      h = observe(h, { ...input(at, last.frame + 30 * i, last.outTimeMs + 1000 * i), written: { at, bytes: last.totalSize! + 330_000 * i } });
    }
    expect(h.current).toMatchObject({ bitrateKbps: 2596.6, bitrateEstimated: false });
  });
});
