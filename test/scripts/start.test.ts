// `npm start` where Electron's binary cannot be downloaded: one short message — what happened,
// ELECTRON_MIRROR, web mode — and exit 1; no downloader stack trace.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWith, when } from '../support/prereqs';

const require = createRequire(import.meta.url);
const dir = path.dirname(require.resolve('electron/package.json'));
const installed = (() => {
  try {
    return fs.existsSync(path.join(dir, 'dist', fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim()));
  } catch {
    return false;
  }
})();

describeWith([when(!installed, 'Electron\'s binary is installed here, so npm start cannot be seen failing without it')])('npm start without an Electron binary', () => {
  it('says what happened and what to do, without a stack trace', () => {
    // A mirror that refuses at once, so the download fails fast whatever the network.
    const r = spawnSync(process.execPath, ['scripts/start.js'], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: fs.mkdtempSync('/tmp/stageside-electron-cache-') },
      timeout: 60_000,
    });
    const out = r.stdout + r.stderr;
    expect(r.status).toBe(1);
    expect(out).toMatch(/could not download Electron's binary/);
    expect(out).toContain('ELECTRON_MIRROR');
    expect(out).toContain('npm run start:web');
    expect(out).not.toMatch(/^\s+at /m);
    expect(out.trim().split('\n').length).toBeLessThanOrEqual(6);
  });
});
