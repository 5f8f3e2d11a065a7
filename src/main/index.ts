// Electron main: the composition root of the desktop app. Thin on purpose: services come from
// src/node (shared with web mode and the CLI); here we add windows, safeStorage, IPC binding, the
// security rules of security.ts, one owner per data folder, and quitting as a sequence.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, clipboard, dialog, ipcMain, safeStorage, screen, session, shell } from 'electron';
import i18next from 'i18next';
import { isActive } from '../shared/domain/broadcast/stateMachine';
import { buildConsoleCsp } from '../shared/csp';
import { desktopMessages } from '../shared/i18n/desktop';
import { appRoot } from '../node/infra/appRoot';
import { DataFolderBusyError, DataFolderLock } from '../node/infra/dataFolderLock';
import { createNodeServices } from '../node/services';
import { bindIpc, WindowEventSink } from './ipc';
import { SafeStorageSecretStore } from './safeStorageSecretStore';
import { appUrlMatcher, navigationVerdict, permissionAllowed, studioLaunch, unexpectedContents } from './security';
import { loadWindowState, trackWindowState } from './windowState';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '../renderer/index.html');
const devUrl = process.env.ELECTRON_RENDERER_URL;
const isAppUrl = appUrlMatcher(rendererIndex, devUrl);
/** Quitting waits this long at most for ffmpeg and the studio (each escalates to SIGKILL sooner). */
const QUIT_BOUND_MS = 12_000;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

// App-wide: no webviews, no windows opened by pages, whatever creates them.
app.on('web-contents-created', (_e, contents) => {
  if (unexpectedContents(contents.getType())) {
    contents.close();
    return;
  }
  contents.setWindowOpenHandler(({ url }) => {
    if (navigationVerdict(url, isAppUrl) === 'external') void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  const guard = (e: { preventDefault(): void }, url: string) => {
    const verdict = navigationVerdict(url, isAppUrl);
    if (verdict === 'allow') return;
    e.preventDefault();
    if (verdict === 'external') void shell.openExternal(url);
  };
  contents.on('will-navigate', (e, url) => guard(e, url));
  contents.on('will-redirect', (e, url) => guard(e, url));
  contents.on('will-frame-navigate', (e) => guard(e, e.url));
});

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  const i18n = i18next.createInstance();
  await i18n.init({ resources: Object.fromEntries(Object.entries(desktopMessages).map(([l, m]) => [l, { translation: m }])), lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false }, showSupportNotice: false });
  // The renderer's typed keys are the project's i18next types; main's few keys are its own table.
  const t = i18n.t.bind(i18n) as unknown as (key: string, vars?: Record<string, string>) => string;

  let lock: DataFolderLock;
  try {
    lock = await DataFolderLock.acquire(dataDir, 'desktop');
  } catch (e) {
    if (!(e instanceof DataFolderBusyError)) throw e;
    dialog.showErrorBox(t('folderInUse.title'), t('folderInUse.detail', { reason: e.message }));
    app.exit(1);
    return;
  }

  const launch = studioLaunch({ packaged: app.isPackaged, execPath: process.execPath, appRoot: appRoot(import.meta.url), dataDir, env: process.env });
  const services = await createNodeServices({
    dataDir,
    lock,
    transport: 'electron',
    secrets: new SafeStorageSecretStore(safeStorage, dataDir),
    openFolder: async (p) => (await shell.openPath(p)) === '',
    // The signed push URL goes from main straight to the OS clipboard, never through the renderer.
    copyToClipboard: async (text) => (clipboard.writeText(text), true),
    // The studio runs as a child (its crash never touches the window), from the built CLI entry.
    studioCommand: launch.command,
    studioEnv: launch.env,
  });
  const log = services.log;
  await i18n.changeLanguage(services.settings.get().settings.language);
  services.events.add({ emit: (name, payload) => name === 'settings:changed' && void i18n.changeLanguage((payload as { settings: { language: string } }).settings.language) });
  const windows = new Set<BrowserWindow>();
  services.events.add(new WindowEventSink(() => [...windows].map((w) => w.webContents)));
  bindIpc(ipcMain, services.dispatcher, isAppUrl);

  // The page's CSP for the mode in settings, as a header (Electron applies it to the responses it
  // intercepts; the page's meta policy is the outer bound everywhere).
  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    if (!isAppUrl(details.url)) return cb({});
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [buildConsoleCsp(services.settings.get().settings)] } });
  });
  session.defaultSession.setPermissionRequestHandler((wc, perm, cb) => cb(permissionAllowed(perm, wc.getURL(), isAppUrl)));
  session.defaultSession.setPermissionCheckHandler((wc, perm, origin) => permissionAllowed(perm, wc?.getURL() ?? origin, isAppUrl));

  const live = () => isActive(services.broadcastState().state);
  let quitting = false;
  const createWindow = () => {
    const state = loadWindowState(dataDir, screen);
    const win = new BrowserWindow({
      x: state.x,
      y: state.y,
      width: state.width,
      height: state.height,
      minWidth: 1024,
      minHeight: 640,
      show: false,
      title: 'Stageside',
      // Linux and Windows show it in the title bar and task switcher (macOS uses the bundle's).
      icon: app.isPackaged ? path.join(process.resourcesPath, 'icon.png') : path.join(appRoot(import.meta.url), 'resources', 'icon.png'),
      webPreferences: {
        preload: path.join(here, '../preload/index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      },
    });
    windows.add(win);
    if (state.maximized) win.maximize();
    trackWindowState(win, dataDir);
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => windows.delete(win));
    // Closing the last window while live asks first; the default answer keeps streaming.
    win.on('close', (e) => {
      if (quitting || windows.size > 1 || !live()) return;
      const choice = dialog.showMessageBoxSync(win, {
        type: 'warning',
        message: t('closeWhileLive.message'),
        detail: t('closeWhileLive.detail'),
        buttons: [t('closeWhileLive.keep'), t('closeWhileLive.stop')],
        defaultId: 0,
        cancelId: 0,
      });
      if (choice === 0) e.preventDefault();
    });
    if (devUrl) void win.loadURL(devUrl);
    else void win.loadFile(rendererIndex);
    return win;
  };

  let main = createWindow();
  app.on('second-instance', () => {
    if (main.isDestroyed()) main = createWindow();
    if (main.isMinimized()) main.restore();
    main.focus();
  });
  app.on('activate', () => {
    if (windows.size === 0) main = createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Quitting is a sequence: the broadcast (ffmpeg `q`, then escalation) and the studio stop side by
  // side within a bound, the folder is given back, then the app exits.
  app.on('before-quit', (e) => {
    if (quitting) return;
    e.preventDefault();
    quitting = true;
    log.info('quitting');
    const bound = new Promise<void>((r) => setTimeout(r, QUIT_BOUND_MS).unref());
    void Promise.race([services.dispose(), bound]).finally(() => {
      lock.release();
      app.exit(0);
    });
  });
  log.info({ dataDir, studio: launch.command.slice(0, 2) }, 'Stageside started');
}
