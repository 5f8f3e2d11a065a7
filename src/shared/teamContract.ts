// Operators, roles and the action journal as the contract sees them: who may run which command
// (checked by the dispatcher for every call), what a journal entry holds, and the room state every
// console is shown. One owner for these shapes: node (journal, hub, invites) and the renderer
// (team panel, journal view) read them from here.
import { z } from 'zod';
import type { LaunchedProduct } from './domain/liveCommerce';
import { cleanText } from './domain/room/text';
import { ROOM_LIMITS, type RoomEvent } from './domain/room/types';

/** Host: everything. Assistant: room actions, no settings or secrets. Moderator: chat and moderation. */
export const ROLES = ['moderator', 'assistant', 'host'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** Moderator < Assistant < Host: a role may run what any lower role may. */
export const roleAtLeast = (have: Role, needed: Role): boolean => ROLES.indexOf(have) >= ROLES.indexOf(needed);

/** Who is calling. `id` is stable per invite ("host" for the host); the name is what viewers see. */
export interface Operator {
  id: string;
  name: string;
  role: Role;
}

export const HOST_OPERATOR_ID = 'host';
/** The desktop window, the CLI and the web-mode host link act as this operator unless told otherwise. */
export const defaultHost = (name = 'Host'): Operator => ({ id: HOST_OPERATOR_ID, name, role: 'host' });

export const operatorNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(24)
  // Shown to viewers as a nick and carried in message custom data: no control characters.
  .refine((s) => !/\p{Cc}/u.test(s), 'Control characters are not allowed');

/** What the action journal knows how to acknowledge; promotions and automations add theirs. */
export const JOURNAL_KINDS = [
  'launch',
  'unpin',
  'status',
  'announce',
  'gifts',
  'mute',
  'verified',
  'delete',
  'promotion',
  'automated',
  'chat',
] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];
export const journalKindSchema = z.enum(JOURNAL_KINDS);

/**
 * One operator action: asked (`at`), answered by Tencent or the studio (`answeredAt`, `outcome`,
 * `answer`), and acknowledged when the room's own IM session saw its tip or message (`ackAt`;
 * `reached` = viewer sessions it reached, studio only). Times are epoch milliseconds.
 */
export interface JournalEntry {
  id: number;
  show: string;
  at: number;
  operatorId: string;
  operatorName: string;
  role: Role;
  kind: JournalKind;
  /** The request as the operator sent it (no secrets). */
  request: unknown;
  outcome: 'pending' | 'ok' | 'failed';
  /** Tencent's or the studio's answer, or the error `{code, message}`. */
  answer: unknown;
  answeredAt: number | null;
  /** What the room's IM session must see for this action to count as delivered; null: nothing visible (mute). */
  ackKey: string | null;
  ackAt: number | null;
  reached: number | null;
}

export const journalFilterSchema = z
  .object({
    operatorId: z.string().max(64).optional(),
    kind: journalKindSchema.optional(),
    /** Defaults to the room in settings. */
    show: z.string().max(64).optional(),
    limit: z.number().int().min(1).max(5000).default(500),
  })
  .strict();
export type JournalFilter = z.input<typeof journalFilterSchema>;

export const journalExportSchema = z
  .object({ format: z.enum(['csv', 'json']), show: z.string().max(64).optional() })
  .strict();

/** A value in the shared room state, with who made it current and when. */
export interface Attributed<T> {
  value: T;
  by: { operatorId: string; name: string; role: Role } | null;
  at: number;
}

/**
 * The one room state every console shows, kept in the app instance: the attributed fields come
 * from the operators' actions, the rest from the feeding IM session (`feeder`).
 */
export interface TeamRoomState {
  show: string;
  product: Attributed<LaunchedProduct | null> | null;
  status: Attributed<string> | null;
  announcement: Attributed<string> | null;
  /** Counters and leaderboard as the feeding session reduced them (opaque to node). */
  counters: Record<string, number>;
  leaderboard: { userId: string; nick: string; value: number }[];
  /** The console whose IM session feeds this state (its connection id), or null. */
  feeder: string | null;
  /** Which console holds each operator's IM login (operator id → connection id). */
  sessions: Record<string, string>;
  /** Take-overs waiting for the holder to sign out (operator id → the console taking over). */
  handovers: Record<string, string>;
  /** Last journal entries (newest last), so a late console has them at once. */
  journal: JournalEntry[];
  updatedAt: number;
}

/** Sent by the feeding console: what its IM session reduced, plus the tips and messages it saw. */
export const feedSchema = z
  .object({
    counters: z.record(z.string().max(32), z.number().finite()).optional(),
    leaderboard: z
      .array(z.object({ userId: z.string().max(64), nick: z.string().max(64), value: z.number().finite() }).strict())
      .max(20)
      .optional(),
    /** Ack keys of group tips and messages just seen (see `ackKeyOf`). */
    seen: z
      .array(z.object({ key: z.string().min(1).max(600), reached: z.number().int().nonnegative().optional() }).strict())
      .max(100)
      .optional(),
  })
  .strict();
export type Feed = z.input<typeof feedSchema>;

/**
 * The key an action's visible effect is matched by: one function for the writer (node, when it
 * journals the action) and the observer (the feeding console, when its IM session decodes the tip
 * or message), so both spell it alike. Texts are compared as the decoder cleans them.
 */
export const ackKeyOf = {
  product: (id: string | null): string => `product:${id ?? ''}`,
  status: (status: string): string => `status:${status}`,
  announcement: (text: string): string => `announcement:${cleanText(text, ROOM_LIMITS.announcementChars, true)}`,
  gifts: (ids: readonly string[]): string => `gifts:${ids.join(',')}`,
  verified: (kind: 'gift' | 'purchase', itemId: string, userId: string): string => `${kind}:${itemId}:${userId}`,
};

/** The ack keys of what an IM session just decoded (the feeding console reports them with `team:feed`). */
export function ackKeysOf(events: readonly RoomEvent[]): string[] {
  const keys: string[] = [];
  for (const e of events) {
    if (e.kind === 'roomFields') {
      if (e.product !== undefined) keys.push(ackKeyOf.product(e.product?.id ?? null));
      if (e.status !== undefined && e.status !== null) keys.push(ackKeyOf.status(e.status));
      if (e.announcement !== undefined) keys.push(ackKeyOf.announcement(e.announcement));
      if (e.giftCatalog !== undefined) keys.push(ackKeyOf.gifts(e.giftCatalog.map((g) => g.id)));
    } else if ((e.kind === 'gift' || e.kind === 'purchase') && e.verified) {
      keys.push(ackKeyOf.verified(e.kind, e.kind === 'gift' ? e.giftId : e.productId, e.userId));
    }
  }
  return keys;
}

/** A web-mode invite (the link itself is shown once, when issued). */
export interface InviteSummary {
  id: string;
  name: string;
  role: Role;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  /** The account the operator's console signs in with. */
  userId: string;
}

export interface ConsoleConnection {
  connectionId: string;
  operatorId: string;
  name: string;
  role: Role;
  /** Remote address as web mode saw it. */
  from: string;
  since: number;
}

export interface TeamOverview {
  invites: InviteSummary[];
  connections: ConsoleConnection[];
}

export const teamRequests = {
  invite: z
    .object({
      name: operatorNameSchema,
      role: z.enum(['assistant', 'moderator']),
      validHours: z.number().int().min(1).max(24 * 14).default(12),
    })
    .strict(),
  revoke: z.object({ id: z.string().min(1).max(64) }).strict(),
  claimSession: z.object({ takeOver: z.boolean().default(false) }).strict(),
};

/** A holder that does not sign out within this long (a frozen tab) loses the login to a take-over asked again. */
export const HANDOVER_GRACE_MS = 5_000;

/** Who this console is: the operator and its connection (to tell its own IM lease from another tab's). */
export interface WhoAmI {
  operator: Operator;
  connectionId: string;
}

export interface SessionClaim {
  granted: boolean;
  /** A take-over was asked: the holder is told to sign out first; the login follows (`team:state`). */
  handover: boolean;
  /** When not granted: the other console holding this operator's IM login. */
  holder: { connectionId: string; from: string; since: number } | null;
}
