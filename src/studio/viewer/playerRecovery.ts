// A live player that recovers by itself: notices a stall (the video's currentTime stops advancing
// while it should play), the end of the stream or a player error, reconnects with backoff and, once
// data flows again, jumps to the live edge. Pure, so it is table-tested in Node; the mpegts.js
// adapter (liveFlvPlayer.ts) feeds it samples and events and carries out its actions. Reusable by
// any web player of an HTTP-FLV or MSE live stream (docs/studio.md, "Viewers recover by themselves").
//
//   connecting(attempt) ──currentTime advances──→ playing(lastTime, lastAdvanceAt)
//        ↑  │ error / end of stream /                 │ error / end of stream /
//  reload│  │ nothing for startTimeoutMs              │ no advance for stallMs
//        │  ↓                                         ↓
//        └─ waiting(attempt, retryAt, reason) ←───────┘
//
// Every state knows whether this page has played before (`played`): before the first frame the
// viewer is waiting for the host, after it the player is reconnecting. A user's pause stops the clocks.
import { backoffDelay, type Backoff } from '../../shared/domain/backoff';

export interface RecoveryPolicy {
  /** Delay before reconnect attempt n (the shared backoff). */
  backoff: Backoff;
  /** No advance of currentTime for this long while playing (and not paused) is a stall. */
  stallMs: number;
  /** A (re)connection that has not played after this long is tried again. */
  startTimeoutMs: number;
  /** Further behind the end of the buffer than this (s), playback jumps to the live edge. */
  liveEdgeMaxLagS: number;
  /** Where the jump lands: this far (s) before the end of the buffer. */
  liveEdgeTargetS: number;
}

/**
 * Retries after 0.5 s, then every 1 s at most (jitter only shortens, so a crowd of viewers does not
 * come back in step); a stall is 3 s without progress. Short, because a viewer should be playing
 * within 3 s of the push being back: a retry against a stopped server is one refused connection,
 * and one against a running server with no push yet stays attached until the push comes (the
 * studio's ingest, like a CDN, ends its players when the push stops), so the retries stop there.
 * A stall is only the fallback for a connection that hangs without ending.
 */
export const defaultRecoveryPolicy: RecoveryPolicy = {
  backoff: { baseMs: 500, factor: 2, capMs: 1000, jitter: 0.3, jitterMode: 'below' },
  stallMs: 3000,
  startTimeoutMs: 15_000,
  liveEdgeMaxLagS: 3,
  liveEdgeTargetS: 0.5,
};

export type RecoveryReason = 'stall' | 'ended' | 'error' | 'timeout';

export type RecoveryState =
  /** A player is loading; `lastTime` is the last currentTime seen (null before the first sample of the page). */
  | { kind: 'connecting'; attempt: number; since: number; lastTime: number | null; played: boolean }
  | { kind: 'playing'; lastTime: number; lastAdvanceAt: number; played: true }
  /** No player: the next one is loaded at `retryAt`. */
  | { kind: 'waiting'; attempt: number; retryAt: number; reason: RecoveryReason; played: boolean };

export type RecoveryEvent =
  /** The video element, read every few hundred ms; `bufferedEnd` is the end of its last buffered range. */
  | { type: 'sample'; at: number; currentTime: number; bufferedEnd: number | null; paused: boolean }
  /** The stream ended (the loader completed, or the element played to its end). */
  | { type: 'ended'; at: number }
  | { type: 'error'; at: number }
  /** A hint that the stream is back (the room went Live again, the studio answers again): retry now. */
  | { type: 'nudge'; at: number };

export type RecoveryAction = { type: 'reload' } | { type: 'close' } | { type: 'seek'; to: number };

export interface RecoveryStep {
  state: RecoveryState;
  actions: RecoveryAction[];
}

/** What the page shows: the video, "Waiting for the host to go live" or "Reconnecting…". */
export type RecoveryView = 'playing' | 'waitingForHost' | 'reconnecting';

export const initialRecovery = (at: number): RecoveryState => ({ kind: 'connecting', attempt: 0, since: at, lastTime: null, played: false });

export function recoveryView(s: RecoveryState): RecoveryView {
  if (s.kind === 'playing') return 'playing';
  return s.played ? 'reconnecting' : 'waitingForHost';
}

/** A small forward move of currentTime below this is noise, not playback. */
const ADVANCE_EPSILON_S = 0.01;

function retry(s: RecoveryState, at: number, reason: RecoveryReason, random: number, p: RecoveryPolicy): RecoveryStep {
  const attempt = (s.kind === 'playing' ? 0 : s.attempt) + 1;
  return {
    state: { kind: 'waiting', attempt, retryAt: at + backoffDelay(attempt, random, p.backoff), reason, played: s.played },
    actions: [{ type: 'close' }],
  };
}

/** The next attempt: a new player starts a new media timeline at 0, so any move from there is playback. */
function reload(s: Extract<RecoveryState, { kind: 'waiting' }>, at: number): RecoveryStep {
  return { state: { kind: 'connecting', attempt: s.attempt, since: at, lastTime: 0, played: s.played }, actions: [{ type: 'reload' }] };
}

/** Jump to the live edge when playback trails the end of the buffer by more than the policy allows. */
function chase(currentTime: number, bufferedEnd: number | null, p: RecoveryPolicy): RecoveryAction[] {
  if (bufferedEnd === null || bufferedEnd - currentTime <= p.liveEdgeMaxLagS) return [];
  return [{ type: 'seek', to: Math.max(0, bufferedEnd - p.liveEdgeTargetS) }];
}

/** `random` in [0, 1) draws the backoff's jitter (the caller's Math.random, fixed in tests). */
export function stepRecovery(s: RecoveryState, e: RecoveryEvent, random: number, p: RecoveryPolicy = defaultRecoveryPolicy): RecoveryStep {
  const same: RecoveryStep = { state: s, actions: [] };
  switch (e.type) {
    case 'nudge':
      // Only a player that is between attempts acts on it; one loading or playing has its answer coming.
      return s.kind === 'waiting' ? reload(s, e.at) : same;
    case 'ended':
    case 'error':
      if (s.kind === 'waiting') return same;
      return retry(s, e.at, e.type, random, p);
    case 'sample':
      switch (s.kind) {
        case 'waiting':
          return e.at < s.retryAt ? same : reload(s, e.at);
        case 'connecting': {
          const advanced = s.lastTime !== null && e.currentTime > s.lastTime + ADVANCE_EPSILON_S && !e.paused;
          if (advanced) {
            return { state: { kind: 'playing', lastTime: e.currentTime, lastAdvanceAt: e.at, played: true }, actions: chase(e.currentTime, e.bufferedEnd, p) };
          }
          // Paused by the viewer (or autoplay refused): nothing is late until they press play.
          const since = e.paused ? e.at : s.since;
          if (e.at - since >= p.startTimeoutMs) return retry(s, e.at, 'timeout', random, p);
          return { state: { ...s, since, lastTime: e.currentTime }, actions: [] };
        }
        case 'playing': {
          if (e.paused) return { state: { ...s, lastTime: e.currentTime, lastAdvanceAt: e.at }, actions: [] };
          if (e.currentTime > s.lastTime + ADVANCE_EPSILON_S) {
            return { state: { ...s, lastTime: e.currentTime, lastAdvanceAt: e.at }, actions: chase(e.currentTime, e.bufferedEnd, p) };
          }
          if (e.at - s.lastAdvanceAt >= p.stallMs) return retry(s, e.at, 'stall', random, p);
          // Stuck in a gap while newer data sits in the buffer: the jump may unstick it before a reload.
          return { state: { ...s, lastTime: e.currentTime }, actions: chase(e.currentTime, e.bufferedEnd, p) };
        }
      }
  }
}
