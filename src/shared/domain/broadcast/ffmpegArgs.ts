// The one pure function that turns a validated BroadcastSpec into ffmpeg's argument list for a
// platform: inputs, filter graph, encoder, then the push / recording / preview outputs.
import { audioEncoderArgs, pickEncoder, vaapiUpload, videoEncoderArgs, type EncoderCaps, type VideoEncoder } from './encoders';
import { broadcastError, type BroadcastError } from './errors';
import {
  audioDeviceInput, cameraInput, screenInput, silenceInput, testAudioInput, testVideoInput,
  type FfmpegInput, type Platform,
} from './inputs';
import { audioGraph, videoGraph, type GraphInputs } from './layout';
import { encodingPlan } from './presets';
import type { BroadcastSpec } from './spec';

export interface OutputPaths {
  /** The signed push URL; null records only. */
  pushUrl: string | null;
  /** This run's recording file (one part per ffmpeg run). */
  recordPath: string | null;
  /** A JPEG rewritten at the preview rate. */
  previewPath: string | null;
  /**
   * The push leaves as FLV on stdout (progress moves to fd 3), for the stream-clock pass-through
   * that stamps it and hands it to a `-c copy` pusher (src/node/broadcast/clockedPush.ts).
   */
  clockPipe?: boolean;
}

/** Where the push output goes when it is piped: ffmpeg's stdout. */
export const PIPE_OUT = 'pipe:1';

export interface BuiltCommand {
  args: string[];
  encoder: VideoEncoder;
  /** Output order; with recording the push and the file are slaves #0 and #1 of one tee. */
  outputs: { push: boolean; record: boolean; preview: boolean; tee: boolean; clockPipe: boolean };
}

export type BuildResult = { ok: true; value: BuiltCommand } | { ok: false; error: BroadcastError };

/** Seconds ffmpeg waits on a silent server before failing the write (ffmpeg takes microseconds). */
export const RW_TIMEOUT_SECONDS = 5;

/** tee splits on `|` and unescapes `\`, `'`, `[` and `]` (Windows paths need this). */
export const teeEscape = (s: string): string => s.replace(/[\\'|[\]]/g, (c) => `\\${c}`);

function recordFormat(spec: BroadcastSpec): { name: string; opts: string[] } {
  // Fragmented MP4 writes a moov up front and self-contained fragments, so a crash leaves a playable file.
  return spec.record?.container === 'mp4'
    ? { name: 'mp4', opts: ['movflags', '+frag_keyframe+empty_moov+default_base_moof'] }
    : { name: 'matroska', opts: [] };
}

function outputArgs(spec: BroadcastSpec, out: OutputPaths): string[] {
  const rec = recordFormat(spec);
  if (out.pushUrl && out.clockPipe) out = { ...out, pushUrl: PIPE_OUT };
  const pushOpts = ['-flvflags', 'no_duration_filesize'];
  if (out.pushUrl && out.recordPath) {
    // onfail=ignore on both: a dropped push keeps the recording going while the supervisor waits
    // to reconnect, and a full disk never takes the stream down.
    const recOpts = rec.opts.length ? `:${rec.opts.join('=')}` : '';
    const slaves = [
      `[f=flv:flvflags=no_duration_filesize:onfail=ignore]${teeEscape(out.pushUrl)}`,
      `[f=${rec.name}${recOpts}:onfail=ignore]${teeEscape(out.recordPath)}`,
    ];
    return ['-flags', '+global_header', '-f', 'tee', slaves.join('|')];
  }
  if (out.pushUrl === PIPE_OUT) return ['-f', 'flv', ...pushOpts, PIPE_OUT];
  if (out.pushUrl) return ['-rw_timeout', String(RW_TIMEOUT_SECONDS * 1_000_000), '-f', 'flv', ...pushOpts, out.pushUrl];
  if (out.recordPath) {
    return ['-f', rec.name, ...(rec.opts.length ? [`-${rec.opts[0]}`, rec.opts[1] as string] : []), out.recordPath];
  }
  return [];
}

export function buildFfmpegArgs(spec: BroadcastSpec, platform: Platform, caps: EncoderCaps, out: OutputPaths): BuildResult {
  if (!out.pushUrl && !out.recordPath) return { ok: false, error: broadcastError('BAD_SPEC', 'nothing to push or record') };
  const encoder = pickEncoder(platform, caps, spec.video.allowHardware);
  if (!encoder) return { ok: false, error: broadcastError('ENCODER_UNAVAILABLE', 'this ffmpeg has no libx264') };
  const plan = encodingPlan(spec);
  const clockPipe = out.clockPipe === true && out.pushUrl !== null;

  const inputs: FfmpegInput[] = [];
  const graph: GraphInputs = { audio: [] };
  const add = (i: FfmpegInput): number => inputs.push(i) - 1;
  if (spec.layout === 'test') graph.test = add(testVideoInput(plan));
  if (spec.screen && spec.layout !== 'camera' && spec.layout !== 'test') graph.screen = add(screenInput(platform, spec.screen, plan));
  if (spec.camera && spec.layout !== 'screen' && spec.layout !== 'test') graph.camera = add(cameraInput(platform, spec.camera, plan));
  if (spec.audio.mic) graph.audio.push(add(audioDeviceInput(platform, spec.audio.mic, 'mic')));
  if (spec.audio.systemAudio) graph.audio.push(add(audioDeviceInput(platform, spec.audio.systemAudio, 'system-audio')));
  if (graph.audio.length === 0) graph.audio.push(add(spec.layout === 'test' ? testAudioInput(plan) : silenceInput(plan)));

  let video = videoGraph(spec, platform, plan, graph);
  let mainLabel = '[vout]';
  const filters: string[] = [];
  if (out.previewPath && spec.preview) {
    const p = spec.preview;
    filters.push(video, `[vout]split=2[vmain][vpv]`, `[vpv]fps=${p.fps},scale=${p.width}:-2[vpre]`);
    mainLabel = '[vmain]';
  } else {
    filters.push(video);
  }
  if (clockPipe) {
    // Each frame as it enters the encoder, on stderr: the stream clock's capture time (stamper.ts).
    filters.push(`${mainLabel}showinfo=checksum=0[vclk]`);
    mainLabel = '[vclk]';
  }
  if (encoder === 'h264_vaapi') {
    filters.push(`${mainLabel}${vaapiUpload}[vhw]`);
    mainLabel = '[vhw]';
  }
  filters.push(audioGraph(plan, graph.audio));
  video = filters.join(';');

  const args = [
    '-hide_banner', '-nostats', '-loglevel', 'info', '-y',
    // Stats come as key=value blocks on stdout, once a second.
    '-progress', clockPipe ? 'pipe:3' : 'pipe:1', '-stats_period', '1',
    ...(encoder === 'h264_vaapi' ? ['-vaapi_device', '/dev/dri/renderD128'] : []),
    ...inputs.flatMap((i) => i.args),
    '-filter_complex', video,
    '-map', mainLabel, '-map', '[aout]',
    ...videoEncoderArgs(encoder, plan),
    ...audioEncoderArgs(plan),
    ...outputArgs(spec, out),
  ];
  if (out.previewPath && spec.preview) {
    args.push('-map', '[vpre]', '-an', '-c:v', 'mjpeg', '-q:v', '5', '-f', 'image2', '-update', '1', out.previewPath);
  }
  return {
    ok: true,
    value: {
      args,
      encoder,
      outputs: {
        push: out.pushUrl !== null,
        record: out.recordPath !== null,
        preview: out.previewPath !== null && spec.preview !== undefined,
        tee: out.pushUrl !== null && out.recordPath !== null,
        clockPipe,
      },
    },
  };
}
