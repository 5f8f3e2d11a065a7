// bench:reach (#19 item 5, (a) and (b)): what another destination costs. Side by side in one run,
// one canvas (the test source, 720p30) pushed to studio ingests on this machine:
//   bare (a)       the builder's argv, pushed by ffmpeg itself to one destination
//   bare (b)       the same encode, ffmpeg's tee muxer to three (onfail=ignore)
//   Stageside (a)  BroadcastService, one destination (stream-clock pusher)
//   Stageside (b)  BroadcastService, three destinations (one encode, a pusher each)
// For each: CPU of every ffmpeg it runs (encoder + pushers, /proc) and of this Node process (the
// stamping and fan-out), in % of one core over the window, and the encoder's fps. Target: Stageside
// (b) ≤ 1.05× Stageside (a) in CPU. Linux only (/proc).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BroadcastService } from '../src/node/broadcast/broadcastService';
import { locateFfmpeg } from '../src/node/broadcast/ffmpegLocator';
import { cpuSecondsOf } from '../src/node/broadcast/procStats';
import { silentLogger } from '../src/node/infra/logger';
import { systemClock } from '../src/node/infra/nodeCrypto';
import { buildFfmpegArgs, teeEscape } from '../src/shared/domain/broadcast/ffmpegArgs';
import { broadcastSpecSchema, type BroadcastSpecInput } from '../src/shared/domain/broadcast/spec';
import { pickFreePorts, startIngest, type IngestHandle } from '../src/studio/ingest/ingestProcess';
import { parseBenchArgs } from './support/benchArgs';
import { SMOKE_LINE, skipped } from './support/smoke';

const usage = `Usage: npm run bench:reach -- [--seconds N] [--settle N] [--smoke]
  --seconds N   measured window per side (default 20; smoke 3)
  --settle N    seconds live before measuring (default 5; smoke 1)`;

const CAPS = { version: null, encoders: ['libx264', 'aac'], inputDevices: ['lavfi'], hardware: [], verifiedHardware: [] };
const KEY = 'reach-bench';

interface Figures {
  ffmpegCpu: number;
  nodeCpu: number;
  fps: number;
  processes: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const expiry = () => Math.floor(Date.now() / 1000) + 86_400;

/** The ffmpeg processes this process started (encoder, pushers, a bare run). */
function ffmpegChildren(): number[] {
  const out: number[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && comm === 'ffmpeg') out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** CPU of the ffmpeg children and of Node over `seconds`, with the fps the caller samples meanwhile. */
async function measure(seconds: number, fps: () => number | null): Promise<Figures> {
  const pids = ffmpegChildren();
  const c0 = pids.map((p) => cpuSecondsOf(p) ?? 0);
  const n0 = process.cpuUsage();
  const t0 = performance.now();
  const samples: number[] = [];
  const timer = setInterval(() => {
    const f = fps();
    if (f !== null) samples.push(f);
  }, 1000);
  await sleep(seconds * 1000);
  clearInterval(timer);
  const wall = (performance.now() - t0) / 1000;
  const c1 = pids.map((p) => cpuSecondsOf(p) ?? 0);
  const n1 = process.cpuUsage(n0);
  const used = c1.reduce((a, c, i) => a + Math.max(0, c - (c0[i] ?? 0)), 0);
  return { ffmpegCpu: (100 * used) / wall, nodeCpu: (100 * (n1.user + n1.system)) / 1e6 / wall, fps: samples.length ? samples.reduce((a, b) => a + b, 0) / samples.length : 0, processes: pids.length };
}

async function bare(ffmpegPath: string, args: string[], seconds: number, settle: number): Promise<Figures> {
  const child = spawn(ffmpegPath, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  let fps: number | null = null;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    const m = /fps=([\d.]+)/.exec(d);
    if (m) fps = Number(m[1]);
  });
  try {
    const started = Date.now();
    while (fps === null && Date.now() - started < 30_000) await sleep(100);
    if (fps === null) throw new Error('bare ffmpeg gave no progress in 30 s');
    await sleep(settle * 1000);
    return await measure(seconds, () => fps);
  } finally {
    const gone = new Promise((r) => child.once('exit', r));
    child.stdin.end('q\n');
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(kill);
  }
}

async function stageside(ffmpegPath: string, spec: BroadcastSpecInput, dests: number, seconds: number, settle: number, dir: string): Promise<Figures> {
  let last: ReturnType<BroadcastService['getState']> | undefined;
  const svc = new BroadcastService({
    log: silentLogger(),
    clock: systemClock,
    resolveFfmpeg: async () => ({ ok: true, value: { path: ffmpegPath, source: 'setting' } }),
    probeCapabilities: async (loc) => ({ ...loc, ...CAPS }),
    recordingsDir: dir,
    onState: (s) => (last = s),
    platform: 'linux',
  });
  try {
    await svc.start(spec);
    const started = Date.now();
    const up = () => last?.state.kind === 'live' && (dests === 1 || (last.destinations ?? []).filter((d) => d.status === 'live').length === dests);
    while (!up() && Date.now() - started < 60_000) await sleep(100);
    if (!up()) throw new Error(`Stageside did not go live to ${dests} destination(s) in 60 s (${last?.state.kind})`);
    await sleep(settle * 1000);
    return await measure(seconds, () => (last?.state.kind === 'live' ? (last.state.stats?.fps ?? null) : null));
  } finally {
    await svc.dispose();
  }
}

const row = (label: string, f: Figures) =>
  `reach     ${label.padEnd(16)} ffmpeg CPU ${f.ffmpegCpu.toFixed(1)} % (${f.processes} process${f.processes === 1 ? '' : 'es'})  Node ${f.nodeCpu.toFixed(1)} %  total ${(f.ffmpegCpu + f.nodeCpu).toFixed(1)} %  fps ${f.fps.toFixed(1)}`;

export async function main(argv: string[]): Promise<number> {
  const parsed = parseBenchArgs(argv, ['seconds', 'settle'] as const, usage, (f) => ({ seconds: f.int('seconds', 20, 3, 1, 600), settle: f.int('settle', 5, 1, 0, 60) }));
  if (!parsed.ok) return parsed.exit;
  const { seconds, settle, smoke } = parsed.value;
  if (process.platform !== 'linux') return skipped('reads CPU from /proc (Linux only)');
  const loc = await locateFfmpeg({ settingPath: null, env: process.env });
  if (!loc.ok) return skipped('no ffmpeg (apt install ffmpeg)');
  if (smoke) console.log(SMOKE_LINE);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reach-'));
  const ingests: IngestHandle[] = [];
  try {
    const ports = await pickFreePorts('127.0.0.1', 6);
    for (let i = 0; i < 3; i++) ingests.push(await startIngest({ rtmpPort: ports[2 * i]!, httpPort: ports[2 * i + 1]!, host: '127.0.0.1', appName: 'live', pushKey: KEY, log: silentLogger() }));
    const urls = (side: string) => ingests.map((g, i) => g.pushUrl(`${side}${i}`, expiry()));
    console.log(`reach     one canvas (test source, 720p30, libx264) → studio ingests on this machine; ${seconds} s windows after ${settle} s live; load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);

    const base = broadcastSpecSchema.parse({ layout: 'test', target: { kind: 'url', url: urls('bare')[0] } });
    const built = buildFfmpegArgs(base, 'linux', { path: loc.value.path, source: 'setting', ...CAPS } as never, { pushUrl: urls('bare')[0]!, recordPath: null, previewPath: null });
    if (!built.ok) throw new Error(built.error.message);
    const one = built.value.args;
    // The same encode, its one output replaced by a tee of three.
    const cut = one.lastIndexOf('-rw_timeout');
    const three = [...one.slice(0, cut), '-flags', '+global_header', '-f', 'tee', urls('tee').map((u) => `[f=flv:flvflags=no_duration_filesize:onfail=ignore]${teeEscape(u)}`).join('|')];

    const bareA = await bare(loc.value.path, one, seconds, settle);
    console.log(row('bare (a) 1 dest', bareA));
    const bareB = await bare(loc.value.path, three, seconds, settle);
    console.log(row('bare (b) 3 dests', bareB));
    const [s0] = urls('stageside');
    const ssA = await stageside(loc.value.path, { layout: 'test', target: { kind: 'url', url: s0! } }, 1, seconds, settle, dir);
    console.log(row('Stageside (a)', ssA));
    const [m0, ...more] = urls('multi');
    const ssB = await stageside(loc.value.path, { layout: 'test', target: { kind: 'url', url: m0! }, extraTargets: more.map((url) => ({ kind: 'url' as const, url })) }, 3, seconds, settle, dir);
    console.log(row('Stageside (b)', ssB));
    const total = (f: Figures) => f.ffmpegCpu + f.nodeCpu;
    const ratio = total(ssB) / total(ssA);
    console.log(`reach     Stageside (b)/(a) CPU ×${ratio.toFixed(3)} (target ≤ 1.05: ${ratio <= 1.05 ? 'met' : 'not met'}); bare (b)/(a) ×${(total(bareB) / total(bareA)).toFixed(3)}; Stageside (b)/bare (b) ×${(total(ssB) / total(bareB)).toFixed(3)}`);
    return 0;
  } finally {
    await Promise.all(ingests.map((g) => g.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
