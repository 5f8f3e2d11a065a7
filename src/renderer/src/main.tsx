// Renderer entry: connect to main (IPC or web-mode socket), build the store and i18n, render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { connectApi } from './api';
import { App } from './App';
import { createI18n } from './i18n/i18n';
import { createAppStore } from './store/appStore';
import { StoreProvider } from './store/StoreContext';
import './styles.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');

const store = createAppStore(connectApi());
const i18n = createI18n();

createRoot(rootElement).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </I18nextProvider>
  </StrictMode>,
);
