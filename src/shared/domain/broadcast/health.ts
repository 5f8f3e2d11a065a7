// The broadcast's health as the host should see it: current (not since-the-run-began) fps, speed
// and bitrate, the warnings they raise, a 10-minute chart, and the show's clock across reconnects.
// Pure: the service feeds it one point per progress block; the snapshot carries `healthView`.
import { encodingPlan } from './presets';
import type { BroadcastSpec } from './spec';
import type { OutageSpan, StreamState } from './stateMachine';

/** The chart's span; at most one sample a second. */
export const CHART_WINDOW_MS = 10 * 60_000;
export const SAMPLE_EVERY_MS = 1000;
/** fps and speed over the last 3 s: ffmpeg's own are averages since the run began, which hide a slump. */
export const RATE_WINDOW_MS = 3000;
/**
 * Bytes over the last 20 s, step to step: a recording (all ffmpeg tells of a tee's bytes) grows on
 * disk in 256 KiB steps about every 2 s (test/fixtures/ffmpeg/recording-growth-tee.tsv), so a
 * shorter span reads ±20 %; over ≥ 6 s of steps within 20 s it reads within a few percent.
 */
export const BITRATE_WINDOW_MS = 20_000;
const MIN_STEP_SPAN_MS = 6000;
/** A last step older than this: the writes stopped, and the rate runs on to now (falling toward 0). */
const STEP_STALE_MS = 4000;
/** Below the floors for this long warns; above them for this long clears the warning. */
export const OVERLOAD_MS = 5000;
export const FPS_FLOOR = 0.9;
export const SPEED_FLOOR = 0.95;
/** Dropped frames climbing: at least 1 % of the target's frames dropped in the last 10 s. */
export const DROP_WINDOW_MS = 10_000;
export const DROP_SHARE = 0.01;

export interface HealthTarget {
  fps: number;
  /** Video + audio bitrate of the plan (CBR), for the estimate before any bytes are measured. */
  kbps: number;
}

/** One progress block as the service read it. */
export interface HealthInput {
  at: number;
  frame: number;
  outTimeMs: number;
  dropFrames: number;
  /** Bytes written so far by this run and when they were read: ffmpeg's total_size, or (tee, where
   *  ffmpeg says N/A) the recording's size on disk; null when unknown. */
  written: { at: number; bytes: number } | null;
  /** ffmpeg's own figures, used until this run has points enough for current ones. */
  ffmpeg: { fps: number | null; speed: number | null; bitrateKbps: number | null };
}

export interface HealthSample {
  at: number;
  kbps: number | null;
  fps: number | null;
  /** Frames dropped since the previous sample. */
  drops: number;
}

export type HealthWarning = 'overloaded' | 'dropping';

export interface Current {
  fps: number | null;
  speed: number | null;
  bitrateKbps: number | null;
  bitrateEstimated: boolean;
}

export interface HealthState {
  target: HealthTarget;
  /** This run's points within the rate windows (ffmpeg's counters start over with each run). */
  points: { at: number; frame: number; outTimeMs: number; dropFrames: number }[];
  /** This run's byte counts where they grew (steps), within the bitrate window, and the latest read. */
  steps: { at: number; bytes: number }[];
  lastWritten: { at: number; bytes: number } | null;
  current: Current;
  samples: HealthSample[];
  droppedTotal: number;
  /** When fps or speed fell below its floor (null: fine), and when both came back (null: not fine). */
  badSince: number | null;
  goodSince: number | null;
  warnings: HealthWarning[];
}

/** What the snapshot carries: the chart, the warnings and the show's dropped frames. */
export interface BroadcastHealth {
  target: HealthTarget;
  samples: HealthSample[];
  warnings: HealthWarning[];
  droppedTotal: number;
  /** Frames dropped within DROP_WINDOW_MS of the latest sample. */
  recentDrops: number;
}

/** The plan's frame rate and its video + audio bitrate. */
export function healthTarget(spec: BroadcastSpec): HealthTarget {
  const plan = encodingPlan(spec);
  return { fps: plan.fps, kbps: plan.bitrateKbps + plan.audioBitrateKbps };
}

const noCurrent: Current = { fps: null, speed: null, bitrateKbps: null, bitrateEstimated: false };

export const startHealth = (target: HealthTarget): HealthState => ({
  target,
  points: [],
  steps: [],
  lastWritten: null,
  current: noCurrent,
  samples: [],
  droppedTotal: 0,
  badSince: null,
  goodSince: null,
  warnings: [],
});

/** A new ffmpeg run: its counters start at zero, and its overload is judged afresh. */
export const newRun = (h: HealthState): HealthState => ({
  ...h,
  points: [],
  steps: [],
  lastWritten: null,
  current: noCurrent,
  badSince: null,
  goodSince: null,
  warnings: h.warnings.filter((w) => w !== 'overloaded'),
});

const round = (v: number | null, digits: number): number | null => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

function rates(points: HealthState['points']): { fps: number | null; speed: number | null } {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || last.at - first.at < 900) return { fps: null, speed: null };
  const ms = last.at - first.at;
  return { fps: ((last.frame - first.frame) * 1000) / ms, speed: (last.outTimeMs - first.outTimeMs) / ms };
}

/** kbit/s from step to step (a read where the bytes had grown: they were written just before); null until the steps span MIN_STEP_SPAN_MS. */
function measuredKbps(steps: HealthState['steps'], last: HealthState['lastWritten']): number | null {
  const first = steps[0];
  const end = steps.at(-1);
  if (!first || !end || !last) return null;
  // Writes stopped (a push that no longer drains, a full disk): run on to the latest read.
  const to = last.at - end.at > STEP_STALE_MS ? last : end;
  if (to.at - first.at < MIN_STEP_SPAN_MS) return null;
  return ((to.bytes - first.bytes) * 8) / (to.at - first.at);
}

export function observe(h: HealthState, p: HealthInput): HealthState {
  const prev = h.points.at(-1);
  const dropped = Math.max(0, p.dropFrames - (prev?.dropFrames ?? 0));
  const points = [...h.points, { at: p.at, frame: p.frame, outTimeMs: p.outTimeMs, dropFrames: p.dropFrames }].filter((x) => x.at >= p.at - RATE_WINDOW_MS);

  let steps = h.steps;
  let lastWritten = h.lastWritten;
  const w = p.written;
  if (w && w.at !== lastWritten?.at) {
    // The first read is no step: the bytes may have stood there for a while.
    if (lastWritten && w.bytes > lastWritten.bytes) steps = [...steps, w];
    // The latest step stays even when old, so writes that stopped read as a rate falling to 0.
    steps = steps.filter((x, i) => x.at >= w.at - BITRATE_WINDOW_MS || i === steps.length - 1);
    lastWritten = w;
  }

  const r = rates(points);
  const fps = r.fps ?? p.ffmpeg.fps;
  const speed = r.speed ?? p.ffmpeg.speed;
  const measured = measuredKbps(steps, lastWritten);
  const known = measured ?? p.ffmpeg.bitrateKbps;
  const current: Current = {
    fps: round(fps, 1),
    speed: round(speed, 2),
    bitrateKbps: round(known ?? h.target.kbps * (speed ?? 1), 1),
    bitrateEstimated: known === null,
  };

  // Overload is judged on current figures only: ffmpeg's averages lag behind a slump and a recovery.
  let { badSince, goodSince } = h;
  let overloaded = h.warnings.includes('overloaded');
  if (r.fps !== null && r.speed !== null) {
    const bad = r.fps < FPS_FLOOR * h.target.fps || r.speed < SPEED_FLOOR;
    if (bad) {
      goodSince = null;
      badSince ??= p.at;
      if (p.at - badSince >= OVERLOAD_MS) overloaded = true;
    } else {
      badSince = null;
      goodSince ??= p.at;
      if (p.at - goodSince >= OVERLOAD_MS) overloaded = false;
    }
  }

  // One chart sample a second at most: a block that comes sooner updates the latest sample.
  const lastSample = h.samples.at(-1);
  const sample: HealthSample = { at: p.at, kbps: current.bitrateEstimated ? null : current.bitrateKbps, fps: current.fps, drops: dropped };
  const samples =
    lastSample && p.at - lastSample.at < SAMPLE_EVERY_MS * 0.9
      ? [...h.samples.slice(0, -1), { ...sample, at: lastSample.at, drops: lastSample.drops + dropped }]
      : [...h.samples, sample];
  const kept = samples.filter((x) => x.at > p.at - CHART_WINDOW_MS);

  const dropping = dropsWithin(kept, p.at) >= Math.max(1, Math.ceil(DROP_SHARE * h.target.fps * (DROP_WINDOW_MS / 1000)));
  const warnings: HealthWarning[] = [...(overloaded ? (['overloaded'] as const) : []), ...(dropping ? (['dropping'] as const) : [])];
  return { ...h, points, steps, lastWritten, current, samples: kept, droppedTotal: h.droppedTotal + dropped, badSince, goodSince, warnings };
}

const dropsWithin = (samples: readonly HealthSample[], at: number): number =>
  samples.filter((x) => x.at > at - DROP_WINDOW_MS).reduce((n, x) => n + x.drops, 0);

/** The snapshot's part: the last 10 minutes as of `now`. */
export function healthView(h: HealthState, now: number): BroadcastHealth {
  const samples = h.samples.filter((x) => x.at > now - CHART_WINDOW_MS);
  const latest = samples.at(-1)?.at ?? now;
  return { target: h.target, samples, warnings: h.warnings, droppedTotal: h.droppedTotal, recentDrops: dropsWithin(samples, latest) };
}

export interface ShowClock {
  /** Since the push first went live: the whole show, across reconnects. */
  liveForMs: number;
  /** The part of it the push was not live (outages and the reconnects that ended them). */
  offAirMs: number;
  outages: number;
  outageSpans: OutageSpan[];
}

/** The show's clock as of `now`; null before the push first went live (or once the session is over). */
export function showClock(s: StreamState, now: number): ShowClock | null {
  if (s.kind !== 'live' && s.kind !== 'connecting' && s.kind !== 'reconnecting' && s.kind !== 'stopping') return null;
  const { firstLiveAt, liveMs, outages, outageSpans } = s.session;
  if (firstLiveAt === null) return null;
  // `stopping` already counted its last live period into liveMs; its clock stops at the stop.
  const at = s.kind === 'stopping' ? s.since : Math.max(now, firstLiveAt);
  const onAir = liveMs + (s.kind === 'live' ? Math.max(0, at - s.since) : 0);
  const liveForMs = at - firstLiveAt;
  return { liveForMs, offAirMs: Math.max(0, liveForMs - onAir), outages, outageSpans };
}
