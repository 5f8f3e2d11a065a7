import react from '@vitejs/plugin-react';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Children the sources start (the studio's ingest) compile TypeScript with tsx, as bin/stageside.js does. */
process.env.STAGESIDE_TS_LOADER ??= pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;

// Three projects: fast unit/integration tests beside the code, Playwright e2e against web mode
// (which needs `npm run build` first; `npm test` does that), and `tencent-live` against real
// Tencent Cloud (`npm run test:tencent-live`; skipped without TENCENT_* credentials).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [react()],
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/tencent-live/**', 'node_modules/**'],
          environment: 'node',
          pool: 'forks',
          testTimeout: 20_000,
          // Conditions are awaited generously: a loaded 2-core machine must not fail a test.
          expect: { poll: { timeout: 15_000, interval: 20 } },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          environment: 'node',
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
          expect: { poll: { timeout: 15_000, interval: 50 } },
        },
      },
      {
        test: {
          // The real desktop app (npm run test:electron): skipped, with the reason, without Electron's binary.
          name: 'electron',
          include: ['test/electron/**/*.electron.ts'],
          environment: 'node',
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'tencent-live',
          include: ['test/tencent-live/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
