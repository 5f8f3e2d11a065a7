// Go Live benchmark (issue 4): BroadcastService against the same ffmpeg argv run bare, pushing the
// 720p30 test pattern to a local studio ingest: (a) Go Live → publish accepted, (b) CPU over a live
// window, (c) ingest back up → publishing again. Prints figures and a verdict per target.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BroadcastService, locateFfmpeg, nodeSpawner, currentPlatform, type Spawner } from '../src/node/broadcast';
import { cpuSecondsOf } from '../src/node/broadcast/procStats';
import { createLogger, silentLogger } from '../src/node/infra/logger';
import { systemClock } from '../src/node/infra/nodeCrypto';
import { buildFfmpegArgs } from '../src/shared/domain/broadcast/ffmpegArgs';
import type { StreamSnapshot } from '../src/shared/domain/broadcast/snapshot';
import { broadcastSpecSchema, type BroadcastSpecInput } from '../src/shared/domain/broadcast/spec';
import { STABLE_LIVE_MS } from '../src/shared/domain/broadcast/stateMachine';
import { pickFreePorts, startIngest, type IngestHandle, type PushEvent } from '../src/studio/ingest/ingestProcess';
import { row } from './stats';

const TARGET_GOLIVE_MS = 1000;
const TARGET_GOLIVE_RATIO = 1.2;
const TARGET_CPU_OVERHEAD = 0.03;
const TARGET_RECONNECT_MS = 2000;
const HOST = '127.0.0.1';
const PUSH_KEY = 'golive-bench-key';
/** Warm-up after going live before a CPU window opens (x264 start-up is not steady state). */
const SETTLE_MS = 2000;

const usage = `Usage: npm run bench:golive -- [--rounds 5] [--seconds 30] [--reconnects 3]
  --rounds N      Go Live rounds per side for (a) (default 5), after one cold start and one bare warm-up
  --seconds S     length of each CPU window in (b) (default 30)
  --reconnects R  ingest restarts in (c) (default 3)`;

const sleep = (t: number) => new Promise<void>((r) => setTimeout(r, t));
const now = () => performance.now();
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const max = (xs: readonly number[]): number => (xs.length ? Math.max(...xs) : NaN);
const sec = (msValue: number): string => (Number.isFinite(msValue) ? (msValue / 1000).toFixed(3) : '—');
const verdict = (ok: boolean): string => (ok ? 'MET' : 'NOT MET');

async function until(pred: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const t0 = now();
  while (!pred()) {
    if (now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} logical CPUs, ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
    `${os.platform()}/${os.arch()}, Node ${process.version}`;
}
const load = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' / ');

/** Publish start/interrupt events from whichever ingest instance is up, time-stamped on arrival. */
class Publishes {
  private readonly seen: { stream: string; type: 0 | 1; at: number }[] = [];
  readonly onEvent = (e: PushEvent): void => void this.seen.push({ stream: e.stream_id, type: e.event_type, at: now() });
  async next(stream: string, after: number, timeoutMs: number): Promise<number> {
    const find = () => this.seen.find((e) => e.stream === stream && e.type === 1 && e.at >= after);
    await until(() => find() !== undefined, timeoutMs, `the ingest's publish-start event for "${stream}"`);
    return (find() as { at: number }).at;
  }
}

/** The bare ffmpeg: spawned directly, its -progress read only to know its first frame and count. */
class Bare {
  readonly child: ChildProcess;
  firstFrameAt = NaN;
  readonly blocks: Block[] = [];
  private closed: Promise<void>;
  constructor(file: string, args: string[], live: Set<ChildProcess>) {
    this.child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    live.add(this.child);
    this.closed = new Promise((r) => this.child.once('close', () => (live.delete(this.child), r())));
    this.child.stdin?.on('error', () => {});
    this.child.stderr?.resume();
    this.child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      for (const m of d.matchAll(/^frame=(\d+)/gm)) {
        const frames = Number(m[1]);
        this.blocks.push({ at: now(), frames });
        if (frames > 0 && Number.isNaN(this.firstFrameAt)) this.firstFrameAt = now();
      }
    });
  }
  get pid(): number {
    return this.child.pid ?? -1;
  }
  async stop(): Promise<void> {
    this.child.stdin?.end('q\n');
    const t = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await this.closed;
    clearTimeout(t);
  }
}

interface Block {
  at: number;
  frames: number;
}

/** Frame rate over the progress blocks inside [from, to] (blocks come once a second). */
function fpsWithin(blocks: readonly Block[], from: number, to: number): number {
  const inside = blocks.filter((b) => b.at >= from && b.at <= to);
  const first = inside[0];
  const last = inside.at(-1);
  return first && last && last.at > first.at ? (last.frames - first.frames) / ((last.at - first.at) / 1000) : NaN;
}

interface Transition {
  at: number;
  wall: number;
  snap: StreamSnapshot;
}

interface GoLiveRound {
  publishMs: number;
  firstFrameMs: number;
  spawnMs: number;
}

export async function main(argv: string[]): Promise<number> {
  let rounds: number, seconds: number, reconnects: number;
  try {
    const f = parseArgs({
      args: argv,
      strict: true,
      options: {
        rounds: { type: 'string', default: '5' },
        seconds: { type: 'string', default: '30' },
        reconnects: { type: 'string', default: '3' },
        help: { type: 'boolean', default: false },
      },
    }).values;
    if (f.help) {
      console.log(usage);
      return 0;
    }
    const int = (v: string, lo: number, hi: number, name: string): number => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < lo || n > hi) throw new RangeError(`--${name} must be a whole number ${lo}-${hi}, got "${v}"`);
      return n;
    };
    rounds = int(f.rounds, 1, 50, 'rounds');
    seconds = int(f.seconds, 3, 600, 'seconds');
    reconnects = int(f.reconnects, 0, 20, 'reconnects');
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${usage}`);
    return 2;
  }

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
    const caps = await svc.probe();
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
    const bareArgs = (url: string): string[] => {
      const built = buildFfmpegArgs(broadcastSpecSchema.parse(specFor(url)), platform, ffmpeg, { pushUrl: url, recordPath: null, previewPath: null });
      if (!built.ok) throw new Error(`argv builder: ${built.error.code}`);
      return built.value.args;
    };
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
      const spawn = spawned[spawnsBefore];
      if (!spawn || JSON.stringify(spawn.args) !== JSON.stringify(bareArgs(url))) throw new Error('ours spawned an argv other than the builder\'s');
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
    const wA = [-44, 9, 9, 12, 12, 12];
    const lines = [row(['Go Live, seconds', 'median', 'max', 'start→spawn', 'first frame', 'rounds'], wA)];
    const line = (label: string, r: GoLiveRound[]) =>
      row([label, sec(median(r.map((x) => x.publishMs))), sec(max(r.map((x) => x.publishMs))), sec(median(r.map((x) => x.spawnMs))),
        sec(median(r.map((x) => x.firstFrameMs))), r.map((x) => sec(x.publishMs)).join(' ')], wA);
    lines.push(line('ours  BroadcastService.start → publish', ours), line('bare  spawn(ffmpeg, same argv) → publish', bare),
      line('ours, cold first start (incl. capability probe)', [coldRound]));
    for (const l of lines) console.log(l);
    console.log('  measured: the ingest\'s publish-start event (CSS event_type 1, sent when node-media-server accepts the RTMP');
    console.log('  publish, before any media); "first frame" = first -progress block with frame > 0 (ours: the `live` state),');
    console.log('  which comes later. Both clocks start just before start()/spawn(); argv checked identical each round.');
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
    const wB = [-30, 8, 9, 10, 8, 8];
    console.log(row(['CPU seconds', 'window', 'ffmpeg', 'Node proc', 'total', 'fps'], wB));
    console.log(row(['bare ffmpeg', `${bareCpu.wallS.toFixed(1)} s`, bareCpu.ffmpeg.toFixed(2), '—', bareCpu.ffmpeg.toFixed(2), bareCpu.fps.toFixed(2)], wB));
    console.log(row(['ours (service + its ffmpeg)', `${oursCpu.wallS.toFixed(1)} s`, oursCpu.ffmpeg.toFixed(2), oursCpu.node.toFixed(3), oursTotal.toFixed(2),
      oursCpu.fps.toFixed(2)], wB));
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    console.log(`  overhead (ours_total − bare) / bare = ${pct(overhead)}: ffmpeg vs ffmpeg ${pct((oursCpu.ffmpeg - bareCpu.ffmpeg) / bareCpu.ffmpeg)} ` +
      `(same argv, so this part is run-to-run noise), this Node process ${pct(oursCpu.node / bareCpu.ffmpeg)}`);
    console.log(`  the Node process also hosts the bench loop and receives the ingest's IPC (the ingest child itself is not counted); during`);
    console.log(`  the bare window, with no service running (it only drained bare's pipes), it used ${bareCpu.node.toFixed(3)} s (${pct(bareCpu.node / bareCpu.ffmpeg)} of bare), not counted anywhere`);
    console.log('  fps: from the -progress blocks inside the window (both paced by -re, so equal work per second)');
    console.log(`  ffmpeg CPU from /proc/<pid>/stat utime+stime (10 ms ticks), Node from process.cpuUsage(); load at window start ${loadB}, now ${load()}`);
    console.log('  the two windows run one after the other, not at once: on 2 cores they would compete; machine noise lands in both ffmpeg figures');

    // (c) ingest restarts while ours is live; each outage after ≥ 10 s live, so the backoff starts over at attempt 1.
    console.log('');
    console.log(`(c) ingest stopped and restarted on the same ports while ours reconnects, ${reconnects} round(s), default backoff…`);
    interface Outage { upMs: number; noticedMs: number; ingestStartMs: number; scheduledMs: number; waitMs: number; connectMs: number; totalMs: number; failedTries: number; code: string }
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
    if (outages.length) {
      const wC = [-7, 9, 9, 10, 12, 9, 9, 12];
      console.log(row(['round', 'noticed', 'ingest up', 'up→publish', 'backoff left', 'waited', 'connect', 'failed tries'], wC));
      outages.forEach((o, i) =>
        console.log(row([String(i + 1), sec(o.noticedMs), sec(o.upMs), sec(o.totalMs),
          sec(o.scheduledMs), sec(o.waitMs), sec(o.connectMs), o.failedTries], wC)),
      );
      console.log(`  first failure per round: ${outages.map((o) => o.code).join('; ')}`);
      console.log('  seconds: "noticed" and "ingest up" since ingest.stop() was called (the restart begins once ours is reconnecting;');
      console.log(`  the child takes ${outages.map((o) => sec(o.ingestStartMs)).join('/')} s to listen again); "up→publish" is the measured figure`);
      console.log('  = "waited" (backoff still to run when the ingest was back: nextAt − now, as the snapshot shows it) + "connect"');
      console.log('  (retry → ffmpeg spawned → RTMP publish accepted). "backoff left" is the snapshot\'s nextAt − ingest up.');
    }

    const oursC = outages.map((o) => o.totalMs);
    console.log('');
    console.log(`verdict   (a) Go Live → publish: ours median ${sec(oursA)} s (max ${sec(max(ours.map((x) => x.publishMs)))}) vs target ≤ ${TARGET_GOLIVE_MS / 1000} s — ${verdict(oursA <= TARGET_GOLIVE_MS)}`);
    console.log(`verdict   (a) ours/bare median ${(oursA / bareA).toFixed(2)}× (bare ${sec(bareA)} s) vs target ≤ ${TARGET_GOLIVE_RATIO}× — ${verdict(oursA <= TARGET_GOLIVE_RATIO * bareA)}`);
    console.log(`verdict   (b) CPU overhead ${(overhead * 100).toFixed(1)} % over ${seconds} s vs target ≤ ${TARGET_CPU_OVERHEAD * 100} % — ${verdict(overhead <= TARGET_CPU_OVERHEAD)}`);
    if (oursC.length) {
      console.log(`verdict   (c) ingest up → publishing: median ${sec(median(oursC))} s, max ${sec(max(oursC))} s vs target ≤ ${TARGET_RECONNECT_MS / 1000} s — ` +
        `${verdict(median(oursC) <= TARGET_RECONNECT_MS)}${max(oursC) > TARGET_RECONNECT_MS && median(oursC) <= TARGET_RECONNECT_MS ? ' (median; some rounds over)' : ''}`);
    }
    console.log(`load      ${load()} at the end`);
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
