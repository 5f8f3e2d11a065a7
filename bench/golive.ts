// Go Live benchmark (issue 4): BroadcastService against the same ffmpeg argv run bare, pushing the
// 720p30 test pattern to a local studio ingest: (a) Go Live → publish accepted, (b) CPU over a live
// window, (c) ingest back up → publishing again. Prints figures and a verdict per target.
import { type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BroadcastService, locateFfmpeg, nodeSpawner, currentPlatform, type Spawner } from '../src/node/broadcast';
import { cpuSecondsOf } from '../src/node/broadcast/procStats';
import { createLogger, silentLogger } from '../src/node/infra/logger';
import { systemClock } from '../src/node/infra/nodeCrypto';
import { buildFfmpegArgs } from '../src/shared/domain/broadcast/ffmpegArgs';
import { broadcastSpecSchema, type BroadcastSpecInput } from '../src/shared/domain/broadcast/spec';
import { STABLE_LIVE_MS } from '../src/shared/domain/broadcast/stateMachine';
import { pickFreePorts, startIngest, type IngestHandle } from '../src/studio/ingest/ingestProcess';
import { Bare, fpsWithin, load, machine, median, now, Publishes, sleep, until, type Block, type GoLiveRound, type Transition } from './support/goliveMeasure';
import { printCpu, printGoLive, printOutages, printVerdicts, sec, type Outage } from './support/goliveReport';
import { skipped, SMOKE_LINE } from './support/smoke';
import { parseBenchArgs } from './support/benchArgs';

const HOST = '127.0.0.1';
const PUSH_KEY = 'golive-bench-key';
/** Warm-up after going live before a CPU window opens (x264 start-up is not steady state). */
const SETTLE_MS = 2000;

const usage = `Usage: npm run bench:golive -- [--rounds 5] [--seconds 30] [--reconnects 3] [--smoke]
  --rounds N      Go Live rounds per side for (a) (default 5), after one cold start and one bare warm-up
  --seconds S     length of each CPU window in (b) (default 30)
  --reconnects R  ingest restarts in (c) (default 3)
  --smoke         a short run of every part: 1 round, 3 s CPU windows, 1 restart (which still waits for
                  10 s live first, so the backoff starts over as in a full run)`;

export async function main(argv: string[]): Promise<number> {
  const args = parseBenchArgs(argv, ['rounds', 'seconds', 'reconnects'], usage, (f) => ({
    rounds: f.int('rounds', 5, 1, 1, 50),
    seconds: f.int('seconds', 30, 3, 3, 600),
    reconnects: f.int('reconnects', 3, 1, 0, 20),
  }));
  if (!args.ok) return args.exit;
  const { rounds, seconds, reconnects, smoke } = args.value;

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stageside-golive-'));
  const bareChildren = new Set<ChildProcess>();
  const publishes = new Publishes();
  const transitions: Transition[] = [];
  const oursBlocks: Block[] = [];
  const spawned: { args: string[]; pid: number; at: number }[] = [];
  // Records what the service spawns (argv, pid, time) and otherwise is the product's spawner.
  const spawner: Spawner = (file, args, options) => {
    const child = nodeSpawner(file, args, options);
    spawned.push({ args: [...args], pid: child.pid ?? -1, at: now() });
    return child;
  };
  // The app's logger at its default level (info, rotating file), so ours pays for its logging.
  const log = createLogger({ dir: tmp, name: 'golive-bench' });
  const svc = new BroadcastService({
    log,
    clock: systemClock,
    spawner,
    resolveFfmpeg: () => locateFfmpeg({}),
    recordingsDir: path.join(tmp, 'rec'),
    onState: (snap) => {
      const st = snap.state;
      if (st.kind === 'live' && st.stats && st.stats.frames !== oursBlocks.at(-1)?.frames) oursBlocks.push({ at: now(), frames: st.stats.frames });
      const last = transitions.at(-1)?.snap.state;
      if (!last || last.kind !== snap.state.kind || ('attempt' in last && 'attempt' in snap.state && last.attempt !== snap.state.attempt)) {
        transitions.push({ at: now(), wall: Date.now(), snap });
      }
    },
  });
  // A second service for the cold start only: its capability probe has not run yet.
  const cold = new BroadcastService({
    log, clock: systemClock, spawner, resolveFfmpeg: () => locateFfmpeg({}), recordingsDir: path.join(tmp, 'rec'), onState: () => {},
  });
  let ingest: IngestHandle | undefined;
  let ports: number[] = [];
  const upIngest = async (): Promise<IngestHandle> =>
    (ingest = await startIngest({
      rtmpPort: ports[0] as number, httpPort: ports[1] as number, host: HOST, appName: 'live', pushKey: PUSH_KEY,
      log: silentLogger(), onEvent: publishes.onEvent,
    }));
  const ing = (): IngestHandle => {
    if (!ingest) throw new Error('the ingest is not up');
    return ingest;
  };
  const cleanup = async (): Promise<void> => {
    await Promise.all([svc.dispose(), cold.dispose()]).catch(() => undefined);
    await Promise.all([...bareChildren].map((c) => new Promise((r) => (c.once('close', r), c.kill('SIGKILL')))));
    await ingest?.stop().catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  const onSignal = (): void => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    console.log(`Stageside Go Live benchmark ${new Date().toISOString()}`);
    console.log(`machine   ${machine()}`);
    console.log(`load      ${load()} (1/5/15 min) at start — other work on the machine shows up in the figures`);
    if (smoke) console.log(SMOKE_LINE);
    const caps = await svc.probe();
    if (!caps.ok && caps.error.code === 'FFMPEG_NOT_FOUND') return skipped(`bench:golive needs ffmpeg (${caps.error.detail ?? caps.error.message}); apt-get install ffmpeg`);
    if (!caps.ok) throw new Error(`${caps.error.code}: ${caps.error.detail ?? ''}`);
    const ffmpeg = caps.value;
    console.log(`ffmpeg    ${ffmpeg.path} (${ffmpeg.source}), ${ffmpeg.version ?? 'unknown version'}; encoder libx264 (no hardware encoder allowed)`);
    ports = await pickFreePorts(HOST, 2);
    const tIngest = now();
    await upIngest();
    console.log(`ingest    studio ingest child (node-media-server) on rtmp://${HOST}:${ports[0]}/live, up in ${sec(now() - tIngest)} s`);

    const expiresAt = Math.floor(Date.now() / 1000) + 24 * 3600;
    const specFor = (url: string): BroadcastSpecInput => ({ layout: 'test', video: { preset: '720p30' }, target: { kind: 'url', url } });
    const platform = currentPlatform();
    // Bare: the builder's argv pushing straight to the URL. Ours: the same encode writing the
    // stream-clock pipe (its pusher is a second, copy-only ffmpeg).
    const builderArgs = (url: string, clockPipe: boolean): string[] => {
      const built = buildFfmpegArgs(broadcastSpecSchema.parse(specFor(url)), platform, ffmpeg, { pushUrl: url, recordPath: null, previewPath: null, clockPipe });
      if (!built.ok) throw new Error(`argv builder: ${built.error.code}`);
      return built.value.args;
    };
    const bareArgs = (url: string): string[] => builderArgs(url, false);
    const isLive = () => svc.getState().state.kind === 'live';

    const oursRound = async (stream: string): Promise<GoLiveRound> => {
      const url = ing().pushUrl(stream, expiresAt);
      const spawnsBefore = spawned.length;
      const t0 = now();
      const started = await svc.start(specFor(url));
      if (started.state.kind === 'failed') throw new Error(`ours failed to start: ${started.state.error.code}`);
      const pub = await publishes.next(stream, t0, 15_000);
      await until(isLive, 15_000, 'ours to go live');
      const liveAt = transitions.findLast((t) => t.snap.state.kind === 'live')?.at ?? NaN;
      const encoderArgs = JSON.stringify(builderArgs(url, true));
      const spawn = spawned.slice(spawnsBefore).find((s) => JSON.stringify(s.args) === encoderArgs);
      if (!spawn) throw new Error('ours spawned no encoder with the builder\'s argv');
      return { publishMs: pub - t0, firstFrameMs: liveAt - t0, spawnMs: spawn.at - t0 };
    };
    const stopOurs = async () => {
      const s = await svc.stop();
      if (s.state.kind !== 'ended') throw new Error(`ours ended in ${s.state.kind}`);
    };
    const bareRound = async (stream: string): Promise<GoLiveRound> => {
      const url = ing().pushUrl(stream, expiresAt);
      const t0 = now();
      const bare = new Bare(ffmpeg.path, bareArgs(url), bareChildren);
      try {
        const pub = await publishes.next(stream, t0, 15_000);
        await until(() => Number.isFinite(bare.firstFrameAt), 15_000, 'bare ffmpeg\'s first frame');
        return { publishMs: pub - t0, firstFrameMs: bare.firstFrameAt - t0, spawnMs: 0 };
      } finally {
        await bare.stop();
      }
    };

    // (a) The service's first start runs the capability probe unless something probed before; the
    // app probes when the Go Live panel opens, so the rounds below are warm and the cold one is shown apart.
    console.log('');
    console.log(`(a) Go Live → publish accepted at the ingest; ${rounds} rounds per side, alternating which side goes first…`);
    const coldRound = await (async () => {
      const stream = 'cold-1';
      const t0 = now();
      await cold.start(specFor(ing().pushUrl(stream, expiresAt)));
      const pub = await publishes.next(stream, t0, 20_000);
      await until(() => cold.getState().state.kind === 'live', 15_000, 'the cold service to go live');
      const spawnAt = spawned.at(-1)?.at ?? NaN;
      const liveAt = now();
      await cold.stop();
      return { publishMs: pub - t0, firstFrameMs: liveAt - t0, spawnMs: spawnAt - t0 };
    })();
    await bareRound('bare-warmup');
    await svc.probe();
    const ours: GoLiveRound[] = [];
    const bare: GoLiveRound[] = [];
    for (let i = 1; i <= rounds; i++) {
      const oursFirst = i % 2 === 1;
      for (const side of oursFirst ? ['ours', 'bare'] : ['bare', 'ours']) {
        await sleep(300);
        if (side === 'ours') {
          ours.push(await oursRound(`ours-a${i}`));
          await stopOurs();
        } else bare.push(await bareRound(`bare-a${i}`));
      }
    }
    printGoLive(ours, bare, coldRound);
    const oursA = median(ours.map((x) => x.publishMs));
    const bareA = median(bare.map((x) => x.publishMs));

    // (b) CPU: bare first, then ours, which stays live for (c).
    console.log('');
    console.log(`(b) CPU seconds over ${seconds} s live at 720p30 (window opens ${SETTLE_MS / 1000} s after the first frame), bare then ours…`);
    const loadB = load();
    const bareCpu = await (async () => {
      const b = new Bare(ffmpeg.path, bareArgs(ing().pushUrl('bare-cpu', expiresAt)), bareChildren);
      try {
        await until(() => Number.isFinite(b.firstFrameAt), 15_000, 'bare ffmpeg\'s first frame');
        await sleep(SETTLE_MS);
        const [n0, c0, t0] = [process.cpuUsage(), cpuSecondsOf(b.pid), now()];
        await sleep(seconds * 1000);
        const [n1, c1, t1] = [process.cpuUsage(n0), cpuSecondsOf(b.pid), now()];
        if (c0 === null || c1 === null) throw new Error('cannot read /proc/<pid>/stat for bare ffmpeg (Linux only)');
        return { ffmpeg: c1 - c0, node: (n1.user + n1.system) / 1e6, fps: fpsWithin(b.blocks, t0, t1), wallS: (t1 - t0) / 1000 };
      } finally {
        await b.stop();
      }
    })();
    await sleep(500);
    const oursUrl = ing().pushUrl('ours-live', expiresAt);
    await svc.start(specFor(oursUrl));
    await until(isLive, 15_000, 'ours to go live');
    await sleep(SETTLE_MS);
    const pid = spawned.at(-1)?.pid ?? -1;
    const [n0, c0, t0] = [process.cpuUsage(), cpuSecondsOf(pid), now()];
    await sleep(seconds * 1000);
    const [n1, c1, t1] = [process.cpuUsage(n0), cpuSecondsOf(pid), now()];
    if (c0 === null || c1 === null) throw new Error('cannot read /proc/<pid>/stat for our ffmpeg (Linux only)');
    const oursCpu = { node: (n1.user + n1.system) / 1e6, ffmpeg: c1 - c0, fps: fpsWithin(oursBlocks, t0, t1), wallS: (t1 - t0) / 1000 };
    const oursTotal = oursCpu.node + oursCpu.ffmpeg;
    const overhead = (oursTotal - bareCpu.ffmpeg) / bareCpu.ffmpeg;
    printCpu(bareCpu, oursCpu, oursTotal, overhead, loadB);

    // (c) ingest restarts while ours is live; each outage after ≥ 10 s live, so the backoff starts over at attempt 1.
    console.log('');
    console.log(`(c) ingest stopped and restarted on the same ports while ours reconnects, ${reconnects} round(s), default backoff…`);
    const outages: Outage[] = [];
    for (let r = 1; r <= reconnects; r++) {
      await until(() => {
        const s = svc.getState().state;
        return s.kind === 'live' && Date.now() - s.since >= STABLE_LIVE_MS + 500;
      }, 60_000, 'ours to be live for 10 s');
      const tKill = now();
      await ing().stop();
      await until(() => svc.getState().state.kind === 'reconnecting', 15_000, 'ours to notice and reconnect');
      const failed = transitions.find((t) => t.at >= tKill && t.snap.state.kind === 'reconnecting') as Transition;
      const tUpBegin = now();
      await upIngest();
      const [tUp, wallUp] = [now(), Date.now()];
      const pending = transitions.findLast((t) => t.at <= tUp && t.snap.state.kind === 'reconnecting')?.snap.state;
      const pub = await publishes.next('ours-live', tUp, 60_000);
      const retry = transitions.findLast((t) => t.at <= pub && t.snap.state.kind === 'connecting');
      const connectFrom = Math.max(retry?.at ?? tUp, tUp);
      const st = failed.snap.state;
      outages.push({
        upMs: tUp - tKill,
        noticedMs: failed.at - tKill,
        ingestStartMs: tUp - tUpBegin,
        scheduledMs: pending?.kind === 'reconnecting' ? pending.nextAt - wallUp : NaN,
        waitMs: connectFrom - tUp,
        connectMs: pub - connectFrom,
        totalMs: pub - tUp,
        failedTries: transitions.filter((t) => t.at > failed.at && t.at < pub && t.snap.state.kind === 'reconnecting').length,
        code: st.kind === 'reconnecting' ? `${st.lastError.code} (attempt ${st.attempt}, delay ${sec(st.nextAt - failed.wall)} s)` : '?',
      });
      await until(isLive, 15_000, 'ours to be live again');
    }
    printOutages(outages);

    printVerdicts(oursA, bareA, ours, overhead, seconds, outages);
    return 0;
  } catch (e) {
    console.error(`bench:golive failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}
