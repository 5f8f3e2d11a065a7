#!/usr/bin/env node
// `npm run docs:screenshots`: regenerates the docs' screenshots (docs/images) from the e2e flows
// that show those screens — scripts/docShots.json names the flow of each image — by building the
// app and running those flows with STAGESIDE_DOC_SHOTS=1 (test/e2e/support/docShots.ts then writes
// into docs/images instead of test/e2e/artifacts). Exits 1 when a flow failed or an image was not
// rewritten. Commit the images with the change that altered the screens.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const shots = JSON.parse(fs.readFileSync('scripts/docShots.json', 'utf8'));
const flows = [...new Set(Object.values(shots))];
const started = Date.now();
const bin = (name) => path.join('node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32', env: { ...process.env, ...env } }).status;

if (run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']) !== 0) process.exit(1);
const status = run(bin('vitest'), ['run', '--project', 'e2e', ...flows], { STAGESIDE_DOC_SHOTS: '1' });
const stale = Object.keys(shots).filter((name) => {
  const file = path.join('docs/images', `${name}.png`);
  return !fs.existsSync(file) || fs.statSync(file).mtimeMs < started;
});
for (const name of Object.keys(shots)) console.log(`${stale.includes(name) ? 'NOT rewritten' : 'rewritten    '}  docs/images/${name}.png  (${shots[name]})`);
process.exit(status === 0 && stale.length === 0 ? 0 : 1);
