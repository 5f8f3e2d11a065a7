// The video/audio filter graph for each layout (camera, screen, picture-in-picture, side by side,
// test pattern) on a landscape or portrait canvas; every branch ends in `[vout]` / `[aout]`.
import type { Platform } from './inputs';
import type { EncodingPlan } from './presets';
import type { BroadcastSpec } from './spec';

export interface GraphInputs {
  camera?: number;
  screen?: number;
  test?: number;
  audio: number[];
}

const even = (n: number): number => Math.max(2, Math.round(n / 2) * 2);

/** Scales into a w×h box keeping the aspect ratio and pads the rest black (letterbox). */
const fit = (w: number, h: number): string =>
  `scale=${w}:${h}:force_original_aspect_ratio=decrease,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2,setsar=1`;

function screenChain(spec: BroadcastSpec, platform: Platform): string {
  const r = spec.screen?.region;
  // Only avfoundation lacks a capture region; the other grabbers crop at the source.
  return platform === 'darwin' && r ? `crop=${r.width}:${r.height}:${r.x}:${r.y},` : '';
}

function pipOverlay(spec: BroadcastSpec, plan: EncodingPlan): { scale: string; x: string; y: string } {
  const pip = spec.pip ?? { corner: 'bottom-right' as const, size: 0.25, margin: 24 };
  const w = even(plan.width * pip.size);
  const m = pip.margin;
  const left = pip.corner.endsWith('left');
  const top = pip.corner.startsWith('top');
  return {
    scale: `scale=${w}:-2,setsar=1`,
    x: left ? String(m) : `main_w-overlay_w-${m}`,
    y: top ? String(m) : `main_h-overlay_h-${m}`,
  };
}

export function videoGraph(spec: BroadcastSpec, platform: Platform, plan: EncodingPlan, inp: GraphInputs): string {
  const { width: W, height: H, fps } = plan;
  const tail = `fps=${fps},format=yuv420p[vout]`;
  const src = (i: number | undefined) => `[${i ?? 0}:v]`;
  switch (spec.layout) {
    case 'test':
      return `${src(inp.test)}${fit(W, H)},${tail}`;
    case 'camera':
      return `${src(inp.camera)}${fit(W, H)},${tail}`;
    case 'screen':
      return `${src(inp.screen)}${screenChain(spec, platform)}${fit(W, H)},${tail}`;
    case 'pip': {
      const o = pipOverlay(spec, plan);
      return [
        `${src(inp.screen)}${screenChain(spec, platform)}${fit(W, H)}[bg]`,
        `${src(inp.camera)}${o.scale}[cam]`,
        `[bg][cam]overlay=x=${o.x}:y=${o.y}:eof_action=pass,${tail}`,
      ].join(';');
    }
    case 'side-by-side': {
      // Landscape: screen left, camera right; portrait: screen on top, camera below.
      const landscape = W >= H;
      const cw = landscape ? even(W / 2) : W;
      const ch = landscape ? H : even(H / 2);
      return [
        `${src(inp.screen)}${screenChain(spec, platform)}${fit(cw, ch)}[a]`,
        `${src(inp.camera)}${fit(cw, ch)}[b]`,
        `[a][b]${landscape ? 'hstack' : 'vstack'}=inputs=2,${fit(W, H)},${tail}`,
      ].join(';');
    }
  }
}

/** One stereo 48 kHz track: the single source, or mic and system audio mixed. */
export function audioGraph(plan: EncodingPlan, audioInputs: number[]): string {
  const norm = `aresample=${plan.audioSampleRate}:async=1000,aformat=sample_fmts=fltp:channel_layouts=stereo`;
  if (audioInputs.length <= 1) return `[${audioInputs[0] ?? 0}:a]${norm}[aout]`;
  const ins = audioInputs.map((i) => `[${i}:a]`).join('');
  return `${ins}amix=inputs=${audioInputs.length}:duration=longest:dropout_transition=0,${norm}[aout]`;
}
