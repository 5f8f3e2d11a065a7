// Message bodies as Tencent's REST API and callbacks carry them (send_group_msg,
// Group.CallbackBeforeSendMsg; https://cloud.tencent.com/document/product/269/2720): element
// schemas, priorities and the 12 KB size rule, shared by studio and console.
import { z } from 'zod';
import { LIMITS, utf8Bytes } from './limits';

export const msgPrioritySchema = z.enum(['High', 'Normal', 'Low', 'Lowest']);
export type MsgPriority = z.infer<typeof msgPrioritySchema>;

export const uint32Schema = z.number().int().min(0).max(LIMITS.uint32Max);

export const textElemSchema = z.object({
  MsgType: z.literal('TIMTextElem'),
  MsgContent: z.object({ Text: z.string() }),
});

export const customElemSchema = z.object({
  MsgType: z.literal('TIMCustomElem'),
  MsgContent: z.object({
    Data: z.string(),
    Desc: z.string().optional(),
    Ext: z.string().optional(),
    Sound: z.string().optional(),
  }),
});

export const faceElemSchema = z.object({
  MsgType: z.literal('TIMFaceElem'),
  MsgContent: z.object({ Index: z.number().int(), Data: z.string().optional() }),
});

export const locationElemSchema = z.object({
  MsgType: z.literal('TIMLocationElem'),
  MsgContent: z.object({ Desc: z.string(), Latitude: z.number(), Longitude: z.number() }),
});

/** The element types a live room uses; image/sound/file/video elements are URL-based and out of scope. */
export const msgElemSchema = z.discriminatedUnion('MsgType', [
  textElemSchema,
  customElemSchema,
  faceElemSchema,
  locationElemSchema,
]);
export type MsgElem = z.infer<typeof msgElemSchema>;

/**
 * Size of a body as the studio measures it: the sum, over elements, of the UTF-8 bytes of
 * `JSON.stringify(MsgContent)`. Tencent does not say how it counts; this counts every
 * payload byte plus a little JSON framing, so it errs on the strict side.
 */
export function msgBodyBytes(body: readonly MsgElem[]): number {
  let total = 0;
  for (const elem of body) total += utf8Bytes(JSON.stringify(elem.MsgContent));
  return total;
}

/** A MsgBody: at least one element and at most one TIMCustomElem (Tencent's message format rule). */
export const msgBodySchema = z
  .array(msgElemSchema)
  .min(1, 'MsgBody must contain at least one element')
  .superRefine((body, ctx) => {
    if (body.filter((e) => e.MsgType === 'TIMCustomElem').length > 1) {
      ctx.addIssue({ code: 'custom', message: 'at most one TIMCustomElem per message' });
    }
  });

export function isMsgBodyTooLong(body: readonly MsgElem[]): boolean {
  return msgBodyBytes(body) > LIMITS.msgBodyBytes;
}
