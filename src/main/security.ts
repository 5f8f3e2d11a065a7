// The desktop window's security rules as pure functions, so each is unit-tested without Electron:
// which URLs are our page, which permissions a page gets, where a page may navigate or redirect,
// and how the studio child is started in each runtime. index.ts only wires them to Electron.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Our page: the dev server's exact origin in `npm run dev`, the packaged index.html otherwise. */
export function appUrlMatcher(rendererIndex: string, devUrl: string | undefined): (url: string) => boolean {
  const devOrigin = devUrl ? originOf(devUrl) : undefined;
  return (url) => {
    if (devOrigin && originOf(url) === devOrigin) return true;
    try {
      const u = new URL(url);
      return u.protocol === 'file:' && path.normalize(fileURLToPath(u)) === path.normalize(rendererIndex);
    } catch {
      return false;
    }
  };
}

function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

export function isExternalHttp(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The only permission any page gets: writing the clipboard (Copy buttons), and only our page.
 * ffmpeg captures camera and microphone, so no page needs media, notifications or geolocation.
 */
export const GRANTED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

export function permissionAllowed(permission: string, requestingUrl: string, isAppUrl: (url: string) => boolean): boolean {
  return GRANTED_PERMISSIONS.includes(permission) && isAppUrl(requestingUrl);
}

/** What to do when a page of ours tries to leave: stay (our page), open outside (http/https), or refuse. */
export function navigationVerdict(url: string, isAppUrl: (url: string) => boolean): 'allow' | 'external' | 'deny' {
  if (isAppUrl(url)) return 'allow';
  return isExternalHttp(url) ? 'external' : 'deny';
}

/** A web contents the app never creates on purpose: webviews and windows opened by pages. */
export function unexpectedContents(type: string): boolean {
  return type === 'webview' || type === 'backgroundPage';
}

/**
 * How the desktop app starts the local studio: the built CLI entry with `--exit-with-parent`.
 * Packaged, Electron's binary runs it as Node (ELECTRON_RUN_AS_NODE; electron-builder rebuilt the
 * native store for Electron's ABI). From a checkout (`npm start`), the Node that ran npm runs it:
 * node_modules there were built for that Node, not for Electron's ABI.
 */
export function studioLaunch(o: {
  packaged: boolean;
  execPath: string;
  appRoot: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
}): { command: string[]; env: NodeJS.ProcessEnv } {
  const entry = path.join(o.appRoot, 'out', 'main', 'cli.js');
  const args = [entry, 'studio', '--port', '0', '--data-dir', path.join(o.dataDir, 'studio'), '--exit-with-parent'];
  if (o.packaged) return { command: [o.execPath, ...args], env: { ...o.env, ELECTRON_RUN_AS_NODE: '1' } };
  const node = o.env.npm_node_execpath || o.env.NODE || 'node';
  const env = { ...o.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return { command: [node, ...args], env };
}
