#!/usr/bin/env node
// `npm start` / `npm run dev`: make sure Electron's binary is present (the electron package
// fetches it on first use, not at install), then hand over to electron-vite. When the download
// is impossible, say so and point at web mode instead of electron-vite's bare "Electron uninstall".
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const mode = process.argv[2] === 'dev' ? 'dev' : 'preview';

/** Electron's binary as the electron package installs it (dist/ + path.txt), or undefined. */
function electronBinary() {
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const rel = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const full = path.join(dir, 'dist', rel);
    return fs.existsSync(full) ? full : undefined;
  } catch {
    return undefined;
  }
}

if (!electronBinary()) {
  // The electron package downloads its binary on first use; do it here with its output captured,
  // so a failure is one short message, not a downloader's stack trace.
  console.log('Stageside: getting Electron (first start)…');
  let why = '';
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], { encoding: 'utf8', timeout: 10 * 60_000 });
    why = `${r.stderr || ''}${r.stdout || ''}${r.error ? r.error.message : ''}`.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('at ')) ?? '';
  } catch (e) {
    why = e instanceof Error ? e.message : String(e);
  }
  if (!electronBinary()) {
    console.error(
      [
        '',
        `Stageside could not download Electron's binary${why ? ` (${why})` : ''}.`,
        'If this network cannot reach its mirror, set ELECTRON_MIRROR (e.g. https://npmmirror.com/mirrors/electron/)',
        'and run `npm start` again, or run the same console in a browser:  npm run start:web',
        '',
      ].join('\n'),
    );
    process.exit(1);
  }
}

const bin = path.join('node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
const child = spawn(bin, [mode, ...process.argv.slice(3)], { stdio: 'inherit', shell: process.platform === 'win32' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
