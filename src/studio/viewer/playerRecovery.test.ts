// The viewer's playback recovery as tables: stall → reconnecting with backoff → resumed at the
// live edge, end of stream and errors, start timeouts, and a viewer's pause.
import { describe, expect, it } from 'vitest';
import {
  defaultRecoveryPolicy as P,
  initialRecovery,
  recoveryView,
  stepRecovery,
  type RecoveryAction,
  type RecoveryEvent,
  type RecoveryState,
  type RecoveryView,
} from './playerRecovery';

const sample = (at: number, currentTime: number, bufferedEnd: number | null = currentTime + 0.5, paused = false): RecoveryEvent => ({
  type: 'sample',
  at,
  currentTime,
  bufferedEnd,
  paused,
});
const playing = (lastTime: number, lastAdvanceAt: number): RecoveryState => ({ kind: 'playing', lastTime, lastAdvanceAt, played: true });
const connecting = (attempt: number, since: number, lastTime: number | null, played = true): RecoveryState => ({ kind: 'connecting', attempt, since, lastTime, played });
const waiting = (attempt: number, retryAt: number, reason: 'stall' | 'ended' | 'error' | 'timeout', played = true): RecoveryState => ({
  kind: 'waiting',
  attempt,
  retryAt,
  reason,
  played,
});

// random 0.5 with jitter 0.3 'below' → 85 % of the raw delay: 0.5 s → 425 ms, then the 1 s cap → 850.
const R = 0.5;

describe('playback recovery', () => {
  const table: Array<[string, RecoveryState, RecoveryEvent, RecoveryState, RecoveryAction[]]> = [
    ['first frames: connecting → playing', initialRecovery(0), sample(500, 0), connecting(0, 0, 0, false), []],
    ['', connecting(0, 0, 0, false), sample(1000, 0.4), playing(0.4, 1000), []],
    ['playback advances', playing(10, 20_000), sample(20_500, 10.5), playing(10.5, 20_500), []],
    ['no advance below the stall time: still playing', playing(10, 20_000), sample(22_900, 10), playing(10, 20_000), []],
    ['a stall: reconnect after backoff 1', playing(10, 20_000), sample(23_000, 10), waiting(1, 23_425, 'stall'), [{ type: 'close' }]],
    ['not yet due', waiting(1, 23_425, 'stall'), sample(23_250, 0), waiting(1, 23_425, 'stall'), []],
    ['the retry is due: reload, from a new timeline at 0', waiting(1, 23_425, 'stall'), sample(25_000, 0), connecting(1, 25_000, 0), [{ type: 'reload' }]],
    ['no data yet', connecting(1, 25_000, 0), sample(25_500, 0, null), connecting(1, 25_000, 0), []],
    // Back: the new player's buffer starts at the GOP the ingest kept; 6 s behind its end is jumped over.
    ['resumed at the live edge', connecting(1, 25_000, 0), sample(29_000, 0.2, 6.2), playing(0.2, 29_000), [{ type: 'seek', to: 5.7 }]],
    ['resumed close to the edge: no jump', connecting(1, 25_000, 0), sample(29_000, 0.2, 1.2), playing(0.2, 29_000), []],
    ['a reconnection that never plays is tried again', connecting(1, 25_000, 0), sample(40_000, 0), waiting(2, 40_850, 'timeout'), [{ type: 'close' }]],
    ['backoff grows', connecting(1, 0, 0), { type: 'error', at: 1000 }, waiting(2, 1000 + 850, 'error'), [{ type: 'close' }]],
    ['backoff is capped at 1 s', connecting(9, 0, 0), { type: 'error', at: 1000 }, waiting(10, 1000 + 850, 'error'), [{ type: 'close' }]],
    ['a hint that the stream is back: the waiting player retries at once', waiting(4, 9000, 'error'), { type: 'nudge', at: 8200 }, connecting(4, 8200, 0), [{ type: 'reload' }]],
    ['a hint while loading changes nothing', connecting(4, 8000, 0), { type: 'nudge', at: 8200 }, connecting(4, 8000, 0), []],
    ['a hint while playing changes nothing', playing(10, 20_000), { type: 'nudge', at: 20_100 }, playing(10, 20_000), []],
    ['end of stream while playing', playing(10, 20_000), { type: 'ended', at: 20_100 }, waiting(1, 20_525, 'ended'), [{ type: 'close' }]],
    ['a player error while playing', playing(10, 20_000), { type: 'error', at: 20_100 }, waiting(1, 20_525, 'error'), [{ type: 'close' }]],
    ['errors while waiting are old news', waiting(2, 5000, 'error'), { type: 'error', at: 4000 }, waiting(2, 5000, 'error'), []],
    ['falling behind while playing: jump to the edge', playing(10, 20_000), sample(20_500, 10.5, 14), playing(10.5, 20_500), [{ type: 'seek', to: 13.5 }]],
    ['stuck in a gap with newer data buffered: jump', playing(10, 20_000), sample(21_000, 10, 15), playing(10, 20_000), [{ type: 'seek', to: 14.5 }]],
    ['paused by the viewer: no stall', playing(10, 20_000), sample(60_000, 10, 10.5, true), playing(10, 60_000), []],
    ['paused before the first frame: no timeout', connecting(0, 0, 0, false), sample(60_000, 0, null, true), connecting(0, 60_000, 0, false), []],
    ['a move while paused is not playback', connecting(0, 0, 0, false), sample(500, 3, 3.5, true), connecting(0, 500, 3, false), []],
  ];

  it.each(table)('%s', (_name, from, event, to, actions) => {
    expect(stepRecovery(from, event, R, P)).toEqual({ state: to, actions });
  });

  it('says what to show: waiting for the host before the first frame, reconnecting after it', () => {
    const views: Array<[RecoveryState, RecoveryView]> = [
      [initialRecovery(0), 'waitingForHost'],
      [waiting(3, 0, 'error', false), 'waitingForHost'],
      [playing(1, 0), 'playing'],
      [waiting(1, 0, 'stall'), 'reconnecting'],
      [connecting(1, 0, null), 'reconnecting'],
    ];
    for (const [s, v] of views) expect(recoveryView(s)).toBe(v);
  });

  it('runs a whole outage: stall, reconnecting with growing backoff while the host is away, live edge when back', () => {
    let s: RecoveryState = initialRecovery(0);
    const seen: string[] = [];
    const feed = (e: RecoveryEvent) => {
      const r = stepRecovery(s, e, R, P);
      s = r.state;
      seen.push(`${e.type}@${e.at}:${recoveryView(s)}${r.actions.map((a) => ` ${a.type}${a.type === 'seek' ? a.to : ''}`).join('')}`);
    };
    const retryAt = (): number => (s.kind === 'waiting' ? s.retryAt : Number.NaN);
    let t = 0;
    feed(sample(t, 0));
    for (t = 500; t <= 3000; t += 500) feed(sample(t, t / 1000));
    // The publisher is killed: currentTime freezes at 3.0.
    for (; s.kind === 'playing'; t += 250) feed(sample(t, 3));
    expect(s).toMatchObject({ kind: 'waiting', attempt: 1, reason: 'stall' });
    // The host is away: each new player fails (the loader ends), and the retries back off.
    const retryDelays: number[] = [];
    for (let i = 0; i < 4; i++) {
      while (s.kind === 'waiting') feed(sample((t += 100), 0, null));
      expect(s.kind).toBe('connecting');
      feed({ type: 'ended', at: (t += 100) });
      retryDelays.push(retryAt() - t);
    }
    expect(retryDelays).toEqual([850, 850, 850, 850]);
    // Back: the next player's buffer starts 6 s behind its end; playback jumps to the live edge.
    while (s.kind === 'waiting') feed(sample((t += 100), 0, null));
    feed(sample((t += 250), 0, null));
    feed(sample((t += 250), 0.1, 6.1));
    expect(s).toMatchObject({ kind: 'playing' });
    expect(seen.at(-1)).toMatch(/:playing seek5\.6$/);
    expect(seen.filter((l) => l.includes('reconnecting')).length).toBeGreaterThan(0);
    // Once it has played, the page never goes back to 'waiting for the host'.
    expect(seen.slice(seen.findIndex((l) => l.includes(':playing'))).some((l) => l.includes('waitingForHost'))).toBe(false);
  });
});
