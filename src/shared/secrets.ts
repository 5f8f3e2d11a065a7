// Names of the secrets the app keeps and how they are shown. Values never leave main/web-mode
// services: the renderer only ever sees `SecretStatus` (set or not, and a masked hint).
import { z } from 'zod';

export const SECRET_NAMES = [
  'im.secretKey',
  /** Bearer token main sends to the UserSig endpoint (optional). */
  'im.userSigToken',
  'lvb.pushKey',
  'lvb.playKey',
  /** Stream key of the plain RTMP target. */
  'rtmp.streamKey',
  /** Admin token of a deployed callbacks service (Tencent mode). */
  'callbacks.adminToken',
] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
export const secretNameSchema = z.enum(SECRET_NAMES);

export interface SecretStatus {
  name: SecretName;
  set: boolean;
  /** e.g. "••••••3b5e"; empty when not set. Never enough to reconstruct the value. */
  masked: string;
}

/** Shows at most the last 4 characters, and none at all for short values. */
export function maskSecret(value: string | undefined | null): string {
  if (!value) return '';
  const tail = value.length >= 12 ? value.slice(-4) : '';
  return '••••••' + tail;
}

/** Port: where secrets are kept (Electron safeStorage, or a 0600 file for Node). */
export interface SecretStore {
  get(name: SecretName): Promise<string | undefined>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
  /** Human-readable description of where and how values are protected. */
  readonly protection: string;
}
