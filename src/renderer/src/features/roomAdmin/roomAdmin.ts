// The Room dialog's pure rules: checking the create/use forms with the contract's own schemas
// (so the dialog and main agree), counting a connection report, and copying the push URL
// without ever handing its secret to the page's text.
import type { AppErrorData, Result } from '../../../../shared/errors';
import { roomRequests, type ConnectionCheck, type ConnectionReport } from '../../../../shared/roomContract';
import type { Settings } from '../../../../shared/settings';

export const ROOM_NAME_MAX_BYTES = 30;

export const utf8Bytes = (s: string): number => new TextEncoder().encode(s).length;

export interface CreateDraft {
  groupId: string;
  name: string;
  notification: string;
}

/** Which rule a field broke; the dialog turns it into text (roomAdmin.errors.*). */
export type CreateFieldError = 'groupId' | 'nameRequired' | 'nameTooLong' | 'notification';
export type CreateErrors = Partial<Record<keyof CreateDraft, CreateFieldError>>;

export type CreateCheck = { ok: true; request: { groupId: string; name: string; notification: string } } | { ok: false; errors: CreateErrors };

export function checkCreate(d: CreateDraft): CreateCheck {
  const parsed = roomRequests.create.safeParse(d);
  if (parsed.success) return { ok: true, request: parsed.data };
  const errors: CreateErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'name') errors.name ??= d.name.trim() === '' ? 'nameRequired' : 'nameTooLong';
    else if (field === 'groupId') errors.groupId ??= 'groupId';
    else if (field === 'notification') errors.notification ??= 'notification';
  }
  return { ok: false, errors };
}

export type UseCheck = { ok: true; groupId: string } | { ok: false; error: 'required' | 'groupId' };

export function checkUse(groupId: string): UseCheck {
  if (groupId.trim() === '') return { ok: false, error: 'required' };
  const parsed = roomRequests.use.safeParse({ groupId });
  return parsed.success ? { ok: true, groupId: parsed.data.groupId } : { ok: false, error: 'groupId' };
}

export type CheckCounts = Record<ConnectionCheck['status'], number>;

export function countChecks(report: ConnectionReport): CheckCounts {
  const counts: CheckCounts = { ok: 0, fail: 0, skip: 0 };
  for (const c of report.checks) counts[c.status] += 1;
  return counts;
}

export type PushPart = 'url' | 'streamKey';

/**
 * The outcome of a copy: main wrote the clipboard itself (Electron), or returned the text for the
 * page to write (web mode). The text is only ever passed to `write`, never returned.
 */
export type CopyOutcome = { ok: true } | { ok: false; reason: 'command'; message: string } | { ok: false; reason: 'clipboard'; message: string };

export async function copyPushPart(
  part: PushPart,
  call: (part: PushPart) => Promise<Result<{ copied: boolean; text?: string }>>,
  write: (text: string) => Promise<void>,
): Promise<CopyOutcome> {
  const r = await call(part);
  if (!r.ok) return { ok: false, reason: 'command', message: r.error.message };
  if (r.value.copied) return { ok: true };
  if (!r.value.text) return { ok: false, reason: 'command', message: 'Nothing to copy' };
  try {
    await write(r.value.text);
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: 'clipboard', message: e instanceof Error ? e.message : String(e) };
  }
}

/** The browser clipboard, or a rejection the dialog can show (insecure origins have none). */
export function writeClipboard(text: string): Promise<void> {
  const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
  if (!clipboard) return Promise.reject(new Error('The clipboard is not available in this browser'));
  return clipboard.writeText(text);
}

/**
 * A Tencent profile before its first room: main refuses room commands with ROOM_NOT_READY (its
 * text points at "the Room dialog", where the operator already is), so the dialog says what to do
 * here instead. In studio mode an empty group id means the demo room, so the reason is another.
 */
export function isNoRoomYet(e: Pick<AppErrorData, 'code'>, settings: Settings | undefined): boolean {
  return e.code === 'ROOM_NOT_READY' && settings?.mode === 'tencent' && settings.room.groupId === '';
}
