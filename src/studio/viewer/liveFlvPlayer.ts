// The thin mpegts.js side of playback recovery (playerRecovery.ts): one player at a time on a
// <video>, the element sampled four times a second, mpegts.js's errors and end of loading fed in, and the
// recovery's actions carried out (close the player, load a new one, jump to the live edge). A
// merchant's web player can use it as is (docs/studio.md): give it mpegts.js, the element and the URL.
import type Mpegts from 'mpegts.js';
import { mpegtsBufferConfig, viewerBufferPolicy } from '../../shared/domain/streamClock/playback';
import {
  defaultRecoveryPolicy,
  initialRecovery,
  recoveryView,
  stepRecovery,
  type RecoveryEvent,
  type RecoveryPolicy,
  type RecoveryState,
  type RecoveryView,
} from './playerRecovery';

/** The parts of mpegts.js's default export used here (pass the module itself). */
export interface MpegtsLike {
  createPlayer(source: Mpegts.MediaDataSource, config?: Partial<Mpegts.Config>): Mpegts.Player;
  readonly Events: Readonly<Pick<Mpegts.Events, 'ERROR' | 'LOADING_COMPLETE'>>;
}

export interface LiveFlvOptions {
  mpegts: MpegtsLike;
  video: HTMLVideoElement;
  /** The HTTP-FLV play URL. */
  url: string;
  /** Called when what to show changes: the video, waiting for the host, or reconnecting. */
  onView?: (view: RecoveryView, state: RecoveryState) => void;
  policy?: Partial<RecoveryPolicy>;
  /** How often the element is sampled (ms). */
  sampleMs?: number;
  /**
   * Extra mpegts.js settings (defaults: no stash buffer, no referrer, and the viewer page's small
   * buffer: liveSync speeds playback up to a 0.25 s target, latency chasing seeks above 1.5 s).
   */
  config?: Partial<Mpegts.Config>;
  /** Each player as it is created (after a reconnect too): the stream clock follows it here. */
  onPlayer?: (player: Mpegts.Player) => void;
  now?: () => number;
  random?: () => number;
}

export interface LiveFlvPlayer {
  state(): RecoveryState;
  /** A hint that the stream is back (e.g. the room went Live again): a player between attempts retries now. */
  retryNow(): void;
  /** Stops sampling and closes the player (the element is left empty). */
  dispose(): void;
}

export function playLiveFlv(o: LiveFlvOptions): LiveFlvPlayer {
  const now = o.now ?? (() => Date.now());
  const random = o.random ?? Math.random;
  const policy: RecoveryPolicy = { ...defaultRecoveryPolicy, ...o.policy };
  const { video, mpegts } = o;
  let state = initialRecovery(now());
  let player: Mpegts.Player | null = null;

  const feed = (e: RecoveryEvent): void => {
    const before = recoveryView(state);
    const step = stepRecovery(state, e, random(), policy);
    state = step.state;
    for (const a of step.actions) {
      if (a.type === 'reload') open();
      else if (a.type === 'close') close();
      else video.currentTime = a.to;
    }
    const view = recoveryView(state);
    if (view !== before) o.onView?.(view, state);
  };
  const onError = (): void => feed({ type: 'error', at: now() });
  const onEnded = (): void => feed({ type: 'ended', at: now() });

  function open(): void {
    close();
    const p = mpegts.createPlayer(
      { type: 'flv', isLive: true, url: o.url },
      { enableStashBuffer: false, ...mpegtsBufferConfig(viewerBufferPolicy), referrerPolicy: 'no-referrer', ...o.config },
    );
    // A listener's failure must not stop the player from loading (the viewer would be stuck reconnecting).
    try {
      o.onPlayer?.(p);
    } catch (e) {
      console.warn('playLiveFlv: onPlayer threw', e);
    }
    p.on(mpegts.Events.ERROR, onError);
    p.on(mpegts.Events.LOADING_COMPLETE, onEnded);
    p.attachMediaElement(video);
    p.load();
    void Promise.resolve(p.play()).catch(() => undefined);
    player = p;
  }

  function close(): void {
    const p = player;
    if (!p) return;
    player = null;
    p.off(mpegts.Events.ERROR, onError);
    p.off(mpegts.Events.LOADING_COMPLETE, onEnded);
    try {
      p.unload();
      p.detachMediaElement();
      p.destroy();
    } catch {
      // A player that failed half-way may refuse to unload; it is dropped either way.
    }
  }

  const lastBufferedEnd = (): number | null => (video.buffered.length > 0 ? video.buffered.end(video.buffered.length - 1) : null);
  const sample = (): void =>
    feed({ type: 'sample', at: now(), currentTime: video.currentTime, bufferedEnd: lastBufferedEnd(), paused: video.paused && !video.ended });
  // The element played to the end of what it had (the loader's end may come first or not at all).
  const onVideoEnded = (): void => {
    if (player) onEnded();
  };

  video.addEventListener('ended', onVideoEnded);
  const timer = setInterval(sample, o.sampleMs ?? 250);
  open();
  o.onView?.(recoveryView(state), state);

  return {
    state: () => state,
    retryNow: () => feed({ type: 'nudge', at: now() }),
    dispose: () => {
      clearInterval(timer);
      video.removeEventListener('ended', onVideoEnded);
      close();
    },
  };
}
