// startIngest's option checks, and the supervision kit's four kill checks for the ingest (failed to
// start, died while running, stop escalation, restart policy) against a fake ingest child.
import { fileURLToPath } from 'node:url';
import type pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor as pollUntil } from '../../../test/support/waitFor';
import { RestartLoop, type RestartState } from '../../node/process/restartLoop';
import { backoffDelay, type RestartPolicy } from '../../shared/domain/backoff';
import { type IngestExit, type IngestHandle, type IngestOptions, IngestStartError, IngestSupervisor, pickFreePorts, startIngest } from './ingestProcess';
import { captureLogger, PUSH_KEY } from './ingestProcess.testkit';

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
