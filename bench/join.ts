// `npm run bench:join [-- --viewers N]`: a crowd joining, chatting and leaving (#13 item 10). The
// studio runs in a child process; N logged-in viewers (raw sockets here, UserSigs signed offline
// with the studio's SecretKey, as the simulator does when given it) join the demo room as fast as
// the studio admits them (it answers BUSY with a wait while its event loop lags), then random
// viewers send 200 msg/s of mixed priorities for 60 s, then everyone leaves. Prints join time,
// failures, delivery against the 40/s group cap, fan-out latency, the studio's RSS before / at peak
// / after leaving, and verdicts against the targets. Asserts nothing in a full run.
import fs from 'node:fs';
import os from 'node:os';
import { nodeCrypto } from '../src/node/infra/nodeCrypto';
import { genUserSig } from '../src/shared/domain/userSig';
import type { MsgPriority } from '../src/shared/tencent/msgBody';
import { FLOOD_PATTERN, PRIORITIES } from './flood';
import { ms, row, spread } from './stats';
import { startStudioChild, type StudioChild } from './studioChild';
import { Crowd, type ChatLog, type JoinResult } from './support/joinCrowd';
import { SMOKE_LINE } from './support/smoke';
import { parseBenchArgs } from './support/benchArgs';

const TARGET_VIEWERS = 10_000;
const TARGET_JOIN_S = 20;
const TARGET_FANOUT_P99_MS = 150;
const TARGET_RSS_DELTA_MB = 30;
const GROUP_CAP = 40;
const WARM_UP_VIEWERS = 50;
const WARM_UP_SECONDS = 2;

const usage = `Usage: npm run bench:join -- [--viewers 10000] [--chat-rate 200] [--chat-seconds 60] [--concurrency 1000] [--smoke]
  --viewers N        logged-in viewers who join, chat and leave (default ${TARGET_VIEWERS})
  --chat-rate R      chat messages per second offered to the room by random viewers (default 200)
  --chat-seconds S   how long the chat lasts (default 60)
  --concurrency C    viewers connecting at once; the studio paces them further with BUSY answers (default 1000)
  --smoke            a short run of every part: 50 viewers, 3 s of chat`;

const sleep = (t: number) => new Promise<void>((r) => setTimeout(r, t));

/** CPU seconds (user + system) the process has used, from /proc (USER_HZ 100); undefined elsewhere. */
function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

function machine(): string[] {
  const cpus = os.cpus();
  const [l1, l5] = os.loadavg();
  return [
    `machine   ${cpus.length} logical CPUs, ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()}/${os.arch()}, Node ${process.version}`,
    `load      ${l1?.toFixed(2)} (1 min), ${l5?.toFixed(2)} (5 min) at start — the studio, this process and any other work share these CPUs`,
  ];
}

/** Samples the studio's RSS every 250 ms; `peak` since the last reset. */
class RssWatch {
  peak = 0;
  private readonly timer: ReturnType<typeof setInterval>;
  constructor(private readonly child: StudioChild) {
    this.timer = setInterval(() => this.sample(), 250);
  }
  sample(): number {
    const mb = this.child.rssMb() ?? NaN;
    if (mb > this.peak) this.peak = mb;
    return mb;
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

interface StudioStats {
  framesSent: number;
  droppedFrames: number;
  flushes: number;
  flushMs: number;
  flushMsMax: number;
  busyRefusals: number;
}

async function health(info: { restBaseUrl: string }): Promise<{ sessions: number; realtime: StudioStats }> {
  return (await (await fetch(`${info.restBaseUrl}/healthz`)).json()) as { sessions: number; realtime: StudioStats };
}

async function sessions(info: { restBaseUrl: string }): Promise<number> {
  return (await health(info)).sessions ?? -1;
}

/** The studio's fan-out over a phase, from its /healthz counters. */
function fanoutLine(a: StudioStats, b: StudioStats): string {
  const flushes = b.flushes - a.flushes;
  const flushMs = b.flushMs - a.flushMs;
  return (
    `  studio fan-out: ${flushes} flushes, ${b.framesSent - a.framesSent} frames, mean flush ${ms(flushes ? flushMs / flushes : NaN)} ms ` +
    `(${(flushMs / 1000).toFixed(1)} s writing in all), longest so far ${ms(b.flushMsMax)} ms, ${b.droppedFrames - a.droppedFrames} frames dropped for slow consumers`
  );
}

/** Waits (up to a minute) until the studio reports no sessions; returns what it last reported. */
async function allLeft(info: { restBaseUrl: string }): Promise<number> {
  const until = performance.now() + 60_000;
  let left = await sessions(info);
  while (left > 0 && performance.now() < until) {
    await sleep(100);
    left = await sessions(info);
  }
  return left;
}

/** Offers `rate` msg/s for `seconds` from random online viewers, paced on the clock. */
async function offerChat(crowd: Crowd, rate: number, seconds: number): Promise<{ chat: ChatLog; offeredOverMs: number; t0: number }> {
  const total = Math.round(rate * seconds);
  const chat = crowd.startChat(total);
  const online = crowd.viewers.map((v, i) => (v.joined ? i : -1)).filter((i) => i >= 0);
  const t0 = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000) + 1);
    for (; sent < due; sent++) {
      const from = online[Math.floor(Math.random() * online.length)] as number;
      crowd.send(from, sent, FLOOD_PATTERN[sent % FLOOD_PATTERN.length] as MsgPriority, online.length);
    }
    await sleep(2);
  }
  const offeredOverMs = performance.now() - t0;
  // The limiter holds an over-cap message for at most 1 s; then the last frames travel.
  const settleUntil = performance.now() + 3000;
  while (performance.now() < settleUntil) await sleep(100);
  return { chat, offeredOverMs, t0 };
}

function joinLines(r: JoinResult, planned: number, cpu: number | undefined): string[] {
  const s = spread(r.joinMs);
  const failed = Object.values(r.failures).reduce((a, b) => a + b, 0);
  const reasons = Object.entries(r.failures).map(([k, n]) => `${k} ×${n}`);
  return [
    `join      ${r.joined}/${planned} joined in ${(r.wallMs / 1000).toFixed(1)} s (${((r.joined * 1000) / r.wallMs).toFixed(0)}/s), ${failed} failed${reasons.length ? ` (${reasons.join(', ')})` : ''}`,
    `  join time (socket open → join ack) p50 ${ms(s.p50)} ms, p99 ${ms(s.p99)} ms, max ${ms(s.max)} ms; ${r.busyAnswers} BUSY answers waited out; studio CPU ${cpu?.toFixed(1) ?? '?'} s`,
  ];
}

function chatLines(c: ChatLog, rate: number, seconds: number, offeredOverMs: number, t0: number, cpu: number | undefined, ownCpu: number): string[] {
  const lines = [
    `chat      ${rate} msg/s offered for ${seconds} s (${(offeredOverMs / 1000).toFixed(1)} s actual) by random viewers, 10 % High / 30 % Normal / 30 % Low / 30 % Lowest`,
    `  CPU over the chat and its 3 s settle: studio ${cpu?.toFixed(1) ?? '?'} s, this process (the viewers) ${ownCpu.toFixed(1)} s`,
    row(['priority', 'offered', 'accepted', 'delivered', '% of accepted', 'receipts'], [-10, 8, 9, 10, 14, 16]),
  ];
  const perSecond: number[] = [];
  let tot = { o: 0, a: 0, d: 0, got: 0, want: 0 };
  for (const p of PRIORITIES) {
    let o = 0;
    let a = 0;
    let d = 0;
    let got = 0;
    let want = 0;
    for (let i = 0; i < c.sentAt.length; i++) {
      if (c.priority[i] !== p || Number.isNaN(c.sentAt[i])) continue;
      o++;
      a += c.accepted[i] ?? 0;
      const first = c.firstAt[i] as number;
      if (Number.isNaN(first)) continue;
      d++;
      got += c.receipts[i] ?? 0;
      want += c.audience[i] ?? 0;
      const sec = Math.floor((first - t0) / 1000);
      perSecond[sec] = (perSecond[sec] ?? 0) + 1;
    }
    tot = { o: tot.o + o, a: tot.a + a, d: tot.d + d, got: tot.got + got, want: tot.want + want };
    lines.push(row([p, o, a, d, a ? ((100 * d) / a).toFixed(0) : '—', pct(got, want)], [-10, 8, 9, 10, 14, 16]));
  }
  lines.push(row(['total', tot.o, tot.a, tot.d, tot.a ? ((100 * tot.d) / tot.a).toFixed(0) : '—', pct(tot.got, tot.want)], [-10, 8, 9, 10, 14, 16]));
  const refused = Object.entries(c.refused).map(([k, n]) => `${k} ×${n}`);
  const steady = Array.from({ length: Math.max(0, seconds - 1) }, (_, i) => perSecond[i + 1] ?? 0);
  const mean = steady.length ? steady.reduce((a, b) => a + b, 0) / steady.length : NaN;
  lines.push(
    `  delivered/s: steady state (s2–s${seconds}) ${Number.isFinite(mean) ? mean.toFixed(1) : '—'} against the ${GROUP_CAP}/s group cap; opening second ${perSecond[0] ?? 0}; send refusals: ${refused.length ? refused.join(', ') : 'none'}`,
    `  receipts: ${tot.got} of ${tot.want} expected — each delivered message at every viewer online but its sender (${pct(tot.got, tot.want)})`,
    `  fan-out High (send → receipt at each viewer): p50 ${ms(c.high.percentile(50))} ms, p95 ${ms(c.high.percentile(95))} ms, p99 ${ms(c.high.percentile(99))} ms, max ${ms(c.high.max)} ms over ${c.high.n} receipts`,
    `  fan-out all priorities (includes up to 1 s in the limiter's queue): p50 ${ms(c.all.percentile(50))} ms, p99 ${ms(c.all.percentile(99))} ms over ${c.all.n} receipts`,
    `  of which send → the sender's ack (before-send callback, pipeline): ${ackSpread(c)}`,
  );
  return lines;
}

function ackSpread(c: ChatLog): string {
  const high: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < c.sentAt.length; i++) {
    const d = (c.ackAt[i] as number) - (c.sentAt[i] as number);
    if (!Number.isFinite(d)) continue;
    all.push(d);
    if (c.priority[i] === 'High') high.push(d);
  }
  const h = spread(high);
  const a = spread(all);
  return `High p50 ${ms(h.p50)} ms, p99 ${ms(h.p99)} ms; all p50 ${ms(a.p50)} ms, p99 ${ms(a.p99)} ms, max ${ms(a.max)} ms`;
}

const pct = (got: number, want: number): string => (want ? `${((100 * got) / want).toFixed(2)} %` : '—');

/**
 * Samples RSS each second until three samples agree within 2 MB, from `minS` on (the studio
 * collects 2 s after its sessions are gone and again 6 s later), at most 30 s.
 */
async function settledRss(watch: RssWatch, minS: number): Promise<{ mb: number; afterS: number }> {
  const t0 = performance.now();
  const samples: number[] = [];
  for (;;) {
    await sleep(1000);
    samples.push(watch.sample());
    const last3 = samples.slice(-3);
    const afterS = (performance.now() - t0) / 1000;
    const steady = last3.length === 3 && Math.max(...last3) - Math.min(...last3) <= 2;
    if ((steady && afterS >= minS) || afterS >= 30) return { mb: samples.at(-1) as number, afterS };
  }
}

export async function main(argv: string[]): Promise<number> {
  const args = parseBenchArgs(argv, ['viewers', 'chat-rate', 'chat-seconds', 'concurrency'], usage, (f) => ({
    viewers: f.int('viewers', TARGET_VIEWERS, 50, 2, 20_000),
    rate: f.int('chat-rate', 200, 200, 1, 1000),
    seconds: f.int('chat-seconds', 60, 3, 1, 600),
    concurrency: f.int('concurrency', 1000, 50, 1, 20_000),
  }));
  if (!args.ok) return args.exit;
  const { viewers, rate, seconds, concurrency, smoke } = args.value;

  console.log(`Stageside join benchmark ${new Date().toISOString()}`);
  for (const l of machine()) console.log(l);
  if (smoke) console.log(SMOKE_LINE);
  console.log(
    `targets   at ${TARGET_VIEWERS} viewers: all joined within ${TARGET_JOIN_S} s with 0 failures; fan-out p99 ≤ ${TARGET_FANOUT_P99_MS} ms; ` +
      `studio RSS after everyone left within ${TARGET_RSS_DELTA_MB} MB of before (issue 13, item 10)`,
  );
  console.log(
    `method    studio in a child process (stageside studio --port 0 --no-ingest); ${viewers} logged-in viewers on raw sockets here ` +
      `(UserSigs signed offline with the studio's SecretKey), ${concurrency} connecting at once, each waiting out BUSY answers; ` +
      `then ${rate} msg/s for ${seconds} s from random viewers; then everyone quits and closes. Receipt times are taken on this ` +
      `process's one thread, so they include its own read backlog`,
  );

  let child: StudioChild | undefined;
  let crowd: Crowd | undefined;
  let watch: RssWatch | undefined;
  const onSignal = (): void => {
    crowd?.terminate();
    void child?.stop().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const started = performance.now();
    child = await startStudioChild();
    const info = child.info;
    console.log(`studio    pid ${child.pid}, ready in ${((performance.now() - started) / 1000).toFixed(2)} s, ${info.restBaseUrl}`);
    const now = Math.floor(Date.now() / 1000);
    const sigsFor = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => {
        const userID = `${prefix}${i + 1}`;
        return { userID, userSig: genUserSig(nodeCrypto, { sdkAppId: info.sdkAppId, secretKey: info.secretKey, identifier: userID, expireSeconds: 86_400, nowSeconds: now }) };
      });
    const sigs = sigsFor('bj_', viewers);
    watch = new RssWatch(child);
    await sleep(1000);
    const cold = watch.sample();

    // Warm-up: a small crowd runs every step once, so "before" is a studio that has served a room
    // (code compiled, pools and caches filled) and the comparison is about what the big crowd leaves.
    const warmViewers = Math.min(WARM_UP_VIEWERS, viewers);
    crowd = new Crowd(info, info.demoRoomId);
    await crowd.join(sigsFor('bw_', warmViewers), warmViewers, 60_000);
    await offerChat(crowd, rate, WARM_UP_SECONDS);
    crowd.leave();
    await allLeft(info);
    crowd.terminate();
    const warmed = await settledRss(watch, 3);
    const before = warmed.mb;
    console.log(`warm-up   ${warmViewers} viewers joined, chatted ${WARM_UP_SECONDS} s and left; studio RSS ${cold.toFixed(0)} MB cold → ${before.toFixed(0)} MB`);
    watch.peak = before;
    crowd = new Crowd(info, info.demoRoomId);

    let cpu0 = cpuSeconds(child.pid);
    const joined = await crowd.join(sigs, concurrency, 120_000);
    let cpu1 = cpuSeconds(child.pid);
    for (const l of joinLines(joined, viewers, cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined)) console.log(l);
    if (joined.joined < 2) throw new Error(`only ${joined.joined} viewers joined; nothing to measure`);

    cpu0 = cpu1;
    const stats0 = (await health(info)).realtime;
    const own0 = process.cpuUsage();
    const { chat, offeredOverMs, t0 } = await offerChat(crowd, rate, seconds);
    cpu1 = cpuSeconds(child.pid);
    const own = process.cpuUsage(own0);
    const studioCpu = cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined;
    for (const l of chatLines(chat, rate, seconds, offeredOverMs, t0, studioCpu, (own.user + own.system) / 1e6)) console.log(l);
    console.log(fanoutLine(stats0, (await health(info)).realtime));
    const peak = watch.peak;

    const leaveStart = performance.now();
    crowd.leave();
    const left = await allLeft(info);
    console.log(`leave     ${viewers - Math.max(0, left)} sessions gone in ${((performance.now() - leaveStart) / 1000).toFixed(1)} s (studio reports ${left} sessions)`);
    const after = await settledRss(watch, 12);
    const delta = after.mb - before;
    console.log(
      `memory    studio RSS before ${before.toFixed(0)} MB (after the warm-up; ${cold.toFixed(0)} MB cold), peak ${peak.toFixed(0)} MB, after leaving ${after.mb.toFixed(0)} MB ` +
        `(${delta >= 0 ? '+' : ''}${delta.toFixed(1)} MB over before, ${after.mb - cold >= 0 ? '+' : ''}${(after.mb - cold).toFixed(1)} MB over cold; steady ${after.afterS.toFixed(0)} s after the last session closed)`,
    );

    const failed = viewers - joined.joined;
    const fanP99 = chat.high.percentile(99);
    const full = viewers >= TARGET_VIEWERS && !smoke;
    const verdict = (ok: boolean) => (full ? (ok ? 'MET' : 'NOT MET') : `n/a below ${TARGET_VIEWERS} viewers`);
    console.log('');
    console.log(`verdict   join: ${joined.joined}/${viewers} in ${(joined.wallMs / 1000).toFixed(1)} s, ${failed} failed — target ≤ ${TARGET_JOIN_S} s, 0 failed: ${verdict(failed === 0 && joined.wallMs <= TARGET_JOIN_S * 1000)}`);
    console.log(`verdict   fan-out High p99 ${ms(fanP99)} ms at ${joined.joined} viewers — target ≤ ${TARGET_FANOUT_P99_MS} ms: ${verdict(fanP99 <= TARGET_FANOUT_P99_MS)}`);
    console.log(`verdict   RSS after leaving ${delta >= 0 ? '+' : ''}${delta.toFixed(1)} MB over before — target ≤ ${TARGET_RSS_DELTA_MB} MB: ${verdict(delta <= TARGET_RSS_DELTA_MB)}`);
    // A smoke run proves the pipeline: everyone joined, messages arrived, everyone left.
    const delivered = chat.firstAt.some((t) => !Number.isNaN(t));
    if (smoke && (failed > 0 || !delivered || left !== 0)) {
      console.error(`bench:join --smoke: ${failed} viewers failed to join, ${delivered ? 'messages delivered' : 'no message delivered'}, ${left} sessions left`);
      return 1;
    }
    return 0;
  } catch (e) {
    console.error(`bench:join failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    watch?.stop();
    crowd?.terminate();
    await child?.stop();
  }
}
