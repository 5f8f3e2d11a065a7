// Real node-media-server in a child, real ffmpeg pushing a lavfi test pattern, ffprobe playing
// the HTTP-FLV URL (skipped, with the reason printed, where Debian's ffmpeg is missing); and the
// supervision kit's four kill checks for the ingest, against a fake ingest child.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor as pollUntil } from '../../../test/support/waitFor';
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import { RestartLoop, type RestartState } from '../../node/process/restartLoop';
import { backoffDelay, type RestartPolicy } from '../../shared/domain/backoff';
import { type IngestExit, type IngestHandle, type IngestOptions, IngestStartError, IngestSupervisor, type PushEvent, pickFreePorts, startIngest } from './ingestProcess';
import { pushEventSchema } from './protocol';

const FFMPEG = '/usr/bin/ffmpeg';
const FFPROBE = '/usr/bin/ffprobe';
const hasFfmpeg = fs.existsSync(FFMPEG) && fs.existsSync(FFPROBE);
if (!hasFfmpeg) console.warn(`[ingest tests] skipped: ${FFMPEG} or ${FFPROBE} not found`);

const PUSH_KEY = 'studio-push-key-7f3a';
const PLAY_KEY = 'studio-play-key-91c2';
const nowS = () => Math.floor(Date.now() / 1000);

type LogLine = Record<string, unknown> & { msg?: string };

function captureLogger() {
  const lines: LogLine[] = [];
  const text: string[] = [];
  const log = pino({ level: 'debug' }, { write: (s: string) => (text.push(s), lines.push(JSON.parse(s) as LogLine)) });
  return { log, lines, text };
}

const waitFor = <T>(what: string, probe: () => T | undefined | false): Promise<T> => pollUntil(probe, { message: what });

interface Run {
  proc: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  stderr: () => string;
  stdout: () => string;
}

const spawned = new Set<ChildProcess>();

function run(cmd: string, args: string[], timeoutMs = 15_000): Run {
  const started = Date.now();
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  spawned.add(proc);
  let err = '';
  let out = '';
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  const killer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) => {
    proc.on('exit', (code, signal) => {
      clearTimeout(killer);
      spawned.delete(proc);
      // stdout is drained by then for the short outputs used here
      setImmediate(() => resolve({ code, signal, ms: Date.now() - started }));
    });
  });
  return { proc, exited, stderr: () => err, stdout: () => out };
}

/** The command line from the issue: test pattern + 440 Hz tone, H.264/AAC in FLV. */
function push(url: string, seconds?: number, outputArgs: string[] = []): Run {
  return run(FFMPEG, [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440',
    ...(seconds ? ['-t', String(seconds)] : []),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '60', '-c:a', 'aac',
    '-f', 'flv', ...outputArgs, url,
  ]);
}

async function probe(url: string): Promise<{ code: number | null; streams: Array<Record<string, unknown>> }> {
  const r = run(FFPROBE, ['-v', 'error', '-show_streams', '-of', 'json', '-rw_timeout', '5000000', url], 12_000);
  const { code } = await r.exited;
  let streams: Array<Record<string, unknown>> = [];
  try {
    streams = (JSON.parse(r.stdout() || '{}') as { streams?: Array<Record<string, unknown>> }).streams ?? [];
  } catch {
    // ffprobe failed before writing JSON
  }
  return { code, streams };
}

function expectPlayable(streams: Array<Record<string, unknown>>): void {
  expect(streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
  expect(streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });
}

/** A local callback receiver, like a studio owner's CSS callback endpoint. */
async function startReceiver() {
  const bodies: unknown[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(body));
      res.setHeader('content-type', 'application/json');
      res.end('{"code":0}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/css-callback`, bodies, close: () => new Promise((r) => server.close(r)) };
}

afterEach(() => {
  for (const p of spawned) p.kill('SIGKILL');
});

describe.skipIf(!hasFfmpeg)('LVB-style ingest (real ffmpeg)', () => {
  let ingest: IngestHandle;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const events: PushEvent[] = [];
  const logs = captureLogger();
  const handles: IngestHandle[] = [];

  beforeAll(async () => {
    receiver = await startReceiver();
    ingest = await startIngest({
      rtmpPort: 0,
      httpPort: 0,
      host: '127.0.0.1',
      appName: 'live',
      pushKey: PUSH_KEY,
      log: logs.log,
      onEvent: (e) => events.push(e),
      callbackUrl: receiver.url,
    });
    handles.push(ingest);
  });

  afterAll(async () => {
    for (const p of spawned) p.kill('SIGKILL');
    await Promise.all(handles.map((h) => h.stop()));
    await receiver?.close();
    // No key or signature ever reached the log.
    const all = logs.text.join('');
    expect(all).not.toContain(PUSH_KEY);
    expect(all).not.toContain(PLAY_KEY);
    expect(all).not.toMatch(/txSecret=[0-9a-f]{32}/i);
  });

  it('starts on free ports and reports its URLs', () => {
    expect(ingest.rtmpUrl).toMatch(/^rtmp:\/\/127\.0\.0\.1:\d+\/live$/);
    expect(ingest.playBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/live$/);
    expect(ingest.pid).toBeGreaterThan(0);
    expect(ingest.liveStreams()).toEqual([]);
  });

  it('accepts a signed push, plays it over HTTP-FLV, and reports start/interrupt', async () => {
    const ff = push(ingest.pushUrl('room1', nowS() + 3600));
    const start = await waitFor('start event', () => events.find((e) => e.stream_id === 'room1' && e.event_type === 1));
    expect(ingest.liveStreams()).toEqual(['room1']);
    expect(start).toMatchObject({ appname: 'live', app: '127.0.0.1', push_duration: '0', errcode: 0, user_ip: '127.0.0.1' });
    expect(start.stream_param).toMatch(/^txSecret=\*\*\*&txTime=[0-9A-F]{8}$/);
    expect(start.sign).toBe(nodeCrypto.md5Hex(PUSH_KEY + String(start.t)));

    const { code, streams } = await probe(`${ingest.playBaseUrl}/room1.flv`);
    expect(code).toBe(0);
    expectPlayable(streams);

    // CORS for the viewer page's mpegts.js.
    const ac = new AbortController();
    const res = await fetch(`${ingest.playBaseUrl}/room1.flv`, { headers: { origin: 'http://localhost:5173' }, signal: ac.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    ac.abort();

    ff.proc.kill('SIGINT');
    expect((await ff.exited).signal).not.toBe('SIGKILL');
    const stop = await waitFor('interrupt event', () => events.find((e) => e.stream_id === 'room1' && e.event_type === 0));
    expect(stop.sequence).toBe(start.sequence);
    expect(Number(stop.push_duration)).toBeGreaterThan(500);
    expect(stop).toMatchObject({ width: 640, height: 360, errcode: 0 });
    expect(ingest.liveStreams()).toEqual([]);

    // The same two events reached the callback URL, in CSS's JSON shape.
    const posted = await waitFor('callback bodies', () => {
      const mine = receiver.bodies.filter((b) => (b as PushEvent).sequence === start.sequence);
      return mine.length === 2 ? mine : undefined;
    });
    expect(posted.map((b) => pushEventSchema.parse(b).event_type).sort()).toEqual([0, 1]);
  });

  it.each([
    ['bad signature', 'bad-signature', (h: IngestHandle) => `${h.rtmpUrl}/room2?txSecret=${'0'.repeat(32)}&txTime=${(nowS() + 3600).toString(16).toUpperCase()}`],
    ['signature for another stream', 'bad-signature', (h: IngestHandle) => h.pushUrl('other', nowS() + 3600).replace('/other?', '/room2?')],
    ['expired txTime', 'expired', (h: IngestHandle) => h.pushUrl('room2', nowS() - 60)],
    ['missing txSecret/txTime', 'missing', (h: IngestHandle) => `${h.rtmpUrl}/room2`],
    ['wrong app', 'wrong-app', (h: IngestHandle) => h.pushUrl('room2', nowS() + 3600).replace('/live/', '/other/')],
  ])('refuses a push with %s: ffmpeg fails fast, no start event', async (_name, reason, urlOf) => {
    const before = logs.lines.length;
    // Bounded, so a broken gate fails the assertions below instead of the test timeout.
    const ff = push(urlOf(ingest), 6);
    const exit = await ff.exited;
    expect(exit.code).not.toBe(0);
    expect(exit.signal).toBeNull();
    expect(exit.ms).toBeLessThan(5000);
    expect(ff.stderr()).toMatch(/refused|error|end of file|broken pipe|reset/i);
    expect(events.filter((e) => e.stream_id === 'room2')).toEqual([]);
    expect(ingest.liveStreams()).not.toContain('room2');
    const refusal = logs.lines.slice(before).find((l) => l.msg === 'Ingest refused publish');
    expect(refusal).toMatchObject({ reason });
    expect(String(refusal?.url)).not.toMatch(/txSecret=[0-9a-f]{32}/i);
  });

  it('refuses a second publisher on a stream that is on the air', async () => {
    const url = ingest.pushUrl('room3', nowS() + 3600);
    const first = push(url);
    await waitFor('first start', () => events.find((e) => e.stream_id === 'room3' && e.event_type === 1));
    const second = push(url);
    const exit = await second.exited;
    expect(exit.code).not.toBe(0);
    expect(events.filter((e) => e.stream_id === 'room3' && e.event_type === 1)).toHaveLength(1);
    expect(ingest.liveStreams()).toEqual(['room3']);
    first.proc.kill('SIGINT');
    await first.exited;
    await waitFor('room3 interrupt', () => events.find((e) => e.stream_id === 'room3' && e.event_type === 0));
  });

  it('gates HTTP-FLV POST publishing the same way', async () => {
    const bare = `${ingest.playBaseUrl}/room7.flv`;
    const refused = push(bare, 2, ['-method', 'POST']);
    expect((await refused.exited).code).not.toBe(0);
    expect(events.filter((e) => e.stream_id === 'room7')).toEqual([]);

    const query = ingest.pushUrl('room7', nowS() + 3600).split('?')[1];
    const accepted = push(`${bare}?${query}`, 2, ['-method', 'POST']);
    await waitFor('room7 start', () => events.find((e) => e.stream_id === 'room7' && e.event_type === 1));
    expect((await accepted.exited).code).toBe(0);
    await waitFor('room7 interrupt', () => events.find((e) => e.stream_id === 'room7' && e.event_type === 0));
  });

  it('play auth on: unsigned play refused with 403, signed play works', async () => {
    const secured = await startIngest({
      rtmpPort: 0,
      httpPort: 0,
      host: '127.0.0.1',
      appName: 'live',
      pushKey: PUSH_KEY,
      playKey: PLAY_KEY,
      log: logs.log,
    });
    handles.push(secured);
    const ff = push(secured.pushUrl('room5', nowS() + 3600));
    await waitFor('room5 on air', () => secured.liveStreams().includes('room5') || undefined);

    const unsigned = await fetch(`${secured.playBaseUrl}/room5.flv`);
    expect(unsigned.status).toBe(403);
    await unsigned.body?.cancel();
    const pushSigned = secured.pushUrl('room5', nowS() + 3600).split('?')[1];
    const wrongKey = await fetch(`${secured.playBaseUrl}/room5.flv?${pushSigned}`);
    expect(wrongKey.status).toBe(403);
    await wrongKey.body?.cancel();
    expect((await probe(`${secured.playBaseUrl}/room5.flv`)).code).not.toBe(0);

    const signed = secured.flvUrl('room5', nowS() + 600);
    expect(signed).toMatch(/\/live\/room5\.flv\?txSecret=[0-9a-f]{32}&txTime=/);
    const ok = await probe(signed);
    expect(ok.code).toBe(0);
    expectPlayable(ok.streams);

    // RTMP play goes through the same gate.
    expect((await probe(`${secured.rtmpUrl}/room5`)).code).not.toBe(0);
    const rtmpOk = await probe(`${secured.rtmpUrl}/room5?${signed.split('?')[1]}`);
    expect(rtmpOk.code).toBe(0);
    expectPlayable(rtmpOk.streams);
    ff.proc.kill('SIGKILL');
    await secured.stop();
  });

  it('reports a killed child through onExit and ends its pushes; the test process lives on', async () => {
    const local: PushEvent[] = [];
    const victim = await startIngest({
      rtmpPort: 0,
      httpPort: 0,
      host: '127.0.0.1',
      appName: 'live',
      pushKey: PUSH_KEY,
      log: logs.log,
      onEvent: (e) => local.push(e),
    });
    handles.push(victim);
    const exits: IngestExit[] = [];
    victim.onExit((e) => exits.push(e));
    push(victim.pushUrl('room6', nowS() + 3600));
    const start = await waitFor('room6 start', () => local.find((e) => e.event_type === 1));

    process.kill(victim.pid, 'SIGKILL');
    await waitFor('onExit', () => exits[0]);
    expect(exits).toEqual([{ code: null, signal: 'SIGKILL', expected: false }]);
    expect(local.find((e) => e.event_type === 0)).toMatchObject({ sequence: start.sequence, errmsg: 'ingest process exited' });
    expect(victim.liveStreams()).toEqual([]);
    expect(logs.lines.some((l) => l.msg === 'Ingest process exited unexpectedly')).toBe(true);
    // A late subscriber still hears about it; stop() on a dead child resolves at once.
    const late = await new Promise<IngestExit>((resolve) => victim.onExit(resolve));
    expect(late.signal).toBe('SIGKILL');
    await victim.stop();
  });

  it('stop() is idempotent and reported as expected', async () => {
    const h = await startIngest({ rtmpPort: 0, httpPort: 0, host: '127.0.0.1', appName: 'live', pushKey: PUSH_KEY, log: logs.log });
    handles.push(h);
    const exits: IngestExit[] = [];
    h.onExit((e) => exits.push(e));
    const a = h.stop();
    expect(h.stop()).toBe(a);
    await a;
    expect(exits).toEqual([{ code: 0, signal: null, expected: true }]);
    expect(() => process.kill(h.pid, 0)).toThrow();
  });

  it.each(['rtmpPort', 'httpPort'] as const)('fails clearly when %s is taken', async (which) => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as net.AddressInfo).port;
    const started = Date.now();
    try {
      const attempt = startIngest({
        rtmpPort: 0,
        httpPort: 0,
        [which]: taken,
        host: '127.0.0.1',
        appName: 'live',
        pushKey: PUSH_KEY,
        log: logs.log,
      });
      const err = await attempt.then(
        (h) => (handles.push(h), new Error('started on a taken port')),
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(IngestStartError);
      expect((err as IngestStartError).code).toBe('PORT_IN_USE');
      expect((err as Error).message).toContain(`127.0.0.1:${taken} is already in use`);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });
});

describe('startIngest options', () => {
  it.each([
    [{ rtmpPort: 70000 }, /rtmpPort/],
    [{ appName: 'live/x' }, /appName/],
    [{ pushKey: '' }, /pushKey/],
    [{ rtmpPort: 5000, httpPort: 5000 }, /differ/],
  ])('rejects %o before spawning', async (over, message) => {
    const { log } = captureLogger();
    const attempt = startIngest({ rtmpPort: 0, httpPort: 0, host: '127.0.0.1', appName: 'live', pushKey: 'k', log, ...over });
    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.toMatchObject({ code: 'BAD_OPTIONS' });
  });
});

describe('the ingest on the supervision kit (fake ingest child)', () => {
  const FAKE = fileURLToPath(new URL('../../../test/fakes/fakeIngestChild.mjs', import.meta.url));
  const handles: IngestHandle[] = [];
  afterEach(async () => {
    await Promise.all(handles.splice(0).map((h) => h.stop()));
  });
  const options = (mode: string, log: pino.Logger, extra: Partial<IngestOptions> = {}): IngestOptions => ({
    rtmpPort: 0,
    httpPort: 0,
    host: '127.0.0.1',
    appName: 'live',
    pushKey: PUSH_KEY,
    log,
    childEntry: { script: FAKE, args: [mode] },
    ...extra,
  });
  const failureOf = (attempt: Promise<IngestHandle>) =>
    attempt.then(
      (h) => (handles.push(h), new Error('started')),
      (e: unknown) => e,
    );

  it('failed to start: an exit before ready, a taken port (picked again, twice), no answer in time', async () => {
    const { log, lines } = captureLogger();
    expect(await failureOf(startIngest(options('exit:3', log)))).toMatchObject({ code: 'CHILD_EXITED', message: expect.stringContaining('code 3') });
    expect(await failureOf(startIngest(options('in-use', log)))).toMatchObject({ code: 'PORT_IN_USE', message: expect.stringContaining('is already in use') });
    expect(lines.filter((l) => l.msg === 'Ingest port was taken meanwhile; picking new ports')).toHaveLength(2);
    const slow = await failureOf(startIngest(options('silent', log, { startTimeoutMs: 300 })));
    expect(slow).toBeInstanceOf(IngestStartError);
    expect(slow).toMatchObject({ code: 'START_TIMEOUT' });
  });

  it('died while running: reported through onExit as unexpected', async () => {
    const { log, lines } = captureLogger();
    const h = await startIngest(options('die:7:100', log));
    handles.push(h);
    const exit = await new Promise<IngestExit>((resolve) => h.onExit(resolve));
    expect(exit).toEqual({ code: 7, signal: null, expected: false });
    expect(lines.some((l) => l.msg === 'Ingest process exited unexpectedly')).toBe(true);
  });

  it('stop escalates from the IPC stop to SIGTERM to SIGKILL on a child that ignores both', async () => {
    const { log, lines } = captureLogger();
    const h = await startIngest(options('stubborn', log, { stopPhaseMs: 200 }));
    handles.push(h);
    const exits: IngestExit[] = [];
    h.onExit((e) => exits.push(e));
    const t0 = Date.now();
    const a = h.stop();
    expect(h.stop()).toBe(a);
    await a;
    expect(Date.now() - t0).toBeGreaterThanOrEqual(350);
    expect(exits).toEqual([{ code: null, signal: 'SIGKILL', expected: true }]);
    expect(lines.filter((l) => l.src === 'ingest').map((l) => l.msg)).toEqual(['ignored stop', 'ignored SIGTERM']);
  });

  it('restarts under the kit\'s restart policy, after the shared backoff', async () => {
    const { log } = captureLogger();
    const [rtmpPort, httpPort] = (await pickFreePorts('127.0.0.1', 2)) as [number, number];
    const policy: RestartPolicy = { baseMs: 500, factor: 2, capMs: 10_000, jitter: 0, maxAttempts: 2 };
    const delays: number[] = [];
    const states: RestartState[] = [];
    const loop = new RestartLoop({
      policy,
      spawn: () => {
        const ingest = new IngestSupervisor(options('die:7:100', log), { rtmpPort, httpPort });
        ingest.start().catch(() => undefined);
        return ingest.child;
      },
      onState: (s) => states.push(s),
      // Record the delays, fire at once.
      setTimer: (fn, ms) => (delays.push(ms), setTimeout(fn, 0)),
      clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
    });
    loop.start();
    await pollUntil(() => loop.current.kind === 'gave-up', { message: 'gave-up' });
    expect(delays).toEqual([backoffDelay(1, 0, policy), backoffDelay(2, 0, policy)]);
    expect(states.map((s) => s.kind)).toEqual(['starting', 'running', 'waiting', 'starting', 'running', 'waiting', 'starting', 'running', 'gave-up']);
    expect(loop.current).toMatchObject({ lastExit: { code: 7, outcome: 'died' } });
  });
});
