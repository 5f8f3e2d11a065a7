// Makes the UI follow the saved `language` setting: switches i18next and keeps <html lang> and
// the window title in step, so screen readers pick the right voice.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/settings';

export function useDocumentLanguage(language: Language | undefined): void {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    if (language && i18n.language !== language) void i18n.changeLanguage(language);
  }, [i18n, language]);
  const current = i18n.language;
  const title = t('app.name');
  useEffect(() => {
    document.documentElement.lang = current;
    document.title = title;
  }, [current, title]);
}
