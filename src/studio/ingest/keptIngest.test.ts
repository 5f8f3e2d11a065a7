// The studio's ingest kept up (against the fake ingest child): a child killed while running is
// restarted on the same ports after the shared backoff and reported restarting, then running; a
// child that keeps dying is given up on with the reason; stop() cancels a pending restart.
import { fileURLToPath } from 'node:url';
import type pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/waitFor';
import { backoffDelay, type RestartPolicy } from '../../shared/domain/backoff';
import type { IngestStatus } from '../../shared/studioStatus';
import { startKeptIngest, type KeptIngest, type KeptIngestOptions } from './keptIngest';
import { captureLogger, PUSH_KEY } from './ingestProcess.testkit';

const FAKE = fileURLToPath(new URL('../../../test/fakes/fakeIngestChild.mjs', import.meta.url));

const options = (mode: string, log: pino.Logger, statuses: IngestStatus[], extra: Partial<KeptIngestOptions> = {}): KeptIngestOptions => ({
  rtmpPort: 0,
  httpPort: 0,
  host: '127.0.0.1',
  appName: 'live',
  pushKey: PUSH_KEY,
  log,
  childEntry: { script: FAKE, args: [mode] },
  onStatus: (s) => statuses.push(s),
  ...extra,
});

describe('the kept ingest', () => {
  const kept: KeptIngest[] = [];
  afterEach(async () => {
    await Promise.all(kept.splice(0).map((k) => k.stop()));
  });

  it('restarts a child killed while running, on the same ports, and says restarting, then running', async () => {
    const { log } = captureLogger();
    const statuses: IngestStatus[] = [];
    const delays: number[] = [];
    const k = await startKeptIngest(
      options('ready', log, statuses, { setTimer: (fn, ms) => (delays.push(ms), setTimeout(fn, 0)), clearTimer: (h) => clearTimeout(h as NodeJS.Timeout) }),
    );
    kept.push(k);
    expect(k.status()).toEqual({ state: 'running', restarts: 0 });
    const [firstPid, url] = [k.pid, k.rtmpUrl];
    process.kill(firstPid, 'SIGKILL');
    await waitFor(() => k.status().state === 'running' && k.pid !== firstPid && k.pid > 0, { message: 'a new ingest child' });
    expect(statuses).toEqual([
      { state: 'restarting', attempt: 1, maxAttempts: 5, nextTryAt: expect.any(Number), lastError: 'ingest process killed by SIGKILL' },
      { state: 'restarting', attempt: 1, maxAttempts: 5, nextTryAt: null, lastError: 'ingest process killed by SIGKILL' },
      { state: 'running', restarts: 1 },
    ]);
    expect(delays).toEqual([1000]);
    expect(k.rtmpUrl).toBe(url);
  });

  it('gives up after maxAttempts restarts in a row, with the reason; the delays are the shared backoff', async () => {
    const { log } = captureLogger();
    const statuses: IngestStatus[] = [];
    const delays: number[] = [];
    const policy: RestartPolicy = { baseMs: 1000, factor: 2, capMs: 30_000, jitter: 0, maxAttempts: 2 };
    const k = await startKeptIngest(
      options('die:7:100', log, statuses, { policy, setTimer: (fn, ms) => (delays.push(ms), setTimeout(fn, 0)), clearTimer: (h) => clearTimeout(h as NodeJS.Timeout) }),
    );
    kept.push(k);
    await waitFor(() => k.status().state === 'failed', { message: 'failed' });
    expect(k.status()).toEqual({ state: 'failed', lastError: 'ingest process exited with code 7; gave up after 2 restarts' });
    expect(delays).toEqual([backoffDelay(1, 0, policy), backoffDelay(2, 0, policy)]);
    expect(statuses.map((s) => (s.state === 'restarting' ? `restarting ${s.attempt}${s.nextTryAt === null ? ' now' : ''}` : s.state))).toEqual([
      'restarting 1',
      'restarting 1 now',
      'running',
      'restarting 2',
      'restarting 2 now',
      'running',
      'failed',
    ]);
    expect(k.pid).toBe(-1);
  });

  it('stop() while a restart is pending cancels it', async () => {
    const { log } = captureLogger();
    const statuses: IngestStatus[] = [];
    let fire: (() => void) | undefined;
    const k = await startKeptIngest(options('ready', log, statuses, { setTimer: (fn) => (fire = fn), clearTimer: () => (fire = undefined) }));
    kept.push(k);
    process.kill(k.pid, 'SIGKILL');
    await waitFor(() => k.status().state === 'restarting', { message: 'restarting' });
    await k.stop();
    expect(fire).toBeUndefined();
    expect(k.pid).toBe(-1);
  });

  it('replaces a child that stops answering (SIGSTOP): killed by the watchdog, restarted, and the reason said', async () => {
    const { log, lines } = captureLogger();
    const statuses: IngestStatus[] = [];
    const k = await startKeptIngest(
      options('ready', log, statuses, { watchdog: { everyMs: 100, silentMs: 800 }, setTimer: (fn) => setTimeout(fn, 0), clearTimer: (h) => clearTimeout(h as NodeJS.Timeout) }),
    );
    kept.push(k);
    const hung = k.pid;
    // A child that answers keeps running: a few watchdog periods pass without a restart.
    await new Promise((r) => setTimeout(r, 1200));
    expect(k.pid).toBe(hung);
    process.kill(hung, 'SIGSTOP');
    await waitFor(() => k.status().state === 'running' && k.pid !== hung && k.pid > 0, { message: 'a new ingest child' });
    expect(statuses[0]).toEqual({ state: 'restarting', attempt: 1, maxAttempts: 5, nextTryAt: expect.any(Number), lastError: expect.stringMatching(/^ingest process stopped answering for \d+ s; killed$/) });
    expect(lines.some((l) => l.msg === 'Ingest process stopped answering; killing it')).toBe(true);
    // The hung process is gone, not left stopped.
    await waitFor(() => {
      try {
        process.kill(hung, 0);
        return false;
      } catch {
        return true;
      }
    }, { message: 'the hung child gone' });
  });
});
