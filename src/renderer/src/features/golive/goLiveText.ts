// The Go Live panel's strings come from i18next like every other string (the `golive` table of
// each locale); this keeps the panel's short `tg(key, vars)` calls, typed by the English table.
import type { TFunction } from 'i18next';
import type { goLiveEn } from '../../i18n/locales/golive/en';

export type GoLiveKey = keyof typeof goLiveEn;

export function goLiveText(t: TFunction) {
  const translate = t as unknown as (key: string, vars?: Record<string, string | number>) => string;
  return (key: GoLiveKey, vars: Record<string, string | number> = {}): string => translate(`golive.${key}`, vars);
}
export type GoLiveT = ReturnType<typeof goLiveText>;
