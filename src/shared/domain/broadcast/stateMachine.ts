// The stream state machine. Pure: `transition(state, event)`; timers, spawning and
// signing live in the service (src/node/broadcast/broadcastService.ts) that reacts to states.
//
//   idle → preparing(checklist) → connecting(attempt) ──first frames──→ live(since, stats)
//              │                    │        ↑ retry                      │ exit/stall
//              │                    │        └── reconnecting(attempt, ←──┘ (and a reconnect
//              │                    │             nextAt, lastError)         that fails again)
//              ↓ bad spec, device   ↓ first connect    ↓ auth error / bad spec / give up
//              └──────────────────→ failed(error, wentLive) ←───────────────┘
//
//   stop, from any active state → stopping → ended(summary)
//
// Only a push that has been live reconnects by itself: a failure before that (DNS, refused port,
// bad key, no first frames) is `failed` at once, since the host just pressed Go Live and the same
// cause would fail every retry. Reconnect counters therefore count only reconnects after live:
// `outages` the drops of a live push, `reconnects` the attempts (one outage may take several).
// The session also keeps the show's clock: when it first went live and when each outage began and
// ended (health.ts turns them into "live for" and the time off air). A user stop is never a failure.
import { backoffDelay, type BackoffPolicy } from '../backoff';
import { isRetryable, type BroadcastError } from './errors';

/**
 * Reconnect delays like OBS's: 2 s, then ×1.5 per attempt with ±20 % jitter, capped at 60 s, and
 * 10 attempts after which the stream gives up (the host can still "retry now").
 */
export const defaultBackoff: BackoffPolicy = { baseMs: 2000, factor: 1.5, capMs: 60_000, jitter: 0.2, maxAttempts: 10 };

export type ChecklistStep = 'validate' | 'sign' | 'probe' | 'spawn' | 'firstProgress';
export type StepStatus = 'pending' | 'running' | 'ok' | 'failed';
export interface ChecklistItem {
  step: ChecklistStep;
  status: StepStatus;
}
export const checklistSteps: ChecklistStep[] = ['validate', 'sign', 'probe', 'spawn', 'firstProgress'];

export interface LiveStats {
  frames: number;
  /** Frames per second and speed over the last few seconds (ffmpeg's own are averages since the run began). */
  fps: number | null;
  /** What goes out now (health.ts: measured from the bytes written, else ffmpeg's figure, else estimated). */
  bitrateKbps: number | null;
  /** No bytes measured yet: the preset's rate × speed, shown as an estimate. */
  bitrateEstimated: boolean;
  speed: number | null;
  dropFrames: number;
  dupFrames: number;
  outTimeMs: number;
  /** ffmpeg's CPU use in percent of one core over the last second; null when unknown. */
  cpuPercent: number | null;
  memoryMb: number | null;
}

export interface Session {
  startedAt: number;
  /** Reconnect attempts so far (successful or not); only a push that has been live reconnects. */
  reconnects: number;
  /** Times the push dropped while live (each followed by one or more reconnect attempts, or a give-up). */
  outages: number;
  /** Time spent live before the current live period. */
  liveMs: number;
  /** The push has been live (first frames out) in this session. */
  wentLive: boolean;
  /** When the push first went live (the show's clock); null before. */
  firstLiveAt: number | null;
  /** The latest outages of the live push (at most MAX_OUTAGE_SPANS): dropped at `from`, live again at `to` (null: not yet). */
  outageSpans: OutageSpan[];
}

export interface OutageSpan {
  from: number;
  to: number | null;
}

/** Enough for the health chart's 10 minutes (10 outages of 10 attempts each take longer than that). */
export const MAX_OUTAGE_SPANS = 20;

export type StreamState =
  | { kind: 'idle' }
  | { kind: 'preparing'; session: Session; checklist: ChecklistItem[] }
  /** attempt 0 is the first connection, n the n-th reconnect. */
  | { kind: 'connecting'; session: Session; attempt: number; since: number; checklist: ChecklistItem[] }
  | { kind: 'live'; session: Session; attempt: number; since: number; stats: LiveStats | null }
  | { kind: 'reconnecting'; session: Session; attempt: number; maxAttempts: number; nextAt: number; lastError: BroadcastError }
  | { kind: 'stopping'; session: Session; since: number }
  /** `wentLive: false`: stopped before the first frames went out (nothing to summarise). */
  | { kind: 'ended'; summary: { startedAt: number; endedAt: number; liveMs: number; outages: number; reconnects: number; wentLive: boolean } }
  /** `wentLive: false`: Go Live itself failed (never on air); `attempts`: reconnects tried before giving up. */
  | { kind: 'failed'; error: BroadcastError; at: number; attempts: number; wentLive: boolean };

export type StreamStateKind = StreamState['kind'];

export type StreamEvent =
  | { type: 'start'; at: number }
  | { type: 'step'; step: ChecklistStep; status: StepStatus }
  | { type: 'connect'; at: number }
  | { type: 'progress'; at: number; stats: LiveStats }
  | { type: 'failure'; at: number; error: BroadcastError; random: number }
  | { type: 'retry'; at: number }
  | { type: 'stop'; at: number }
  | { type: 'exited'; at: number };

/** Live this long before a drop, the backoff starts over at attempt 1 (flapping keeps counting). */
export const STABLE_LIVE_MS = 10_000;

const setStep = (list: ChecklistItem[], step: ChecklistStep, status: StepStatus): ChecklistItem[] =>
  list.map((i) => (i.step === step ? { step, status } : i));

const freshChecklist = (): ChecklistItem[] => checklistSteps.map((step) => ({ step, status: 'pending' as const }));

function onFailure(
  s: Extract<StreamState, { kind: 'connecting' | 'live' }>,
  e: Extract<StreamEvent, { type: 'failure' }>,
  policy: BackoffPolicy,
): StreamState {
  const liveMs = s.session.liveMs + (s.kind === 'live' ? e.at - s.since : 0);
  // A drop while live is a new outage; a reconnect that fails again is the same one.
  const outages = s.session.outages + (s.kind === 'live' ? 1 : 0);
  const stable = s.kind === 'live' && e.at - s.since >= STABLE_LIVE_MS;
  const attempt = stable ? 1 : s.attempt + 1;
  const wentLive = s.session.wentLive;
  const outageSpans = s.kind === 'live' ? [...s.session.outageSpans, { from: e.at, to: null }].slice(-MAX_OUTAGE_SPANS) : s.session.outageSpans;
  // The first connect never turns into "connection lost, reconnecting": it fails as itself.
  if (!isRetryable(e.error.code) || !wentLive) return { kind: 'failed', error: e.error, at: e.at, attempts: s.attempt, wentLive };
  if (attempt > policy.maxAttempts) {
    return {
      kind: 'failed',
      error: { ...e.error, detail: `gave up after ${policy.maxAttempts} reconnect attempts; last: ${e.error.detail ?? e.error.message}` },
      at: e.at,
      attempts: s.attempt,
      wentLive,
    };
  }
  return {
    kind: 'reconnecting',
    session: { ...s.session, liveMs, outages, outageSpans },
    attempt,
    maxAttempts: policy.maxAttempts,
    nextAt: e.at + backoffDelay(attempt, e.random, policy),
    lastError: e.error,
  };
}

export function transition(s: StreamState, e: StreamEvent, policy: BackoffPolicy = defaultBackoff): StreamState {
  switch (e.type) {
    case 'start':
      if (s.kind === 'idle' || s.kind === 'ended' || s.kind === 'failed') {
        const session: Session = { startedAt: e.at, reconnects: 0, outages: 0, liveMs: 0, wentLive: false, firstLiveAt: null, outageSpans: [] };
        return { kind: 'preparing', session, checklist: freshChecklist() };
      }
      return s;
    case 'step':
      if (s.kind === 'preparing' || s.kind === 'connecting') return { ...s, checklist: setStep(s.checklist, e.step, e.status) };
      return s;
    case 'connect':
      if (s.kind === 'preparing') {
        return { kind: 'connecting', session: s.session, attempt: 0, since: e.at, checklist: setStep(s.checklist, 'spawn', 'running') };
      }
      return s;
    case 'progress':
      if (s.kind === 'connecting' && e.stats.frames > 0) {
        const spans = s.session.outageSpans;
        const last = spans.at(-1);
        const outageSpans = last && last.to === null ? [...spans.slice(0, -1), { from: last.from, to: e.at }] : spans;
        return { kind: 'live', session: { ...s.session, wentLive: true, firstLiveAt: s.session.firstLiveAt ?? e.at, outageSpans }, attempt: s.attempt, since: e.at, stats: e.stats };
      }
      if (s.kind === 'live') return { ...s, stats: e.stats };
      return s;
    case 'failure':
      if (s.kind === 'preparing') return { kind: 'failed', error: e.error, at: e.at, attempts: 0, wentLive: false };
      if (s.kind === 'connecting' || s.kind === 'live') return onFailure(s, e, policy);
      return s;
    case 'retry':
      if (s.kind === 'reconnecting') {
        return {
          kind: 'connecting',
          session: { ...s.session, reconnects: s.session.reconnects + 1 },
          attempt: s.attempt,
          since: e.at,
          checklist: checklistSteps.map((step) => ({ step, status: step === 'spawn' ? 'running' : step === 'firstProgress' ? 'pending' : 'ok' })),
        };
      }
      return s;
    case 'stop':
      if (s.kind === 'preparing' || s.kind === 'connecting' || s.kind === 'reconnecting') return { kind: 'stopping', session: s.session, since: e.at };
      if (s.kind === 'live') return { kind: 'stopping', session: { ...s.session, liveMs: s.session.liveMs + (e.at - s.since) }, since: e.at };
      return s;
    case 'exited':
      if (s.kind === 'stopping') {
        return {
          kind: 'ended',
          summary: {
            startedAt: s.session.startedAt,
            endedAt: e.at,
            liveMs: s.session.liveMs,
            outages: s.session.outages,
            reconnects: s.session.reconnects,
            wentLive: s.session.wentLive,
          },
        };
      }
      return s;
  }
}

export const isActive = (s: StreamState): boolean =>
  s.kind === 'preparing' || s.kind === 'connecting' || s.kind === 'live' || s.kind === 'reconnecting' || s.kind === 'stopping';
