// `node bench/run.js callbacks` (npm run bench:callbacks): before-send decisions per second and
// p99 with a 10,000-word list on 200-character messages — Aho–Corasick against a naive
// includes-loop baseline in the same run — then after-send throughput on SQLite and, when
// STAGESIDE_TEST_PG_URL is set, PostgreSQL. Prints figures; asserts nothing.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { filterMsgBody } from '../src/shared/domain/filter/msgFilter';
import { normalizeText } from '../src/shared/domain/filter/normalize';
import { WordFilter } from '../src/shared/domain/filter/wordFilter';
import { silentLogger } from '../src/node/infra/logger';
import { nodeCrypto } from '../src/node/infra/nodeCrypto';
import { CallbacksService } from '../src/callbacks/callbacksService';
import { type LevelStore } from '../src/callbacks/store/levelStore';
import { PgLevelStore } from '../src/callbacks/store/pgStore';
import { SqliteLevelStore } from '../src/callbacks/store/sqliteStore';
import { ms, row, spread } from './stats';
import { sized, SMOKE_LINE } from './support/smoke';

const TARGET_RATE = 5000;
const TARGET_P99_MS = 5;
const SDKAPPID = 1400000001;

const usage = `Usage: npm run bench:callbacks -- [--words 10000] [--messages 20000] [--length 200] [--after 5000] [--concurrency 16] [--smoke]
  --smoke  a short run of every part: 1,000 words, 2,000 messages, 500 after-send callbacks`;

/** Deterministic pseudo-random numbers, so runs compare. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

function makeWords(n: number, rand: () => number): string[] {
  const latin = 'abcdefghijklmnopqrstuvwxyz';
  const cjk = '坏蛋骗子假货违禁广告代购私聊加微信刷单赌博色情毒品枪支';
  const out = new Set<string>();
  while (out.size < n) {
    if (rand() < 0.8) {
      let w = '';
      const len = 4 + Math.floor(rand() * 7);
      for (let i = 0; i < len; i++) w += latin[Math.floor(rand() * 26)];
      out.add(w);
    } else {
      let w = '';
      const len = 2 + Math.floor(rand() * 3);
      for (let i = 0; i < len; i++) w += cjk[Math.floor(rand() * cjk.length)];
      out.add(w);
    }
  }
  return [...out];
}

function makeMessages(n: number, length: number, words: readonly string[], rand: () => number): string[] {
  const filler = ['great', 'price', 'love', 'this', 'dress', 'color', 'size', 'ship', 'today', '好看', '多少钱', '😀', '！', 'Ｗｏｗ'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let s = '';
    while (s.length < length) s += (filler[Math.floor(rand() * filler.length)] as string) + ' ';
    if (rand() < 0.1) {
      const w = words[Math.floor(rand() * words.length)] as string;
      const at = Math.floor(rand() * (length - w.length * 2));
      s = s.slice(0, at) + w.split('').join(rand() < 0.5 ? ' ' : '') + s.slice(at);
    }
    out.push(s.slice(0, length));
  }
  return out;
}

function timeEach(items: readonly string[], fn: (s: string) => unknown): { rate: number; p99: number; p50: number; hits: number } {
  const lat: number[] = [];
  let hits = 0;
  const t0 = performance.now();
  for (const s of items) {
    const a = performance.now();
    if (fn(s)) hits++;
    lat.push(performance.now() - a);
  }
  const total = performance.now() - t0;
  const sp = spread(lat);
  return { rate: (items.length / total) * 1000, p99: sp.p99, p50: sp.p50, hits };
}

async function afterSendThroughput(store: LevelStore, n: number, concurrency: number): Promise<number> {
  const service = new CallbacksService({ store, sdkAppId: SDKAPPID, adminIdentifier: 'administrator', insecureNoToken: true, failMode: 'open', crypto: nodeCrypto, log: silentLogger(), publish: () => undefined });
  await service.init();
  const q = { SdkAppid: String(SDKAPPID), CallbackCommand: 'Group.CallbackAfterSendMsg', contenttype: 'json' };
  const bodies = Array.from({ length: n }, (_, i) =>
    JSON.stringify({ GroupId: 'bench', From_Account: `u${i % 500}`, Operator_Account: `u${i % 500}`, Random: i, MsgSeq: i, EventTime: Date.now() + i * 10, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }] }),
  );
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await service.handle(q, bodies[next++] as string);
    }),
  );
  const rate = (n / (performance.now() - t0)) * 1000;
  await service.drain();
  return rate;
}

export async function main(argv: string[]): Promise<number> {
  let f;
  try {
    const v = parseArgs({
      args: argv,
      strict: true,
      options: {
        words: { type: 'string' },
        messages: { type: 'string' },
        length: { type: 'string', default: '200' },
        after: { type: 'string' },
        concurrency: { type: 'string', default: '16' },
        smoke: { type: 'boolean', default: false },
      },
    }).values;
    f = {
      ...v,
      words: sized(v.words, '10000', '1000', v.smoke),
      messages: sized(v.messages, '20000', '2000', v.smoke),
      after: sized(v.after, '5000', '500', v.smoke),
    };
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${usage}`);
    return 2;
  }
  const rand = rng(7);
  const words = makeWords(Number(f.words), rand);
  const messages = makeMessages(Number(f.messages), Number(f.length), words, rand);
  console.log(`callbacks bench — ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}; ${words.length} words, ${messages.length} messages of ${f.length} chars`);
  if (f.smoke) console.log(SMOKE_LINE);

  const tb = performance.now();
  const filter = new WordFilter([{ id: 'bench', action: 'mask', words }]);
  console.log(`compile: ${ms(performance.now() - tb)} ms`);

  // Warm up the JIT and the fold cache, then measure.
  for (const s of messages.slice(0, 500)) filterMsgBody(filter, [{ MsgType: 'TIMTextElem', MsgContent: { Text: s } }]);
  const ac = timeEach(messages, (s) => filterMsgBody(filter, [{ MsgType: 'TIMTextElem', MsgContent: { Text: s } }]).verdict !== 'pass');

  const service = new CallbacksService({ store: new SqliteLevelStore(':memory:'), sdkAppId: SDKAPPID, adminIdentifier: 'administrator', insecureNoToken: true, failMode: 'open', crypto: nodeCrypto, log: silentLogger(), publish: () => undefined });
  await service.store.putList({ id: 'bench', roomId: null, action: 'mask', words, updatedAt: 0 });
  await service.init();
  const q = { SdkAppid: String(SDKAPPID), CallbackCommand: 'Group.CallbackBeforeSendMsg', contenttype: 'json' };
  const bodies = new Map(messages.map((s, i) => [s, JSON.stringify({ GroupId: 'bench', From_Account: 'v', Operator_Account: 'v', Random: i, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: s } }] })]));
  let svcHits = 0;
  const svcLat: number[] = [];
  const ts = performance.now();
  for (const s of messages) {
    const a = performance.now();
    if ((await service.handle(q, bodies.get(s) as string)).MsgBody) svcHits++;
    svcLat.push(performance.now() - a);
  }
  const svc = { rate: (messages.length / (performance.now() - ts)) * 1000, p99: spread(svcLat).p99, p50: spread(svcLat).p50 };
  await service.store.close();

  // The naive baseline: normalise the same way, then test every word with includes().
  const folded = words.map((w) => normalizeText(w).compact);
  const naiveSample = messages.slice(0, Math.min(messages.length, 1000));
  const naive = timeEach(naiveSample, (s) => {
    const t = normalizeText(s).compact;
    return folded.some((w) => t.includes(w));
  });

  const W = [-34, 14, 10, 10];
  console.log('\nbefore-send decisions');
  console.log(row(['', 'decisions/s', 'p50 ms', 'p99 ms'], W));
  console.log(row(['Aho–Corasick filter (MsgBody)', ac.rate.toFixed(0), ac.p50.toFixed(3), ac.p99.toFixed(3)], W));
  console.log(row(['service.handle (JSON+checks+filter)', svc.rate.toFixed(0), svc.p50.toFixed(3), svc.p99.toFixed(3)], W));
  console.log(row([`naive includes loop (${naiveSample.length} msgs)`, naive.rate.toFixed(0), naive.p50.toFixed(3), naive.p99.toFixed(3)], W));
  console.log(`masked: ${ac.hits}/${messages.length} (service: ${svcHits}); speed-up over naive ×${(ac.rate / naive.rate).toFixed(1)}`);
  console.log(`target ≥ ${TARGET_RATE}/s and p99 ≤ ${TARGET_P99_MS} ms: ${svc.rate >= TARGET_RATE && svc.p99 <= TARGET_P99_MS ? 'met' : 'NOT met'}`);

  const n = Number(f.after);
  const conc = Number(f.concurrency);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stageside-bench-cb-'));
  try {
    console.log('\nafter-send (text, 500 users, idempotent apply per callback)');
    const sqlite = await afterSendThroughput(new SqliteLevelStore(path.join(dir, 'bench.sqlite')), n, conc);
    console.log(row(['SQLite (WAL, data dir)', `${sqlite.toFixed(0)}/s`], [-34, 14]));
    const pgUrl = process.env.STAGESIDE_TEST_PG_URL;
    if (pgUrl) {
      const schema = `cbbench_${process.pid}`;
      const store = await PgLevelStore.open({ url: pgUrl, schema });
      const pgRate = await afterSendThroughput(store, n, conc);
      console.log(row([`PostgreSQL (${conc} concurrent)`, `${pgRate.toFixed(0)}/s`], [-34, 14]));
      const { default: pg } = await import('pg');
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    } else console.log('PostgreSQL: skipped (set STAGESIDE_TEST_PG_URL)');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return 0;
}
