// Builds the renderer's i18next instance from the bundled tables. An instance (not the global
// singleton) so each window, test or story gets its own language state.
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/settings';
import { messages } from './resources';

export function createI18n(language: Language = 'en'): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: messages[l] }])),
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    // Only the exact codes we ship: never fall back from zh-CN to a bare "zh" table.
    load: 'currentOnly',
    // Resources are bundled, so initialisation can finish before the first render.
    initAsync: false,
    // React escapes text already.
    interpolation: { escapeValue: false },
    returnEmptyString: false,
    showSupportNotice: false,
  });
  return instance;
}
