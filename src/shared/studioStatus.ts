// What the console knows about the embedded local studio (run by main/web mode in a child
// process). Only public endpoints: the studio's local keys stay in the Node side.
import { z } from 'zod';

export const studioPublicInfoSchema = z.object({
  restBaseUrl: z.string(),
  realtimeUrl: z.string(),
  rtmpIngestUrl: z.string().nullable(),
  playBaseUrl: z.string().nullable(),
  viewerUrl: z.string(),
  sdkAppId: z.number(),
  adminIdentifier: z.string(),
  demoRoomId: z.string(),
  /** The embedded callbacks service (word lists, levels); null when an external one is used. */
  callbacksUrl: z.string().nullable().default(null),
});
export type StudioPublicInfo = z.infer<typeof studioPublicInfoSchema>;

export type StudioState = 'off' | 'starting' | 'running' | 'restarting' | 'failed';

export interface StudioStatus {
  state: StudioState;
  info?: StudioPublicInfo;
  /** Why the last run ended or failed to start (no secrets). */
  lastError?: string;
  restarts: number;
}
