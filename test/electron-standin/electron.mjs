// A stand-in for the `electron` module, modelling the parts of Electron 45's main-process API that
// Stageside's main uses, so the built main bundle runs under plain Node where Electron's binary
// cannot be downloaded. The test drives it over stdin/stdout, one JSON object per line:
//   in:  {"op":"invoke","id":1,"channel":"studio:getStatus","arg":{}}   (as the page would call)
//        {"op":"closeWindow"} | {"op":"quit"}
//   out: {"ready":true} once the window has loaded, {"id":1,"result":…}, {"event":channel,…},
//        {"dialog":"error"|"message",…}, {"exit":code}
import { EventEmitter } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';

const out = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
const userData = process.env.STANDIN_USER_DATA;
if (!userData) throw new Error('STANDIN_USER_DATA is required');

class App extends EventEmitter {
  isPackaged = process.env.STANDIN_PACKAGED === '1';
  #exiting = false;
  whenReady() {
    return Promise.resolve();
  }
  getPath(name) {
    if (name === 'userData') return userData;
    return path.join(userData, name);
  }
  getAppPath() {
    return process.cwd();
  }
  requestSingleInstanceLock() {
    return true;
  }
  /** Electron: before-quit (preventable), then will-quit, then the process ends. */
  quit() {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.exit(0);
  }
  exit(code = 0) {
    if (this.#exiting) return;
    this.#exiting = true;
    out({ exit: code });
    process.stdout.write('', () => process.exit(code));
  }
}
export const app = new App();

const windows = new Set();
class WebContents extends EventEmitter {
  url = '';
  destroyed = false;
  constructor(id) {
    super();
    this.id = id;
  }
  getURL() {
    return this.url;
  }
  getType() {
    return 'window';
  }
  isDestroyed() {
    return this.destroyed;
  }
  send(channel, payload) {
    out({ event: channel, payload });
  }
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn;
  }
  close() {
    this.destroyed = true;
  }
}

let nextId = 1;
export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    const prefs = options.webPreferences ?? {};
    // The security defaults main must set (Electron would accept weaker ones; the stand-in does not).
    if (prefs.contextIsolation !== true || prefs.sandbox !== true || prefs.nodeIntegration !== false) {
      throw new Error(`insecure webPreferences: ${JSON.stringify(prefs)}`);
    }
    this.options = options;
    this.webContents = new WebContents(nextId++);
    this.destroyed = false;
    this.maximized = false;
    windows.add(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows() {
    return [...windows];
  }
  loadFile(file) {
    this.webContents.url = pathToFileURL(path.resolve(file)).href;
    setImmediate(() => {
      this.emit('ready-to-show');
      out({ ready: true, url: this.webContents.url });
    });
    return Promise.resolve();
  }
  loadURL(url) {
    this.webContents.url = url;
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show() {}
  focus() {}
  restore() {}
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1280, height: 800 };
  }
  close() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    windows.delete(this);
    this.emit('closed');
    if (windows.size === 0) app.emit('window-all-closed');
  }
}

const handlers = new Map();
export const ipcMain = {
  handle(channel, fn) {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, fn);
  },
  removeHandler(channel) {
    handlers.delete(channel);
  },
};

const permission = { request: undefined, check: undefined };
const headerListeners = [];
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn) => (permission.request = fn),
    setPermissionCheckHandler: (fn) => (permission.check = fn),
    webRequest: {
      onHeadersReceived: (fn) => headerListeners.push(fn),
    },
  },
};

/** The headers main would give a response for `url` (what Electron applies before the page sees it). */
function headersFor(url) {
  return new Promise((resolve) => {
    const fn = headerListeners[0];
    if (!fn) return resolve({});
    fn({ url, responseHeaders: {} }, (r) => resolve(r.responseHeaders ?? {}));
  });
}

export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(`standin:${s}`, 'utf8'),
  decryptString: (b) => Buffer.from(b).toString('utf8').replace(/^standin:/, ''),
  getSelectedStorageBackend: () => 'gnome_libsecret',
};

const area = { x: 0, y: 0, width: 1920, height: 1080 };
export const screen = {
  getAllDisplays: () => [{ id: 1, workArea: area, bounds: area }],
  getPrimaryDisplay: () => ({ id: 1, workArea: area, bounds: area }),
};

export const dialog = {
  showErrorBox: (title, content) => out({ dialog: 'error', title, content }),
  showMessageBoxSync: (_win, options) => {
    const answer = Number(process.env.STANDIN_DIALOG_ANSWER ?? options.defaultId ?? 0);
    out({ dialog: 'message', message: options.message, buttons: options.buttons, answer });
    return answer;
  },
};

export const clipboard = { writeText: (t) => out({ clipboard: t.length }) };
export const shell = { openPath: async () => '', openExternal: async () => undefined };

// The page's calls: a trusted sender is our window's top frame at the URL it loaded.
readline.createInterface({ input: process.stdin }).on('line', async (line) => {
  let msg;
  try {
    msg = JSON.parse(line);
  } catch {
    return;
  }
  const win = [...windows][0];
  if (msg.op === 'invoke') {
    const fn = handlers.get(msg.channel);
    if (!fn || !win) return out({ id: msg.id, error: `no handler or window for ${msg.channel}` });
    const event = { sender: win.webContents, senderFrame: { url: win.webContents.url, parent: null } };
    out({ id: msg.id, result: await fn(event, msg.arg) });
  } else if (msg.op === 'permission') {
    const wc = win?.webContents ?? { getURL: () => msg.url };
    out({ id: msg.id, result: { check: permission.check?.(wc, msg.permission, msg.url), request: await new Promise((r) => permission.request?.(wc, msg.permission, r)) } });
  } else if (msg.op === 'headers') {
    out({ id: msg.id, result: await headersFor(msg.url ?? win?.webContents.url) });
  } else if (msg.op === 'closeWindow') {
    win?.close();
  } else if (msg.op === 'quit') {
    app.quit();
  }
});

export default { app, BrowserWindow, ipcMain, session, safeStorage, screen, dialog, clipboard, shell };
