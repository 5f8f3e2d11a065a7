// What a broadcast is, as data: the zod `broadcastSpecSchema` shared by the contract, the CLI and
// the argv builder, so every entry point validates alike before ffmpeg ever starts.
import { z } from 'zod';

const id = z.string().trim().min(1).max(512);
const evenDim = (min: number, max: number) =>
  z.number().int().min(min).max(max).refine((n) => n % 2 === 0, 'must be even (H.264 4:2:0)');

export const regionSchema = z.strictObject({
  x: z.number().int().min(0).max(16384),
  y: z.number().int().min(0).max(16384),
  width: evenDim(64, 8192),
  height: evenDim(64, 8192),
});

export const cameraSourceSchema = z.strictObject({
  id,
  /** Capture size asked of the device; default: the canvas size. */
  width: evenDim(64, 4096).optional(),
  height: evenDim(64, 4096).optional(),
  fps: z.number().int().min(1).max(120).optional(),
  /** v4l2/dshow input pixel format or codec, e.g. `mjpeg` for USB cameras at 720p30. */
  inputFormat: z.string().regex(/^[a-z0-9_]{2,32}$/).optional(),
});

export const screenSourceSchema = z.strictObject({
  /** linux `:0.0`, win32 `desktop`, darwin `Capture screen 0` or its avfoundation index. */
  id,
  region: regionSchema.optional(),
  drawMouse: z.boolean().default(true),
});

export const pipSchema = z.strictObject({
  corner: z.enum(['top-left', 'top-right', 'bottom-left', 'bottom-right']).default('bottom-right'),
  /** Camera width as a fraction of the canvas width. */
  size: z.number().min(0.1).max(0.5).default(0.25),
  /** Gap to the canvas edges in pixels. */
  margin: z.number().int().min(0).max(400).default(24),
});

export const layoutSchema = z.enum(['camera', 'screen', 'pip', 'side-by-side', 'test']);
export type Layout = z.infer<typeof layoutSchema>;

export const audioSchema = z.strictObject({
  /** Microphone device id; absent means no microphone. */
  mic: id.optional(),
  /** Loopback/monitor device id (pulse `*.monitor`, dshow "Stereo Mix", BlackHole on macOS). */
  systemAudio: id.optional(),
});

export const presetNameSchema = z.enum(['720p30', '1080p30', 'portrait720']);
export type PresetName = z.infer<typeof presetNameSchema>;

export const videoSchema = z.strictObject({
  preset: presetNameSchema.default('720p30'),
  /** Overrides of the preset. */
  bitrateKbps: z.number().int().min(300).max(20000).optional(),
  fps: z.number().int().min(10).max(60).optional(),
  /** For WebRTC/LEB playback, which cannot carry B-frames. */
  noBFrames: z.boolean().default(false),
  /**
   * Low-latency preset: x264 `-tune zerolatency` (no lookahead, no B-frames) and a 0.5 s keyframe
   * interval, so the encoder adds ~0.15 s instead of ~0.7 s and a joining viewer starts at most
   * half a second back (measured by bench:glass; docs/broadcasting.md).
   */
  lowLatency: z.boolean().default(false),
  /** Use a hardware encoder when the probe's test encode passed. */
  allowHardware: z.boolean().default(false),
});

export const targetSchema = z.discriminatedUnion('kind', [
  /** A full RTMP(S) URL, e.g. a signed LVB push URL or the studio's demo URL. */
  z.strictObject({ kind: z.literal('url'), url: z.string().regex(/^rtmps?:\/\/\S+$/, 'must be an rtmp:// or rtmps:// URL') }),
  /** OBS style: server + stream key, joined as `<server>/<key>`. */
  z.strictObject({
    kind: z.literal('server'),
    server: z.string().regex(/^rtmps?:\/\/\S+$/, 'must be an rtmp:// or rtmps:// URL'),
    key: z.string().min(1).max(2048),
  }),
  /** Signed with the LVB push key (txSecret/txTime); expiry ≥ 24 h so reconnects keep working. */
  z.strictObject({
    kind: z.literal('lvb'),
    domain: z.string().min(1).max(253),
    appName: z.string().min(1).max(64).default('live'),
    streamName: z.string().min(1).max(255),
    /** Push key; normally absent and supplied by the service from the secret store. */
    key: z.string().min(1).optional(),
    expiresInHours: z.number().min(24).max(24 * 30).default(24),
  }),
  /** Record only, no push. */
  z.strictObject({ kind: z.literal('none') }),
]);
export type BroadcastTarget = z.infer<typeof targetSchema>;

/** A destination besides the main target: an ad-hoc URL or a saved server + stream key. */
export const extraTargetSchema = z.discriminatedUnion('kind', [targetSchema.options[0], targetSchema.options[1]]);
export type ExtraTarget = z.infer<typeof extraTargetSchema>;
/** The main target and up to this many more, all fed by one encode. */
export const MAX_EXTRA_TARGETS = 7;

export const recordingSchema = z.strictObject({
  /** File name stem, no folder: parts are `<name>.partN.<ext>` inside the recordings folder. */
  name: z.string().regex(/^[A-Za-z0-9 _.-]{1,120}$/, 'letters, digits, space, _ . - only').optional(),
  /** Matroska survives a crash as-is; fragmented MP4 plays in more places. */
  container: z.enum(['mkv', 'mp4']).default('mkv'),
});

export const previewSchema = z.strictObject({
  /** Snapshot rate; the same ffmpeg writes it, so the camera is never opened twice. */
  fps: z.number().min(0.2).max(5).default(1),
  width: evenDim(160, 1280).default(320),
});

/** Everything a broadcast is besides its target (the Go Live request shares these fields). */
export const broadcastSpecFields = {
  layout: layoutSchema,
  camera: cameraSourceSchema.optional(),
  screen: screenSourceSchema.optional(),
  pip: pipSchema.optional(),
  audio: audioSchema.default({}),
  video: videoSchema.default({ preset: '720p30', noBFrames: false, lowLatency: false, allowHardware: false }),
  record: recordingSchema.optional(),
  preview: previewSchema.optional(),
  /** More destinations fed by the same encode, each reconnecting alone (needs a main target). */
  extraTargets: z.array(extraTargetSchema).max(MAX_EXTRA_TARGETS).default([]),
};

export interface SpecIssue {
  path: string[];
  message: string;
}

/** The rules across fields: the sources a layout needs, and a recording when nothing is pushed. */
export function specIssues(s: { layout: Layout; camera?: unknown; screen?: unknown; record?: unknown; target: { kind: string }; extraTargets?: readonly unknown[] }): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const need = (field: 'camera' | 'screen') => {
    if (!s[field]) issues.push({ path: [field], message: `layout "${s.layout}" needs a ${field}` });
  };
  if (s.layout === 'camera' || s.layout === 'pip' || s.layout === 'side-by-side') need('camera');
  if (s.layout === 'screen' || s.layout === 'pip' || s.layout === 'side-by-side') need('screen');
  if (s.target.kind === 'none' && !s.record) issues.push({ path: ['record'], message: 'a broadcast without a target must record' });
  if (s.target.kind === 'none' && (s.extraTargets?.length ?? 0) > 0) issues.push({ path: ['extraTargets'], message: 'more destinations need a main target' });
  return issues;
}

export const broadcastSpecSchema = z
  .strictObject({ ...broadcastSpecFields, target: targetSchema })
  .superRefine((s, ctx) => {
    for (const i of specIssues(s)) ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
  });

export type BroadcastSpecInput = z.input<typeof broadcastSpecSchema>;
export type BroadcastSpec = z.output<typeof broadcastSpecSchema>;
