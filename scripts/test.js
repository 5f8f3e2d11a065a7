#!/usr/bin/env node
// `npm test`: lint, typecheck, build the renderer and viewer page (web mode and the studio serve them), then the unit,
// tencent-live (skipped without credentials) and e2e vitest projects, one after the other (2-core machines). The e2e project
// includes test/e2e/benchSmoke.e2e.ts, which runs every `bench:*` script once with --smoke (one test each; skipped, with the
// reason, when a benchmark lacks Chromium or ffmpeg). Ends with one summary line "Tests: N passed, N failed, N skipped" counted
// from vitest's JSON reports.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const bin = (name) => path.join('node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedSteps = [];

function step(label, cmd, args) {
  console.log(`\n=== ${label}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) failedSteps.push(label);
  return r.status === 0;
}

function vitest(project) {
  const out = path.join(os.tmpdir(), `stageside-vitest-${project}-${process.pid}.json`);
  step(`vitest ${project}`, bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${out}`]);
  try {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
    fs.rmSync(out, { force: true });
  } catch {
    console.log(`(no JSON report from the ${project} run)`);
  }
}

const only = process.argv[2];
if (!only || only === 'static') {
  step('lint', bin('eslint'), ['.']);
  step('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
}
if (!only || only === 'unit') vitest('unit');
// Against real Tencent Cloud when TENCENT_SDKAPPID / TENCENT_SECRET_KEY are set; otherwise its tests
// are reported as skipped, with the reason printed.
if (!only || only === 'tencent-live') vitest('tencent-live');
if (!only || only === 'e2e') {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (step('build', npm, ['run', 'build'])) {
    // What the installers would ship, packaged and run from the archive (a stand-in Electron here).
    step('dist:check', process.execPath, ['scripts/distCheck.mjs']);
    vitest('e2e');
    // The real desktop app: reported as skipped, with the reason, where Electron's binary is missing.
    vitest('electron');
  }
}

console.log('');
if (failedSteps.length) console.log(`Failed steps: ${failedSteps.join(', ')}`);
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
