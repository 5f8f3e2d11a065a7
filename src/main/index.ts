// Electron main: the composition root of the desktop app. Thin on purpose: services come from
// src/node (shared with web mode and the CLI); here we add windows, safeStorage, IPC binding
// and the security defaults (contextIsolation, sandbox, no nodeIntegration, link handling).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, clipboard, ipcMain, safeStorage, screen, session, shell } from 'electron';
import { createNodeServices } from '../node/services';
import { bindIpc, WindowEventSink } from './ipc';
import { SafeStorageSecretStore } from './safeStorageSecretStore';
import { loadWindowState, trackWindowState } from './windowState';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '../renderer/index.html');
const devUrl = process.env.ELECTRON_RENDERER_URL;

/** Our page: the dev server in `npm run dev`, the packaged index.html otherwise. */
function isAppUrl(url: string): boolean {
  if (devUrl && url.startsWith(devUrl)) return true;
  try {
    const u = new URL(url);
    return u.protocol === 'file:' && path.normalize(fileURLToPath(u)) === path.normalize(rendererIndex);
  } catch {
    return false;
  }
}

function isExternalHttp(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  const services = await createNodeServices({
    dataDir,
    transport: 'electron',
    secrets: new SafeStorageSecretStore(safeStorage, dataDir),
    openFolder: async (p) => (await shell.openPath(p)) === '',
    // The signed push URL goes from main straight to the OS clipboard, never through the renderer.
    copyToClipboard: async (text) => (clipboard.writeText(text), true),
    // The studio runs as a Node child of the Electron binary, so its crash never touches the window.
    // Packaged builds need the studio bundled as its own entry (see ARCHITECTURE.md).
    studioCommand: [process.execPath, path.join(app.getAppPath(), 'bin/stageside.js'), 'studio', '--port', '0', '--data-dir', path.join(dataDir, 'studio')],
    studioEnv: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  const log = services.log;
  const windows = new Set<BrowserWindow>();
  services.events.add(new WindowEventSink(() => [...windows].map((w) => w.webContents)));
  bindIpc(ipcMain, services.dispatcher, isAppUrl);

  // No page of ours needs camera, microphone, notifications or geolocation: ffmpeg captures. Only
  // writing the clipboard (Copy buttons for play URLs) is granted, and only to our own page.
  session.defaultSession.setPermissionRequestHandler((wc, perm, cb) => cb(perm === 'clipboard-sanitized-write' && isAppUrl(wc.getURL())));

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
      webPreferences: {
        preload: path.join(here, '../preload/index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
      },
    });
    windows.add(win);
    if (state.maximized) win.maximize();
    trackWindowState(win, dataDir);
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => windows.delete(win));
    win.webContents.setWindowOpenHandler(({ url }) => {
      if (isExternalHttp(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    win.webContents.on('will-navigate', (e, url) => {
      if (!isAppUrl(url)) {
        e.preventDefault();
        if (isExternalHttp(url)) void shell.openExternal(url);
      }
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
  app.on('before-quit', () => {
    log.info('quitting');
    void services.dispose();
  });
  log.info({ dataDir }, 'Stageside started');
}
