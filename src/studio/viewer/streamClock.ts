// The stream clock in a web player (the studio viewer page, and merchants' players: docs/stream-clock-helper.md):
// reads Stageside's clock SEI from mpegts.js's demuxed stream (its 'sei_arrived' event, no second
// download), maps the element's playback position to the capture clock, says how late this viewer
// sees the host, and shows a pop-up when playback reaches the moment it was launched.
//
// Mapping: mpegts.js hands each SEI with the frame's pts in the stream's timeline; the element's
// media time is that minus a base mpegts.js keeps to itself. When an SEI is demuxed its frame is not
// appended yet, so the buffered end then is at most the frame's media time: pts/1000 − bufferedEnd
// is never below the base, and the smallest such value seen is the base (exact once the video
// buffer is caught up, within a frame otherwise).
import { StreamClockMap } from '../../shared/domain/streamClock/clockReader';
import { readClockUserData } from '../../shared/domain/streamClock/sei';

/** The part of an mpegts.js player used here. */
export interface SeiSource {
  on(event: string, listener: (data: unknown) => void): void;
  off(event: string, listener: (data: unknown) => void): void;
}

/** mpegts.js's event name (Events.SEI_ARRIVED, missing from its type declarations in 1.8). */
export const SEI_ARRIVED = 'sei_arrived';

export interface StreamClock {
  /** Follow a (new) player: the marks of the last one are dropped. */
  attach(player: SeiSource): void;
  detach(): void;
  /** Capture clock (ms) of the frame being shown, or null before the first clock mark. */
  clockNow(): number | null;
  /** Seconds between the host's capture and this screen, or null without a clock. */
  delayS(): number | null;
  /** Whether a clock mark has been seen on the current player. */
  readonly clocked: boolean;
  /**
   * Runs `show` when playback reaches capture time `clockMs`; at once when the stream carries no
   * clock, or when it would wait longer than `maxWaitMs` (default 30 s). Returns a cancel.
   */
  showAt(clockMs: number, show: () => void, maxWaitMs?: number): () => void;
  dispose(): void;
}

export function createStreamClock(video: HTMLVideoElement, opts: { now?: () => number; pollMs?: number } = {}): StreamClock {
  const now = opts.now ?? (() => Date.now());
  let map = new StreamClockMap();
  let base: number | null = null;
  let player: SeiSource | null = null;
  const pending = new Set<{ at: number; deadline: number; show: () => void }>();
  let timer: ReturnType<typeof setInterval> | null = null;

  const onSei = (data: unknown): void => {
    const d = data as { uuid?: Uint8Array; user_data?: Uint8Array; pts?: number };
    if (!d.uuid || !d.user_data || typeof d.pts !== 'number') return;
    const mark = readClockUserData(d.uuid, d.user_data);
    if (!mark) return;
    const end = video.buffered.length > 0 ? video.buffered.end(video.buffered.length - 1) : 0;
    const candidate = d.pts / 1000 - end;
    base = base === null ? candidate : Math.min(base, candidate);
    map.add({ ...mark, pts: d.pts });
  };

  const clockNow = (): number | null => (base === null ? null : map.clockAt((video.currentTime + base) * 1000));

  const check = (): void => {
    const clock = clockNow();
    const t = now();
    for (const p of pending) {
      if ((clock !== null && clock >= p.at) || t >= p.deadline || map.size === 0) {
        pending.delete(p);
        p.show();
      }
    }
    if (pending.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };

  /**
   * Stops listening to the previous player. After a reconnect that player has been destroyed, and
   * mpegts.js's off() then throws (its emitter is gone): it hears nothing any more either way.
   */
  const unhook = (): void => {
    try {
      player?.off(SEI_ARRIVED, onSei);
    } catch {
      // destroyed with its player
    }
  };

  return {
    attach(p) {
      unhook();
      map = new StreamClockMap();
      base = null;
      player = p;
      p.on(SEI_ARRIVED, onSei);
    },
    detach() {
      unhook();
      player = null;
    },
    clockNow,
    delayS() {
      const c = clockNow();
      return c === null ? null : (now() - c) / 1000;
    },
    get clocked() {
      return map.size > 0;
    },
    showAt(clockMs, show, maxWaitMs = 30_000) {
      const item = { at: clockMs, deadline: now() + maxWaitMs, show };
      pending.add(item);
      check();
      if (pending.has(item) && timer === null) timer = setInterval(check, opts.pollMs ?? 20);
      return () => pending.delete(item);
    },
    dispose() {
      this.detach();
      pending.clear();
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
}
