// For component tests: renders static markup inside i18n and a store whose snapshot is fixed and
// whose commands never answer (what a component shows before any reply).
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { defaultSettings, type Language, type Settings } from '../../../shared/settings';
import { createI18n } from '../i18n/i18n';
import type { AppSnapshot, AppStore } from './appStore';
import { StoreProvider } from './StoreContext';

export function staticStore(settings: Settings = defaultSettings()): AppStore {
  const snap: AppSnapshot = {
    connection: 'connected',
    reconnecting: false,
    settings: { settings, problems: [] },
    secrets: [],
    info: null,
    studio: null,
    loadError: null,
  };
  return { getSnapshot: () => snap, subscribe: () => () => undefined, api: { call: () => new Promise(() => undefined), on: () => () => undefined } } as unknown as AppStore;
}

export function renderStatic(store: AppStore, node: ReactNode, language: Language = 'en'): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreProvider store={store}>{node}</StoreProvider>
    </I18nextProvider>,
  );
}
