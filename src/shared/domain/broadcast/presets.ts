// Encoder presets (the live-streaming industry defaults Tencent CSS recommends for push): canvas, frame rate and CBR bitrate,
// with the derived x264 rate control so every preset keeps a 2 s keyframe interval (0.5 s in the low-latency preset).
import type { BroadcastSpec, PresetName } from './spec';

export interface Preset {
  width: number;
  height: number;
  fps: number;
  bitrateKbps: number;
}

export const presets: Record<PresetName, Preset> = {
  '720p30': { width: 1280, height: 720, fps: 30, bitrateKbps: 2500 },
  '1080p30': { width: 1920, height: 1080, fps: 30, bitrateKbps: 4500 },
  portrait720: { width: 720, height: 1280, fps: 30, bitrateKbps: 2500 },
};

export interface EncodingPlan extends Preset {
  /** Keyframe interval in frames: 2 s (0.5 s with lowLatency). */
  gop: number;
  /** VBV buffer: 2 s of bitrate, so CBR can absorb a scene change. */
  bufsizeKbps: number;
  audioBitrateKbps: number;
  audioSampleRate: number;
  noBFrames: boolean;
  /** x264 zerolatency tuning (no lookahead, no B-frames, no frame threads). */
  lowLatency: boolean;
}

export function encodingPlan(spec: BroadcastSpec): EncodingPlan {
  const base = presets[spec.video.preset];
  const fps = spec.video.fps ?? base.fps;
  const bitrateKbps = spec.video.bitrateKbps ?? base.bitrateKbps;
  return {
    width: base.width,
    height: base.height,
    fps,
    bitrateKbps,
    gop: spec.video.lowLatency ? Math.max(1, Math.round(fps / 2)) : fps * 2,
    // lowLatency: a 1 s VBV, so CBR does not hold frames back to smooth a 2 s window.
    bufsizeKbps: spec.video.lowLatency ? bitrateKbps : bitrateKbps * 2,
    audioBitrateKbps: 128,
    audioSampleRate: 48000,
    noBFrames: spec.video.noBFrames || spec.video.lowLatency,
    lowLatency: spec.video.lowLatency,
  };
}
