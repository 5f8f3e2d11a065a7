#!/usr/bin/env node
// `npm run dist:check`: packages the app the way the installers do (electron-builder --dir, this
// OS) and checks what would ship, here where Electron's binary cannot be downloaded: a stand-in
// Electron distribution (electronDist; set STAGESIDE_ELECTRON_DIST to a real one to use it) gives
// electron-builder its files. Then it reads the packaged app.asar with @electron/asar — the built
// entries are there; no source map, no devDependency, nothing that runs tsx — extracts it and runs,
// under plain Node with only the packaged node_modules, the CLI (--help, push-url) and the studio
// entry, which must print its JSON line, accept a signed RTMP push from ffmpeg and serve it.
// Skipped, and said so: the native-module rebuild for Electron (it downloads headers) and the fuse
// check (a stand-in binary has no fuses; the release workflow checks the real one).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stageside-dist-'));
const failures = [];
const notes = [];
const ok = (what) => console.log(`  ok    ${what}`);
const fail = (what) => (failures.push(what), console.log(`  FAIL  ${what}`));
const skip = (what) => (notes.push(what), console.log(`  skip  ${what}`));
const children = new Set();

function cleanup() {
  for (const c of children) {
    try {
      process.kill(-c.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  fs.rmSync(work, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(1));

// 1. The build the installers ship.
for (const f of ['out/main/index.js', 'out/main/cli.js', 'out/renderer/index.html', 'out/viewer/index.html']) {
  if (!fs.existsSync(path.join(root, f))) {
    console.error(`dist:check: ${f} is missing — run \`npm run build\` first`);
    process.exit(2);
  }
}

// 2. Package with electron-builder --dir on a stand-in (or the given) Electron distribution.
const electronVersion = require('electron/package.json').version;
let electronDist = process.env.STAGESIDE_ELECTRON_DIST;
if (!electronDist) {
  electronDist = path.join(work, 'electron-dist');
  fs.mkdirSync(path.join(electronDist, 'resources'), { recursive: true });
  const bin = process.platform === 'win32' ? 'electron.exe' : 'electron';
  fs.copyFileSync(path.join(root, 'test/electron-standin/electronBinary.sh'), path.join(electronDist, bin));
  fs.chmodSync(path.join(electronDist, bin), 0o755);
  fs.writeFileSync(path.join(electronDist, 'version'), electronVersion);
  skip('Electron binary: a stand-in distribution (STAGESIDE_ELECTRON_DIST=<unpacked Electron> packages with a real one)');
}
const outDir = path.join(work, 'release');
// The release configuration, minus the fuses when the binary is a stand-in (no fuse wire to flip).
const config = path.join(work, 'electron-builder.json');
fs.writeFileSync(config, JSON.stringify({ extends: path.join(root, 'electron-builder.yml'), ...(process.env.STAGESIDE_ELECTRON_DIST ? {} : { electronFuses: null }) }));
const builder = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder');
console.log('dist:check: packaging (electron-builder --dir)…');
const packed = spawnSync(
  builder,
  [
    '--dir',
    '--config',
    config,
    `-c.electronDist=${electronDist}`,
    `-c.electronVersion=${electronVersion}`,
    `-c.directories.output=${outDir}`,
    // Rebuilding better-sqlite3 for Electron downloads its headers: not possible here.
    '-c.npmRebuild=false',
  ],
  { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' },
);
if (packed.status !== 0) {
  console.error(packed.stdout, packed.stderr);
  console.error('dist:check: electron-builder failed');
  process.exit(1);
}
skip('native modules rebuilt for Electron: needs a download of Electron headers (electron-builder does it in the release workflow)');
const unpackedDir = fs.readdirSync(outDir).map((d) => path.join(outDir, d)).find((d) => fs.existsSync(path.join(d, 'resources', 'app.asar')) || fs.existsSync(path.join(d, 'Contents')));
const resources = unpackedDir && (fs.existsSync(path.join(unpackedDir, 'resources')) ? path.join(unpackedDir, 'resources') : path.join(unpackedDir, 'Contents', 'Resources'));
const appAsar = resources && path.join(resources, 'app.asar');
if (!appAsar || !fs.existsSync(appAsar)) {
  console.error(`dist:check: no app.asar under ${outDir}`);
  process.exit(1);
}
console.log(`dist:check: ${path.relative(work, appAsar)}`);

// 3. What app.asar holds.
const files = new Set(asar.listPackage(appAsar).map((p) => p.replace(/\\/g, '/')));
for (const entry of ['/package.json', '/out/main/index.js', '/out/main/cli.js', '/out/main/ingestChild.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/out/viewer/index.html']) {
  if (files.has(entry)) ok(`ships ${entry}`);
  else fail(`missing ${entry}`);
}
const maps = [...files].filter((f) => f.endsWith('.map'));
if (maps.length) fail(`ships source maps: ${maps.slice(0, 5).join(', ')}`);
else ok('no source maps');
const devShipped = Object.keys(pkg.devDependencies).filter((d) => files.has(`/node_modules/${d}`) || files.has(`/node_modules/${d}/package.json`));
if (devShipped.length) fail(`ships devDependencies: ${devShipped.join(', ')}`);
else ok(`no devDependency among ${[...files].filter((f) => /^\/node_modules\/(@[^/]+\/)?[^/]+\/package\.json$/.test(f)).length} packaged modules`);
const unpacked = path.join(resources, 'app.asar.unpacked');
if (fs.existsSync(path.join(root, 'node_modules', 'ffmpeg-static'))) {
  if (fs.existsSync(path.join(unpacked, 'node_modules', 'ffmpeg-static'))) ok('ffmpeg-static is unpacked (executable outside the archive)');
  else fail('ffmpeg-static is not unpacked');
} else {
  skip('ffmpeg-static: not installed here (optional dependency; its binary is downloaded at install)');
}

// 4. Extract and look for anything that would run TypeScript.
const appDir = path.join(work, 'app');
asar.extractAll(appAsar, appDir);
if (fs.existsSync(unpacked)) fs.cpSync(unpacked, appDir, { recursive: true });
const tsxUse = [];
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.(c|m)?js$/.test(e.name) && /['"]tsx(\/[a-z/]*)?['"]|--import[^'"]*tsx/.test(fs.readFileSync(p, 'utf8'))) tsxUse.push(path.relative(appDir, p));
  }
};
walk(path.join(appDir, 'out'));
if (fs.existsSync(path.join(appDir, 'node_modules', 'tsx'))) tsxUse.push('node_modules/tsx');
if (tsxUse.length) fail(`something runs tsx: ${tsxUse.join(', ')}`);
else ok('nothing in the packaged app runs tsx');

// 5. Run the packaged entries under plain Node with only the packaged node_modules.
const cli = path.join(appDir, 'out', 'main', 'cli.js');
const env = { ...process.env, NODE_PATH: '', STAGESIDE_HOME: path.join(work, 'home') };
const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8', env, cwd: work });
if (help.status === 0 && /Usage: stageside/.test(help.stdout)) ok('cli.js --help');
else fail(`cli.js --help exited ${help.status}: ${help.stderr.slice(0, 300)}`);
const pushUrl = spawnSync(process.execPath, [cli, 'push-url', '--domain', 'push.example.com', '--stream', 'dist-check', '--key', 'k'.repeat(32)], { encoding: 'utf8', env, cwd: work });
if (pushUrl.status === 0 && /^rtmp:\/\/push\.example\.com\/live\/dist-check\?txSecret=[0-9a-f]{32}&txTime=[0-9A-F]{8}$/m.test(pushUrl.stdout)) ok('cli.js push-url signs an LVB URL');
else fail(`cli.js push-url exited ${pushUrl.status}: ${(pushUrl.stdout + pushUrl.stderr).slice(0, 300)}`);

const studio = spawn(process.execPath, [cli, 'studio', '--port', '0', '--data-dir', path.join(work, 'studio'), '--exit-with-parent'], {
  env,
  cwd: work,
  stdio: ['pipe', 'pipe', 'pipe'],
  detached: true,
});
children.add(studio);
let studioErr = '';
studio.stderr.on('data', (d) => (studioErr += String(d)));
const info = await new Promise((resolve) => {
  const timer = setTimeout(() => resolve(null), 30_000);
  readline.createInterface({ input: studio.stdout }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    clearTimeout(timer);
    resolve(JSON.parse(line));
  });
  studio.once('exit', () => (clearTimeout(timer), resolve(null)));
});
if (!info) {
  fail(`the packaged studio printed no JSON line: ${studioErr.slice(-600)}`);
} else {
  ok(`the packaged studio runs (REST ${info.restBaseUrl}, ingest ${info.rtmpIngestUrl})`);
  const ffmpeg = ['/usr/bin/ffmpeg', '/usr/local/bin/ffmpeg'].find((f) => fs.existsSync(f));
  if (!ffmpeg || !info.demoPushUrl) {
    skip('signed push to the packaged studio: no ffmpeg on this machine');
  } else {
    const push = spawn(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=15', '-t', '6', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '15', '-f', 'flv', info.demoPushUrl], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    children.add(push);
    let pushErr = '';
    push.stderr.on('data', (d) => (pushErr += String(d)));
    // While it pushes, the studio serves the stream as HTTP-FLV.
    const flvUrl = `${info.playBaseUrl}/${info.demoRoomId}.flv`;
    let served = 0;
    const deadline = Date.now() + 15_000;
    while (served < 1024 && Date.now() < deadline && push.exitCode === null) {
      try {
        const res = await fetch(flvUrl, { signal: AbortSignal.timeout(3000) });
        if (res.ok && res.body) {
          const reader = res.body.getReader();
          while (served < 1024) {
            const { value, done } = await reader.read();
            if (done) break;
            served += value.length;
          }
          await reader.cancel();
        }
      } catch {
        // not live yet
      }
      if (served < 1024) await new Promise((r) => setTimeout(r, 250));
    }
    const pushCode = await new Promise((r) => (push.exitCode !== null ? r(push.exitCode) : push.once('exit', (c) => r(c))));
    if (pushCode === 0) ok('the packaged studio accepted a signed RTMP push from ffmpeg');
    else fail(`ffmpeg's signed push was refused (exit ${pushCode}): ${pushErr.slice(-300)}`);
    if (served >= 1024) ok(`the packaged studio served it as HTTP-FLV (${served} bytes read from ${flvUrl})`);
    else fail(`the packaged studio did not serve the push at ${flvUrl}`);
  }
  studio.stdin.end();
  const exited = await new Promise((r) => {
    const t = setTimeout(() => r(false), 5000);
    studio.once('exit', () => (clearTimeout(t), r(true)));
  });
  if (exited) ok('the packaged studio ends when its parent lets go (--exit-with-parent)');
  else fail('the packaged studio did not end within 5 s of its stdin closing');
}
skip('Electron fuses of the packaged binary: checked by the Electron smoke suite in the release workflow');

console.log('');
console.log(`dist:check: ${failures.length ? `${failures.length} failed` : 'passed'}; skipped: ${notes.length}`);
process.exitCode = failures.length ? 1 : 0;
