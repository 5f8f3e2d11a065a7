// `npm run bench:glass [-- --duration 60 --settle 10]` (issue #15 item 6): glass-to-glass latency,
// from the capture clock to Chromium presenting the frame, side by side in one run:
//   (a) bare ffmpeg (the builder's argv, pushing directly) → studio → a plain mpegts.js page
//   (b) Stageside (node services as web mode composes them: clocked push with SEI, studio child)
//       → studio → the studio's viewer page (its small-buffer player)
// at the default and the low-latency preset, p50/p95 over --duration seconds each, plus what the
// SEI pipeline costs (the pusher ffmpeg's CPU, Stageside's Node process CPU beside (a)'s).
// The picture carries its capture millisecond (support/glass.ts); one clock, one machine.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium } from '../test/e2e/support/webMode';
import { lockedChildren } from '../test/support/procTree';
import { currentPlatform } from '../src/node/broadcast';
import { buildFfmpegArgs } from '../src/shared/domain/broadcast/ffmpegArgs';
import { broadcastSpecSchema } from '../src/shared/domain/broadcast/spec';
import { cpuSeconds, GLASS_PROBE, loadAverage, stampedFfmpeg } from './support/glass';
import { baselineFlvUrl, baselinePushUrl, StagesideSide, until } from './support/recoverSides';
import { startPlainPage, type PlainPageServer } from './support/recoverViewer';
import { sized, skipped, SMOKE_LINE } from './support/smoke';
import { spread } from './stats';

const FFMPEG = '/usr/bin/ffmpeg';
const usage = `Usage: npm run bench:glass -- [--duration 60] [--settle 10] [--smoke]
  --duration S   seconds measured per side and preset (default 60)
  --settle S     seconds each player plays before measuring (default 10)
  --smoke        3 s per side and preset, 2 s settle`;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Window {
  p50: number;
  p95: number;
  frames: number;
  cpu: (number | null)[];
  nodeCpu: number;
}

/** Plays `settle` s, then collects every presented frame's display − capture for `duration` s. */
async function measure(page: Page, pids: (number | undefined)[], settleS: number, durationS: number): Promise<Window> {
  await until('the page to present stamped frames', () => page.evaluate(() => ((window as unknown as { __glass?: { samples: unknown[] } }).__glass?.samples.length ?? 0) > 5), 60_000, 200);
  await sleep(settleS * 1000);
  await page.evaluate(() => void (window as unknown as { __glass: { samples: unknown[] } }).__glass.samples.splice(0));
  const cpu0 = pids.map(cpuSeconds);
  const node0 = process.cpuUsage();
  const t0 = Date.now();
  await sleep(durationS * 1000);
  const samples = await page.evaluate(() => (window as unknown as { __glass: { samples: [number, number][] } }).__glass.samples.splice(0));
  const wall = (Date.now() - t0) / 1000;
  const node = process.cpuUsage(node0);
  const cpu = pids.map((pid, i) => {
    const a = cpu0[i];
    const b = cpuSeconds(pid);
    return a === null || a === undefined || b === null ? null : ((b - a) / wall) * 100;
  });
  const s = spread(samples.map(([display, capture]) => display - capture));
  return { p50: s.p50, p95: s.p95, frames: s.n, cpu, nodeCpu: ((node.user + node.system) / 1e6 / wall) * 100 };
}

const f0 = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(0));
const f1 = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(1));

export async function main(argv: string[]): Promise<number> {
  let durationS: number, settleS: number, smoke: boolean;
  try {
    const f = parseArgs({ args: argv, strict: true, options: { duration: { type: 'string' }, settle: { type: 'string' }, smoke: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } }).values;
    if (f.help) {
      console.log(usage);
      return 0;
    }
    smoke = f.smoke;
    durationS = Number(sized(f.duration, '60', '3', smoke));
    settleS = Number(sized(f.settle, '10', '2', smoke));
    if (!(durationS > 0 && durationS <= 3600) || !(settleS >= 0 && settleS <= 600)) throw new RangeError('--duration must be 1-3600 and --settle 0-600 seconds');
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${usage}`);
    return 2;
  }
  if (process.platform !== 'linux') return skipped('bench:glass reads CPU from /proc and stamps frames with a bash wrapper (Linux only)');
  if (!fs.existsSync(FFMPEG)) return skipped(`no ffmpeg at ${FFMPEG} (apt-get install ffmpeg)`);
  const chromiumPath = findChromium();
  if (!chromiumPath) return skipped('no Chromium found (apt-get install chromium)');
  if (smoke) console.log(SMOKE_LINE);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stageside-glass-'));
  const wrapper = stampedFfmpeg(tmp, FFMPEG);
  let side: StagesideSide | undefined;
  let browser: Browser | undefined;
  let plain: PlainPageServer | undefined;
  let bare: ReturnType<typeof spawn> | undefined;
  try {
    console.log(`machine   ${os.cpus().length} logical CPUs, load ${loadAverage()} (other work runs beside this benchmark: figures are noisy)`);
    ({ side } = await StagesideSide.start(60_000, { ffmpegPath: wrapper }));
    const caps = await side.probe();
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--autoplay-policy=no-user-gesture-required', '--disable-background-timer-throttling', '--disable-renderer-backgrounding'],
    });
    plain = await startPlainPage();
    console.log(`setup     studio ${side.info().restBaseUrl}, Chromium ${browser.version()} headless, ${durationS} s per window after ${settleS} s of play`);
    const rows: { preset: string; a: Window; b: Window }[] = [];
    for (const lowLatency of [false, true]) {
      const preset = lowLatency ? 'low-latency' : 'default';
      // (a) the builder's argv, pushing directly, watched on a plain mpegts.js page.
      const spec = broadcastSpecSchema.parse({ layout: 'test', video: { preset: '720p30', lowLatency }, target: { kind: 'url', url: baselinePushUrl(side) } });
      const built = buildFfmpegArgs(spec, currentPlatform(), caps as never, { pushUrl: baselinePushUrl(side), recordPath: null, previewPath: null });
      if (!built.ok) throw new Error(`argv builder: ${built.error.message}`);
      bare = spawn(wrapper, built.value.args, { stdio: ['pipe', 'ignore', 'ignore'] });
      const pageA = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await pageA.addInitScript(GLASS_PROBE);
      await pageA.goto(plain.urlFor(baselineFlvUrl(side)));
      const a = await measure(pageA, [bare.pid], settleS, durationS);
      await pageA.close();
      bare.stdin?.end('q');
      await until('the bare ffmpeg to end', () => bare?.exitCode !== null || bare?.signalCode !== null, 10_000).catch(() => bare?.kill('SIGKILL'));
      bare = undefined;

      // (b) Stageside: Go Live through the dispatcher (clocked push), the studio's viewer page.
      await side.must('broadcast:start', { spec: { layout: 'test', video: { preset: '720p30', lowLatency }, target: { kind: 'studio' } } });
      await until('live', () => side?.state().kind === 'live', 30_000);
      const pageB = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await pageB.addInitScript(GLASS_PROBE);
      await pageB.goto(`${side.info().viewerUrl}&lang=en&user=glass_${preset.replace('-', '_')}`);
      const kids = lockedChildren(side.dataDir);
      const b = await measure(pageB, [kids.ffmpeg, kids.pusher], settleS, durationS);
      await pageB.close();
      await side.call('broadcast:stop', {});
      rows.push({ preset, a, b });
      console.log(`glass     ${preset.padEnd(11)} (a) bare ffmpeg → studio → plain mpegts.js page   p50 ${f0(a.p50)} ms  p95 ${f0(a.p95)} ms  frames ${a.frames}  encoder CPU ${f1(a.cpu[0])} %  Node ${f1(a.nodeCpu)} %`);
      console.log(`glass     ${preset.padEnd(11)} (b) Stageside + SEI → studio → viewer page     p50 ${f0(b.p50)} ms  p95 ${f0(b.p95)} ms  frames ${b.frames}  encoder CPU ${f1(b.cpu[0])} %  pusher CPU ${f1(b.cpu[1])} %  Node ${f1(b.nodeCpu)} %`);
    }
    const low = rows.find((r) => r.preset === 'low-latency');
    if (low) {
      const ratio = low.b.p50 / low.a.p50;
      console.log(`verdict   (b) low-latency p50 ${f0(low.b.p50)} ms — target ≤ 500 ms: ${low.b.p50 <= 500 ? 'met' : 'NOT met'}`);
      console.log(`verdict   (b)/(a) low-latency p50 ×${Number.isFinite(ratio) ? ratio.toFixed(2) : '—'} — target ≤ 1.05: ${ratio <= 1.05 ? 'met' : 'NOT met'}`);
      console.log(`sei-cost  pusher ffmpeg ${f1(low.b.cpu[1])} % of a core; Stageside's Node process ${f1(low.b.nodeCpu)} % (stamping, delay probe, services) vs ${f1(low.a.nodeCpu)} % during (a); load now ${loadAverage()}`);
    }
    const bad = rows.some((r) => r.a.frames === 0 || r.b.frames === 0);
    if (bad) console.error('a window saw no stamped frame');
    return bad ? 1 : 0;
  } finally {
    bare?.kill('SIGKILL');
    await browser?.close().catch(() => undefined);
    await plain?.close().catch(() => undefined);
    await side?.close().catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
