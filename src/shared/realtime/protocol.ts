// The studio's realtime wire protocol: JSON frames over one WebSocket at /realtime, zod schemas
// for both directions. Pure (browser and Node) so the server and the TIM-shaped client share it.
// zod/mini, not classic zod: the client is bundled into the viewer page (≈5 KB vs ≈90 KB gzipped).
import * as z from 'zod/mini';

export const REALTIME_PATH = '/realtime';
/** Largest client frame the server reads (UTF-8 bytes); bigger ones get an error ack. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** Codes the realtime layer itself answers with; engine codes (70001, 10010 …) pass through. */
export const WIRE_ERROR = {
  /** Frame is not JSON (REST's "JSON parse error"). */
  BAD_JSON: 60003,
  /** `t` names no operation (REST's "bad resource"). */
  UNKNOWN_OP: 60009,
  /** Wrong types, oversize fields or frame (REST's "invalid parameter"). */
  BAD_FRAME: 10004,
  /** SDK ERR_SDK_NOT_LOGGED_IN: the operation needs a login (guests may only join/quit/count). */
  NOT_LOGGED_IN: 2024,
  /** SDK ERR_REPEAT_LOGIN: this connection is logged in as someone else. */
  REPEAT_LOGIN: 2025,
  /** SDK: not a member of that AVChatRoom. */
  NOT_IN_GROUP: 2101,
  /** The connection URL named another SDKAppID. */
  SDKAPPID_INVALID: 60006,
  /** Unexpected server failure; retry. */
  INTERNAL: 10002,
  /**
   * The studio is too busy to admit another login now (REST's "over the rate limit"); the ack's
   * `retryAfterMs` says when to try again, and the TIM client does so by itself.
   */
  BUSY: 60007,
} as const;

const printable = /^[\x20-\x7e]+$/;
const seq = z.int().check(z.minimum(0));
/** UserID: ≤ 32 bytes of printable ASCII (tim-js-sdk error 7003). */
export const userIdSchema = z.string().check(z.minLength(1), z.maxLength(32), z.regex(printable));
/** Group ID: ≤ 48 bytes of printable ASCII (create_group `GroupId`; `@TGS#…` ids fit too). */
export const groupIdSchema = z.string().check(z.minLength(1), z.maxLength(48), z.regex(printable));
const userSig = z.string().check(z.minLength(1), z.maxLength(2048));
/** Fields are capped by the 64 KB frame; the engine enforces Tencent's byte limits (12 KB body). */
const text = z.string().check(z.maxLength(MAX_FRAME_BYTES));
const optText = z.optional(text);
const customKey = z.string().check(z.minLength(1), z.maxLength(64));
const customValue = z.string().check(z.maxLength(4096));
const int = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));
const between = (min: number, max: number) => z.number().check(z.minimum(min), z.maximum(max));
const list = <T extends z.ZodMiniType>(item: T, min: number, max: number) => z.array(item).check(z.minLength(min), z.maxLength(max));

export const priorityNames = ['High', 'Normal', 'Low', 'Lowest'] as const;
export const prioritySchema = z.enum(priorityNames);

/** REST message elements (send_group_msg `MsgBody`); strict so typos are refused, not ignored. */
export const msgElemSchema = z.discriminatedUnion('MsgType', [
  z.strictObject({ MsgType: z.literal('TIMTextElem'), MsgContent: z.strictObject({ Text: text }) }),
  z.strictObject({
    MsgType: z.literal('TIMCustomElem'),
    MsgContent: z.strictObject({ Data: text, Desc: optText, Ext: optText, Sound: optText }),
  }),
  z.strictObject({
    MsgType: z.literal('TIMFaceElem'),
    MsgContent: z.strictObject({ Index: int(0, 0x7fffffff), Data: optText }),
  }),
  z.strictObject({
    MsgType: z.literal('TIMLocationElem'),
    MsgContent: z.strictObject({
      Desc: text,
      Latitude: between(-90, 90),
      Longitude: between(-180, 180),
    }),
  }),
]);
export type WireMsgElem = z.infer<typeof msgElemSchema>;
export const msgBodySchema = list(msgElemSchema, 1, 8);

const customField = z.strictObject({ key: customKey, value: customValue });

/** Client → server requests, one schema per operation, each with a numeric `seq`. */
export const requestSchemas = {
  login: z.strictObject({ t: z.literal('login'), seq, userID: userIdSchema, userSig }),
  logout: z.strictObject({ t: z.literal('logout'), seq }),
  join: z.strictObject({ t: z.literal('join'), seq, groupID: groupIdSchema }),
  quit: z.strictObject({ t: z.literal('quit'), seq, groupID: groupIdSchema }),
  send: z.strictObject({
    t: z.literal('send'),
    seq,
    groupID: groupIdSchema,
    priority: prioritySchema,
    random: int(0, 0xffffffff),
    body: msgBodySchema,
    cloudCustomData: text,
  }),
  getGroupProfile: z.strictObject({
    t: z.literal('getGroupProfile'),
    seq,
    groupID: groupIdSchema,
    groupCustomFieldFilter: z.optional(list(customKey, 0, 32)),
  }),
  getUserProfile: z.strictObject({ t: z.literal('getUserProfile'), seq, userIDList: list(userIdSchema, 1, 100) }),
  getMyProfile: z.strictObject({ t: z.literal('getMyProfile'), seq }),
  updateMyProfile: z.strictObject({
    t: z.literal('updateMyProfile'),
    seq,
    nick: z.optional(z.string().check(z.maxLength(500))),
    avatar: z.optional(z.string().check(z.maxLength(500))),
    profileCustomField: z.optional(list(customField, 0, 20)),
  }),
  getOnlineCount: z.strictObject({ t: z.literal('getOnlineCount'), seq, groupID: groupIdSchema }),
  ping: z.strictObject({ t: z.literal('ping'), seq }),
} as const;

export type OpName = keyof typeof requestSchemas;
export type ClientFrame = { [K in OpName]: z.infer<(typeof requestSchemas)[K]> }[OpName];
export type ClientFrameOf<K extends OpName> = z.infer<(typeof requestSchemas)[K]>;
/** A request as the caller writes it: the frame without `t` and `seq`. */
export type RequestBody<K extends OpName> = Omit<ClientFrameOf<K>, 't' | 'seq'>;

export const isOpName = (s: unknown): s is OpName => typeof s === 'string' && Object.hasOwn(requestSchemas, s);

/** Operations a guest (not logged in) may use: tim-js-sdk's guest mode — join an AVChatRoom and receive. */
export const GUEST_OPS: ReadonlySet<OpName> = new Set<OpName>(['login', 'join', 'quit', 'getOnlineCount', 'ping']);

const groupCustomFieldSchema = z.object({ key: z.string(), value: z.string() });

export const groupProfileSchema = z.object({
  groupID: z.string(),
  name: z.string(),
  type: z.literal('AVChatRoom'),
  avatar: z.string(),
  introduction: z.string(),
  notification: z.string(),
  ownerID: z.string(),
  createTime: z.number(),
  lastInfoTime: z.number(),
  memberCount: z.number(),
  muteAllMembers: z.boolean(),
  joinOption: z.literal('FreeAccess'),
  groupCustomField: z.array(groupCustomFieldSchema),
});
export type WireGroupProfile = z.infer<typeof groupProfileSchema>;

export const profileSchema = z.object({
  userID: z.string(),
  nick: z.string(),
  avatar: z.string(),
  profileCustomField: z.array(groupCustomFieldSchema),
});
export type WireProfile = z.infer<typeof profileSchema>;

/** The engine's GroupEvent (src/studio/im/engineApi.ts), as it travels. */
export const groupEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('message'),
    groupId: z.string(),
    from: z.string(),
    nick: z.string(),
    avatar: z.string(),
    time: z.number(),
    seq: z.number(),
    random: z.number(),
    priority: prioritySchema,
    body: z.array(msgElemSchema),
    cloudCustomData: z.string(),
    modified: z.boolean(),
  }),
  z.object({
    kind: z.literal('tip'),
    groupId: z.string(),
    operationType: z.union([z.literal(1), z.literal(2), z.literal(6)]),
    operatorID: z.string(),
    userIDList: z.array(z.string()),
    nick: z.string(),
    avatar: z.string(),
    time: z.number(),
    newGroupProfile: z.optional(
      z.object({
        groupCustomField: z.optional(z.array(groupCustomFieldSchema)),
        notification: z.optional(z.string()),
        introduction: z.optional(z.string()),
        name: z.optional(z.string()),
        avatar: z.optional(z.string()),
        muteAllMembers: z.optional(z.boolean()),
      }),
    ),
  }),
  z.object({
    kind: z.literal('system'),
    groupId: z.string(),
    operationType: z.union([z.literal(255), z.literal(5)]),
    userDefinedField: z.string(),
    time: z.number(),
  }),
]);
export type WireGroupEvent = z.infer<typeof groupEventSchema>;

/** What each operation's ok-ack carries in `data`. */
export const resultSchemas = {
  login: z.object({ userID: z.string(), expiresAt: z.number(), repeatLogin: z.boolean(), profile: profileSchema }),
  logout: z.object({}),
  join: z.object({ status: z.enum(['JoinedSuccess', 'AlreadyInGroup']), group: z.optional(groupProfileSchema) }),
  quit: z.object({ groupID: z.string() }),
  send: z.object({ seq: z.number(), time: z.number(), body: z.array(msgElemSchema), modified: z.boolean() }),
  getGroupProfile: z.object({ group: groupProfileSchema }),
  getUserProfile: z.object({ profiles: z.array(profileSchema) }),
  getMyProfile: z.object({ profile: profileSchema }),
  updateMyProfile: z.object({ profile: profileSchema }),
  getOnlineCount: z.object({ memberCount: z.number() }),
  ping: z.object({ time: z.number() }),
} satisfies Record<OpName, z.ZodMiniType>;
export type ResultData<K extends OpName> = z.infer<(typeof resultSchemas)[K]>;

export const kickedTypes = ['multipleAccount', 'multipleDevice', 'userSigExpired', 'REST_API_Kick'] as const;
export type KickedType = (typeof kickedTypes)[number];

const serverSchemas = {
  ack: z.union([
    z.object({ t: z.literal('ack'), seq: z.int().check(z.minimum(-1)), ok: z.literal(true), data: z.unknown() }),
    z.object({
      t: z.literal('ack'),
      seq: z.int().check(z.minimum(-1)),
      ok: z.literal(false),
      code: z.int(),
      message: z.string(),
      /** With BUSY: back-pressure, when the same request may be sent again. */
      retryAfterMs: z.optional(z.int().check(z.minimum(0), z.maximum(60_000))),
    }),
  ]),
  events: z.object({ t: z.literal('events'), groupID: z.string(), events: z.array(groupEventSchema) }),
  kicked: z.object({ t: z.literal('kicked'), type: z.enum(kickedTypes) }),
};

export type AckFrame = z.infer<typeof serverSchemas.ack>;
export type EventsFrame = z.infer<typeof serverSchemas.events>;
export type KickedFrame = z.infer<typeof serverSchemas.kicked>;
export type ServerFrame = AckFrame | EventsFrame | KickedFrame;

export type ParseResult<T> = { ok: true; frame: T } | { ok: false; seq: number; code: number; message: string };

/** UTF-8 byte length without Buffer (so it also runs in the browser). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

const readSeq = (json: unknown): number => {
  const s = (json as { seq?: unknown } | null)?.seq;
  return typeof s === 'number' && Number.isSafeInteger(s) && s >= 0 ? s : -1;
};

const describe = (error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string => {
  const issue = error.issues[0];
  if (!issue) return 'invalid frame';
  const where = issue.path.length ? issue.path.join('.') : 'frame';
  return `${where}: ${issue.message}`.slice(0, 200);
};

/** Server side: text → a validated request, or the error ack to answer with. */
export function parseClientFrame(raw: string): ParseResult<ClientFrame> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, seq: -1, code: WIRE_ERROR.BAD_JSON, message: 'frame is not valid JSON' };
  }
  const seqValue = readSeq(json);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, seq: seqValue, code: WIRE_ERROR.BAD_FRAME, message: 'frame must be a JSON object' };
  }
  const op = (json as { t?: unknown }).t;
  if (!isOpName(op)) {
    return { ok: false, seq: seqValue, code: WIRE_ERROR.UNKNOWN_OP, message: `unknown operation ${JSON.stringify(op ?? null).slice(0, 40)}` };
  }
  const parsed = requestSchemas[op].safeParse(json);
  if (!parsed.success) return { ok: false, seq: seqValue, code: WIRE_ERROR.BAD_FRAME, message: describe(parsed.error) };
  return { ok: true, frame: parsed.data as ClientFrame };
}

/** Client side: text → a validated server frame, or undefined for anything unreadable. */
export function parseServerFrame(raw: string): ServerFrame | undefined {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const t = (json as { t?: unknown } | null)?.t;
  if (t !== 'ack' && t !== 'events' && t !== 'kicked') return undefined;
  const parsed = serverSchemas[t].safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** Client side: validates an ok-ack's data against what the operation promises. */
export function parseResult<K extends OpName>(op: K, data: unknown): ResultData<K> | undefined {
  const parsed = resultSchemas[op].safeParse(data);
  return parsed.success ? (parsed.data as ResultData<K>) : undefined;
}
