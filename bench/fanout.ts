// `npm run bench:fanout [-- --viewers N]`: how fast the studio fans one admin change out to a
// full room. Studio in a child process; N viewers here; REST-call → receipt latency per viewer
// for an add_goods change (tip 6) and a High send_group_msg, at a baseline size and at N; then
// 200 msg/s of mixed priorities against the 40/s group limit. Prints figures; asserts nothing.
import os from 'node:os';
import { flood, PRIORITIES, type FloodResult } from './flood';
import { ConnectError, GuestFleet } from './guests';
import { adminRest, uniqueRandom, type RestAnswer, type RestCall } from './rest';
import { ms, row, spread } from './stats';
import { startStudioChild, type StudioChild } from './studioChild';
import { TimProbes } from './timProbes';
import { SMOKE_LINE } from './support/smoke';
import { encodeProduct } from '../src/shared/domain/liveCommerce';
import { parseBenchArgs } from './support/benchArgs';

const TARGET_P99_MS = 150;
const TARGET_VIEWERS = 5000;

const usage = `Usage: npm run bench:fanout -- [--viewers 5000] [--baseline 100] [--rounds 5] [--probes 5]
                                [--flood-rate 200] [--flood-seconds 5] [--smoke]
  --viewers N        viewers in the room for the main measurement (default 5000)
  --baseline N       viewers for the comparison measurement in the same run (default 100)
  --rounds R         REST calls per measurement (default 5)
  --probes P         of the viewers, how many are logged-in TIM clients (default 5); the rest are guests
  --flood-rate R     messages/s offered in part (c) (default 200)
  --flood-seconds S  how long part (c) offers them (default 5)
  --smoke            a short run of every part: 20 viewers (baseline 10, 2 probes), 1 round, 80 msg/s for 2 s`;

interface Measured {
  label: string;
  viewers: number;
  restMs: number[];
  guests: number[];
  probes: number[];
  missing: number;
  roundP99: number[];
}

const sleep = (t: number) => new Promise<void>((r) => setTimeout(r, t));

/** One REST call, timed from just before it starts to each viewer's first sight of `marker`. */
async function timedRound(
  fleet: GuestFleet,
  probes: TimProbes,
  marker: string,
  call: () => Promise<RestAnswer>,
  timeoutMs: number,
): Promise<{ restMs: number; guests: number[]; probes: number[]; missing: number }> {
  let armed = 0;
  const all = new Promise<void>((resolve) => {
    const one = (): void => void (++armed === 2 && resolve());
    fleet.arm(marker, one);
    probes.arm(marker, one);
  });
  const t0 = performance.now();
  const answer = await call();
  const restMs = performance.now() - t0;
  if (answer.ErrorCode !== 0) {
    fleet.disarm();
    probes.disarm();
    throw new Error(`REST call for ${marker} failed: ${answer.ErrorCode} ${answer.ErrorInfo}`);
  }
  await Promise.race([all, sleep(timeoutMs)]);
  const since = (times: Float64Array) => Array.from(times).filter(Number.isFinite).map((t) => t - t0);
  const g = fleet.disarm();
  const p = probes.disarm();
  const guests = since(g);
  const probeTimes = since(p);
  return { restMs, guests, probes: probeTimes, missing: g.length - guests.length + (p.length - probeTimes.length) };
}

async function measure(
  label: string,
  fleet: GuestFleet,
  probes: TimProbes,
  rounds: number,
  makeCall: (marker: string) => () => Promise<RestAnswer>,
  markerOf: (round: number) => string,
): Promise<Measured> {
  const m: Measured = { label, viewers: fleet.size + probes.size, restMs: [], guests: [], probes: [], missing: 0, roundP99: [] };
  // Round -1 warms up (JIT, HTTP keep-alive connection) and is not counted.
  for (let r = -1; r < rounds; r++) {
    const marker = markerOf(r);
    const res = await timedRound(fleet, probes, marker, makeCall(marker), 5000);
    await sleep(250);
    if (r < 0) continue;
    m.restMs.push(res.restMs);
    m.guests.push(...res.guests);
    m.probes.push(...res.probes);
    m.missing += res.missing;
    m.roundP99.push(spread([...res.guests, ...res.probes]).p99);
  }
  return m;
}

function machine(): string[] {
  const cpus = os.cpus();
  const [l1, l5] = os.loadavg();
  return [
    `machine   ${cpus.length} logical CPUs (os.cpus().length), ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()}/${os.arch()}, Node ${process.version}`,
    `load      ${l1?.toFixed(2)} (1 min), ${l5?.toFixed(2)} (5 min) at start — other work on the machine shows up in the figures`,
  ];
}

function latencyTable(results: Measured[]): string[] {
  const w = [-34, 8, 10, 8, 8, 8, 8, 10, 10];
  const lines = [row(['measurement', 'viewers', 'received', 'p50', 'p95', 'p99', 'max', 'REST p50', 'REST max'], w)];
  for (const m of results) {
    const all = spread([...m.guests, ...m.probes]);
    const rest = spread(m.restMs);
    const expected = m.viewers * m.restMs.length;
    lines.push(
      row([m.label, m.viewers, `${expected - m.missing}/${expected}`, ms(all.p50), ms(all.p95), ms(all.p99), ms(all.max), ms(rest.p50), ms(rest.max)], w),
    );
    if (m.probes.length) {
      const p = spread(m.probes);
      lines.push(row(['  of which logged-in TIM clients', m.probes.length / m.restMs.length, '', ms(p.p50), ms(p.p95), ms(p.p99), ms(p.max), '', ''], w));
    }
    lines.push(`  p99 per round: ${m.roundP99.map(ms).join(', ')} ms`);
  }
  return lines;
}

function floodTable(f: FloodResult): string[] {
  const w = [-10, 8, 9, 10, 8, 13];
  const lines = [
    `(c) ${f.ratePerSec} msg/s offered for ${f.seconds} s (${(f.offeredOverMs / 1000).toFixed(2)} s actual) via REST send_group_msg to ${f.group}, ` +
      `10 % High / 30 % Normal / 30 % Low / 30 % Lowest; one logged-in viewer counts arrivals`,
    row(['priority', 'offered', 'accepted', 'delivered', 'dropped', '% delivered'], w),
  ];
  let tot = { o: 0, a: 0, d: 0 };
  const pct = (d: number, a: number) => (a ? ((100 * d) / a).toFixed(0) : '—');
  for (const p of PRIORITIES) {
    const [o, a, d] = [f.offered[p], f.accepted[p], f.delivered[p]];
    tot = { o: tot.o + o, a: tot.a + a, d: tot.d + d };
    lines.push(row([p, o, a, d, a - d, pct(d, a)], w));
  }
  lines.push(row(['total', tot.o, tot.a, tot.d, tot.a - tot.d, pct(tot.d, tot.a)], w));
  const refused = Object.entries(f.refused);
  const restSpread = spread(f.restLatencyMs);
  lines.push(
    `  REST refusals: ${refused.length ? refused.map(([c, n]) => `${c} ×${n}`).join(', ') : 'none'} ` +
      `(200/s is also the REST per-API limit, so jitter pushes a few calls over it); REST latency p50 ${ms(restSpread.p50)} ms, p99 ${ms(restSpread.p99)} ms`,
  );
  const span = Math.max(f.perSecond.length, f.acceptedPerSecond.length, 1);
  const total = (r: Record<string, number> | undefined) => PRIORITIES.reduce((n, p) => n + (r?.[p] ?? 0), 0);
  const split = (r: Record<string, number> | undefined) => PRIORITIES.map((p) => r?.[p] ?? 0).join('/');
  lines.push('  per second since the first offer (High/Normal/Low/Lowest):');
  for (let i = 0; i < span; i++) {
    const a = f.acceptedPerSecond[i];
    const d = f.perSecond[i];
    lines.push(`    s${i + 1}: accepted ${String(total(a)).padStart(3)} (${split(a)})  delivered ${String(total(d)).padStart(3)} (${split(d)})`);
  }
  // Steady state: the seconds after the opening burst while offers were still coming.
  const steady = f.perSecond.slice(1, f.seconds).map(total);
  if (steady.length) {
    const mean = steady.reduce((a, b) => a + b, 0) / steady.length;
    lines.push(`  steady state (s2–s${f.seconds}): ${mean.toFixed(1)} delivered/s; opening second: ${total(f.perSecond[0])}`);
  }
  return lines;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseBenchArgs(argv, ['viewers', 'baseline', 'rounds', 'probes', 'flood-rate', 'flood-seconds'], usage, (f) => {
    const probeCount = f.int('probes', 5, 2, 1, 50);
    const viewers = f.int('viewers', TARGET_VIEWERS, 20, 1, 20_000);
    if (viewers < probeCount) throw new RangeError(`--viewers must be at least --probes (${probeCount})`);
    return {
      viewers,
      probeCount,
      baseline: f.int('baseline', 100, 10, probeCount, 20_000),
      rounds: f.int('rounds', 5, 1, 1, 100),
      floodRate: f.int('flood-rate', 200, 80, 0, 200),
      floodSeconds: f.int('flood-seconds', 5, 2, 1, 60),
    };
  });
  if (!args.ok) return args.exit;
  const { viewers, baseline, rounds, probeCount, floodRate, floodSeconds, smoke } = args.value;

  const runId = Date.now().toString(36);
  console.log(`Stageside fan-out benchmark ${new Date().toISOString()}`);
  for (const l of machine()) console.log(l);
  if (smoke) console.log(SMOKE_LINE);
  console.log(`target    p99 ≤ ${TARGET_P99_MS} ms from REST call to receipt at ${TARGET_VIEWERS} viewers (issue 3, item 8)`);
  console.log(
    `method    studio in a child process (stageside studio --port 0 --no-ingest); ${probeCount} logged-in TIM clients + ` +
      `guests on raw sockets in this process (guests: one join each, no join tips — ${viewers} logged-in joins would fan ` +
      `out ~${((viewers * viewers) / 2e6).toFixed(1)}M tips); receipt times are taken here, on one thread, so they include ` +
      `this process's own read backlog`,
  );

  let child: StudioChild | undefined;
  let fleet: GuestFleet | undefined;
  let probes: TimProbes | undefined;
  const onSignal = (): void => {
    fleet?.close();
    void child?.stop().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const started = performance.now();
    child = await startStudioChild();
    const info = child.info;
    console.log(`studio    pid ${child.pid}, ready in ${((performance.now() - started) / 1000).toFixed(2)} s, ${info.restBaseUrl}`);
    const rest: RestCall = adminRest(info);
    const room = info.demoRoomId;
    probes = new TimProbes(info);
    await probes.connect(room, Array.from({ length: probeCount }, (_, i) => `bench_${i + 1}`));
    fleet = new GuestFleet(info, room);

    const results: Measured[] = [];
    const sizes = [...new Set([Math.min(baseline, viewers), viewers])];
    for (const size of sizes) {
      const t = performance.now();
      await fleet.grow(size - probes.size - fleet.size);
      const health = (await (await fetch(`${info.restBaseUrl}/healthz`)).json()) as { sessions?: number };
      const tag = size === viewers ? 'N' : 'baseline';
      console.log(
        `connected ${size} viewers in ${((performance.now() - t) / 1000).toFixed(1)} s (studio reports ${health.sessions} sessions, ` +
          `studio RSS ${child.rssMb()?.toFixed(0) ?? '?'} MB); measuring ${tag}…`,
      );
      const tip = await measure(`(a) add_goods → tip 6 [${tag}]`, fleet, probes, rounds, (marker) => () =>
        rest('group_open_http_svc/modify_group_base_info', {
          GroupId: room,
          AppDefinedData: [encodeProduct({ id: marker, title: `Bench product ${marker}`, price: 1999, currency: 'CNY' }).write].map((w) => ({ Key: w.key, Value: w.value })),
        }),
        (r) => `fan-${runId}-${size}-a${r + 1}`,
      );
      const msg = await measure(`(b) send_group_msg High [${tag}]`, fleet, probes, rounds, (marker) => () =>
        rest('group_open_http_svc/send_group_msg', {
          GroupId: room,
          Random: uniqueRandom(),
          MsgPriority: 'High',
          MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `bench ${marker}` } }],
        }),
        (r) => `fan-${runId}-${size}-b${r + 1}`,
      );
      results.push(tip, msg);
    }
    const late = [...fleet.lateErrors].map(([c, n]) => `${c} ×${n}`);
    console.log('');
    console.log(`(a)/(b) latency in ms from the start of the REST call to each viewer's receipt (${rounds} rounds pooled, after one warm-up round)`);
    for (const l of latencyTable(results)) console.log(l);
    if (late.length) console.log(`  guest socket errors during the run: ${late.join(', ')}`);

    if (floodRate > 0) {
      console.log('');
      console.log(`offering ${floodRate} msg/s for ${floodSeconds} s…`);
      for (const l of floodTable(await flood(info, rest, runId, floodRate, floodSeconds))) console.log(l);
      console.log('  expected: ≈40/s delivered in steady state (the first second may reach ~80: full token bucket plus refill), High first');
    }

    console.log('');
    for (const m of results.filter((r) => r.viewers === viewers)) {
      const p99 = spread([...m.guests, ...m.probes]).p99;
      const verdict = viewers >= TARGET_VIEWERS ? (p99 <= TARGET_P99_MS && m.missing === 0 ? 'MET' : 'NOT MET') : `n/a below ${TARGET_VIEWERS} viewers`;
      console.log(`verdict   ${m.label}: p99 ${ms(p99)} ms at ${m.viewers} viewers, ${m.missing} missed — target ${verdict}`);
    }
    return 0;
  } catch (e) {
    if (e instanceof ConnectError && e.code === 'EMFILE') {
      console.error(
        `EMFILE: this process ran out of file descriptors after ${fleet?.size ?? 0} sockets. Each viewer needs one here and one in ` +
          `the studio; check \`ulimit -n\` (the benchmark changes no system limit).`,
      );
    } else console.error(`bench:fanout failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    fleet?.close();
    await probes?.close();
    await child?.stop();
  }
}
