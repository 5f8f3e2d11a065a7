// One wording for a failed room command: the server's message (Tencent's ErrorInfo/ErrorCode
// arrive inside it from main), never a bare code.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../../shared/errors';

export function messageOf(e: AppErrorData | unknown): string {
  const data = e as Partial<AppErrorData> | null;
  if (data && typeof data.message === 'string') return data.message;
  return e instanceof Error ? e.message : String(e);
}

export function useRoomCommandError(): (e: AppErrorData | unknown) => string {
  const { t } = useTranslation();
  return useCallback((e) => t('roomAdmin.failed', { message: messageOf(e) }), [t]);
}
