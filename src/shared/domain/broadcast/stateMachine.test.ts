import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../backoff';
import { broadcastError } from './errors';
import { defaultBackoff, STABLE_LIVE_MS, transition, type LiveStats, type Session, type StreamEvent, type StreamState } from './stateMachine';

/** Before the first frames went out, and after (only the latter reconnects). */
const session: Session = { startedAt: 0, reconnects: 0, outages: 0, liveMs: 0, wentLive: false, firstLiveAt: null, outageSpans: [] };
const wasLive = { ...session, wentLive: true };
const stats: LiveStats = { frames: 30, fps: 30, bitrateKbps: 2500, bitrateEstimated: false, speed: 1, dropFrames: 0, dupFrames: 0, outTimeMs: 1000, cpuPercent: null, memoryMb: null };
const checklist = (['validate', 'sign', 'probe', 'spawn', 'firstProgress'] as const).map((step) => ({ step, status: 'pending' as const }));

const idle: StreamState = { kind: 'idle' };
const preparing: StreamState = { kind: 'preparing', session, checklist };
const connecting: StreamState = { kind: 'connecting', session, attempt: 0, since: 100, checklist };
const live: StreamState = { kind: 'live', session: wasLive, attempt: 0, since: 1000, stats };
const lost = broadcastError('CONNECTION_LOST');
const reconnecting: StreamState = { kind: 'reconnecting', session: { ...wasLive, outages: 1 }, attempt: 1, maxAttempts: 10, nextAt: 5000, lastError: lost };
const reconnectingConnect: StreamState = { kind: 'connecting', session: { ...wasLive, reconnects: 1, outages: 1 }, attempt: 1, since: 5000, checklist };
const stopping: StreamState = { kind: 'stopping', session: wasLive, since: 9000 };
const failed: StreamState = { kind: 'failed', error: broadcastError('BAD_SPEC'), at: 1, attempts: 0, wentLive: false };
const ended: StreamState = { kind: 'ended', summary: { startedAt: 0, endedAt: 1, liveMs: 0, outages: 0, reconnects: 0, wentLive: true } };

const fail = (code: Parameters<typeof broadcastError>[0], at = 2000): StreamEvent => ({ type: 'failure', at, error: broadcastError(code), random: 0.5 });

describe('transition table', () => {
  const rows: [string, StreamState, StreamEvent, string][] = [
    ['idle + start', idle, { type: 'start', at: 0 }, 'preparing'],
    ['ended + start', ended, { type: 'start', at: 0 }, 'preparing'],
    ['failed + start', failed, { type: 'start', at: 0 }, 'preparing'],
    ['live + start (ignored)', live, { type: 'start', at: 0 }, 'live'],
    ['preparing + connect', preparing, { type: 'connect', at: 0 }, 'connecting'],
    ['preparing + failure → failed, never retried', preparing, fail('DEVICE_NOT_FOUND'), 'failed'],
    ['connecting + progress frames 0', connecting, { type: 'progress', at: 1, stats: { ...stats, frames: 0 } }, 'connecting'],
    ['connecting + progress', connecting, { type: 'progress', at: 1, stats }, 'live'],
    ['first connect + INGEST_DNS_FAILED → failed, never "reconnecting"', connecting, fail('INGEST_DNS_FAILED'), 'failed'],
    ['first connect + INGEST_REFUSED → failed', connecting, fail('INGEST_REFUSED'), 'failed'],
    ['first connect + INGEST_TIMEOUT → failed', connecting, fail('INGEST_TIMEOUT'), 'failed'],
    ['first connect + STALLED (no first frames) → failed', connecting, fail('STALLED'), 'failed'],
    ['reconnect (had been live) + INGEST_DNS_FAILED → reconnecting', reconnectingConnect, fail('INGEST_DNS_FAILED'), 'reconnecting'],
    ['reconnect (had been live) + INGEST_REFUSED → reconnecting', reconnectingConnect, fail('INGEST_REFUSED'), 'reconnecting'],
    ['reconnect + INGEST_AUTH_REJECTED → failed', reconnectingConnect, fail('INGEST_AUTH_REJECTED'), 'failed'],
    ['connecting + INGEST_AUTH_REJECTED', connecting, fail('INGEST_AUTH_REJECTED'), 'failed'],
    ['live + INGEST_DNS_FAILED', live, fail('INGEST_DNS_FAILED'), 'reconnecting'],
    ['connecting + BAD_SPEC', connecting, fail('BAD_SPEC'), 'failed'],
    ['connecting + DEVICE_BUSY', connecting, fail('DEVICE_BUSY'), 'failed'],
    ['live + CONNECTION_LOST', live, fail('CONNECTION_LOST'), 'reconnecting'],
    ['live + STALLED', live, fail('STALLED'), 'reconnecting'],
    ['live + FFMPEG_CRASHED', live, fail('FFMPEG_CRASHED'), 'reconnecting'],
    ['live + stop', live, { type: 'stop', at: 3000 }, 'stopping'],
    ['connecting + stop', connecting, { type: 'stop', at: 3000 }, 'stopping'],
    ['reconnecting + stop', reconnecting, { type: 'stop', at: 3000 }, 'stopping'],
    ['preparing + stop', preparing, { type: 'stop', at: 3000 }, 'stopping'],
    ['reconnecting + retry', reconnecting, { type: 'retry', at: 5000 }, 'connecting'],
    ['reconnecting + failure (ignored)', reconnecting, fail('CONNECTION_LOST'), 'reconnecting'],
    ['stopping + failure: a user stop is never a failure', stopping, fail('CONNECTION_LOST'), 'stopping'],
    ['stopping + exited', stopping, { type: 'exited', at: 9500 }, 'ended'],
    ['live + exited (ignored: exits while running are failures)', live, { type: 'exited', at: 1 }, 'live'],
    ['idle + stop', idle, { type: 'stop', at: 1 }, 'idle'],
    ['ended + stop', ended, { type: 'stop', at: 1 }, 'ended'],
    ['failed + retry', failed, { type: 'retry', at: 1 }, 'failed'],
  ];
  it.each(rows)('%s → %s', (_name, state, event, kind) => {
    expect(transition(state, event).kind).toBe(kind);
  });
});

describe('reconnect policy', () => {
  it('reconnecting carries attempt, nextAt from the backoff and the last error', () => {
    const s = transition(live, fail('CONNECTION_LOST', 2000));
    expect(s).toMatchObject({ kind: 'reconnecting', attempt: 1, maxAttempts: 10, nextAt: 2000 + backoffDelay(1, 0.5, defaultBackoff), lastError: { code: 'CONNECTION_LOST' } });
  });

  it('attempts count up while flapping and give up after maxAttempts', () => {
    let s: StreamState = { ...connecting, session: wasLive };
    for (let i = 1; i <= defaultBackoff.maxAttempts; i++) {
      s = transition(s, fail('INGEST_REFUSED', i * 100));
      expect(s).toMatchObject({ kind: 'reconnecting', attempt: i });
      s = transition(s, { type: 'retry', at: i * 100 + 50 });
      expect(s).toMatchObject({ kind: 'connecting', attempt: i });
    }
    s = transition(s, fail('INGEST_REFUSED', 99_999));
    expect(s.kind).toBe('failed');
    expect(s.kind === 'failed' && s.error.detail).toContain('gave up after 10');
  });

  it('a stable live period resets the attempt count; live time adds up', () => {
    const liveLong: StreamState = { kind: 'live', session: wasLive, attempt: 4, since: 1000, stats };
    const s = transition(liveLong, fail('CONNECTION_LOST', 1000 + STABLE_LIVE_MS));
    expect(s).toMatchObject({ kind: 'reconnecting', attempt: 1, session: { liveMs: STABLE_LIVE_MS } });
    const short = transition({ ...liveLong, since: 1000 }, fail('CONNECTION_LOST', 2000));
    expect(short).toMatchObject({ attempt: 5 });
  });

  it('ended summarises live time and reconnects', () => {
    let s = transition(reconnecting, { type: 'retry', at: 5000 });
    s = transition(s, { type: 'progress', at: 6000, stats });
    s = transition(s, { type: 'stop', at: 9000 });
    s = transition(s, { type: 'exited', at: 9100 });
    expect(s).toEqual({ kind: 'ended', summary: { startedAt: 0, endedAt: 9100, liveMs: 3000, outages: 1, reconnects: 1, wentLive: true } });
  });

  // Issue 13 item 12: the summary said "26 reconnect(s)" for 10 outages; both are counted now.
  it('counts outages (drops while live) apart from reconnect attempts', () => {
    let s: StreamState = transition(connecting, { type: 'progress', at: 1000, stats });
    let at = 1000;
    const drop = () => (s = transition(s, fail('CONNECTION_LOST', (at += 1000))));
    const retry = () => (s = transition(s, { type: 'retry', at: (at += 1000) }));
    const back = () => (s = transition(s, { type: 'progress', at: (at += 1000), stats }));
    // Outage 1: back on the first attempt. Outage 2: two attempts fail, the third gets back.
    for (const step of [drop, retry, back, drop, retry, drop, retry, drop, retry, back]) step();
    s = transition(s, { type: 'stop', at: (at += 1000) });
    s = transition(s, { type: 'exited', at: (at += 100) });
    expect(s).toMatchObject({ kind: 'ended', summary: { outages: 2, reconnects: 4, wentLive: true } });
  });

  it('checklist steps update while preparing', () => {
    const s = transition(preparing, { type: 'step', step: 'sign', status: 'ok' });
    expect(s.kind === 'preparing' && s.checklist.find((c) => c.step === 'sign')?.status).toBe('ok');
  });
});

describe('a Go Live that never went live (push.example.com does not resolve)', () => {
  const dns = broadcastError('INGEST_DNS_FAILED', '[tcp @ 0x1] Failed to resolve hostname push.example.com: Name or service not known', 'Cannot resolve push.example.com (DNS: Name or service not known).');

  it('fails at once with the cause, 0 attempts, wentLive false: no "connection lost, attempt 1 of 10"', () => {
    let s = transition(idle, { type: 'start', at: 0 });
    s = transition(s, { type: 'connect', at: 10 });
    s = transition(s, { type: 'failure', at: 400, error: dns, random: 0.5 });
    expect(s).toEqual({ kind: 'failed', error: dns, at: 400, attempts: 0, wentLive: false });
  });

  it('stopped while still connecting: ended with no live time, 0 reconnects and wentLive false', () => {
    let s = transition(idle, { type: 'start', at: 0 });
    s = transition(s, { type: 'connect', at: 10 });
    s = transition(s, { type: 'stop', at: 6000 });
    s = transition(s, { type: 'exited', at: 6100 });
    expect(s).toEqual({ kind: 'ended', summary: { startedAt: 0, endedAt: 6100, liveMs: 0, outages: 0, reconnects: 0, wentLive: false } });
  });

  it('the first frames mark the session live; a drop after that reconnects and counts', () => {
    let s = transition(connecting, { type: 'progress', at: 1000, stats });
    expect(s).toMatchObject({ kind: 'live', session: { wentLive: true } });
    s = transition(s, { type: 'failure', at: 30_000, error: dns, random: 0.5 });
    expect(s).toMatchObject({ kind: 'reconnecting', attempt: 1, lastError: { code: 'INGEST_DNS_FAILED' } });
    s = transition(s, { type: 'retry', at: 32_000 });
    s = transition(s, { type: 'failure', at: 32_500, error: dns, random: 0.5 });
    expect(s).toMatchObject({ kind: 'reconnecting', attempt: 2, session: { reconnects: 1 } });
    s = transition(s, { type: 'stop', at: 33_000 });
    s = transition(s, { type: 'exited', at: 33_100 });
    expect(s).toEqual({ kind: 'ended', summary: { startedAt: 0, endedAt: 33_100, liveMs: 29_000, outages: 1, reconnects: 1, wentLive: true } });
  });

  it('a give-up after having been live says so and keeps wentLive', () => {
    const last: StreamState = { kind: 'connecting', session: { ...wasLive, reconnects: 10 }, attempt: 10, since: 1, checklist };
    expect(transition(last, fail('INGEST_REFUSED'))).toMatchObject({ kind: 'failed', attempts: 10, wentLive: true, error: { detail: expect.stringContaining('gave up after 10') } });
  });
});

describe('backoffDelay', () => {
  it('2 s base ×1.5 per attempt, ±20 % jitter, capped', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, 0.5, defaultBackoff))).toEqual([2000, 3000, 4500, 6750]);
    expect(backoffDelay(1, 0, defaultBackoff)).toBe(1600);
    expect(backoffDelay(1, 0.999999, defaultBackoff)).toBe(2400);
    expect(backoffDelay(30, 0.5, defaultBackoff)).toBe(60_000);
    expect(backoffDelay(30, 0.99, defaultBackoff)).toBe(60_000);
  });
});
