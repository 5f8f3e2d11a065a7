// Lint rules, chiefly the import arrows: each folder may import only the layers below it (the table
// in eslint.layers.js), so `src/shared` stays pure and the renderer never reaches into main or Node.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { LAYERS, layersPlugin } from './eslint.layers.js';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https',
  'net', 'os', 'path', 'process', 'readline', 'stream', 'timers', 'tls', 'url', 'util', 'worker_threads', 'zlib',
];

/** no-restricted-imports with a message naming the rule of the house. */
const forbid = (why, { modules = [], nodeAll = false } = {}) => [
  'error',
  {
    paths: [...modules, ...(nodeAll ? nodeBuiltins : [])].map((name) => ({ name, message: why })),
    patterns: nodeAll ? [{ group: ['node:*'], message: why }] : [],
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'test/e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // The arrows between layers (eslint.layers.js): every relative import is resolved to its file and
  // must land in the importing layer or one it lists.
  { files: ['src/**'], plugins: { stageside: layersPlugin }, rules: { 'stageside/layers': 'error' } },
  // What each layer's runtime has: no node:* where code runs in a page, no electron outside main and
  // preload, no React outside the renderer.
  ...Object.values(LAYERS).map((l) => ({
    files: [`${l.dir}/**`],
    ignores: ['src/studio/viewer/vite.config.ts', ...Object.values(LAYERS).filter((o) => o.dir.startsWith(`${l.dir}/`)).map((o) => `${o.dir}/**`)],
    rules: { 'no-restricted-imports': forbid(l.why, { modules: l.modules ?? [], nodeAll: l.browser ?? false }) },
  })),
  {
    // Tests run in Node: tests of browser layers may use node:* (and shared tests its Node ports).
    files: ['src/shared/**/*.test.ts', 'src/tim/**/*.test.ts', 'src/studio/viewer/**/*.test.ts', 'src/renderer/**/*.test.ts', 'src/renderer/**/*.test.tsx'],
    rules: { 'no-restricted-imports': forbid('Tests may use node:*, but not electron', { modules: ['electron'] }) },
  },
  { files: ['src/shared/**'], ignores: ['src/shared/**/*.test.ts'], rules: { 'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'] } },
);
