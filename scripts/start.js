#!/usr/bin/env node
// `npm start` / `npm run dev`: make sure Electron's binary is present (the electron package
// fetches it on first use, not at install), then hand over to electron-vite. When the download
// is impossible, say so and point at web mode instead of electron-vite's bare "Electron uninstall".
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const mode = process.argv[2] === 'dev' ? 'dev' : 'preview';

try {
  // index.js of the electron package downloads the binary when path.txt or dist/ is missing.
  const electronPath = require('electron');
  if (typeof electronPath !== 'string') throw new Error('unexpected export from the electron package');
} catch (e) {
  console.error(
    [
      '',
      `Stageside could not get Electron's binary: ${e instanceof Error ? e.message : String(e)}`,
      '',
      'The electron package downloads it on first start from its release mirror. If this network',
      'cannot reach it, set ELECTRON_MIRROR (e.g. https://npmmirror.com/mirrors/electron/) and retry,',
      'or run the same console in a browser:  npm run start:web',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const bin = path.join('node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
const child = spawn(bin, [mode, ...process.argv.slice(3)], { stdio: 'inherit', shell: process.platform === 'win32' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
