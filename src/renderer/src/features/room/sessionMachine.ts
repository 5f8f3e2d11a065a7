// The room session's connection lifecycle as a pure machine, `transition(state, event)`; the session
// (roomSession.ts) owns the TIM client, the timers and the store, and reacts to the states.
//
//   idle ─start─→ connecting(attempt, failures, ready) ──joined──→ connected(attempt) ←───────────┐
//                  ↑  │                                            │ net down  ↑ net up,         │
//                  │  │ failure (main, factory, login, join),      ↓           │ SDK_READY       │
//                  │  │ joined after SDK_NOT_READY         netLost(attempt) ───┘                 │
//                  │  │                                            │ SDK_NOT_READY (also from    │
//                  │  │                                            ↓  connected)     SDK_READY   │
//                  │  │                               notReady(attempt, until) ──────────────────┘
//            retry │  ↓                                            │ still not ready at `until`
//   (transient     └─ failed(error, failures, retryAt) ←───────────┘
//    errors only)
//
//   KICKED_OUT, while connecting or joined: userSigExpired → connecting (a fresh UserSig from main)
//     if the attempt is SIG_EXPIRY_LOOP_MS old, else failed; any other kick → kicked(reason), which
//     waits for Rejoin (another login of the UserID wins: no login ping-pong).
//   rejoin, from any state → connecting with failures 0;   dispose, from any state → disposed.
//
// Attempts are numbered per session: events from an attempt's work or client carry its number,
// and those of a finished or superseded attempt are ignored.
import { assertNever } from '../../../../shared/errors';
import { classifyJoinFailure, retryDelayMs } from './retryPolicy';
import type { RoomConnection } from './roomStore';

/** How long the room stays 'reconnecting' after SDK_NOT_READY before the attempt counts as failed. */
export const NOT_READY_GRACE_MS = 5_000;
/** A UserSig that "expires" this soon after the attempt started is not fetched again at once (backoff instead). */
export const SIG_EXPIRY_LOOP_MS = 60_000;

/** The last ERROR event of the attempt's client. */
export interface SdkError {
  code?: number;
  message: string;
}

/** One try at the room, from asking main for the session on. */
export interface Attempt {
  n: number;
  startedAt: number;
  lastSdkError: SdkError | null;
}

export type SessionState =
  | { kind: 'idle' }
  /**
   * Asking main for the session, opening the client, logging in, joining and reading the room.
   * `failures`: failed attempts in a row before this one. `ready`: SDK_READY seen (or login
   * resolved) and no SDK_NOT_READY since.
   */
  | { kind: 'connecting'; attempt: Attempt; failures: number; ready: boolean }
  /** Joined and ready: sending on, the room polled and saved. */
  | { kind: 'connected'; attempt: Attempt }
  /** Joined; the network dropped and the SDK reconnects by itself. Sending stays on. */
  | { kind: 'netLost'; attempt: Attempt }
  /** Joined; SDK_NOT_READY turned sending off. Fails at `until` unless SDK_READY comes first. */
  | { kind: 'notReady'; attempt: Attempt; until: number }
  /** Another login of the UserID (or a REST kick) won; `reason` is shown until Rejoin. */
  | { kind: 'kicked'; reason: string; lastAttempt: number }
  /** `retryAt`: when the next attempt starts by itself; null for configuration errors (Rejoin or new settings). */
  | { kind: 'failed'; error: string; failures: number; retryAt: number | null; lastAttempt: number }
  | { kind: 'disposed' };

export type SessionStateKind = SessionState['kind'];

/** Events of one attempt: its work (main, factory, login, join) and its client's SDK events. */
export type AttemptEvent =
  | { type: 'loggedIn'; attempt: number }
  | { type: 'joined'; attempt: number; at: number }
  | { type: 'failure'; attempt: number; at: number; error: unknown }
  | { type: 'sdkReady'; attempt: number }
  | { type: 'sdkNotReady'; attempt: number; at: number }
  | { type: 'net'; attempt: number; up: boolean }
  | { type: 'sdkError'; attempt: number; error: SdkError }
  | { type: 'kicked'; attempt: number; at: number; kickType: string; userId: string };

export type SessionEvent =
  | { type: 'start'; at: number }
  | { type: 'rejoin'; at: number }
  /** The retry deadline of `failed` passed. */
  | { type: 'retry'; at: number }
  /** The deadline of `notReady` passed. */
  | { type: 'notReadyTimeout'; at: number }
  | { type: 'dispose' }
  | AttemptEvent;

type AttemptState = Extract<SessionState, { attempt: Attempt }>;

/** Error envelopes from main and tim-js-sdk's rejections are plain `{code, message}` objects. */
export const messageOf = (e: unknown): string => {
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e;
  const m = (e as { message?: unknown } | null)?.message;
  return typeof m === 'string' && m ? m : JSON.stringify(e);
};

/** The header shows "Signed out of the room (<this>)". */
export function kickReason(type: string, userId: string): string {
  switch (type) {
    case 'multipleAccount':
      return `${userId} signed in somewhere else — multipleAccount`;
    case 'multipleDevice':
      return `${userId} signed in on another device — multipleDevice`;
    case 'REST_API_Kick':
      return 'signed out by the server (REST API kick) — REST_API_Kick';
    default:
      return type;
  }
}

const isAttemptState = (s: SessionState): s is AttemptState =>
  s.kind === 'connecting' || s.kind === 'connected' || s.kind === 'netLost' || s.kind === 'notReady';

/** The running attempt's number; null when none runs (its events are ignored then). */
export const attemptOf = (s: SessionState): number | null => (isAttemptState(s) ? s.attempt.n : null);

const nextAttempt = (s: Exclude<SessionState, { kind: 'disposed' }>): number => {
  if (s.kind === 'idle') return 1;
  if (s.kind === 'kicked' || s.kind === 'failed') return s.lastAttempt + 1;
  return s.attempt.n + 1;
};

const begin = (n: number, failures: number, at: number): SessionState => ({
  kind: 'connecting',
  attempt: { n, startedAt: at, lastSdkError: null },
  failures,
  ready: false,
});

/** A join resets the count, so a joined attempt that fails is the first failure in a row. */
const failuresBefore = (s: AttemptState): number => (s.kind === 'connecting' ? s.failures : 0);

function fail(s: AttemptState, error: unknown, at: number): SessionState {
  const failures = failuresBefore(s) + 1;
  // Network trouble is retried with backoff (5 s doubling to 2 min); a configuration error waits for Rejoin or a settings change.
  const retryAt = classifyJoinFailure(error) === 'transient' ? at + retryDelayMs(failures) : null;
  return { kind: 'failed', error: messageOf(error), failures, retryAt, lastAttempt: s.attempt.n };
}

/** tim-js-sdk does not become ready again by itself after a logout; the last SDK error's code says whether a retry can help. */
const notReadyError = (last: SdkError | null): SdkError => ({
  ...(last?.code === undefined ? {} : { code: last.code }),
  message: `The IM client signed out and did not become ready again within ${Math.round(NOT_READY_GRACE_MS / 1000)} s${last ? `: ${last.message}` : ''}`,
});

function onAttemptEvent(s: AttemptState, e: AttemptEvent): SessionState {
  switch (e.type) {
    case 'loggedIn':
      return s.kind === 'connecting' && !s.ready ? { ...s, ready: true } : s;
    case 'joined':
      if (s.kind !== 'connecting') return s;
      // SDK_NOT_READY while joining (a logout): this attempt has nothing to stand on.
      return s.ready ? { kind: 'connected', attempt: s.attempt } : fail(s, { message: 'The IM client signed out while joining the room' }, e.at);
    case 'failure':
      return fail(s, e.error, e.at);
    case 'sdkReady':
      // The first SDK_READY is awaited by login(); a later one ends a network loss or a not-ready spell.
      if (s.kind === 'connecting') return s.ready ? s : { ...s, ready: true };
      return s.kind === 'connected' ? s : { kind: 'connected', attempt: s.attempt };
    case 'sdkNotReady':
      if (s.kind === 'connecting') return s.ready ? { ...s, ready: false } : s;
      if (s.kind === 'notReady') return s;
      return { kind: 'notReady', attempt: s.attempt, until: e.at + NOT_READY_GRACE_MS };
    case 'net':
      // Only a joined, ready client's network state shows: not ready never passes for connected.
      if (s.kind === 'connected' && !e.up) return { kind: 'netLost', attempt: s.attempt };
      if (s.kind === 'netLost' && e.up) return { kind: 'connected', attempt: s.attempt };
      return s;
    case 'sdkError':
      return { ...s, attempt: { ...s.attempt, lastSdkError: e.error } };
    case 'kicked':
      if (e.kickType === 'userSigExpired') {
        // A fresh UserSig from main at once — unless it "expired" right after this attempt began (clock or lifetime wrong).
        if (e.at - s.attempt.startedAt >= SIG_EXPIRY_LOOP_MS) return begin(s.attempt.n + 1, failuresBefore(s), e.at);
        return fail(s, { message: "Tencent IM said the UserSig expired right after login — check the UserSig lifetime and this computer's clock" }, e.at);
      }
      return { kind: 'kicked', reason: kickReason(e.kickType, e.userId), lastAttempt: s.attempt.n };
    default:
      return assertNever(e);
  }
}

export function transition(s: SessionState, e: SessionEvent): SessionState {
  if (s.kind === 'disposed') return s;
  switch (e.type) {
    case 'dispose':
      return { kind: 'disposed' };
    case 'start':
      return s.kind === 'idle' ? begin(1, 0, e.at) : s;
    case 'rejoin':
      return begin(nextAttempt(s), 0, e.at);
    case 'retry':
      return s.kind === 'failed' && s.retryAt !== null ? begin(s.lastAttempt + 1, s.failures, e.at) : s;
    case 'notReadyTimeout':
      return s.kind === 'notReady' ? fail(s, notReadyError(s.attempt.lastSdkError), e.at) : s;
    default:
      return isAttemptState(s) && s.attempt.n === e.attempt ? onAttemptEvent(s, e) : s;
  }
}

/** A state's deadline: the event to send when it passes. */
export interface Deadline {
  at: number;
  type: 'retry' | 'notReadyTimeout';
}

export function deadlineOf(s: SessionState): Deadline | null {
  if (s.kind === 'failed' && s.retryAt !== null) return { at: s.retryAt, type: 'retry' };
  if (s.kind === 'notReady') return { at: s.until, type: 'notReadyTimeout' };
  return null;
}

export interface ConnectionView {
  connection: RoomConnection;
  error: string | null;
  retryAt: number | null;
}

/** What the header shows for a state; null once disposed (a new session takes over the store). */
export function viewOf(s: SessionState): ConnectionView | null {
  switch (s.kind) {
    case 'idle':
      return { connection: 'idle', error: null, retryAt: null };
    case 'connecting':
      return { connection: 'connecting', error: null, retryAt: null };
    case 'connected':
      return { connection: 'connected', error: null, retryAt: null };
    case 'netLost':
    case 'notReady':
      return { connection: 'reconnecting', error: null, retryAt: null };
    case 'kicked':
      return { connection: 'kicked', error: s.reason, retryAt: null };
    case 'failed':
      return { connection: 'error', error: s.error, retryAt: s.retryAt };
    case 'disposed':
      return null;
    default:
      return assertNever(s);
  }
}
