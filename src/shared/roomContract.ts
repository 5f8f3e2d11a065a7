// Request schemas and result types of the live-room commands (kept apart from contract.ts so
// the contract stays a readable index). Wire values follow im-live-sells (reference §6).
import { z } from 'zod';
import { giftCatalogSchema, launchedProductSchema, ROOM_STATUSES } from './domain/liveCommerce';
import { userIdSchema } from './settings';

export const roomRoleSchema = z.enum(['host', 'assistant']);
export type RoomRole = z.infer<typeof roomRoleSchema>;

/** What the renderer needs to open the room with the TIM API. The UserSig is the host's, issued by main. */
export interface RoomSession {
  mode: 'studio' | 'tencent';
  sdkAppId: number;
  /** Studio only: the realtime WebSocket of the TIM-compatible client. */
  realtimeUrl: string | null;
  groupId: string;
  userId: string;
  userSig: string;
  /** Unix seconds. */
  userSigExpiresAt: number;
  adminIdentifier: string;
  viewerUrl: string | null;
}

/** Every admin action is acknowledged with Tencent's result and a timestamp. */
export interface AdminAck {
  action: string;
  /** Unix ms when Tencent (or the studio) answered OK. */
  at: number;
  groupId: string;
}

const announcement = z
  .string()
  .max(300)
  .refine((s) => new TextEncoder().encode(s).length <= 300, { message: 'The announcement is limited to 300 bytes' });

export const roomRequests = {
  getSession: z.object({ role: roomRoleSchema.default('host') }).strict(),
  launchProduct: z.object({ product: launchedProductSchema }).strict(),
  setStatus: z.object({ status: z.enum(ROOM_STATUSES) }).strict(),
  announce: z.object({ text: announcement }).strict(),
  launchGifts: z.object({ gifts: giftCatalogSchema.min(1) }).strict(),
  mute: z.object({ userId: userIdSchema, minutes: z.number().int().min(0).max(60 * 24 * 30) }).strict(),
  announceVerified: z
    .object({
      kind: z.enum(['gift', 'purchase']),
      /** The viewer who paid; the message is sent by the admin account (verified revenue). */
      userId: userIdSchema,
      nick: z.string().max(64).default(''),
      itemId: z.string().min(1).max(64),
      name: z.string().min(1).max(120),
      value: z.number().int().min(0).max(1_000_000_000),
      count: z.number().int().min(1).max(9999).default(1),
    })
    .strict(),
  saveState: z.object({ groupId: z.string().max(48), state: z.unknown() }).strict(),
  loadState: z.object({ groupId: z.string().max(48) }).strict(),
};
