// The room session's connection machine as a table of (state, event) → state, then the data it
// carries: retry deadlines, failure counts, attempt numbers, kick reasons, deadlines and the header.
import { describe, expect, it } from 'vitest';
import {
  attemptOf,
  deadlineOf,
  kickReason,
  NOT_READY_GRACE_MS,
  SIG_EXPIRY_LOOP_MS,
  transition,
  viewOf,
  type Attempt,
  type SessionEvent,
  type SessionState,
} from './sessionMachine';

const attempt: Attempt = { n: 3, startedAt: 1_000, lastSdkError: null };
const idle: SessionState = { kind: 'idle' };
const connecting: SessionState = { kind: 'connecting', attempt, failures: 2, ready: false };
const loggedIn: SessionState = { kind: 'connecting', attempt, failures: 2, ready: true };
const connected: SessionState = { kind: 'connected', attempt };
const netLost: SessionState = { kind: 'netLost', attempt };
const notReady: SessionState = { kind: 'notReady', attempt, until: 9_000 };
const kicked: SessionState = { kind: 'kicked', reason: 'host signed in somewhere else — multipleAccount', lastAttempt: 3 };
const failedTransient: SessionState = { kind: 'failed', error: 'socket closed', failures: 2, retryAt: 20_000, lastAttempt: 3 };
const failedConfig: SessionState = { kind: 'failed', error: 'Set the IM SecretKey in Settings first', failures: 1, retryAt: null, lastAttempt: 3 };
const disposed: SessionState = { kind: 'disposed' };

const at = 4_000;
const n = 3;
const failure = (error: unknown = new Error('socket closed'), attemptNo = n): SessionEvent => ({ type: 'failure', attempt: attemptNo, at, error });
const kick = (kickType: string, when = at): SessionEvent => ({ type: 'kicked', attempt: n, at: when, kickType, userId: 'host' });
const sigExpiredLate = kick('userSigExpired', attempt.startedAt + SIG_EXPIRY_LOOP_MS);
const earlyAt = attempt.startedAt + SIG_EXPIRY_LOOP_MS - 1;
const sigExpiredEarly = kick('userSigExpired', earlyAt);

describe('transition table', () => {
  const rows: [string, SessionState, SessionEvent, SessionState['kind']][] = [
    ['idle + start', idle, { type: 'start', at }, 'connecting'],
    ['connected + start (ignored)', connected, { type: 'start', at }, 'connected'],
    ['connecting + loggedIn', connecting, { type: 'loggedIn', attempt: n }, 'connecting'],
    ['connecting (ready) + joined', loggedIn, { type: 'joined', attempt: n, at }, 'connected'],
    ['connecting (SDK_NOT_READY while joining) + joined → failed', connecting, { type: 'joined', attempt: n, at }, 'failed'],
    ['connecting + failure', connecting, failure(), 'failed'],
    ['connecting + failure of an earlier attempt (ignored)', connecting, failure(new Error('late'), n - 1), 'connecting'],
    ['connecting + SDK_READY (awaited by login)', connecting, { type: 'sdkReady', attempt: n }, 'connecting'],
    ['connecting + SDK_NOT_READY', loggedIn, { type: 'sdkNotReady', attempt: n, at }, 'connecting'],
    ['connecting + net up (not joined: ignored)', connecting, { type: 'net', attempt: n, up: true }, 'connecting'],
    ['connecting + kick by another login', connecting, kick('multipleAccount'), 'kicked'],
    ['connected + net down', connected, { type: 'net', attempt: n, up: false }, 'netLost'],
    ['connected + net up (ignored)', connected, { type: 'net', attempt: n, up: true }, 'connected'],
    ['connected + SDK_READY (ignored)', connected, { type: 'sdkReady', attempt: n }, 'connected'],
    ['connected + SDK_NOT_READY', connected, { type: 'sdkNotReady', attempt: n, at }, 'notReady'],
    ['connected + SDK_NOT_READY of a superseded client (ignored)', connected, { type: 'sdkNotReady', attempt: n - 1, at }, 'connected'],
    ['connected + kick by another device', connected, kick('multipleDevice'), 'kicked'],
    ['connected + REST kick', connected, kick('REST_API_Kick'), 'kicked'],
    ['connected + UserSig expired, attempt old enough → a fresh attempt', connected, sigExpiredLate, 'connecting'],
    ['connected + UserSig expired right after login → failed', connected, sigExpiredEarly, 'failed'],
    ['connected + failure', connected, failure(), 'failed'],
    ['connected + joined (ignored)', connected, { type: 'joined', attempt: n, at }, 'connected'],
    ['netLost + net up', netLost, { type: 'net', attempt: n, up: true }, 'connected'],
    ['netLost + net down (ignored)', netLost, { type: 'net', attempt: n, up: false }, 'netLost'],
    ['netLost + SDK_READY', netLost, { type: 'sdkReady', attempt: n }, 'connected'],
    ['netLost + SDK_NOT_READY', netLost, { type: 'sdkNotReady', attempt: n, at }, 'notReady'],
    ['netLost + kick', netLost, kick('multipleAccount'), 'kicked'],
    ['notReady + SDK_READY', notReady, { type: 'sdkReady', attempt: n }, 'connected'],
    ['notReady + net up: not ready never passes for connected', notReady, { type: 'net', attempt: n, up: true }, 'notReady'],
    ['notReady + SDK_NOT_READY again (ignored)', notReady, { type: 'sdkNotReady', attempt: n, at }, 'notReady'],
    ['notReady + timeout', notReady, { type: 'notReadyTimeout', at: 9_000 }, 'failed'],
    ['notReady + kick (tim-js-sdk: KICKED_OUT then SDK_NOT_READY, either order)', notReady, kick('multipleAccount'), 'kicked'],
    ['connected + timeout (ignored)', connected, { type: 'notReadyTimeout', at }, 'connected'],
    ['kicked + SDK_NOT_READY (ignored: the kick stays shown)', kicked, { type: 'sdkNotReady', attempt: n, at }, 'kicked'],
    ['kicked + retry (ignored: waits for Rejoin)', kicked, { type: 'retry', at }, 'kicked'],
    ['kicked + rejoin', kicked, { type: 'rejoin', at }, 'connecting'],
    ['failed (transient) + retry', failedTransient, { type: 'retry', at }, 'connecting'],
    ['failed (configuration) + retry (ignored)', failedConfig, { type: 'retry', at }, 'failed'],
    ['failed + rejoin', failedConfig, { type: 'rejoin', at }, 'connecting'],
    ['failed + failure of the ended attempt (ignored)', failedTransient, failure(), 'failed'],
    ['connecting + rejoin → a newer attempt', connecting, { type: 'rejoin', at }, 'connecting'],
    ['connected + rejoin', connected, { type: 'rejoin', at }, 'connecting'],
    ['connected + dispose', connected, { type: 'dispose' }, 'disposed'],
    ['failed + dispose', failedTransient, { type: 'dispose' }, 'disposed'],
    ['disposed + rejoin (ignored)', disposed, { type: 'rejoin', at }, 'disposed'],
    ['disposed + start (ignored)', disposed, { type: 'start', at }, 'disposed'],
  ];
  it.each(rows)('%s → %s', (_name, state, event, kind) => {
    expect(transition(state, event).kind).toBe(kind);
  });
});

describe('events that change nothing return the same state (the session reacts to changes only)', () => {
  const rows: [string, SessionState, SessionEvent][] = [
    ['connected + start', connected, { type: 'start', at }],
    ['connected + net up', connected, { type: 'net', attempt: n, up: true }],
    ['connected + SDK_READY', connected, { type: 'sdkReady', attempt: n }],
    ['connected + joined', connected, { type: 'joined', attempt: n, at }],
    ['connected + event of a superseded client', connected, { type: 'sdkNotReady', attempt: n - 1, at }],
    ['connecting + failure of an earlier attempt', connecting, failure(new Error('late'), n - 1)],
    ['connecting (not ready) + SDK_NOT_READY', connecting, { type: 'sdkNotReady', attempt: n, at }],
    ['connecting (ready) + loggedIn', loggedIn, { type: 'loggedIn', attempt: n }],
    ['netLost + net down', netLost, { type: 'net', attempt: n, up: false }],
    ['notReady + net up', notReady, { type: 'net', attempt: n, up: true }],
    ['notReady + SDK_NOT_READY', notReady, { type: 'sdkNotReady', attempt: n, at }],
    ['kicked + SDK_NOT_READY', kicked, { type: 'sdkNotReady', attempt: n, at }],
    ['kicked + retry', kicked, { type: 'retry', at }],
    ['failed (configuration) + retry', failedConfig, { type: 'retry', at }],
    ['failed + failure', failedTransient, failure()],
    ['disposed + dispose', disposed, { type: 'dispose' }],
  ];
  it.each(rows)('%s', (_name, state, event) => {
    expect(transition(state, event)).toBe(state);
  });
});

describe('attempts and failures', () => {
  it('numbers attempts per session and resets the failure count on a join and on Rejoin', () => {
    let s = transition(idle, { type: 'start', at: 0 });
    expect(s).toEqual({ kind: 'connecting', attempt: { n: 1, startedAt: 0, lastSdkError: null }, failures: 0, ready: false });
    s = transition(s, failure(new Error('socket closed'), 1));
    expect(s).toMatchObject({ kind: 'failed', failures: 1, lastAttempt: 1 });
    s = transition(s, { type: 'retry', at: 10 });
    expect(s).toMatchObject({ kind: 'connecting', attempt: { n: 2, startedAt: 10 }, failures: 1 });
    s = transition(transition(s, { type: 'loggedIn', attempt: 2 }), { type: 'joined', attempt: 2, at: 20 });
    expect(s).toEqual({ kind: 'connected', attempt: { n: 2, startedAt: 10, lastSdkError: null } });
    s = transition(s, failure(new Error('socket closed'), 2));
    expect(s).toMatchObject({ kind: 'failed', failures: 1, retryAt: at + 5_000 });
    expect(transition(failedTransient, { type: 'rejoin', at: 30 })).toMatchObject({ kind: 'connecting', attempt: { n: 4 }, failures: 0 });
    expect(transition(kicked, { type: 'rejoin', at: 30 })).toMatchObject({ attempt: { n: 4 } });
    expect(transition(connecting, { type: 'rejoin', at: 30 })).toMatchObject({ attempt: { n: 4 }, failures: 0 });
  });

  it('backs off 5 s, 10 s, 20 s … capped at 2 min while failures continue', () => {
    let s = transition(idle, { type: 'start', at: 0 });
    const delays: number[] = [];
    for (let i = 1; i <= 8; i++) {
      s = transition(s, { type: 'failure', attempt: i, at: i * 1_000_000, error: { code: 'IM_REST_FAILED', message: 'Could not reach console.tim.qq.com' } });
      if (s.kind !== 'failed' || s.retryAt === null) throw new Error(`expected a retried failure, got ${JSON.stringify(s)}`);
      delays.push(s.retryAt - i * 1_000_000);
      s = transition(s, { type: 'retry', at: s.retryAt });
    }
    expect(delays).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 120_000, 120_000, 120_000]);
  });

  it('configuration errors wait for Rejoin: refused UserSig, missing secret, or an SDK error code behind a lasting not-ready spell', () => {
    expect(transition(connecting, failure({ code: 70009, message: 'UserSig verification failed' }))).toEqual({
      kind: 'failed',
      error: 'UserSig verification failed',
      failures: 3,
      retryAt: null,
      lastAttempt: 3,
    });
    expect(transition(connecting, failure({ code: 'SECRET_MISSING', message: 'Set the IM SecretKey in Settings first' }))).toMatchObject({ retryAt: null });
    const withError = transition(notReady, { type: 'sdkError', attempt: n, error: { code: 70009, message: 'UserSig verification failed' } });
    expect(transition(withError, { type: 'notReadyTimeout', at: 9_000 })).toEqual({
      kind: 'failed',
      error: 'The IM client signed out and did not become ready again within 5 s: UserSig verification failed',
      failures: 1,
      retryAt: null,
      lastAttempt: 3,
    });
  });

  it('transient failures say what happened and when the next try starts', () => {
    expect(transition(notReady, { type: 'notReadyTimeout', at: 9_000 })).toEqual({
      kind: 'failed',
      error: 'The IM client signed out and did not become ready again within 5 s',
      failures: 1,
      retryAt: 14_000,
      lastAttempt: 3,
    });
    expect(transition(connecting, { type: 'joined', attempt: n, at })).toMatchObject({ error: 'The IM client signed out while joining the room', failures: 3, retryAt: at + 20_000 });
    expect(transition(connected, sigExpiredEarly)).toMatchObject({ error: expect.stringMatching(/UserSig expired right after login/), retryAt: earlyAt + 5_000 });
    expect(transition(connecting, failure(new Error('socket closed')))).toMatchObject({ error: 'socket closed', retryAt: at + 20_000 });
  });

  it('an expired UserSig starts the next attempt at once, keeping the failure count of one not yet joined', () => {
    expect(transition(connected, sigExpiredLate)).toEqual({
      kind: 'connecting',
      attempt: { n: 4, startedAt: attempt.startedAt + SIG_EXPIRY_LOOP_MS, lastSdkError: null },
      failures: 0,
      ready: false,
    });
    expect(transition(connecting, sigExpiredLate)).toMatchObject({ attempt: { n: 4 }, failures: 2 });
  });

  it('SDK_NOT_READY while joined starts a grace period once; SDK_READY ends it', () => {
    const s = transition(connected, { type: 'sdkNotReady', attempt: n, at: 7_000 });
    expect(s).toEqual({ kind: 'notReady', attempt, until: 7_000 + NOT_READY_GRACE_MS });
    expect(transition(s, { type: 'sdkNotReady', attempt: n, at: 8_000 })).toBe(s);
    expect(transition(loggedIn, { type: 'sdkNotReady', attempt: n, at })).toMatchObject({ ready: false });
    expect(transition(connecting, { type: 'sdkReady', attempt: n })).toMatchObject({ ready: true });
  });

  it('remembers the last SDK error of the running attempt only', () => {
    const error = { code: 2801, message: 'request timed out' };
    expect(transition(connected, { type: 'sdkError', attempt: n, error })).toEqual({ kind: 'connected', attempt: { ...attempt, lastSdkError: error } });
    expect(transition(connected, { type: 'sdkError', attempt: n + 1, error })).toBe(connected);
    expect(transition(kicked, { type: 'sdkError', attempt: n, error })).toBe(kicked);
  });
});

describe('what the session reads off a state', () => {
  it('kick reasons name the UserID and the kind of kick', () => {
    expect(transition(connected, kick('multipleAccount'))).toEqual({ kind: 'kicked', reason: 'host signed in somewhere else — multipleAccount', lastAttempt: 3 });
    expect(kickReason('multipleDevice', 'host')).toBe('host signed in on another device — multipleDevice');
    expect(kickReason('REST_API_Kick', 'host')).toBe('signed out by the server (REST API kick) — REST_API_Kick');
    expect(kickReason('somethingNew', 'host')).toBe('somethingNew');
  });

  it('the running attempt, the deadline to arm, and what the header shows', () => {
    expect([idle, connecting, connected, netLost, notReady, kicked, failedTransient, disposed].map(attemptOf)).toEqual([null, 3, 3, 3, 3, null, null, null]);
    expect(deadlineOf(notReady)).toEqual({ at: 9_000, type: 'notReadyTimeout' });
    expect(deadlineOf(failedTransient)).toEqual({ at: 20_000, type: 'retry' });
    expect([idle, connecting, connected, netLost, kicked, failedConfig, disposed].map(deadlineOf)).toEqual([null, null, null, null, null, null, null]);
    expect([idle, connecting, connected, netLost, notReady].map((s) => viewOf(s)?.connection)).toEqual(['idle', 'connecting', 'connected', 'reconnecting', 'reconnecting']);
    expect(viewOf(kicked)).toEqual({ connection: 'kicked', error: 'host signed in somewhere else — multipleAccount', retryAt: null });
    expect(viewOf(failedTransient)).toEqual({ connection: 'error', error: 'socket closed', retryAt: 20_000 });
    expect(viewOf(disposed)).toBeNull();
  });
});
