// The desktop window's rules through their pure builders: our page is the exact dev origin or the
// packaged index.html; only our page may write the clipboard; navigation and redirects leave only
// to the OS browser; webviews are refused; the studio runs as Node from the built CLI entry.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appUrlMatcher, navigationVerdict, permissionAllowed, studioLaunch, unexpectedContents } from './security';

const index = path.resolve('/app/out/renderer/index.html');
const packaged = appUrlMatcher(index, undefined);
const dev = appUrlMatcher(index, 'http://localhost:5173/');

describe('our page', () => {
  it('is the packaged index.html, or the dev server by exact origin', () => {
    expect(packaged(pathToFileURL(index).href)).toBe(true);
    expect(packaged(pathToFileURL('/app/out/renderer/other.html').href)).toBe(false);
    expect(packaged('http://localhost:5173/')).toBe(false);
    expect(dev('http://localhost:5173/settings')).toBe(true);
    // A prefix is not an origin: these used to pass a startsWith check.
    expect(dev('http://localhost:5173.evil.example/')).toBe(false);
    expect(dev('http://localhost:51730/')).toBe(false);
    expect(dev('https://localhost:5173/')).toBe(false);
    expect(dev('not a url')).toBe(false);
  });
});

describe('permissions (request and check handlers alike)', () => {
  it('grants only the clipboard write, and only to our page', () => {
    const page = pathToFileURL(index).href;
    expect(permissionAllowed('clipboard-sanitized-write', page, packaged)).toBe(true);
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'display-capture']) {
      expect(permissionAllowed(p, page, packaged)).toBe(false);
    }
    expect(permissionAllowed('clipboard-sanitized-write', 'https://evil.example/', packaged)).toBe(false);
  });
});

describe('navigation, redirects and frames', () => {
  it('stays on our page, opens http(s) outside, refuses the rest', () => {
    expect(navigationVerdict(pathToFileURL(index).href, packaged)).toBe('allow');
    expect(navigationVerdict('https://cloud.tencent.com/document/product/269', packaged)).toBe('external');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<b>x</b>', 'smb://host/share']) {
      expect(navigationVerdict(url, packaged)).toBe('deny');
    }
  });

  it('treats webviews and background pages as unexpected', () => {
    expect(unexpectedContents('webview')).toBe(true);
    expect(unexpectedContents('window')).toBe(false);
  });
});

describe('how the studio starts', () => {
  const base = { execPath: '/opt/Stageside/stageside', appRoot: '/opt/Stageside/resources/app.asar', dataDir: '/home/h/.config/Stageside' };
  it('packaged: Electron as Node on the built CLI entry, exiting with its parent', () => {
    const l = studioLaunch({ ...base, packaged: true, env: { PATH: '/usr/bin' } });
    expect(l.command).toEqual([
      '/opt/Stageside/stageside',
      path.join(base.appRoot, 'out', 'main', 'cli.js'),
      'studio',
      '--port',
      '0',
      '--data-dir',
      path.join(base.dataDir, 'studio'),
      '--exit-with-parent',
    ]);
    expect(l.env.ELECTRON_RUN_AS_NODE).toBe('1');
    expect(l.command.join(' ')).not.toMatch(/tsx|\.ts\b|bin\/stageside/);
  });

  it("from a checkout: the Node that ran npm (node_modules' ABI), never Electron's", () => {
    const l = studioLaunch({ ...base, packaged: false, env: { npm_node_execpath: '/usr/bin/node', ELECTRON_RUN_AS_NODE: '1' } });
    expect(l.command[0]).toBe('/usr/bin/node');
    expect(l.command[1]).toMatch(/out[\\/]main[\\/]cli\.js$/);
    expect(l.env.ELECTRON_RUN_AS_NODE).toBeUndefined();
    expect(studioLaunch({ ...base, packaged: false, env: {} }).command[0]).toBe('node');
  });
});
