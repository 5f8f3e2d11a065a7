// `npm run bench:chat-reducer -- [--rate 2000] [--seconds 60] [--fps 60] [--smoke]`: CPU cost of the console's
// chat hot path (decode + reduce, one batch per animation frame) against naive baselines, in-process.
// Prints figures; asserts nothing. The browser-side bench:chat (render, heap) is separate.
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { decodeTimMessage, decodeTimMessages } from '../src/shared/domain/room/decode';
import { reduceRoom } from '../src/shared/domain/room/roomReducer';
import { initialRoomState } from '../src/shared/domain/room/roomState';
import { mulberry32, T0, validMessage } from '../src/shared/domain/room/messages.testkit';
import type { DecodedMessage, RoomState } from '../src/shared/domain/room/types';
import { sized, SMOKE_LINE } from './support/smoke';

const ctx = { adminIds: new Set(['administrator']) };

function workload(rate: number, seconds: number): unknown[] {
  const rng = mulberry32(2024);
  const n = rate * seconds;
  return Array.from({ length: n }, (_, i) => validMessage(rng, T0 + Math.floor(i / rate)));
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

interface Result {
  label: string;
  totalMs: number;
  frameMs: number[];
  heapDeltaMb: number;
}

/** Feeds the workload frame by frame; `step` consumes one frame's messages. */
function measure(label: string, msgs: unknown[], perFrame: number, step: (frame: unknown[], now: number) => void, frameMsPerFrame: number): Result {
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const frameMs: number[] = [];
  const t0 = performance.now();
  for (let i = 0, f = 0; i < msgs.length; i += perFrame, f++) {
    const s = performance.now();
    step(msgs.slice(i, i + perFrame), T0 * 1000 + f * frameMsPerFrame);
    frameMs.push(performance.now() - s);
  }
  const totalMs = performance.now() - t0;
  return { label, totalMs, frameMs, heapDeltaMb: (process.memoryUsage().heapUsed - heap0) / 1048576 };
}

/**
 * The baseline a first version tends to be: one state update per message, the feed grown by
 * copying and trimmed, per-user maps spread on every change, the leaderboard re-sorted from all.
 */
interface NaiveState {
  likes: number;
  gifts: number;
  giftValue: number;
  feed: Array<{ kind: string; text: string }>;
  follows: Record<string, true>;
  senders: Record<string, number>;
  top: Array<[string, number]>;
}
function naiveReduce(s: NaiveState, e: DecodedMessage): NaiveState {
  const line = (kind: string, text: string) => [...s.feed, { kind, text }].slice(-500);
  switch (e.kind) {
    case 'text':
      return { ...s, feed: line('text', e.text) };
    case 'like':
      return { ...s, likes: s.likes + e.count, feed: line('like', String(e.count)) };
    case 'gift': {
      const senders = { ...s.senders, [e.userId]: (s.senders[e.userId] ?? 0) + e.unitValue * e.count };
      const top = Object.entries(senders).sort((a, b) => b[1] - a[1]).slice(0, 10);
      return { ...s, gifts: s.gifts + e.count, giftValue: s.giftValue + e.unitValue * e.count, senders, top, feed: line('gift', e.name) };
    }
    case 'follow':
      return { ...s, follows: { ...s.follows, [e.userId]: true }, feed: line('follow', e.nick) };
    default:
      return 'userId' in e ? { ...s, feed: line(e.kind, e.userId) } : s;
  }
}

function report(r: Result, seconds: number): void {
  const cpuPerSec = r.totalMs / seconds;
  console.log(
    `${r.label.padEnd(44)} total ${r.totalMs.toFixed(0).padStart(6)} ms | ${cpuPerSec.toFixed(2).padStart(7)} ms CPU per second of chat` +
      ` | frame p50 ${pct(r.frameMs, 50).toFixed(3)} p99 ${pct(r.frameMs, 99).toFixed(3)} max ${Math.max(...r.frameMs).toFixed(2)} ms` +
      ` | frames > 16 ms: ${r.frameMs.filter((x) => x > 16).length} | heap Δ ${r.heapDeltaMb.toFixed(1)} MB`,
  );
}

export async function main(argv: string[]): Promise<number> {
  const usage = 'Usage: npm run bench:chat-reducer -- [--rate 2000] [--seconds 60] [--fps 60] [--smoke]   (--smoke: 200 msg/s for 2 s)';
  let values;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: { rate: { type: 'string' }, seconds: { type: 'string' }, fps: { type: 'string' }, smoke: { type: 'boolean', default: false } },
    }).values;
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${usage}`);
    return 2;
  }
  const rate = Number(sized(values.rate, '2000', '200', values.smoke));
  const seconds = Number(sized(values.seconds, '60', '2', values.smoke));
  const fps = Number(values.fps ?? '60');
  if (![rate, seconds, fps].every((x) => Number.isFinite(x) && x > 0)) {
    console.error(usage);
    return 2;
  }
  const perFrame = Math.max(1, Math.round(rate / fps));
  const frameMs = 1000 / fps;
  console.log(`machine: ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, node ${process.version}`);
  if (values.smoke) console.log(SMOKE_LINE);
  console.log(`workload: ${rate} msg/s × ${seconds} s = ${rate * seconds} messages (text 40 %, likes 20 %, gifts 10 %, buys, follows, joins/leaves, tips, notices), ${perFrame} per frame at ${fps} fps\n`);
  const msgs = workload(rate, seconds);

  let decodeOnly = 0;
  const d = measure('decode only', msgs, perFrame, (frame) => {
    decodeOnly += decodeTimMessages(frame, ctx).length;
  }, frameMs);

  let s: RoomState = initialRoomState();
  const batched = measure('decode + reduceRoom, one batch per frame', msgs, perFrame, (frame, now) => {
    s = reduceRoom(s, decodeTimMessages(frame, ctx), now);
  }, frameMs);
  const final = s;

  let s1: RoomState = initialRoomState();
  const single = measure('decode + reduceRoom, one call per message', msgs, perFrame, (frame, now) => {
    for (const m of frame) {
      const e = decodeTimMessage(m, ctx);
      if (e) s1 = reduceRoom(s1, [e], now);
    }
  }, frameMs);

  let n: NaiveState = { likes: 0, gifts: 0, giftValue: 0, feed: [], follows: {}, senders: {}, top: [] };
  const naive = measure('naive: copy-per-message reducer', msgs, perFrame, (frame) => {
    for (const m of frame) {
      const e = decodeTimMessage(m, ctx);
      if (e) n = naiveReduce(n, e);
    }
  }, frameMs);

  for (const r of [d, batched, single, naive]) report(r, seconds);
  const c = final.counters;
  console.log(
    `\ncounters after the run: messages ${c.messages}, texts ${c.texts}, likes ${c.likes}, gifts ${c.gifts.verified.events}+${c.gifts.unverified.events} (verified+unverified),` +
      ` purchases ${c.purchases.verified.events}+${c.purchases.unverified.events}, followers ${c.followersGained}, joins ${c.joins}, unrecognised ${c.unrecognised}, feed ${final.feed.length}, decoded ${decodeOnly}`,
  );
  console.log(`speed-up of batched over the naive reducer: ×${(naive.totalMs / batched.totalMs).toFixed(1)}`);
  return 0;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  process.exitCode = await main(process.argv.slice(2));
}
