// Web-mode frames: the same contract as Electron IPC, carried as JSON over one WebSocket.
// Both ends validate every frame with these schemas.
import { z } from 'zod';

export const WS_PATH = '/ws';
export const MAX_FRAME_BYTES = 1024 * 1024;

export const clientFrameSchema = z
  .object({
    t: z.literal('call'),
    id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    name: z.string().min(1).max(64),
    arg: z.unknown().optional(),
  })
  .strict();
export type ClientFrame = z.infer<typeof clientFrameSchema>;

const errorData = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });

export const serverFrameSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('hello'), transport: z.literal('web'), version: z.string() }),
  z.object({
    t: z.literal('result'),
    id: z.number(),
    result: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: errorData }),
    ]),
  }),
  z.object({ t: z.literal('event'), name: z.string(), payload: z.unknown() }),
  /** A frame that could not be understood; `id` when it could be read. */
  z.object({ t: z.literal('error'), id: z.number().optional(), error: errorData }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

/** WebSocket close code used when the access token is missing or wrong. */
export const CLOSE_UNAUTHORIZED = 4401;
/** WebSocket close code used when the host revoked this console's invite link. */
export const CLOSE_REVOKED = 4403;
