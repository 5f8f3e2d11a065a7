// One wording for a failed moderation command: the service missing gets its own sentence.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../../shared/errors';

export function useCommandError(): (e: AppErrorData | unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (e) => {
      const data = e as Partial<AppErrorData> | null;
      const message = data && typeof data.message === 'string' ? data.message : e instanceof Error ? e.message : String(e);
      return data?.code === 'CALLBACKS_UNAVAILABLE' ? t('moderation.unavailable', { message }) : t('moderation.failed', { message });
    },
    [t],
  );
}
