// Web-mode invite links, one per operator: `<id>.<expiry>.<HMAC-SHA256>` under a key kept in the
// data folder (0600), so a link cannot be forged or stretched; the invite list (name, role,
// expiry, revoked) is kept beside it, so revoking one survives a restart. The per-launch token
// stays the host's own link (webServer.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { Clock } from '../../shared/domain/cryptoPort';
import { roleSchema, type InviteSummary, type Operator } from '../../shared/teamContract';
import { readFileIfExists, writeFileAtomic } from '../infra/atomicFile';

const storedSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  createdAt: z.number(),
  expiresAt: z.number(),
  revokedAt: z.number().nullable(),
});
type StoredInvite = z.infer<typeof storedSchema>;
const fileSchema = z.object({ version: z.literal(1), next: z.number().int().positive(), invites: z.array(storedSchema) });

export interface InvitesDeps {
  /** <data dir>/team */
  dir: string;
  clock: Clock;
  /** The account an operator's console signs in with (RoomService.userIdOf). */
  userIdOf: (operator: Operator) => string;
}

export class Invites {
  private key: Buffer | undefined;
  private data: z.infer<typeof fileSchema> | undefined;

  constructor(private readonly d: InvitesDeps) {}

  /** Issues a link token for a new operator; the token is returned once and never stored. */
  issue(r: { name: string; role: 'assistant' | 'moderator'; validHours: number }): { invite: InviteSummary; token: string } {
    const data = this.load();
    const now = this.d.clock.now();
    // Operator ids are short so `<host>_<id>` fits Tencent's 32-byte UserID (settings check the host's length).
    const stored: StoredInvite = { id: `a${data.next}`, name: r.name, role: r.role, createdAt: now, expiresAt: now + r.validHours * 3_600_000, revokedAt: null };
    data.next += 1;
    data.invites.push(stored);
    this.save();
    return { invite: this.summary(stored), token: this.sign(stored) };
  }

  /** The operator a token names, or null when it is forged, expired, revoked or unknown. */
  verify(token: string): Operator | null {
    const m = /^(a\d{1,8})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!m) return null;
    const [, id, exp, mac] = m as unknown as [string, string, string, string];
    const expected = this.mac(`${id}.${exp}`);
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
    const stored = this.load().invites.find((i) => i.id === id);
    if (!stored || stored.revokedAt !== null || Number(exp) !== stored.expiresAt || stored.expiresAt <= this.d.clock.now()) return null;
    return { id: stored.id, name: stored.name, role: stored.role };
  }

  /** Still valid (not revoked or expired): checked again at every socket connection. */
  isValid(operatorId: string): boolean {
    const s = this.load().invites.find((i) => i.id === operatorId);
    return Boolean(s && s.revokedAt === null && s.expiresAt > this.d.clock.now());
  }

  revoke(id: string): InviteSummary {
    const stored = this.load().invites.find((i) => i.id === id);
    if (!stored) throw new AppError('NOT_FOUND', `No invite ${id}`);
    if (stored.revokedAt === null) {
      stored.revokedAt = this.d.clock.now();
      this.save();
    }
    return this.summary(stored);
  }

  list(): InviteSummary[] {
    return this.load().invites.map((i) => this.summary(i));
  }

  private summary(s: StoredInvite): InviteSummary {
    return { ...s, userId: this.d.userIdOf({ id: s.id, name: s.name, role: s.role }) };
  }

  private sign(s: StoredInvite): string {
    return `${s.id}.${s.expiresAt}.${this.mac(`${s.id}.${s.expiresAt}`).toString('base64url')}`;
  }

  private mac(text: string): Buffer {
    return crypto.createHmac('sha256', this.signingKey()).update(text).digest();
  }

  private signingKey(): Buffer {
    if (this.key) return this.key;
    const file = path.join(this.d.dir, 'invite.key');
    const text = readFileIfExists(file);
    if (text && /^[0-9a-f]{64}$/.test(text.trim())) this.key = Buffer.from(text.trim(), 'hex');
    else {
      this.key = crypto.randomBytes(32);
      fs.mkdirSync(this.d.dir, { recursive: true });
      writeFileAtomic(file, this.key.toString('hex'), 0o600);
    }
    return this.key;
  }

  private load(): z.infer<typeof fileSchema> {
    if (this.data) return this.data;
    const text = readFileIfExists(path.join(this.d.dir, 'invites.json'));
    let parsed: z.infer<typeof fileSchema> | undefined;
    try {
      parsed = text === undefined ? undefined : fileSchema.parse(JSON.parse(text));
    } catch {
      // A damaged list: keep it aside and start over (every earlier link then stops working).
      fs.renameSync(path.join(this.d.dir, 'invites.json'), path.join(this.d.dir, `invites.json.invalid-${this.d.clock.now()}`));
    }
    this.data = parsed ?? { version: 1, next: 1, invites: [] };
    return this.data;
  }

  private save(): void {
    fs.mkdirSync(this.d.dir, { recursive: true });
    writeFileAtomic(path.join(this.d.dir, 'invites.json'), JSON.stringify(this.data, null, 2), 0o600);
  }
}
