// Every shell example in README.md and docs/ is accounted for (#20 item 11): each fenced sh block is
// either run here — against a local studio started for the test, with the doc's placeholders
// ("…", example domains, fixed ports, long durations) replaced as its entry says — and its output
// checked, or skipped with the reason it cannot run against the studio. A new or changed example
// matches no entry and fails the test until it is classified; an entry that matches no example fails too.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpeg, itWith } from '../support/prereqs';
import { tempDir } from '../support/tempDir';
import { startStudioProcess, type StudioProcess } from './support/studioProcess';

const DOCS = ['README.md', ...fs.readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

interface Block {
  file: string;
  text: string;
}

/** Fenced sh/bash blocks (or unlabelled ones) that hold a command. */
function shellBlocks(): Block[] {
  const out: Block[] = [];
  for (const file of DOCS) {
    const doc = fs.readFileSync(file, 'utf8');
    for (const m of doc.matchAll(/```(\w*)\n([\s\S]*?)```/g)) {
      if (!['sh', 'bash', 'shell', ''].includes(m[1]!)) continue;
      if (!/^\s*(\$ )?(npx |npm |stageside |curl |node |[A-Z_]+=)/m.test(m[2]!)) continue;
      out.push({ file, text: m[2]!.replace(/^ {3}/gm, '') });
    }
  }
  return out;
}

interface Ctx {
  studio: StudioProcess;
  dir: string;
  /** The studio's ingest as `host:port`, and the demo room's stream name. */
  ingestHost: string;
  stream: string;
}

interface Entry {
  file: string;
  /** Matches the block's text. */
  block: RegExp;
  skip?: string;
  /** The script run with bash (`npx stageside` runs this checkout's bin/stageside.js). */
  script?: (text: string, c: Ctx) => string;
  expect?: RegExp[];
  needsFfmpeg?: boolean;
}

/** A broadcast's --duration counts from its start: the checklist (probing ffmpeg) may take seconds on a loaded machine. */
const PUSH_SECONDS = 8;
const demoStudio = (c: Ctx) => `--sdkappid ${c.studio.info.sdkAppId} --im-base-url ${c.studio.info.restBaseUrl}`;
/** Runs a long-running command until its first output line, prints that line, and ends it. */
const FIRST_LINE = `first_line() { "$@" > "$T/first.out" 2>"$T/first.err" & local p=$!
  for i in $(seq 400); do grep -q . "$T/first.out" 2>/dev/null && break; kill -0 $p 2>/dev/null || break; sleep 0.05; done
  kill $p 2>/dev/null; wait $p 2>/dev/null; head -1 "$T/first.out"; cat "$T/first.err" >&2; }`;

const ENTRIES: Entry[] = [
  { file: 'README.md', block: /^npm install .*\nnpm start .*\nnpm test /, skip: 'installs, starts the desktop app and runs this very suite' },
  {
    file: 'README.md',
    block: /^npm run start:web .*\nnpx stageside web --port 8080/,
    // start:web is `npm run build` and the next line on a fixed port; --host 0.0.0.0 would listen on every interface.
    script: (t, c) => `${FIRST_LINE}\nfirst_line ${line(t, 'npx stageside web --port 8080').replace('--port 8080', `--port 0 --data-dir ${c.dir}/web`)}`,
    expect: [/open http:\/\/127\.0\.0\.1:\d+\/\?token=/],
  },
  {
    file: 'README.md',
    block: /^npx stageside studio .*\nnpx stageside simulate/,
    // bench:fanout is run by benchSmoke.e2e.ts (--smoke).
    script: (t, c) =>
      `${FIRST_LINE}\nfirst_line ${line(t, 'npx stageside studio')} --port 0 --data-dir ${c.dir}/studio2\n` +
      line(t, 'npx stageside simulate').replace('http://127.0.0.1:5180', c.studio.info.restBaseUrl).replace('--viewers 50', '--viewers 5').replace('--duration 60', '--duration 2'),
    expect: [/"demoPushUrl":"rtmp:\/\/127\.0\.0\.1:\d+\/live\//, /joined 5\/5|5 joined|viewers.*5/i],
  },
  {
    file: 'README.md',
    block: /^npx stageside doctor .*\nnpx stageside broadcast --source test --preset 720p30 --push-url "rtmp:\/\/…/,
    needsFfmpeg: true,
    script: (t, c) =>
      `${line(t, 'npx stageside doctor')} --no-devices\n` +
      `${line(t, 'npx stageside broadcast').replace('"rtmp://…?txSecret=…&txTime=…"', `"${c.studio.info.demoPushUrl}"`).replace('show.mkv', `${c.dir}/show.mkv`)} --duration ${PUSH_SECONDS}\n` +
      // --record FILE writes FILE's name with .partN before the extension, a part per connection.
      `test -s ${c.dir}/show.part1.mkv && echo recorded`,
    expect: [/ffmpeg/i, /recorded/],
  },
  {
    file: 'README.md',
    block: /^# Signed Tencent LVB push URL/,
    script: (t, c) =>
      `export KEY=0123456789abcdef SECRET=${c.studio.info.secretKey}\necho -n "$KEY" > key.txt\n` +
      t.replace('npx stageside usersig --sdkappid', 'SIG=$(npx stageside usersig --sdkappid').replace('--user administrator\nnpx', '--user administrator)\necho "$SIG"\nnpx'),
    expect: [/^rtmp:\/\/push\.example\.com\/live\/room1\?txSecret=[0-9a-f]{32}&txTime=[0-9A-F]{8}$/m, /"play"/, /^valid$/m],
  },
  {
    file: 'README.md',
    block: /^export STAGESIDE_IM_SECRET_KEY=…\s+# or --key - \/ --usersig SIG\nnpx stageside room create/,
    // Up to the coupon: the lucky bag waits out its 60 s draw with a callbacks URL and token to fill
    // in, and verify-draw checks the commitment and seed that draw prints.
    script: (t, c) =>
      t
        .slice(0, t.indexOf('npx stageside room lucky-bag'))
        .replace('STAGESIDE_IM_SECRET_KEY=…', `STAGESIDE_IM_SECRET_KEY=${c.studio.info.secretKey}`)
        .replaceAll('--sdkappid N', demoStudio(c))
        .replace(/^npx/gm, 'set -e; npx'),
    expect: [/"ErrorCode":0[\s\S]*"ErrorCode":0[\s\S]*"ErrorCode":0[\s\S]*"ErrorCode":0[\s\S]*"ErrorCode":0[\s\S]*"ErrorCode":0[\s\S]*"ErrorCode":0/],
  },
  {
    file: 'docs/broadcasting.md',
    block: /^npx stageside doctor .*\nexport STAGESIDE_LVB_PUSH_KEY=….*\nnpx stageside broadcast --source test --push-url "\$\(npx stageside push-url --domain … --stream room1 \| head -1\)"/,
    needsFfmpeg: true,
    script: (t, c) =>
      t
        .replace('npx stageside doctor', 'npx stageside doctor --no-devices')
        .replace('STAGESIDE_LVB_PUSH_KEY=…', `STAGESIDE_LVB_PUSH_KEY=${c.studio.info.pushKey}`)
        .replace('--domain …', `--domain ${c.ingestHost}`)
        .replace('--stream room1', `--stream ${c.stream}`)
        .replace('| head -1)"', `| head -1)" --duration ${PUSH_SECONDS} && echo pushed`),
    expect: [/pushed/],
  },
  { file: 'docs/broadcasting.md', block: /^stageside doctor \[--json\]/, skip: 'a synopsis of every flag, not a command' },
  {
    file: 'docs/callbacks.md',
    block: /^STAGESIDE_IM_SECRET_KEY=… npx stageside callbacks --sdkappid 1400000001/,
    script: (t, c) =>
      `${FIRST_LINE}\nexport CALLBACK_TOKEN=e2e-token\n` +
      t
        .replace('STAGESIDE_IM_SECRET_KEY=… npx', `export STAGESIDE_IM_SECRET_KEY=${c.studio.info.secretKey}\nfirst_line npx`)
        .replace('--sdkappid 1400000001', `--sdkappid ${c.studio.info.sdkAppId}`)
        .replace('https://console.tim.qq.com', c.studio.info.restBaseUrl)
        .replace('--port 8787', `--port 0 --data-dir ${c.dir}/callbacks`)
        .replace(/ \[--db [^\]]*\] \[--fail-mode open\]/, ''),
    expect: [/"callbackUrl":"http:\/\/127\.0\.0\.1:\d+\/callback".*"publishesLevels":true/],
  },
  {
    file: 'docs/callbacks.md',
    block: /^STAGESIDE_IM_SECRET_KEY=… STAGESIDE_MERCHANT_SECRET=… npx stageside callbacks --sdkappid N/,
    script: (t, c) =>
      `${FIRST_LINE}\nexport CALLBACK_TOKEN=e2e-token\n` +
      t
        .replace('STAGESIDE_IM_SECRET_KEY=… STAGESIDE_MERCHANT_SECRET=… npx', `export STAGESIDE_IM_SECRET_KEY=${c.studio.info.secretKey} STAGESIDE_MERCHANT_SECRET=merchant-secret-of-e2e\nfirst_line npx`)
        .replace('--sdkappid N', `--sdkappid ${c.studio.info.sdkAppId} --port 0 --data-dir ${c.dir}/callbacks3`)
        .replace('https://console.tim.qq.com', c.studio.info.restBaseUrl),
    expect: [/"callbackUrl":"http:\/\/127\.0\.0\.1:\d+\/callback"/],
  },
  {
    file: 'docs/callbacks.md',
    block: /^ts=\$\(date \+%s\); nonce=\$\(openssl rand -hex 12\)/,
    skip: "a merchant backend posting to the deployed service's public HTTPS address (callbacks.example.com)",
  },
  {
    file: 'docs/callbacks.md',
    block: /^curl -H "Authorization: Bearer \$T" -X PUT --data-binary @words.txt/,
    // Against the studio's own callbacks service (the doc's 8787 is the service's usual port).
    script: (t, c) =>
      `export T=${c.studio.info.callbacksAdminToken}\nprintf 'darn\\nheck\\n' > words.txt\n` +
      t.replace('curl ', 'curl -sf ').replace('http://127.0.0.1:8787', c.studio.info.callbacksUrl ?? 'http://callbacks-missing'),
    expect: [/"id":"profanity"/],
  },
  { file: 'docs/console.md', block: /^npm start .*\nnpm run start:web/, skip: 'starts the desktop app or web mode for a person (the e2e suite runs web mode itself)' },
  {
    file: 'docs/signing.md',
    block: /^\$ npx stageside push-url --domain livepush\.tcloud\.com/,
    // Tencent's own example: the output in the doc must be what the command prints.
    script: (t) => commandsOf(t),
    expect: [/^warning: expiry 2018-12-29T06:13:45\.000Z is in the past; the ingest will reject this URL$/m, /^rtmp:\/\/livepush\.tcloud\.com\/live\/test\?txSecret=f85a2ab363fe4deaffef9754d79da6fe&txTime=5C271099$/m],
  },
  {
    file: 'docs/signing.md',
    block: /^\$ npx stageside usersig --sdkappid 1400000000 --key "\$KEY"/,
    script: (t, c) => `export KEY=${c.studio.info.secretKey}\n` + commandsOf(t).replace('npx stageside usersig --sdkappid', 'SIG=$(npx stageside usersig --sdkappid').replace('# default 180 days', ')'),
    expect: [/^valid\nexpires \d{4}-\d\d-\d\dT[\d:.]+Z \(\d+\)\n0$/m],
  },
  {
    file: 'docs/studio.md',
    block: /^npx stageside studio --port 5180 > studio\.json &/,
    needsFfmpeg: true,
    script: (t, c) =>
      t
        .replaceAll('5180', '$PORT')
        .replace('--port $PORT', `--port $PORT --data-dir ${c.dir}/studio3`)
        .replace('> studio.json &', '> studio.json & STUDIO=$!; trap "kill $STUDIO" EXIT; for i in $(seq 400); do grep -q demoPushUrl studio.json 2>/dev/null && break; sleep 0.05; done')
        .replace(/^ffmpeg -re/m, 'ffmpeg -loglevel error -re')
        .replace('-f flv "$PUSH"', '-t 3 -f flv "$PUSH"')
        .replace('--viewers 50', '--viewers 5')
        .replace('--duration 120', '--duration 2'),
    expect: [/joined|viewers/i],
  },
  { file: 'docs/studio.md', block: /^npx stageside simulate \[--studio/, skip: 'a synopsis of every flag, not a command' },
  {
    file: 'docs/tencent-setup.md',
    block: /^# in a checkout of this repository, after `npm ci`/,
    script: (t, c) =>
      `${FIRST_LINE}\nexport CALLBACK_TOKEN=e2e-token\n` +
      t
        .replace(/^#.*\n/, '')
        .replace('STAGESIDE_IM_SECRET_KEY=… npx', `export STAGESIDE_IM_SECRET_KEY=${c.studio.info.secretKey}\nfirst_line npx`)
        .replace('--sdkappid 1400000000', `--sdkappid ${c.studio.info.sdkAppId}`)
        .replace('https://console.tim.qq.com', c.studio.info.restBaseUrl)
        .replace('--port 8787', '--port 0')
        .replace('/var/lib/stageside-callbacks', `${c.dir}/callbacks2`),
    expect: [/"publishesLevels":true/],
  },
  {
    file: 'docs/tencent-setup.md',
    block: /^npx stageside push-url --domain push\.example\.com --stream spring-sale-0501 --key - --expires \+36h < push-key\.txt\n$/,
    script: (t) => `echo -n 0123456789abcdef > push-key.txt\n${t}`,
    expect: [/^rtmp:\/\/push\.example\.com\/live\/spring-sale-0501\?txSecret=[0-9a-f]{32}&txTime=[0-9A-F]{8}$/m],
  },
  {
    file: 'docs/tencent-setup.md',
    block: /^STAGESIDE_LVB_PUSH_KEY=… STAGESIDE_LVB_PLAY_KEY=… npx stageside push-url/,
    script: (t) => t.replace('STAGESIDE_LVB_PUSH_KEY=…', 'STAGESIDE_LVB_PUSH_KEY=pushkey0123').replace('STAGESIDE_LVB_PLAY_KEY=…', 'STAGESIDE_LVB_PLAY_KEY=playkey0123'),
    expect: [/"flv":"https?:\/\/play\.example\.com\/live\/spring-sale-0501\.flv\?txSecret=/],
  },
  { file: 'docs/tencent-setup.md', block: /^npm install tls-sig-api-v2/, skip: "the reader's own UserSig server (a file written from the doc's listing, on their host)" },
  { file: 'docs/tencent-setup.md', block: /^curl -s https:\/\/sig\.example\.com\/usersig/, skip: "asks the reader's own UserSig server for a signature" },
  {
    file: 'docs/tencent-setup.md',
    block: /^npx stageside broadcast --source test --preset 720p30 --duration 60 \\\n {2}--push-url "\$\(npx stageside push-url --domain push\.example\.com/,
    needsFfmpeg: true,
    // The studio's ingest checks the same LVB signature, with its own push key.
    script: (t, c) =>
      `printf %s ${c.studio.info.pushKey} > push-key.txt\n` +
      t.trimEnd().replace('--duration 60', `--duration ${PUSH_SECONDS}`).replace('push.example.com', c.ingestHost).replace('spring-sale-0501', c.stream) + ' && echo pushed',
    expect: [/pushed/],
  },
  {
    file: 'docs/tencent-setup.md',
    block: /^export STAGESIDE_IM_SECRET_KEY=…\s+# or --key - \(read stdin\), or --usersig SIG\nR="--mode tencent/,
    // The same REST calls against the studio's demo room; the doc's ten-minute pause is left out.
    script: (t, c) =>
      t
        .replace('STAGESIDE_IM_SECRET_KEY=…', `STAGESIDE_IM_SECRET_KEY=${c.studio.info.secretKey}`)
        .replace('--mode tencent --sdkappid 1400000000', `--mode studio ${demoStudio(c)}`)
        .replace('--group spring-sale-0501', `--group ${c.studio.info.demoRoomId}`)
        .replace(/^sleep 600\n/m, '')
        .replace(/^npx/gm, 'set -e; npx'),
    expect: [/"Type":"AVChatRoom"/, /"ErrorCode":0/],
  },
  { file: 'docs/tencent-setup.md', block: /^export TENCENT_SDKAPPID=/, skip: 'runs against real Tencent Cloud with your credentials (npm run test:tencent-live)' },
];

/** The one line of `text` that starts with `prefix`, without its trailing comment. */
function line(text: string, prefix: string): string {
  const l = text.split('\n').find((x) => x.startsWith(prefix));
  if (!l) throw new Error(`no line starting "${prefix}" in:\n${text}`);
  return l.replace(/\s+#.*$/, '');
}

/** A transcript's commands: the `$ ` lines (and their continuations), without the output lines. */
function commandsOf(transcript: string): string {
  const out: string[] = [];
  let continuing = false;
  for (const l of transcript.split('\n')) {
    if (l.startsWith('$ ') || continuing) {
      const cmd = l.replace(/^\$ /, '');
      out.push(cmd);
      continuing = cmd.trimEnd().endsWith('\\');
    }
  }
  return out.join('\n');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe('shell examples in README.md and docs/', () => {
  let tmp: ReturnType<typeof tempDir>;
  let c: Ctx;
  const blocks = shellBlocks();

  /** A folder with an `npx` that runs this checkout's CLI for `npx stageside` (what npx resolves here, without its start-up), by exec: a job's PID is the CLI's own. */
  let shim: string;

  beforeAll(async () => {
    tmp = tempDir('stageside-shell-examples-');
    shim = path.join(tmp.dir, 'bin');
    fs.mkdirSync(shim);
    const realNpx = spawnSync('bash', ['-c', 'command -v npx'], { encoding: 'utf8' }).stdout.trim() || 'npx';
    fs.writeFileSync(
      path.join(shim, 'npx'),
      `#!/bin/sh\nif [ "$1" = stageside ]; then shift; exec "${process.execPath}" "${path.resolve('bin/stageside.js')}" "$@"; fi\nexec "${realNpx}" "$@"\n`,
      { mode: 0o755 },
    );
    const studio = await startStudioProcess(path.join(tmp.dir, 'studio'));
    const push = new URL(studio.info.demoPushUrl!);
    c = { studio, dir: tmp.dir, ingestHost: push.host, stream: push.pathname.split('/').at(-1)! };
  });

  afterAll(async () => {
    await c?.studio.stop();
    tmp?.cleanup();
  });

  it('classifies every example: run here, or skipped with a reason', () => {
    const unmatched = blocks.filter((b) => ENTRIES.filter((e) => e.file === b.file && e.block.test(b.text)).length !== 1);
    expect(unmatched.map((b) => `${b.file}:\n${b.text}`)).toEqual([]);
    const unused = ENTRIES.filter((e) => !blocks.some((b) => b.file === e.file && e.block.test(b.text)));
    expect(unused.map((e) => `${e.file} ${e.block}`)).toEqual([]);
  });

  for (const entry of ENTRIES.filter((e) => e.script)) {
    (entry.needsFfmpeg ? itWith([ffmpeg()]) : it)(`${entry.file}: ${entry.block.source.slice(0, 60)}`, async () => {
      const block = blocks.find((b) => b.file === entry.file && entry.block.test(b.text));
      expect(block, 'the example is still in the doc').toBeDefined();
      const port = await freePort();
      const work = fs.mkdtempSync(path.join(c.dir, 'run-'));
      const script = `set -o pipefail\nexport T=${work} PORT=${port}\n${entry.script!(block!.text, c)}`;
      const r = spawnSync('bash', ['-c', script], {
        cwd: work,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, STAGESIDE_HOME: work, PATH: `${shim}${path.delimiter}${process.env.PATH}` },
      });
      const output = `${r.stdout}\n${r.stderr}`;
      expect(r.status, `exit ${r.status} of:\n${script}\n--- output:\n${output}`).toBe(0);
      for (const re of entry.expect ?? []) expect(output).toMatch(re);
      // No crash on the way (an EPIPE from `| head -1` used to print a stack trace).
      expect(output).not.toMatch(/Unhandled 'error' event|^\s+at .+\(node:/m);
    });
  }
});
