// Report printing for bench:golive: the tables of (a) Go Live, (b) CPU and (c) reconnects, and a
// verdict line per target.
import { row } from '../stats';
import { load, max, median, type GoLiveRound } from './goliveMeasure';

// The targets the verdict lines compare against.
const TARGET_GOLIVE_MS = 1000;
const TARGET_GOLIVE_RATIO = 1.2;
const TARGET_CPU_OVERHEAD = 0.03;
const TARGET_RECONNECT_MS = 2000;

export const sec = (msValue: number): string => (Number.isFinite(msValue) ? (msValue / 1000).toFixed(3) : '—');
const verdict = (ok: boolean): string => (ok ? 'MET' : 'NOT MET');

/** CPU figures over one window: ffmpeg and this Node process in CPU seconds, frame rate, window length. */
export interface CpuWindow {
  ffmpeg: number;
  node: number;
  fps: number;
  wallS: number;
}

/** One ingest outage in (c): its durations in ms, the failed retries, and the first failure. */
export interface Outage { upMs: number; noticedMs: number; ingestStartMs: number; scheduledMs: number; waitMs: number; connectMs: number; totalMs: number; failedTries: number; code: string }

/** (a): ours, bare and the cold first start, with how they were measured. */
export function printGoLive(ours: GoLiveRound[], bare: GoLiveRound[], coldRound: GoLiveRound): void {
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
}

/** (b): the two CPU windows and what the overhead is made of. */
export function printCpu(bareCpu: CpuWindow, oursCpu: CpuWindow, oursTotal: number, overhead: number, loadB: string): void {
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
}

/** (c): one row per outage, then how to read the columns. */
export function printOutages(outages: Outage[]): void {
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
}

/** The verdict per target, then the load at the end. */
export function printVerdicts(oursA: number, bareA: number, ours: GoLiveRound[], overhead: number, seconds: number, outages: Outage[]): void {
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
}
