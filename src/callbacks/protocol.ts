// Tencent IM's third-party callback protocol as a receiver sees it
// (https://www.tencentcloud.com/document/product/1047/34354): query parameters, the optional
// Sign/RequestTime token check, lenient body schemas, and the answers.
import { z } from 'zod';
import { type CryptoPort } from '../shared/domain/cryptoPort';

export const HANDLED_COMMANDS = [
  'Group.CallbackBeforeSendMsg',
  'Group.CallbackAfterSendMsg',
  'Group.CallbackAfterNewMemberJoin',
  'Group.CallbackAfterMemberExit',
] as const;
export type HandledCommand = (typeof HANDLED_COMMANDS)[number];
export const isHandledCommand = (c: string): c is HandledCommand => (HANDLED_COMMANDS as readonly string[]).includes(c);

export type FailMode = 'open' | 'closed';

export interface CallbackAnswer {
  ActionStatus: 'OK' | 'FAIL';
  ErrorCode: number;
  ErrorInfo: string;
  MsgBody?: unknown[];
}

export const answerOk = (info = ''): CallbackAnswer => ({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: info });

/**
 * The answer to a request we could not (or would not) evaluate. Before-send decides delivery, so
 * it follows the fail mode: open → allow (ErrorCode 0, as Tencent itself does on timeout), closed
 * → refuse (ErrorCode 1, the sender gets 10016). After-* answers are ignored by IM, so
 * they say FAIL for the logs and nothing is counted.
 */
export function answerUnevaluated(command: string, mode: FailMode, reason: string): CallbackAnswer {
  if (command === 'Group.CallbackBeforeSendMsg') {
    return mode === 'open'
      ? { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: `not evaluated (fail-open): ${reason}` }
      : { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: `refused (fail-closed): ${reason}` };
  }
  return { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: reason };
}

export interface CallbackQuery {
  SdkAppid?: string;
  CallbackCommand?: string;
  contenttype?: string;
  ClientIP?: string;
  OptPlatform?: string;
  RequestTime?: string;
  Sign?: string;
}

export type SignCheck = 'ok' | 'missing' | 'stale' | 'mismatch';

/**
 * Callback auth token (https://cloud.tencent.com/document/product/269/32431):
 * Sign = sha256_hex(token + RequestTime); |now − RequestTime| must be under 60 s.
 */
export function checkSign(crypto: CryptoPort, token: string, q: CallbackQuery, nowMs: number): SignCheck {
  const rt = q.RequestTime;
  const sign = q.Sign;
  if (!rt || !sign) return 'missing';
  if (!/^\d{1,12}$/.test(rt)) return 'mismatch';
  if (Math.abs(nowMs / 1000 - Number(rt)) >= 60) return 'stale';
  const expected = new TextEncoder().encode(crypto.sha256Hex(token + rt));
  return crypto.timingSafeEqual(expected, new TextEncoder().encode(sign.toLowerCase())) ? 'ok' : 'mismatch';
}

const str = z.string().max(1024);
const eventTime = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional();
const elem = z.object({ MsgType: z.string().max(64), MsgContent: z.record(z.string(), z.unknown()) });

/** Before-/after-send bodies; unknown fields are allowed (Tencent adds fields over time). */
export const sendMsgCallbackSchema = z.object({
  GroupId: str.min(1),
  Type: str.optional(),
  From_Account: str.min(1),
  Operator_Account: str.optional(),
  Random: z.number().int().min(0).optional(),
  MsgSeq: z.number().int().min(0).optional(),
  MsgTime: z.number().optional(),
  MsgBody: z.array(elem).max(64),
  CloudCustomData: z.string().optional(),
  EventTime: eventTime,
});
export type SendMsgCallback = z.infer<typeof sendMsgCallbackSchema>;

const members = z.array(z.object({ Member_Account: str.min(1) })).max(10_000);
export const joinCallbackSchema = z.object({ GroupId: str.min(1), NewMemberList: members, EventTime: eventTime });
export const exitCallbackSchema = z.object({ GroupId: str.min(1), ExitMemberList: members, EventTime: eventTime });
export type JoinCallback = z.infer<typeof joinCallbackSchema>;
export type ExitCallback = z.infer<typeof exitCallbackSchema>;

/** Idempotency key of a delivered message: (GroupId, MsgSeq), else (GroupId, From_Account, Random). */
export function messageKey(b: SendMsgCallback): string {
  if (b.MsgSeq !== undefined) return `seq:${b.GroupId}:${b.MsgSeq}`;
  if (b.Random !== undefined) return `rnd:${b.GroupId}:${b.From_Account}:${b.Random}`;
  return `evt:${b.GroupId}:${b.From_Account}:${b.EventTime ?? 0}`;
}
