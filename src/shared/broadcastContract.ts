// Requests of the broadcast commands. The console may ask for the local studio's ingest as a
// target (`studio`): main signs the push URL with the studio's key, which the renderer never sees.
import { z } from 'zod';
import { broadcastSpecSchema } from './domain/broadcast/spec';

export const studioTargetSchema = z.strictObject({ kind: z.literal('studio') });
/** The plain RTMP server + stream key saved in Settings (key from the SecretStore, resolved in main). */
export const savedServerTargetSchema = z.strictObject({ kind: z.literal('savedServer') });

/** A BroadcastSpec whose target may also be `{kind:'studio'}` (resolved in main). */
export const startRequestSchema = z.strictObject({
  spec: z.unknown(),
});

export function isStudioTarget(spec: unknown): boolean {
  return typeof spec === 'object' && spec !== null && studioTargetSchema.safeParse((spec as { target?: unknown }).target).success;
}

export function isSavedServerTarget(spec: unknown): boolean {
  return typeof spec === 'object' && spec !== null && savedServerTargetSchema.safeParse((spec as { target?: unknown }).target).success;
}

export { broadcastSpecSchema };

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
