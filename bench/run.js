#!/usr/bin/env node
// Runs one benchmark, bench/<name>.ts, through tsx as bin/stageside.js runs the CLI:
// `node bench/run.js fanout --viewers 200` (npm run bench:fanout -- --viewers 200).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error('Usage: node bench/run.js <benchmark> [flags]   e.g. node bench/run.js fanout --viewers 200');
  process.exit(2);
}
register();
// Children the sources start (the studio's ingest) compile TypeScript with the same loader.
process.env.STAGESIDE_TS_LOADER ??= pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
const bench = await import(`./${name}.ts`);
const code = await bench.main(args);
// Benchmarks clean up what they start; exiting here also drops sockets still closing.
process.exit(code);
