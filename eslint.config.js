// Lint rules, chiefly the import arrows of STYLE.md §1: each folder may import only the layers
// below it, so `src/shared` stays pure and the renderer never reaches into main or Node.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https',
  'net', 'os', 'path', 'process', 'readline', 'stream', 'timers', 'tls', 'url', 'util', 'worker_threads', 'zlib',
];

const layer = (dir) => [`**/src/${dir}/**`, `../${dir}/**`, `../../${dir}/**`, `../../../${dir}/**`];

/** no-restricted-imports with a message naming the rule of the house. */
const forbid = (why, { modules = [], layers = [], nodeAll = false } = {}) => [
  'error',
  {
    paths: [...modules, ...(nodeAll ? nodeBuiltins : [])].map((name) => ({ name, message: why })),
    patterns: [
      ...(nodeAll ? [{ group: ['node:*'], message: why }] : []),
      ...(layers.length ? [{ group: layers.flatMap(layer), message: why }] : []),
    ],
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
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': forbid('src/shared runs anywhere: no electron, node:*, React or other layers (STYLE.md §1)', {
        modules: ['electron', 'react', 'react-dom'],
        layers: ['main', 'node', 'preload', 'renderer', 'studio', 'cli'],
        nodeAll: true,
      }),
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    // Tests of pure code may use the Node implementations of its ports (e.g. nodeCrypto).
    files: ['src/shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': forbid('Shared tests may use node ports, but not electron, React or UI layers', {
        modules: ['electron', 'react', 'react-dom'],
        layers: ['main', 'preload', 'renderer'],
      }),
      'no-restricted-globals': 'off',
    },
  },
  {
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': forbid('The renderer talks to main only through api.ts and the contract (STYLE.md §1, §7)', {
        modules: ['electron'],
        layers: ['main', 'node', 'preload', 'cli'],
        nodeAll: true,
      }),
    },
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': forbid('Preload imports only electron and src/shared (STYLE.md §1)', {
        layers: ['main', 'node', 'renderer', 'studio', 'cli'],
        nodeAll: true,
      }),
    },
  },
  {
    files: ['src/main/**'],
    rules: {
      'no-restricted-imports': forbid('Electron main does not import the renderer, preload, CLI or React', {
        modules: ['react', 'react-dom'],
        layers: ['renderer', 'preload', 'cli'],
      }),
    },
  },
  {
    // Browser code of the studio: the TIM-compatible client and the viewer page.
    files: ['src/studio/client/**', 'src/studio/viewer/**'],
    ignores: ['src/studio/viewer/vite.config.ts'],
    rules: {
      'no-restricted-imports': forbid('Studio browser code runs in a page: no node:*, electron or Node services', {
        modules: ['electron'],
        layers: ['main', 'node', 'preload', 'renderer', 'cli'],
        nodeAll: true,
      }),
    },
  },
  {
    files: ['src/node/**', 'src/studio/**', 'src/cli/**'],
    ignores: ['src/studio/client/**', 'src/studio/viewer/**'],
    rules: {
      'no-restricted-imports': forbid('Node services run without Electron and never import main, preload or the renderer', {
        modules: ['electron', 'react', 'react-dom'],
        layers: ['main', 'preload', 'renderer'],
      }),
    },
  },
);
