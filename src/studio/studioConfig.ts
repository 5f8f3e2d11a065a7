// The studio's identity, generated once per data dir and kept there: a local SDKAppID, the
// SecretKey its UserSigs are signed with, and the LVB push key its ingest checks. These are
// rehearsal credentials for loopback only, which is why the studio prints them.
import crypto from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { readFileIfExists, writeFileAtomic } from '../node/infra/atomicFile';

export const studioConfigSchema = z.object({
  sdkAppId: z.number().int().min(1).max(4294967295),
  secretKey: z.string().min(16),
  pushKey: z.string().min(16),
  adminIdentifier: z.string().min(1).max(32),
  demoRoomId: z.string().min(1).max(48),
});
export type StudioConfig = z.infer<typeof studioConfigSchema>;

export const STUDIO_CONFIG_FILE = 'studio.json';

export function loadOrCreateStudioConfig(dataDir: string): StudioConfig {
  const file = path.join(dataDir, STUDIO_CONFIG_FILE);
  const text = readFileIfExists(file);
  if (text !== undefined) {
    const parsed = studioConfigSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${file} is invalid (${parsed.error.issues[0]?.message}); fix or delete it`);
    return parsed.data;
  }
  const config: StudioConfig = {
    // China-region range (not in any overseas SDKAppID range), so region derivation treats it like a real app.
    sdkAppId: 1400000000 + crypto.randomInt(1, 999_999),
    secretKey: crypto.randomBytes(32).toString('hex'),
    pushKey: crypto.randomBytes(16).toString('hex'),
    adminIdentifier: 'administrator',
    demoRoomId: 'demo',
  };
  writeFileAtomic(file, JSON.stringify(config, null, 2) + '\n', 0o600);
  return config;
}
