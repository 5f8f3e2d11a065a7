// The kit's kill tests against a small real child (test/fakes/fakeChild.mjs): start failure, death
// while running, stop escalation to SIGKILL, restart with backoff. Each user repeats the four.
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/waitFor';
import { backoffDelay, type RestartPolicy } from '../../shared/domain/backoff';
import { RestartLoop, type RestartState } from './restartLoop';
import { SupervisedChild, terminateThenKill, type ChildExit, type SupervisedChildOptions } from './supervisedChild';

const FAKE = fileURLToPath(new URL('../../../test/fakes/fakeChild.mjs', import.meta.url));
const STEP_MS = 300;
const running: SupervisedChild[] = [];

/** A fake child that is ready when it prints "ready"; `q`, then SIGTERM, then SIGKILL to stop it. */
function fakeChild(mode: string, extra: Partial<SupervisedChildOptions> = {}) {
  const stderr: string[] = [];
  const child: SupervisedChild = new SupervisedChild({
    file: process.execPath,
    args: [FAKE, mode],
    stdio: ['pipe', 'pipe', 'pipe'],
    stop: { steps: [{ kind: 'stdin', text: 'q\n' }, { kind: 'signal', signal: 'SIGTERM' }, { kind: 'signal', signal: 'SIGKILL' }], stepMs: STEP_MS },
    attach: (c) => {
      createInterface({ input: c.stdout! }).on('line', (l) => l === 'ready' && child.markReady());
      createInterface({ input: c.stderr! }).on('line', (l) => stderr.push(l));
    },
    ...extra,
  });
  running.push(child);
  child.start();
  return { child, stderr };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.kill()));
});

describe('SupervisedChild: failed to start', () => {
  it('a binary that cannot be spawned', async () => {
    const { child } = fakeChild('ready', { file: '/nonexistent/child' });
    expect(await child.whenExit()).toMatchObject({ phase: 'spawn-failed', outcome: 'start-failed', stopRequested: false, spawnError: { code: 'ENOENT' } });
    expect(child.pid).toBeUndefined();
  });

  it('an exit before it was ready, with all its output read by then', async () => {
    const { child, stderr } = fakeChild('exit:3');
    expect(await child.whenExit()).toEqual({ code: 3, signal: null, phase: 'starting', outcome: 'start-failed', stopRequested: false, startTimedOut: false });
    expect(stderr).toEqual(['cannot start: no such device']);
  });

  it('not ready within startTimeoutMs: killed and reported as a start failure', async () => {
    let timeouts = 0;
    const { child } = fakeChild('silent', { startTimeoutMs: 300, onStartTimeout: () => timeouts++ });
    expect(await child.whenExit()).toMatchObject({ signal: 'SIGKILL', phase: 'starting', outcome: 'start-failed', startTimedOut: true, stopRequested: false });
    expect(timeouts).toBe(1);
  });
});

describe('SupervisedChild: died while running', () => {
  it('an exit after it was ready', async () => {
    const exits: ChildExit[] = [];
    const { child, stderr } = fakeChild('die:4:100', { startTimeoutMs: 10_000, onExit: (e) => exits.push(e) });
    await child.whenReady();
    const exit = await child.whenExit();
    expect(exit).toEqual({ code: 4, signal: null, phase: 'running', outcome: 'died', stopRequested: false, startTimedOut: false });
    expect(exits).toEqual([exit]);
    expect(stderr).toContain('fatal: lost the device');
  });
});

describe('SupervisedChild: stop', () => {
  it('is idempotent and ends at the first step the child obeys', async () => {
    const { child } = fakeChild('ready');
    await child.whenReady();
    const a = child.stop();
    expect(child.stop()).toBe(a);
    expect(await a).toMatchObject({ code: 0, signal: null, phase: 'running', outcome: 'stopped', stopRequested: true });
    expect(await child.stop()).toBe(await a);
  });

  it('escalates to SIGKILL on a child that ignores q and SIGTERM, one step per stepMs', async () => {
    const { child, stderr } = fakeChild('stubborn');
    await child.whenReady();
    const t0 = Date.now();
    const exit = await child.stop();
    expect(exit).toMatchObject({ signal: 'SIGKILL', outcome: 'stopped' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2 * STEP_MS - 50);
    expect(stderr).toEqual(['ignored q', 'ignored SIGTERM']);
  });

  it('runs any escalation: an IPC-style call, then SIGTERM, then SIGKILL', async () => {
    const calls: number[] = [];
    const { child } = fakeChild('stubborn', {
      stop: { steps: [{ kind: 'call', run: (c) => calls.push(c.pid ?? -1) }, { kind: 'signal', signal: 'SIGTERM' }, { kind: 'signal', signal: 'SIGKILL' }], stepMs: 100 },
    });
    await child.whenReady();
    expect(await child.stop()).toMatchObject({ signal: 'SIGKILL' });
    expect(calls).toEqual([child.pid]);
    const polite = fakeChild('ready', { stop: terminateThenKill(10_000) });
    await polite.child.whenReady();
    expect(await polite.child.stop()).toMatchObject({ signal: 'SIGTERM', outcome: 'stopped' });
  });

  it('kill() ends a stop in progress at once', async () => {
    const { child } = fakeChild('stubborn', { stop: terminateThenKill(60_000) });
    await child.whenReady();
    const stopping = child.stop();
    const killed = await child.kill();
    expect(killed).toMatchObject({ signal: 'SIGKILL', outcome: 'stopped' });
    expect(await stopping).toBe(killed);
  });

  it('before start: reported as never run, and start() does nothing after', async () => {
    const child = new SupervisedChild({ file: process.execPath, args: [FAKE], stdio: 'ignore', stop: terminateThenKill(100) });
    expect(await child.stop()).toMatchObject({ phase: 'spawn-failed', outcome: 'stopped', stopRequested: true });
    child.start();
    expect(child.pid).toBeUndefined();
  });
});

/** Timers that record each delay asked for and then fire at once, so backoff is checked without waiting it out. */
function recordingTimers(fire = true) {
  const delays: number[] = [];
  const cleared: unknown[] = [];
  return {
    delays,
    cleared,
    setTimer: (fn: () => void, ms: number) => (delays.push(ms), fire ? setTimeout(fn, 0) : Symbol('pending')),
    clearTimer: (h: unknown) => void cleared.push(h),
  };
}

describe('RestartLoop: restart with backoff', () => {
  const policy: RestartPolicy = { baseMs: 1000, factor: 2, capMs: 30_000, jitter: 0.2, maxAttempts: 3 };
  let loop: RestartLoop | undefined;
  afterEach(async () => loop?.stop());

  function startLoop(mode: string, p: RestartPolicy, extra: Partial<ConstructorParameters<typeof RestartLoop>[0]> = {}) {
    const states: RestartState[] = [];
    const timers = recordingTimers();
    loop = new RestartLoop({ policy: p, spawn: () => fakeChild(mode).child, onState: (s) => states.push(s), random: () => 0.25, ...timers, ...extra });
    loop.start();
    return { loop, states, timers };
  }

  it('restarts a child that dies, each after the shared backoff, and gives up after maxAttempts', async () => {
    const { loop, states, timers } = startLoop('die:5:50', policy);
    await waitFor(() => loop.current.kind === 'gave-up', { message: 'gave-up' });
    expect(timers.delays).toEqual([1, 2, 3].map((a) => backoffDelay(a, 0.25, policy)));
    expect(states.map((s) => s.kind)).toEqual([
      ...['starting', 'running', 'waiting'], ...['starting', 'running', 'waiting'], ...['starting', 'running', 'waiting'], ...['starting', 'running', 'gave-up'],
    ]);
    expect(states.filter((s) => s.kind === 'starting').map((s) => s.kind === 'starting' && s.attempt)).toEqual([0, 1, 2, 3]);
    expect(loop.current).toMatchObject({ kind: 'gave-up', attempt: 4, lastExit: { code: 5, outcome: 'died' } });
  });

  it('restarts a child that failed to start the same way', async () => {
    const { loop, states } = startLoop('exit:2', { ...policy, maxAttempts: 1 });
    await waitFor(() => loop.current.kind === 'gave-up', { message: 'gave-up' });
    expect(states.map((s) => s.kind)).toEqual(['starting', 'waiting', 'starting', 'gave-up']);
    expect(states[1]).toMatchObject({ kind: 'waiting', attempt: 1, lastExit: { code: 2, outcome: 'start-failed' } });
  });

  it('starts the count over after a stable run', async () => {
    let now = 0;
    const states: RestartState[] = [];
    const { loop } = startLoop('die:5:50', { ...policy, maxAttempts: 1, stableMs: 5000 }, {
      clock: { now: () => now },
      // Every run "lasts" 10 s on the injected clock.
      onState: (s) => (states.push(s), s.kind === 'running' && (now += 10_000)),
    });
    await waitFor(() => states.filter((s) => s.kind === 'waiting').length >= 3, { message: 'three restarts' });
    expect(states.filter((s) => s.kind === 'waiting').map((s) => s.kind === 'waiting' && s.attempt)).toEqual([1, 1, 1]);
    expect(states.some((s) => s.kind === 'gave-up')).toBe(false);
    await loop.stop();
    expect(loop.current.kind).toBe('stopped');
  });

  it('stop() cancels a pending restart, or stops the run with its escalation', async () => {
    const timers = recordingTimers(false);
    const states: RestartState[] = [];
    loop = new RestartLoop({ policy, spawn: () => fakeChild('die:5:50').child, onState: (s) => states.push(s), random: () => 0.5, ...timers });
    loop.start();
    await waitFor(() => loop!.current.kind === 'waiting', { message: 'waiting' });
    await loop.stop();
    expect(loop.current).toMatchObject({ kind: 'stopped', lastExit: { outcome: 'died' } });
    expect(timers.cleared).toHaveLength(1);

    const up = startLoop('stubborn', policy).loop;
    await waitFor(() => up.current.kind === 'running', { message: 'running' });
    const a = up.stop();
    expect(up.stop()).toBe(a);
    await a;
    expect(up.current).toMatchObject({ kind: 'stopped', lastExit: { signal: 'SIGKILL', outcome: 'stopped' } });
  });
});
