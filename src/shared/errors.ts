// The error catalogue and the Result envelope every command returns. Errors cross process and
// network boundaries as plain data ({code, message, details}); thrown errors lose their fields
// through ipcMain.handle (electron#24427), so handlers return envelopes instead.

import type { BroadcastErrorCode } from './domain/broadcast/errors';
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'UNKNOWN_COMMAND'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN_SENDER'
  /** The caller's role may not run this command; details: {needed, role}. */
  | 'FORBIDDEN_ROLE'
  /** Someone else changed what the caller saw (details say who and when); resend with force. */
  | 'CONFLICT'
  | 'NOT_FOUND'
  | 'NOT_SUPPORTED'
  | 'INTERNAL'
  | 'TIMEOUT'
  | 'TRANSPORT_CLOSED'
  | 'SETTINGS_INVALID'
  | 'SECRET_MISSING'
  | 'SECRET_STORE_UNAVAILABLE'
  | 'SIGNING_FAILED'
  | 'ROOM_NOT_READY'
  | 'IM_REST_FAILED'
  | 'USERSIG_ENDPOINT_FAILED'
  | 'CALLBACKS_UNAVAILABLE'
  | 'BLOCKED_BY_FILTER'
  | BroadcastErrorCode;

export interface AppErrorData {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  toData(): AppErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (code: ErrorCode, message: string, details?: unknown): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

/** Any thrown value as error data; unknown errors become INTERNAL without leaking a stack. */
export function toErrorData(e: unknown): AppErrorData {
  if (e instanceof AppError) return e.toData();
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: message || 'Internal error' };
}

/** Unwraps a Result or throws its error as an AppError (for callers that prefer exceptions). */
export function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw new AppError(r.error.code, r.error.message, r.error.details);
}

export function assertNever(x: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(x)}`);
}
