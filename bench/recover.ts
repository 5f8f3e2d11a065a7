// `npm run bench:recover [-- --faults 10 --timeout 30]` (issue #14 item 7): how a live broadcast and
// the audience's video come back from three faults, Stageside beside a baseline, in one run.
//
// Stageside: node services as web mode composes them (data-folder lock, createNodeServices, the
// studio as a child process), live with the test source to the studio target through the
// dispatcher ('broadcast:start'), and the studio's own viewer page (its viewerUrl) open in Chromium.
// Baseline: the same ffmpeg argv (the same builder, checked against the app's running ffmpeg) run
// bare under a naive supervisor (started again 100 ms after any exit), pushing to the same studio on
// a stream of its own, and a plain mpegts.js page with no recovery.
//
// Rounds run (a) ffmpeg killed, (b) the studio's ingest killed, (c) the studio restarted, in turn,
// --faults times; each fault hits both sides at the same moment (a kills both ffmpegs back to back;
// b and c hit the studio both push to). Before each fault both sides are steady: pushing, on air,
// both videos advancing, the Stageside push live ≥ 10 s (so its reconnect backoff starts over, as
// after a fault that comes out of the blue) and its ingest not inside a restart streak. From the
// fault: time to pushing again and to the page's video advancing again (its own currentTime),
// sampled every 100 ms; not back within --timeout is a failure. Whatever did not come back is then
// restored by the harness (Go Live again, page reloaded) — never counted as a recovery.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from '../test/e2e/support/webMode';
import { currentPlatform } from '../src/node/broadcast';
import { STABLE_LIVE_MS } from '../src/shared/domain/broadcast/stateMachine';
import { INGEST_RESTARTS } from '../src/studio/ingest/keptIngest';
import { hasProc, kill9 } from '../test/support/procTree';
import { FAULTS, printPerFault, printTable, printVerdicts, sec, TARGET_GAP_MS, type FaultKind, type Outcome } from './support/recoverReport';
import {
  argvOf, BASELINE_STREAM, baselineFlvUrl, baselinePushUrl, builtArgs, NAIVE_RESTART_MS, NaiveSupervisor, STAGESIDE_STREAM, StagesideSide, until,
} from './support/recoverSides';
import { startPlainPage, ViewerProbe, type PlainPageServer } from './support/recoverViewer';
import { skipped, SMOKE_LINE } from './support/smoke';
import { parseBenchArgs } from './support/benchArgs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const POLL_MS = 100;

const usage = `Usage: npm run bench:recover -- [--faults 10] [--timeout 30] [--trace FILE] [--smoke]
  --faults N     faults of each kind (default 10): (a) ffmpeg killed, (b) ingest killed, (c) studio restarted
  --timeout S    seconds a side has to be pushing and playing again before the fault counts as failed (default 30)
  --trace FILE   write one JSON line per fault: both pages' video samples and the broadcast states around it
  --smoke        1 fault of each kind, both sides, 15 s timeout, 3 s live before each fault`;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function main(argv: string[]): Promise<number> {
  const args = parseBenchArgs(argv, ['faults', 'timeout', 'trace'], usage, (f) => ({
    faults: f.int('faults', 10, 1, 1, 100),
    timeoutS: f.int('timeout', 30, 15, 5, 300),
    trace: f.given('trace'),
  }));
  if (!args.ok) return args.exit;
  const { faults, timeoutS, trace, smoke } = args.value;
  // Live this long before each fault: the broadcast's reconnect count starts over after 10 s live.
  const settleMs = smoke ? 3000 : STABLE_LIVE_MS;
  const timeoutMs = timeoutS * 1000;

  if (!hasProc()) return skipped('bench:recover finds the processes it kills in /proc (Linux only)');
  const chromiumPath = findChromium();
  if (!chromiumPath) return skipped('bench:recover needs Chromium (apt-get install chromium, or set CHROMIUM_PATH)');
  const viewerIndex = path.join(ROOT, 'out/viewer/index.html');
  if (!fs.existsSync(viewerIndex)) {
    console.error('out/viewer is missing: run `npm run build` first (the studio serves the built viewer page)');
    return 1;
  }

  const cpus = os.cpus();
  console.log(`Stageside recovery benchmark ${new Date().toISOString()}`);
  console.log(`machine   ${cpus.length} logical CPUs, ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()}/${os.arch()}, Node ${process.version}`);
  console.log(`load      ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min) at start — both sides' ffmpeg, the studio and Chromium share these CPUs`);
  if (smoke) console.log(SMOKE_LINE);
  console.log(`targets   every fault recovered (push and viewer); viewer playing again ≤ ${TARGET_GAP_MS / 1000} s after the push is live again (issue #14 item 7)`);

  let side: StagesideSide | undefined;
  let naive: NaiveSupervisor | undefined;
  let browser: Browser | undefined;
  let plainServer: PlainPageServer | undefined;
  const cleanup = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await naive?.stop().catch(() => undefined);
    await side?.close().catch(() => undefined);
    await plainServer?.close().catch(() => undefined);
  };
  const onSignal = (): void => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const started = await StagesideSide.start(60_000);
    side = started.side;
    const s = side;
    const caps = await s.call('broadcast:probe', {});
    if (!caps.ok && caps.error.code === 'FFMPEG_NOT_FOUND') return skipped(`bench:recover needs ffmpeg (${caps.error.message}); apt-get install ffmpeg`);
    if (!caps.ok) throw new Error(`broadcast:probe: ${caps.error.code} ${caps.error.message}`);
    const ffmpeg = caps.value;
    const platform = currentPlatform();
    console.log(`ffmpeg    ${ffmpeg.path} (${ffmpeg.source}), ${ffmpeg.version ?? 'unknown version'}; test source 720p30, libx264`);
    const info = s.info();
    console.log(`studio    node services (createNodeServices, data-folder lock) with the studio child, running in ${sec(started.studioReadyMs)} s; ingest ${info.rtmpIngestUrl}`);
    const viewerBuilt = fs.statSync(viewerIndex).mtimeMs;
    const newestViewerSource = Math.max(...fs.readdirSync(path.join(ROOT, 'src/studio/viewer')).map((f) => fs.statSync(path.join(ROOT, 'src/studio/viewer', f)).mtimeMs));
    console.log(
      `viewer    the studio's viewer page (out/viewer, built ${new Date(viewerBuilt).toISOString()}` +
        `${newestViewerSource > viewerBuilt ? '; OLDER than src/studio/viewer: run `npm run build` to measure the current page' : ''})`,
    );

    // Go Live as the console does; the baseline starts from the same builder.
    await s.goLive();
    await until('the Stageside push to go live', () => s.state().kind === 'live', 30_000);
    const ourPid = await until('the app\'s ffmpeg in stageside.lock', () => s.ffmpegPid(), 10_000);
    naive = new NaiveSupervisor(ffmpeg.path);
    const nv = naive;
    const baselineArgs = (): string[] => builtArgs(baselinePushUrl(s), ffmpeg, platform);
    nv.start(baselineArgs());
    // The app's encoder: with the stream clock (the default) it writes FLV to a pipe that main stamps
    // and a second ffmpeg pushes (-c copy); without it, it pushes itself. Either way its argv is the
    // builder's; the baseline runs the builder's direct push, so both encode alike.
    const ours = argvOf(ourPid);
    const same = (xs: string[] | undefined, ys: string[]): boolean => xs !== undefined && JSON.stringify(xs) === JSON.stringify(ys);
    const clocked = same(ours, builtArgs(baselinePushUrl(s), ffmpeg, platform, true));
    if (!clocked && !same(ours?.slice(0, -1), nv.args.slice(0, -1))) {
      throw new Error(`the app's ffmpeg argv differs from the builder's:\n  app:     ${ours?.join(' ')}\n  builder: ${nv.args.join(' ')}`);
    }
    console.log(
      clocked
        ? `argv      the app's encoder is the builder's with the stream clock (FLV piped through main's stamping pusher); the baseline is the builder's direct push (${nv.args.length} arguments)`
        : `argv      the app's running ffmpeg and the baseline's: identical but for the push URL (${nv.args.length} arguments, from buildFfmpegArgs)`,
    );

    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--autoplay-policy=no-user-gesture-required',
        // Both pages play at once; neither may be throttled as a background page.
        '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows',
      ],
    });
    console.log(`chromium  ${chromiumPath} ${browser.version()}, headless, two pages side by side`);
    plainServer = await startPlainPage();
    const ps = plainServer;
    const viewerUrl = (): string => `${s.info().viewerUrl}&user=recover_viewer&nick=recover`;
    const plainUrl = (): string => ps.urlFor(baselineFlvUrl(s));
    const viewer = await ViewerProbe.open('Stageside viewer page', await (await browser.newContext({ viewport: { width: 1000, height: 700 } })).newPage(), viewerUrl());
    const plain = await ViewerProbe.open('baseline plain player', await (await browser.newContext({ viewport: { width: 700, height: 400 } })).newPage(), plainUrl());
    console.log(`method    ${FAULTS.length} fault kinds × ${faults}, in turn (a, b, c, a, …), each hitting both sides at once; before each, both pushing and`);
    console.log(`          playing, the Stageside push live ≥ ${settleMs / 1000} s; after it, up to ${timeoutS} s for each side to push and play again;`);
    console.log(`          the baseline's supervisor starts ffmpeg again ${NAIVE_RESTART_MS} ms after any exit, with the URL it was given`);
    for (const f of FAULTS) console.log(`          ${f.label}: ${f.how}`);

    const air = async (): Promise<string[]> => (await s.onAir(1000)) ?? [];
    const pull = () => Promise.all([viewer.pull(), plain.pull()]);

    /** Brings both sides back to pushing and playing (restoring what a fault left down), then lets the push settle. */
    const steady = async (restore: { stagePush: boolean; stageViewer: boolean; basePush: boolean; baseViewer: boolean }): Promise<string[]> => {
      const notes: string[] = [];
      await until('the studio to run with its ingest', async () => {
        const st = s.studio();
        if (st.state === 'running' && st.ingest?.state === 'failed') {
          notes.push('studio restarted (its ingest had given up)');
          await s.call('studio:restart', {});
        }
        return st.state === 'running' && st.ingest?.state === 'running';
      }, 60_000);
      const pushing = () => s.state().kind === 'live' && nv.live();
      if (restore.stagePush || !(await until('both pushes', pushing, 20_000).catch(() => false))) {
        if (s.state().kind !== 'live') {
          notes.push('Stageside: Go Live again');
          await s.goLiveAgain();
        }
      }
      if (restore.basePush || !nv.live()) {
        notes.push('baseline: ffmpeg started again with a fresh URL');
        await nv.stop();
        nv.start(baselineArgs());
      }
      await until('both pushes on air', async () => pushing() && (await air()).filter((x) => x === STAGESIDE_STREAM || x === BASELINE_STREAM).length === 2, 60_000);
      for (const [probe, must, url] of [[viewer, restore.stageViewer, viewerUrl], [plain, restore.baseViewer, plainUrl]] as const) {
        if (must) {
          notes.push(`${probe.label} reloaded`);
          await probe.reload(url());
        }
      }
      // Right before the fault: the push settled and both videos playing steadily (not just started).
      let missing = '';
      const ready = async (): Promise<boolean> => {
        await pull();
        const state = s.state().kind;
        const wants: Array<[boolean, string]> = [
          [state === 'live' && Date.now() - s.liveSince >= settleMs, `the Stageside push live ${settleMs / 1000} s (${state})`],
          [viewer.playing(), `${viewer.label} playing (last sample ${viewer.lastSampleText()})`],
          [plain.playing(), `${plain.label} playing (last sample ${plain.lastSampleText()})`],
        ];
        missing = wants.filter(([ok]) => !ok).map(([, what]) => what).join('; ');
        return missing === '';
      };
      const settled = (): Promise<unknown> =>
        until('both videos playing and the Stageside push settled', ready, settleMs + 30_000).catch((e: unknown) => {
          throw new Error(`${e instanceof Error ? e.message : String(e)}: not yet ${missing}`);
        });
      await settled().catch(async () => {
        // A page that froze outside a measured window: reload it once more.
        for (const [probe, url] of [[viewer, viewerUrl], [plain, plainUrl]] as const) {
          if (!probe.playing()) {
            notes.push(`${probe.label} reloaded (not playing before the fault)`);
            await probe.reload(url());
          }
        }
        await settled();
      });
      return notes;
    };

    const fire = async (kind: FaultKind): Promise<{ at: number; done: Promise<unknown> }> => {
      switch (kind) {
        case 'ffmpeg': {
          const ourFfmpeg = s.ffmpegPid();
          const bare = nv.current()?.pid;
          if (ourFfmpeg === undefined || bare === undefined) throw new Error('no ffmpeg to kill');
          const at = Date.now();
          kill9(ourFfmpeg);
          kill9(bare);
          return { at, done: Promise.resolve() };
        }
        case 'ingest': {
          const ingest = await until('the studio\'s ingest child', () => s.ingestPid(), 10_000);
          const at = Date.now();
          kill9(ingest);
          return { at, done: Promise.resolve() };
        }
        case 'studio': {
          const at = Date.now();
          return { at, done: s.call('studio:restart', {}) };
        }
      }
    };

    const measure = async (kind: FaultKind): Promise<{ stage: Outcome; base: Outcome }> => {
      const stage: Outcome = {};
      const base: Outcome = {};
      const { at, done } = await fire(kind);
      const deadline = at + timeoutMs;
      while (Date.now() <= deadline) {
        const tick = Date.now();
        const onAir = await s.onAir(300);
        const t = Date.now();
        if (stage.pushMs === undefined && s.liveAgain(at) && onAir?.includes(STAGESIDE_STREAM)) stage.pushMs = t - at;
        if (base.pushMs === undefined && nv.liveAgain(at) && onAir?.includes(BASELINE_STREAM)) base.pushMs = t - at;
        await pull();
        for (const [o, probe] of [[stage, viewer], [base, plain]] as const) {
          const back = o.viewerMs === undefined ? probe.advancingAgain(at) : undefined;
          if (back !== undefined && back <= deadline) o.viewerMs = back - at;
        }
        if ([stage.pushMs, stage.viewerMs, base.pushMs, base.viewerMs].every((x) => x !== undefined)) break;
        await sleep(Math.max(0, POLL_MS - (Date.now() - tick)));
      }
      await done;
      if (trace) {
        const around = (xs: { t: number }[]) => xs.filter((x) => x.t >= at - 2000 && x.t <= deadline).map((x) => ({ ...x, t: x.t - at }));
        const line = {
          fault: kind, at: new Date(at).toISOString(), stage, base,
          states: s.states.filter((x) => x.at >= at - 2000 && x.at <= deadline).map((x) => [x.at - at, x.value.state.kind]),
          bareRuns: nv.runs.filter((r) => r.spawnedAt >= at - 60_000).map((r) => [r.spawnedAt - at, r.firstFrameAt - at, r.exited]),
          viewer: around(viewer.samples), plain: around(plain.samples),
        };
        fs.appendFileSync(trace, `${JSON.stringify(line)}\n`);
      }
      return { stage, base };
    };

    const results = new Map<string, Outcome[]>();
    const add = (key: string, o: Outcome) => results.set(key, [...(results.get(key) ?? []), o]);
    console.log('');
    let notes = await steady({ stagePush: false, stageViewer: false, basePush: false, baseViewer: false });
    if (notes.length) console.log(`          before the first fault: ${notes.join('; ')}`);
    for (let round = 1; round <= faults; round++) {
      for (const f of FAULTS) {
        if (f.kind === 'ingest') {
          // An ingest killed again inside its restart streak waits longer by design (1 s, 2 s, 4 s …);
          // each fault here is measured from a clean start, as one that comes out of the blue.
          const ing = s.studio().ingest;
          const wait = ing?.state === 'running' && ing.restarts > 0 ? (INGEST_RESTARTS.stableMs ?? 0) - (Date.now() - s.ingestBackAt) : 0;
          if (wait > 0) {
            console.log(`          (waiting ${sec(wait)} s: the ingest restarted ${ing?.state === 'running' ? ing.restarts : 0}× in a row; its count starts over after ${(INGEST_RESTARTS.stableMs ?? 0) / 1000} s up)`);
            await sleep(wait);
          }
        }
        const { stage, base } = await measure(f.kind);
        add(`${f.kind}/Stageside`, stage);
        add(`${f.kind}/baseline`, base);
        const show = (o: Outcome) => `push ${o.pushMs === undefined ? 'not back' : `${sec(o.pushMs)} s`}, viewer ${o.viewerMs === undefined ? 'not back' : `${sec(o.viewerMs)} s`}`;
        notes = await steady({
          stagePush: stage.pushMs === undefined,
          stageViewer: stage.viewerMs === undefined,
          basePush: base.pushMs === undefined,
          baseViewer: base.viewerMs === undefined,
        });
        console.log(`${f.label} ${round}/${faults}: Stageside ${show(stage)} | baseline ${show(base)}${notes.length ? ` — then restored: ${notes.join('; ')}` : ''}`);
      }
    }

    console.log('');
    printTable(results, timeoutS);
    printPerFault(results);
    for (const probe of [viewer, plain]) if (probe.errors.length) console.log(`  ${probe.label} page errors: ${probe.errors.slice(0, 3).join(' | ')}`);
    console.log('');
    printVerdicts(results);
    console.log(`load      ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} at the end`);
    return 0;
  } catch (e) {
    console.error(`bench:recover failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}
