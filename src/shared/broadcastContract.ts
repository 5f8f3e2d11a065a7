// Requests of the broadcast commands. `broadcast:start` is typed end to end: the spec's fields as
// the BroadcastSpec has them, and a target the console picks among the four it offers. Main turns
// that target into the push it signs (node/pushTargets.ts), so the renderer never holds a push key
// nor round-trips the LVB domain, AppName or stream name from Settings.
import { z } from 'zod';
import { broadcastSpecFields } from './domain/broadcast/spec';

const rtmpUrl = z.string().regex(/^rtmps?:\/\/\S+$/, 'must be an rtmp:// or rtmps:// URL');

/** Where Go Live pushes, as the console asks for it. */
export const goLiveTargetSchema = z.discriminatedUnion('kind', [
  /** The local studio's ingest, signed in main with the studio's key for the room's stream. */
  z.strictObject({ kind: z.literal('studio') }),
  /** LVB as Settings has it: push domain, AppName, stream name (else the room's) and the push key. */
  z.strictObject({ kind: z.literal('lvb') }),
  /** The plain RTMP server saved in Settings, with the `rtmp.streamKey` secret. */
  z.strictObject({ kind: z.literal('savedServer') }),
  /** An RTMP server and stream key typed for this broadcast only (OBS style). */
  z.strictObject({ kind: z.literal('server'), server: rtmpUrl, key: z.string().min(1).max(2048) }),
]);
export type GoLiveTarget = z.infer<typeof goLiveTargetSchema>;

/**
 * The spec as the console sends it. Its shape is the dispatcher's to refuse (BAD_REQUEST); what a
 * layout needs (a camera for `pip`, …) is the spec's own rule, reported as BAD_SPEC naming the field.
 */
export const goLiveSpecSchema = z.strictObject({ ...broadcastSpecFields, target: goLiveTargetSchema });
export type GoLiveSpecInput = z.input<typeof goLiveSpecSchema>;
export type GoLiveSpec = z.output<typeof goLiveSpecSchema>;

export const startRequestSchema = z.strictObject({ spec: goLiveSpecSchema });

/** What `broadcast:probe` reports (the Node side's FfmpegCapabilities, structurally). */
export interface ProbeResult {
  path: string;
  source: string;
  version: string | null;
  encoders: string[];
  inputDevices: string[];
  hardware: Array<{ encoder: string; ok: boolean; error?: string; ms: number }>;
  verifiedHardware: string[];
}
