// Every benchmark, once, short (#13 item 14): for each `bench:*` script in package.json
// (`node bench/run.js <name>`), run it with `--smoke` (bench/support/smoke.ts: the same code path with
// tiny sizes) in its own process group, killed by group if it outlives its deadline, and check that it
// exited 0 and printed every figure line it prints in a full run. A new `bench:*` script is picked up
// without a change here. A benchmark that lacks a binary on this machine exits SKIPPED_EXIT with
// `skipped: <reason>` and is reported as skipped with that reason. Runs in the e2e project, after
// `npm test` has built out/ (bench:chat drives the built console).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, type TestContext } from 'vitest';
import { SKIPPED_EXIT } from '../../bench/support/smoke';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const scripts = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
const benches = Object.entries(scripts)
  .filter(([script]) => script.startsWith('bench:'))
  .map(([script, command]) => ({ script, command }));

/**
 * How long a smoke run may take before its process group is stopped (a loaded 2-core machine
 * included); STAGESIDE_BENCH_SMOKE_DEADLINE_MS changes it.
 */
const DEADLINE_MS = Number(process.env.STAGESIDE_BENCH_SMOKE_DEADLINE_MS) || 150_000;

const N = String.raw`-?\d+(?:\.\d+)?`;
const re = (source: string): RegExp => new RegExp(source, 'm');
const reducerLine = (label: string): RegExp =>
  re(String.raw`^${label} +total +\d+ ms \| +${N} ms CPU per second of chat \| frame p50 ${N} p99 ${N} max ${N} ms \| frames > 16 ms: \d+ \| heap Δ ${N} MB$`);
const fanoutRow = (label: string): RegExp => re(String.raw`^${label} +\d+ +\d+/\d+ +${N} +${N} +${N} +${N} +${N} +${N}$`);
const chatRow = (label: string): RegExp =>
  re(String.raw`^${label} +\d+ +${N} +\d+ +\d+ +${N} +${N} MB +${N} MB +${N} MB +all \d+ exact`);
const chatCounter = (name: string): RegExp => re(String.raw`^ {4}${name} +shown \d+(?: · ${N})? +sent \d+(?: · ${N})?$`); // gifts: "105 · 2270.00"

/**
 * The figure lines each benchmark prints (the same in a full run), by its name in bench/run.js. A
 * figure is a number, never NaN or "—", except where the report prints "—" for "not applicable".
 */
const FIGURES: Record<string, RegExp[]> = {
  fanout: [
    re(String.raw`^studio {4}pid \d+, ready in ${N} s, http://`),
    re(String.raw`^connected \d+ viewers in ${N} s \(studio reports \d+ sessions, studio RSS \d+ MB\); measuring baseline`),
    re(String.raw`^connected \d+ viewers in ${N} s \(studio reports \d+ sessions, studio RSS \d+ MB\); measuring N`),
    fanoutRow(String.raw`\(a\) add_goods → tip 6 \[baseline\]`),
    fanoutRow(String.raw`\(b\) send_group_msg High \[baseline\]`),
    fanoutRow(String.raw`\(a\) add_goods → tip 6 \[N\]`),
    fanoutRow(String.raw`\(b\) send_group_msg High \[N\]`),
    re(String.raw`^ {2}of which logged-in TIM clients +\d+ +${N} +${N} +${N} +${N}`),
    re(String.raw`^ {2}p99 per round: ${N}(?:, ${N})* ms$`),
    ...['High', 'Normal', 'Low', 'Lowest', 'total'].map((p) => re(String.raw`^${p} +\d+ +\d+ +\d+ +-?\d+ +\d+$`)),
    re(String.raw`^ {2}REST refusals: .*REST latency p50 ${N} ms, p99 ${N} ms$`),
    re(String.raw`^ {4}s1: accepted +\d+ \(\d+/\d+/\d+/\d+\) +delivered +\d+ \(\d+/\d+/\d+/\d+\)$`),
    re(String.raw`^ {2}steady state \(s2–s\d+\): ${N} delivered/s; opening second: \d+$`),
    re(String.raw`^verdict {3}\(a\) add_goods → tip 6 \[N\]: p99 ${N} ms at \d+ viewers, \d+ missed — target `),
    re(String.raw`^verdict {3}\(b\) send_group_msg High \[N\]: p99 ${N} ms at \d+ viewers, \d+ missed — target `),
  ],
  'chat-reducer': [
    reducerLine('decode only'),
    reducerLine('decode \\+ reduceRoom, one batch per frame'),
    reducerLine('decode \\+ reduceRoom, one call per message'),
    reducerLine('naive: copy-per-message reducer'),
    re(String.raw`^counters after the run: messages \d+, texts \d+, likes \d+, gifts \d+\+\d+ .*, feed \d+, decoded \d+$`),
    re(String.raw`^speed-up of batched over the naive reducer: ×${N}$`),
  ],
  callbacks: [
    re(String.raw`^compile: ${N} ms$`),
    re(String.raw`^Aho–Corasick filter \(MsgBody\) +\d+ +${N} +${N}$`),
    re(String.raw`^service\.handle \(JSON\+checks\+filter\) +\d+ +${N} +${N}$`),
    re(String.raw`^naive includes loop \(\d+ msgs\) +\d+ +${N} +${N}$`),
    re(String.raw`^masked: \d+/\d+ \(service: \d+\); speed-up over naive ×${N}$`),
    re(String.raw`^target ≥ 5000/s and p99 ≤ 5 ms: (?:met|NOT met)$`),
    re(String.raw`^SQLite \(WAL, data dir\) +\d+/s$`),
    re(String.raw`^PostgreSQL(?:: skipped \(set STAGESIDE_TEST_PG_URL\)| \(\d+ concurrent\) +\d+/s)$`),
  ],
  golive: [
    re(String.raw`^ffmpeg {4}\S+ \(\S+\), `),
    re(String.raw`^ingest {4}studio ingest child .*, up in ${N} s$`),
    re(String.raw`^ours  BroadcastService\.start → publish +${N} +${N} +${N} +${N} +${N}`),
    re(String.raw`^bare  spawn\(ffmpeg, same argv\) → publish +${N} +${N} +${N} +${N} +${N}`),
    re(String.raw`^ours, cold first start \(incl\. capability probe\) +${N} +${N} +${N} +${N} +${N}$`),
    re(String.raw`^bare ffmpeg +${N} s +${N} +— +${N} +${N}$`),
    re(String.raw`^ours \(service \+ its ffmpeg\) +${N} s +${N} +${N} +${N} +${N}$`),
    re(String.raw`^ {2}overhead \(ours_total − bare\) / bare = ${N} %: ffmpeg vs ffmpeg ${N} % .*, this Node process ${N} %$`),
    re(String.raw`^1 +${N} +${N} +${N} +(?:${N}|—) +${N} +${N} +\d+$`),
    re(String.raw`^ {2}first failure per round: [A-Z_]+ \(attempt \d+, delay ${N} s\)`),
    re(String.raw`^verdict {3}\(a\) Go Live → publish: ours median ${N} s \(max ${N}\) vs target ≤ 1 s — (?:MET|NOT MET)$`),
    re(String.raw`^verdict {3}\(a\) ours/bare median ${N}× \(bare ${N} s\) vs target ≤ 1\.2× — (?:MET|NOT MET)$`),
    re(String.raw`^verdict {3}\(b\) CPU overhead ${N} % over \d+ s vs target ≤ 3 % — (?:MET|NOT MET)$`),
    re(String.raw`^verdict {3}\(c\) ingest up → publishing: median ${N} s, max ${N} s vs target ≤ 2 s — (?:MET|NOT MET)`),
  ],
  // Counters are correctness, not speed: both pages must end exact (the settle wait allows 20 s).
  chat: [
    chatRow(String.raw`console \(virtualised list\)`),
    chatRow(String.raw`baseline \(naive list\)`),
    chatCounter('likes'),
    chatCounter('messages'),
    chatCounter('gifts'),
    chatCounter('joins'),
    re(String.raw`^ {4}\d+ long tasks in ${N} s; counters caught up ${N} s after the last frame$`),
    re(String.raw`^ {2}≤ 1 long task per second +${N}/s → (?:MET|NOT MET)$`),
    re(String.raw`^ {2}heap growth < 50 MB +${N} MB \(after GC\) → (?:MET|NOT MET)$`),
    re(String.raw`^ {2}every counter exact +MET$`),
  ],
  // Recovery is reported, not asserted: a side that did not come back prints "—" (no time to show) or
  // "not back", and NOT MET.
  recover: (() => {
    const NA = String.raw`(?:${N}|—)`;
    const BACK = String.raw`(?:${N} s|not back)`;
    return [
      re(String.raw`^ffmpeg {4}\S+ \(\S+\), `),
      re(String.raw`^studio {4}node services .*, running in ${N} s; ingest rtmp://`),
      // With the stream clock (the default) the app's encoder pipes to its pusher; without it, the same argv as the baseline.
      re(String.raw`^argv {6}(?:the app's running ffmpeg and the baseline's: identical but for the push URL|the app's encoder is the builder's with the stream clock \(FLV piped through main's stamping pusher\); the baseline is the builder's direct push) \(\d+ arguments`),
      ...[String.raw`\(a\) ffmpeg killed`, String.raw`\(b\) ingest killed`, String.raw`\(c\) studio restarted`].flatMap((f) => [
        re(String.raw`^${f} \d+/\d+: Stageside push ${BACK}, viewer ${BACK} \| baseline push ${BACK}, viewer ${BACK}`),
        ...['Stageside', 'baseline'].map((side) => re(String.raw`^${f} +${side} +\d+ +\d+/\d+ +${NA} +${NA} +\d+/\d+ +${NA} +${NA} +${NA} +${NA} +\d+$`)),
        ...['Stageside', 'baseline'].map((side) => re(String.raw`^ {2}${f} ${side} push/viewer s: ${NA}/${NA}`)),
        re(String.raw`^verdict {3}${f}: Stageside recovered \d+/\d+ \(push and viewer\) vs target \d+/\d+ — (?:MET|NOT MET)$`),
        re(String.raw`^verdict {3}${f}: viewer playing again after the push is live again, max ${NA} s \(p50 ${NA}\) over \d+ vs target ≤ 3 s — (?:MET|NOT MET)$`),
        re(String.raw`^baseline {2}${f}: push back \d+/\d+, viewer back \d+/\d+ `),
      ]),
    ];
  })(),
  glass: [
    ...['default    ', 'low-latency'].flatMap((p) => [
      re(String.raw`^glass {5}${p} \(a\) bare ffmpeg → studio → plain mpegts\.js page +p50 ${N} ms +p95 ${N} ms +frames [1-9]\d* +encoder CPU ${N} % +Node ${N} %$`),
      re(String.raw`^glass {5}${p} \(b\) Stageside \+ SEI → studio → viewer page +p50 ${N} ms +p95 ${N} ms +frames [1-9]\d* +encoder CPU ${N} % +pusher CPU ${N} % +Node ${N} %$`),
    ]),
    re(String.raw`^verdict {3}\(b\) low-latency p50 ${N} ms — target ≤ 500 ms: (?:met|NOT met)$`),
    re(String.raw`^verdict {3}\(b\)/\(a\) low-latency p50 ×${N} — target ≤ 1\.05: (?:met|NOT met)$`),
    re(String.raw`^sei-cost {2}pusher ffmpeg ${N} % of a core; Stageside's Node process ${N} % `),
  ],
  reach: [
    ...['bare \\(a\\) 1 dest ', 'bare \\(b\\) 3 dests', 'Stageside \\(a\\)   ', 'Stageside \\(b\\)   '].map((label) =>
      re(String.raw`^reach {5}${label} ffmpeg CPU ${N} % \([1-9] process(?:es)?\)  Node ${N} %  total ${N} %  fps ${N}$`),
    ),
    re(String.raw`^reach {5}Stageside \(b\)/\(a\) CPU ×${N} \(target ≤ 1\.05: (?:met|not met)\); bare \(b\)/\(a\) ×${N}; Stageside \(b\)/bare \(b\) ×${N}$`),
  ],
  align: [
    re(String.raw`^align {5}frame on screen at the card − click: p50 ${N} ms +p95 ${N} ms +min ${N} ms +max ${N} ms +\(n [1-9]\d*\)$`),
    re(String.raw`^align {5}\|frame on screen − click\|: p50 ${N} ms +p95 ${N} ms$`),
    re(String.raw`^align {5}click → clock stamped in main p50 ${N} ms; click → card on the page p50 ${N} ms, p95 ${N} ms$`),
    re(String.raw`^verdict {3}\|p95\| ${N} ms — target ≤ 100 ms: (?:met|NOT met); load now `),
  ],
};

interface SmokeRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  seconds: number;
  timedOut: boolean;
}

const running = new Set<ChildProcess>();

/** Signals the child's whole process group (it is its leader); a group already gone is fine. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: nothing left in the group.
  }
}

function runSmoke(args: string[]): Promise<SmokeRun> {
  const t0 = performance.now();
  // detached: the benchmark leads a process group of its own, so its children (the studio, web mode,
  // Chromium, ffmpeg) can be stopped with it.
  const child = spawn(process.execPath, [...args, '--smoke'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (output += d));
  let timedOut = false;
  let kill: NodeJS.Timeout | undefined;
  // SIGTERM first: the benchmarks clean up what they started on it; SIGKILL for whatever is left.
  const deadline = setTimeout(() => {
    timedOut = true;
    signalGroup(child, 'SIGTERM');
    kill = setTimeout(() => signalGroup(child, 'SIGKILL'), 5000);
  }, DEADLINE_MS);
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(deadline);
      clearTimeout(kill);
      running.delete(child);
      // Anything of the run's still in its group goes with it.
      signalGroup(child, 'SIGKILL');
      resolve({ code, signal, output, seconds: (performance.now() - t0) / 1000, timedOut });
    });
    child.once('error', (e) => {
      output += `\nspawn error: ${e.message}`;
    });
  });
}

/** One benchmark's smoke run and its checks. */
async function smoke(script: string, command: string, ctx: TestContext): Promise<void> {
  const words = command.trim().split(/\s+/);
  if (words[0] !== 'node' || words[1] !== 'bench/run.js' || !words[2]) {
    throw new Error(`${script} is "${command}": benchmark scripts run "node bench/run.js <name> [flags]"`);
  }
  const name = words[2];
  const run = await runSmoke(words.slice(1));
  const how = run.timedOut ? `stopped after the ${DEADLINE_MS / 1000} s deadline` : `exit ${run.code ?? run.signal}`;
  console.log(`${script} --smoke: ${how} in ${run.seconds.toFixed(1)} s`);
  if (run.code === SKIPPED_EXIT) {
    const reason = /^skipped: (.*)$/m.exec(run.output)?.[1] ?? `exited ${SKIPPED_EXIT} (skipped) without saying why`;
    console.warn(`SKIPPED ${script} --smoke: ${reason}`);
    ctx.skip(reason);
  }
  const shown = `\n--- ${script} --smoke output ---\n${run.output}`;
  expect(run.timedOut, `${script} --smoke did not finish within ${DEADLINE_MS / 1000} s${shown}`).toBe(false);
  expect(run.code, `${script} --smoke exited ${run.code ?? run.signal}${shown}`).toBe(0);
  const figures = FIGURES[name];
  if (!figures) {
    // A benchmark added after this list: its exit code and numeric output are checked until its
    // figure lines are added above.
    console.warn(`${script}: no figure lines listed in test/e2e/benchSmoke.e2e.ts; only its exit code and that it printed numbers are checked`);
    expect(run.output, `${script} --smoke printed no figures${shown}`).toMatch(/\d/);
    return;
  }
  const missing = figures.filter((f) => !f.test(run.output)).map(String);
  expect(missing, `${script} --smoke did not print these figure lines${shown}`).toEqual([]);
}

afterAll(() => {
  for (const child of running) signalGroup(child, 'SIGKILL');
});

describe('every benchmark runs once with --smoke', () => {
  it('package.json has bench:* scripts', () => {
    expect(benches.map((b) => b.script)).toEqual(expect.arrayContaining(['bench:fanout', 'bench:chat-reducer', 'bench:callbacks', 'bench:golive', 'bench:chat']));
  });

  for (const { script, command } of benches) {
    it(`${script} --smoke`, { timeout: DEADLINE_MS + 15_000 }, (ctx) => smoke(script, command, ctx));
  }
});
