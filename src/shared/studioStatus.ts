// What the console knows about the embedded local studio (run by main/web mode in a child
// process) and its ingest. Only public endpoints: the studio's local keys stay in the Node side.
import { z } from 'zod';

/** The studio's ports: REST/realtime/viewer page, RTMP ingest, HTTP-FLV play. */
export const studioPortNameSchema = z.enum(['http', 'rtmp', 'flv']);
export type StudioPortName = z.infer<typeof studioPortNameSchema>;

/** A saved port that was taken by another program at start, and the one the studio uses instead. */
export const portMoveSchema = z.object({ port: studioPortNameSchema, from: z.number().int(), to: z.number().int() });
export type PortMove = z.infer<typeof portMoveSchema>;

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
  /** Saved ports found taken at this start (the URLs above are the new ones); absent when none moved. */
  portsMoved: z.array(portMoveSchema).optional(),
});
export type StudioPublicInfo = z.infer<typeof studioPublicInfoSchema>;

/**
 * The studio's RTMP ingest child, which the studio restarts with backoff when it dies:
 * `restarting` is restart `attempt` of `maxAttempts`, due at `nextTryAt` (Unix ms) or under way
 * (null); `failed` is a give-up, until the studio is restarted.
 */
export const ingestStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('running'), restarts: z.number().int().nonnegative() }),
  z.object({
    state: z.literal('restarting'),
    attempt: z.number().int().positive(),
    maxAttempts: z.number().int().positive(),
    nextTryAt: z.number().nullable(),
    lastError: z.string(),
  }),
  z.object({ state: z.literal('failed'), lastError: z.string() }),
]);
export type IngestStatus = z.infer<typeof ingestStatusSchema>;

/** The lines the studio prints after its first one, each time its ingest's state changes. */
export const studioUpdateLineSchema = z.object({ ingest: ingestStatusSchema });

export type StudioState = 'off' | 'starting' | 'running' | 'restarting' | 'failed';

export interface StudioStatus {
  state: StudioState;
  info?: StudioPublicInfo;
  /** Why the last run ended or failed to start (no secrets). */
  lastError?: string;
  restarts: number;
  /** While running: its ingest's state; null when it runs without one (--no-ingest). */
  ingest?: IngestStatus | null;
}
