import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The viewer page is its own small app, served by the studio at /viewer/.
export default defineConfig({
  root: resolve(__dirname),
  base: '/viewer/',
  build: { outDir: resolve(__dirname, '../../../out/viewer'), emptyOutDir: true, target: 'es2022' },
});
