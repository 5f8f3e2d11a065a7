import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/** `npm run dev` only: React's hot-reload preamble is an inline script, so allow it there. */
const devCsp = (): Plugin => ({
  name: 'stageside-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
});

// main: ESM, dependencies external (resolved from node_modules at run time). Besides Electron's
// main it builds the Node entries the app starts as children — the CLI (`cli.js studio` is the
// local studio) and the ingest child — so nothing runs TypeScript at run time.
// preload: CommonJS with everything bundled — sandboxed preloads cannot load ESM or node_modules.
// renderer: the React app; the same build is served by web mode.
export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/cli/entry.ts'),
          ingestChild: resolve(__dirname, 'src/studio/ingest/ingestChild.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    base: './',
    plugins: [react(), devCsp()],
    build: {
      rolldownOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
