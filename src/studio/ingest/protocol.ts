// The wire between the ingest parent and its node-media-server child (IPC, zod-checked on both
// ends), and the push event in Tencent's CSS push callback shape (`event_type` 1/0).
import { z } from 'zod';

/** One push start (`event_type` 1) or interrupt (0), as CSS POSTs it to a callback template. */
export const pushEventSchema = z
  .object({
    /** Signature expiry, decimal Unix seconds (event time + 10 min, Tencent's default). */
    t: z.number().int().nonnegative(),
    /** md5_hex(callbackKey + t); the studio uses the push key as the callback key. */
    sign: z.string().regex(/^[0-9a-f]{32}$/),
    event_type: z.union([z.literal(0), z.literal(1)]),
    /** Tencent account APPID; the studio has none and sends the configured value (default 0). */
    appid: z.number().int().nonnegative(),
    /** The push domain the encoder connected to (here the host of the RTMP URL). */
    app: z.string(),
    appname: z.string(),
    stream_id: z.string(),
    channel_id: z.string(),
    event_time: z.number().int().nonnegative(),
    /** Same value on the start and the interrupt of one push session. */
    sequence: z.string().regex(/^\d{1,20}$/),
    node: z.string(),
    user_ip: z.string(),
    /** The push URL's query with txSecret masked. */
    stream_param: z.string(),
    /** Milliseconds on the air, as a decimal string; "0" on start. */
    push_duration: z.string().regex(/^\d+$/),
    errcode: z.number().int(),
    errmsg: z.string(),
    width: z.number().int().nonnegative(),
    height: z.number().int().nonnegative(),
  })
  .strict();
export type PushEvent = z.infer<typeof pushEventSchema>;

/** What the parent hands the child on start: sent over IPC so keys never appear in argv or env. */
export const childConfigSchema = z
  .object({
    host: z.string().min(1),
    rtmpPort: z.number().int().min(1).max(65535),
    httpPort: z.number().int().min(1).max(65535),
    appName: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    pushKey: z.string().min(1),
    playKey: z.string().min(1).optional(),
    appId: z.number().int().nonnegative(),
    /** node-media-server's JSON store (it always opens one); a throwaway dir owned by the parent. */
    storeDir: z.string().min(1),
  })
  .strict();
export type ChildConfig = z.infer<typeof childConfigSchema>;

export const parentMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), config: childConfigSchema }).strict(),
  z.object({ type: z.literal('stop') }).strict(),
  /** Are you there? Answered with `pong` (the parent's watchdog: a hung child is replaced). */
  z.object({ type: z.literal('ping') }).strict(),
]);
export type ParentMessage = z.infer<typeof parentMessageSchema>;

const logLevel = z.enum(['debug', 'info', 'warn', 'error']);
export type ChildLogLevel = z.infer<typeof logLevel>;

export const childMessageSchema = z.discriminatedUnion('type', [
  /** The child process is up and waits for its config. */
  z.object({ type: z.literal('hello') }).strict(),
  /** Both listeners are bound. */
  z.object({ type: z.literal('ready'), rtmpPort: z.number().int(), httpPort: z.number().int() }).strict(),
  z.object({ type: z.literal('push'), event: pushEventSchema }).strict(),
  z.object({ type: z.literal('pong') }).strict(),
  z
    .object({
      type: z.literal('log'),
      level: logLevel,
      msg: z.string(),
      fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    })
    .strict(),
]);
export type ChildMessage = z.infer<typeof childMessageSchema>;
