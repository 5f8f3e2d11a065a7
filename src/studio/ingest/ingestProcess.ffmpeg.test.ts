// Real node-media-server in a child, real ffmpeg pushing a lavfi test pattern, ffprobe playing the
// HTTP-FLV URL (skipped, with the reason printed, where Debian's ffmpeg is missing).
import net from 'node:net';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeWith, ffmpeg, ffprobe } from '../../../test/support/prereqs';
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import { type IngestExit, type IngestHandle, IngestStartError, type PushEvent, startIngest } from './ingestProcess';
import { captureLogger, expectPlayable, nowS, PLAY_KEY, probe, push, PUSH_KEY, spawned, startReceiver, waitFor } from './ingestProcess.testkit';
import { pushEventSchema } from './protocol';


afterEach(() => {
  for (const p of spawned) p.kill('SIGKILL');
});

describeWith([ffmpeg(), ffprobe()])('LVB-style ingest (real ffmpeg)', () => {
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

  it('ends its HTTP-FLV players when the push stops (as a CDN does); a player attached meanwhile gets the next push from its headers', async () => {
    /** Reads an HTTP-FLV response as it arrives: bytes so far, and whether the server ended it. */
    const pull = async (url: string) => {
      const ac = new AbortController();
      const res = await fetch(url, { signal: ac.signal });
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      const seen = { bytes: 0, ended: false, chunks: [] as Uint8Array[] };
      void (async () => {
        for (;;) {
          const r = await reader.read().catch(() => ({ done: true as const, value: undefined }));
          if (r.done || !r.value) break;
          seen.bytes += r.value.length;
          if (seen.chunks.length < 8) seen.chunks.push(r.value);
        }
        seen.ended = true;
      })();
      return { seen, abort: () => ac.abort() };
    };
    const url = ingest.pushUrl('room8', nowS() + 3600);
    const first = push(url);
    await waitFor('room8 on air', () => ingest.liveStreams().includes('room8') || undefined);
    const old = await pull(`${ingest.playBaseUrl}/room8.flv`);
    await waitFor('media on the first play', () => old.seen.bytes > 20_000 || undefined);
    first.proc.kill('SIGKILL');
    // Before: NMS kept this response open across the gap, and the player froze on it.
    await waitFor('the first play ended by the ingest', () => old.seen.ended || undefined);

    const waiting = await pull(`${ingest.playBaseUrl}/room8.flv`);
    await waitFor('room8 interrupt', () => events.find((e) => e.stream_id === 'room8' && e.event_type === 0));
    const second = push(url);
    await waitFor('media on the play attached during the gap', () => waiting.seen.bytes > 20_000 || undefined);
    expect(waiting.seen.ended).toBe(false);
    // An FLV header, then the next publish's metadata: a clean start for the player.
    const head = Buffer.concat(waiting.seen.chunks);
    expect(head.subarray(0, 3).toString('latin1')).toBe('FLV');
    expect(head.includes(Buffer.from('onMetaData', 'latin1'))).toBe(true);
    waiting.abort();
    second.proc.kill('SIGKILL');
    await waitFor('room8 off air', () => !ingest.liveStreams().includes('room8') || undefined);
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
