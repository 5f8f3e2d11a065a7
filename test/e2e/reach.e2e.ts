// Issue 19's destinations, from a shell: `stageside broadcast` with three --push-url destinations
// (three studio ingests on free ports), one encode feeding all three. Mid-show the second ingest is
// SIGKILLed: the other two keep streaming (pulled with ffprobe while it is down), the show stays
// live, the killed destination retries alone and is live again once its ingest is back on the same
// port; the encoder never restarted (no show-level reconnect) and the other two never dropped.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { silentLogger } from '../../src/node/infra/logger';
import { pickFreePorts, startIngest, type IngestHandle } from '../../src/studio/ingest/ingestProcess';
import { describeWith, ffmpeg, ffprobe } from '../support/prereqs';
import { tempDir } from '../support/tempDir';
import { waitFor } from '../support/waitFor';

const KEY = 'reach-key';
const expiry = () => Math.floor(Date.now() / 1000) + 86_400;

/** Frames ffprobe decodes from a destination's HTTP-FLV in ~1.5 s of stream, or 0 when it cannot. */
function pulledFrames(url: string): Promise<number> {
  const args = ['-v', 'error', '-rw_timeout', '5000000', '-read_intervals', '%+1.5', '-select_streams', 'v:0', '-count_frames', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', url];
  return new Promise((resolve) => execFile('ffprobe', args, { encoding: 'utf8', timeout: 20_000 }, (_e, stdout) => resolve(Number(String(stdout).trim()) || 0)));
}

describeWith([ffmpeg(), ffprobe()])('a show to three destinations, one killed mid-show', () => {
  let tmp: ReturnType<typeof tempDir>;
  const ingests: IngestHandle[] = [];
  let ports: number[] = [];
  const start = (i: number) => startIngest({ rtmpPort: ports[2 * i]!, httpPort: ports[2 * i + 1]!, host: '127.0.0.1', appName: 'live', pushKey: KEY, log: silentLogger() });

  beforeAll(async () => {
    tmp = tempDir();
    ports = await pickFreePorts('127.0.0.1', 6);
    for (let i = 0; i < 3; i++) ingests[i] = await start(i);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(ingests.map((g) => g?.stop()));
    tmp?.cleanup();
  });

  it('the others keep streaming, the killed one reconnects alone', async () => {
    const stop = new AbortController();
    const out: string[] = [];
    const io: CliIo = { stdout: (l) => out.push(l), stderr: (l) => out.push(`stderr: ${l}`), env: { STAGESIDE_HOME: tmp.dir, PATH: process.env.PATH }, readStdin: async () => '', now: () => Date.now(), interrupt: stop.signal };
    const urls = ingests.map((g, i) => g.pushUrl(`reach${i}`, expiry()));
    const text = () => out.join('\n');
    const lines = (re: RegExp) => out.filter((l) => re.test(l));
    /** Waits for a condition; on a timeout the error carries the command's whole output. */
    const until = (cond: () => boolean, timeoutMs: number, what: string) =>
      waitFor(cond, { timeoutMs, message: what }).catch((e: Error) => {
        throw new Error(`${e.message}\n--- stageside broadcast printed`);
      });
    const running = main(['broadcast', '--source', 'test', ...urls.flatMap((u) => ['--push-url', u]), '--duration', '300'], io);
    try {
      await until(() => [1, 2, 3].every((n) => lines(new RegExp(`^destination ${n} \\S+: live$`)).length === 1), 60_000, `all three destinations live`);
      await until(() => ingests.every((g, i) => g.liveStreams().includes(`reach${i}`)), 20_000, 'each ingest has its stream');
      // Signed push URLs are masked in every line.
      expect(text()).not.toMatch(/txSecret=[0-9a-f]{32}/);

      // The second destination's server dies.
      const killed = ingests[1]!;
      process.kill(killed.pid, 'SIGKILL');
      await until(() => lines(/^destination 2 \S+: reconnecting: attempt 1 /).length > 0, 30_000, `destination 2 reconnecting`);
      // While it is down, the other two are still on the air and play.
      for (const i of [0, 2]) {
        expect(ingests[i]!.liveStreams()).toContain(`reach${i}`);
        expect(await pulledFrames(ingests[i]!.flvUrl(`reach${i}`)), `frames pulled from destination ${i + 1}`).toBeGreaterThan(10);
      }
      expect(lines(/^destination 2 \S+: live$/)).toHaveLength(1);

      // Back on the same port: destination 2 reconnects by itself.
      ingests[1] = await start(1);
      await until(() => lines(/^destination 2 \S+: live$/).length === 2, 90_000, `destination 2 live again`);
      await until(() => ingests[1]!.liveStreams().includes('reach1'), 20_000, 'the restarted ingest has the stream');
      expect(await pulledFrames(ingests[1]!.flvUrl('reach1')), 'frames pulled from the reconnected destination').toBeGreaterThan(10);

      // Alone: the show never went to reconnecting (the encoder ran on) and the others never dropped.
      expect(text()).not.toMatch(/^reconnecting:/m);
      for (const n of [1, 3]) expect(lines(new RegExp(`^destination ${n} `)), `destination ${n}'s lines`).toEqual([expect.stringMatching(/connecting$/), expect.stringMatching(/: live$/)]);
    } finally {
      stop.abort();
    }
    const code = await running;
    expect(code, text()).toBe(0);
    expect(text()).toMatch(/^ended: live/m);
  }, 240_000);
});
