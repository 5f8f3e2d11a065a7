// The Go Live panel's strings come from i18next like every other string (the `golive` table of
// each locale); this keeps the panel's short `tg(key, vars)` calls, typed by the English table.
import type { TFunction } from 'i18next';
import type { goLiveEn } from '../../i18n/locales/golive/en';

/** A key of the table; plural forms (`outages_one`, `outages_other`) by their base, which i18next resolves with `count`. */
export type GoLiveKey = PluralBase<keyof typeof goLiveEn>;
type PluralBase<K> = K extends `${infer B}_${'one' | 'other'}` ? B : K;

export function goLiveText(t: TFunction) {
  const translate = t as unknown as (key: string, vars?: Record<string, string | number>) => string;
  return (key: GoLiveKey, vars: Record<string, string | number> = {}): string => translate(`golive.${key}`, vars);
}
export type GoLiveT = ReturnType<typeof goLiveText>;
