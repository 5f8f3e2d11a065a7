// How the studio viewer page keeps its buffer small, as numbers shared by the page (which hands them
// to mpegts.js: liveSync speeds playback up above `maxS` until `targetS`; latency chasing seeks
// above `seekAboveS`) and by the console's delay probe, which plays the same policy on a virtual
// playhead over the frames it pulls, so "viewers see you N s late" is what that page shows.

export interface BufferPolicy {
  /** Buffer kept (s) once caught up. */
  targetS: number;
  /** Above this buffer (s) playback runs at `rate`, down to `targetS`. */
  maxS: number;
  rate: number;
  /** Above this buffer (s) the player seeks to `keepS` before the end. */
  seekAboveS: number;
  keepS: number;
}

/** The viewer page's policy (mpegts.js liveSync + latency chasing). */
export const viewerBufferPolicy: BufferPolicy = { targetS: 0.25, maxS: 0.4, rate: 1.15, seekAboveS: 1.5, keepS: 0.3 };

/** mpegts.js settings for a policy (the keys are mpegts.js's Config). */
export function mpegtsBufferConfig(p: BufferPolicy): Record<string, number | boolean> {
  return {
    liveSync: true,
    liveSyncTargetLatency: p.targetS,
    liveSyncMaxLatency: p.maxS,
    liveSyncPlaybackRate: p.rate,
    liveBufferLatencyChasing: true,
    liveBufferLatencyMaxLatency: p.seekAboveS,
    liveBufferLatencyMinRemain: p.keepS,
  };
}

/**
 * A virtual playhead over arriving frames: it starts at the first frame, plays at 1× (or `rate`
 * while the buffer is above `maxS`), stalls at the end of what arrived, and seeks like the page.
 */
export class VirtualPlayhead {
  private pos: number | null = null;
  private end = 0;
  private at = 0;
  private rate = 1;

  constructor(private readonly p: BufferPolicy = viewerBufferPolicy) {}

  /** A frame arrived (pts ms, `frameMs` long) at wall time `now`. */
  arrive(pts: number, frameMs: number, now: number): void {
    this.advance(now);
    this.end = Math.max(this.end, pts + frameMs);
    if (this.pos === null) {
      this.pos = pts;
      this.at = now;
    }
    this.steer();
  }

  /** The playhead's pts (ms) at wall time `now`, or null before the first frame. */
  position(now: number): number | null {
    this.advance(now);
    this.steer();
    return this.pos;
  }

  /** Buffered ahead of the playhead (s). */
  bufferS(): number {
    return this.pos === null ? 0 : (this.end - this.pos) / 1000;
  }

  reset(): void {
    this.pos = null;
    this.end = 0;
    this.rate = 1;
  }

  private advance(now: number): void {
    if (this.pos === null) return;
    this.pos = Math.min(this.end, this.pos + Math.max(0, now - this.at) * this.rate);
    this.at = now;
  }

  private steer(): void {
    if (this.pos === null) return;
    const buffer = (this.end - this.pos) / 1000;
    if (buffer > this.p.seekAboveS) {
      this.pos = this.end - this.p.keepS * 1000;
      this.rate = 1;
    } else if (buffer > this.p.maxS) this.rate = this.p.rate;
    else if (buffer <= this.p.targetS) this.rate = 1;
  }
}
