// The studio keeps its address (issue 14 item 1): a real studio, with its ingest child, in a temp
// data folder — restarted, it listens on the ports it saved; a saved port another program holds is
// replaced by a free one, said and saved; ports given explicitly are pinned (taken: a clear failure).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir';
import { pickFreePorts } from './ingest/ingestProcess';
import { startStudio, type Studio, type StudioInfo } from './studio';
import { PortTakenError, STUDIO_PORTS_FILE } from './studioPorts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function folder(): string {
  const d = tempDir();
  cleanups.push(d.cleanup);
  return d.dir;
}

/** The studio's warnings and errors, as logged. */
function warnings() {
  const lines: string[] = [];
  const log = pino({ level: 'warn' }, { write: (l: string) => void lines.push(JSON.parse(l).msg as string) });
  return { log, lines };
}

/** A studio with its ingest (no callbacks service: not what this is about); closed after the test (close is idempotent). */
async function studio(dataDir: string, o: { port?: number; rtmpPort?: number; flvPort?: number; log?: pino.Logger } = {}): Promise<Studio> {
  const s = await startStudio({
    dataDir,
    port: o.port ?? 0,
    log: o.log ?? pino({ level: 'silent' }),
    callbacks: false,
    ...(o.rtmpPort !== undefined ? { rtmpPort: o.rtmpPort } : {}),
    ...(o.flvPort !== undefined ? { flvPort: o.flvPort } : {}),
  });
  cleanups.push(() => s.close());
  return s;
}

const port = (url: string | null): number => Number(new URL(url!).port);
const portsOf = (info: StudioInfo) => ({ http: port(info.restBaseUrl), rtmp: port(info.rtmpIngestUrl), flv: port(info.playBaseUrl) });
const saved = (dir: string): unknown => JSON.parse(fs.readFileSync(path.join(dir, STUDIO_PORTS_FILE), 'utf8'));

/** Holds host:port like another program would, until the test ends. */
async function hold(p: number): Promise<void> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(p, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((r) => server.close(r)));
}

describe('the studio keeps its address', () => {
  it('restarted, it listens on the HTTP, RTMP and HTTP-FLV ports it saved', async () => {
    const dir = folder();
    const first = await studio(dir);
    const ports = portsOf(first.info);
    expect(saved(dir)).toEqual(ports);
    expect(first.info.portsMoved).toBeUndefined();
    await first.close();

    const second = await studio(dir);
    expect(portsOf(second.info)).toEqual(ports);
    expect(second.info.realtimeUrl).toBe(first.info.realtimeUrl);
    expect(second.info.portsMoved).toBeUndefined();
  }, 40_000);

  it('a saved port another program holds: a free one instead, said, saved, and kept from then on', async () => {
    const dir = folder();
    const first = await studio(dir);
    const before = portsOf(first.info);
    await first.close();
    await hold(before.rtmp);
    await hold(before.http);

    const { log, lines } = warnings();
    const second = await studio(dir, { log });
    const after = portsOf(second.info);
    expect(after.rtmp).not.toBe(before.rtmp);
    expect(after.http).not.toBe(before.http);
    expect(after.flv).toBe(before.flv);
    expect(second.info.portsMoved).toEqual(
      expect.arrayContaining([
        { port: 'rtmp', from: before.rtmp, to: after.rtmp },
        { port: 'http', from: before.http, to: after.http },
      ]),
    );
    expect(second.info.portsMoved).toHaveLength(2);
    expect(second.info.rtmpIngestUrl).toBe(`rtmp://127.0.0.1:${after.rtmp}/live`);
    expect(second.info.demoPushUrl).toMatch(new RegExp(`^rtmp://127\\.0\\.0\\.1:${after.rtmp}/live/demo\\?txSecret=`));
    expect(lines).toContain(`The saved RTMP ingest port ${before.rtmp} is in use by another program; the studio now uses ${after.rtmp} (saved for next time): push URLs and OBS’s server changed.`);
    expect(saved(dir)).toEqual(after);
    await second.close();

    const third = await studio(dir);
    expect(portsOf(third.info)).toEqual(after);
    expect(third.info.portsMoved).toBeUndefined();
  }, 40_000);

  it('ports given explicitly are pinned and saved', async () => {
    const dir = folder();
    const [http, rtmp, flv] = (await pickFreePorts('127.0.0.1', 3)) as [number, number, number];
    const s = await studio(dir, { port: http, rtmpPort: rtmp, flvPort: flv });
    expect(portsOf(s.info)).toEqual({ http, rtmp, flv });
    expect(saved(dir)).toEqual({ http, rtmp, flv });
  }, 40_000);

  it('a pinned port that is taken: the start fails naming the port and its flag', async () => {
    const dir = folder();
    const [rtmp] = (await pickFreePorts('127.0.0.1', 1)) as [number];
    await hold(rtmp);
    const err = await startStudio({ dataDir: dir, port: 0, rtmpPort: rtmp, log: pino({ level: 'silent' }), callbacks: false }).then(
      (s) => (cleanups.push(() => s.close()), null),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PortTakenError);
    expect((err as Error).message).toContain(`The RTMP ingest port ${rtmp} (--rtmp-port) is in use by another program`);
    expect(fs.existsSync(path.join(dir, STUDIO_PORTS_FILE))).toBe(false);
  }, 40_000);
});
