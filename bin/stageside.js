#!/usr/bin/env node
// `stageside …`: runs the built CLI (out/main/cli.js, made by `npm run build`) when it is there and
// no source file is newer than it; otherwise, in a checkout that has not been built (or has been
// edited since), the TypeScript sources through tsx — so `npx stageside` works right after
// `npm install`, and never runs a stale build.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'out', 'main', 'cli.js');
const sources = path.join(root, 'src');

/** Newest modification time of the files under dir (0 when there is no such folder). */
function newest(dir) {
  let max = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return max;
}

const builtMtime = fs.existsSync(built) ? fs.statSync(built).mtimeMs : -1;
if (builtMtime >= 0 && newest(sources) <= builtMtime && process.env.STAGESIDE_FROM_SOURCE !== '1') {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  // Children the sources start (the ingest) compile TypeScript with the same loader.
  process.env.STAGESIDE_TS_LOADER ??= pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
  const { main } = await import('../src/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
