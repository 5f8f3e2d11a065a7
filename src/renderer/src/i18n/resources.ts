// The bundled translations, one per language the settings allow. Kept free of i18next so tests
// and tools can read the tables directly.
import type { Language } from '../../../shared/settings';
import { en, type Messages } from './locales/en';
import { ja } from './locales/ja';
import { ko } from './locales/ko';
import { zhCN } from './locales/zh-CN';

export const messages: Record<Language, Messages> = { en, 'zh-CN': zhCN, ja, ko };

/** Each language in its own script (endonyms), so readers of any locale can find theirs. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  'zh-CN': '简体中文',
  ja: '日本語',
  ko: '한국어',
};
