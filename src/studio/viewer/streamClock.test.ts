import { describe, expect, it, vi } from 'vitest';
import { STAGESIDE_SEI_UUID } from '../../shared/domain/streamClock/sei';
import { createStreamClock, type SeiSource } from './streamClock';

/** A <video> as far as the clock reads it: the playback position and the end of what is buffered. */
function fakeVideo() {
  const v = { currentTime: 0, end: null as number | null };
  const video = { get currentTime() { return v.currentTime; }, buffered: { get length() { return v.end === null ? 0 : 1; }, end: () => v.end ?? 0 } } as unknown as HTMLVideoElement;
  return { v, video };
}
function fakePlayer() {
  let listener: ((d: unknown) => void) | null = null;
  const player: SeiSource = { on: (_e, fn) => void (listener = fn), off: () => void (listener = null) };
  const sei = (pts: number, t: number) => listener?.({ uuid: STAGESIDE_SEI_UUID, user_data: new TextEncoder().encode(JSON.stringify({ t })), pts });
  return { player, sei, attached: () => listener !== null };
}

describe('the stream clock in a web player', () => {
  it('follows the next player after a reconnect, though the old one was destroyed (its off() throws)', () => {
    const { video } = fakeVideo();
    const clock = createStreamClock(video, { now: () => 0 });
    const old = fakePlayer();
    const destroyed: SeiSource = { on: old.player.on, off: () => { throw new TypeError("Cannot read properties of null (reading 'off')"); } };
    clock.attach(destroyed);
    const next = fakePlayer();
    expect(() => clock.attach(next.player)).not.toThrow();
    expect(next.attached()).toBe(true);
    expect(() => clock.detach()).not.toThrow();
  });

  it('maps playback to the capture clock from demuxed SEI (the media-time base learnt from the buffer), and says the delay', () => {
    const { v, video } = fakeVideo();
    let now = 100_000;
    const clock = createStreamClock(video, { now: () => now });
    const p = fakePlayer();
    clock.attach(p.player);
    expect(p.attached()).toBe(true);
    expect(clock.clockNow()).toBeNull();
    // mpegts.js's timeline starts at pts 5000 (media time 0). First SEI with an empty buffer: an upper bound.
    p.sei(5000, 90_000);
    // The next keyframe's SEI arrives when 1 s is buffered (its frame not appended yet): base = 6 − 1 = 5 s.
    v.end = 1.0;
    p.sei(6000, 91_000);
    v.currentTime = 0.5;
    expect(clock.clockNow()).toBe(90_500);
    now = 92_000;
    expect(clock.delayS()).toBeCloseTo(1.5, 5);
  });

  it('shows a pop-up when playback reaches its clock, at once without a clock, and after maxWait at the latest', () => {
    vi.useFakeTimers();
    try {
      const { v, video } = fakeVideo();
      let now = 0;
      const clock = createStreamClock(video, { now: () => now, pollMs: 10 });
      const noClock = vi.fn();
      clock.showAt(10, noClock);
      expect(noClock).toHaveBeenCalledTimes(1);
      const p = fakePlayer();
      clock.attach(p.player);
      v.end = 0;
      p.sei(0, 50_000);
      const shown = vi.fn();
      clock.showAt(51_000, shown);
      v.currentTime = 0.9;
      vi.advanceTimersByTime(20);
      expect(shown).not.toHaveBeenCalled();
      v.currentTime = 1.0;
      vi.advanceTimersByTime(20);
      expect(shown).toHaveBeenCalledTimes(1);
      const never = vi.fn();
      clock.showAt(99_999_999, never, 1000);
      now = 1500;
      vi.advanceTimersByTime(20);
      expect(never).toHaveBeenCalledTimes(1);
      clock.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});
