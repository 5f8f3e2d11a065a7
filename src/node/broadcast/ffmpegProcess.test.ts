// FfmpegProcess against the fake ffmpeg, including the supervision kit's four kill checks (start
// failure, death while running, stop escalation to SIGKILL, restart with backoff) for ffmpeg runs.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/waitFor';
import { backoffDelay } from '../../shared/domain/backoff';
import { defaultBackoff } from '../../shared/domain/broadcast/stateMachine';
import { systemClock } from '../infra/nodeCrypto';
import { RestartLoop, type RestartState } from '../process/restartLoop';
import { FfmpegProcess, type FfmpegExit, type FfmpegProcessOptions, type Spawner } from './ffmpegProcess';

const FAKE = fileURLToPath(new URL('../../../test/fakes/fakeFfmpeg.mjs', import.meta.url));
const withEnv = (env: Record<string, string>): Spawner => (file, args, o) => spawn(file, args, { ...o, env: { ...process.env, ...env } });
const started: FfmpegProcess[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.kill()));
});

function runFake(env: Record<string, string>, extra: Partial<FfmpegProcessOptions> = {}) {
  const events = { progress: 0, stderr: [] as string[], stall: 0, spawned: false };
  let resolveExit!: (e: FfmpegExit) => void;
  const exited = new Promise<FfmpegExit>((r) => (resolveExit = r));
  const proc = new FfmpegProcess({
    file: FAKE,
    args: ['-i', 'rtmp://h/live/s?txSecret=deadbeef&txTime=1'],
    clock: systemClock,
    spawner: withEnv(env),
    stallMs: 400,
    startGraceMs: 400,
    stopPhaseMs: 300,
    onSpawn: () => (events.spawned = true),
    onProgress: () => events.progress++,
    onStderr: (l) => events.stderr.push(l),
    onStall: () => events.stall++,
    onExit: resolveExit,
    ...extra,
  });
  started.push(proc);
  proc.start();
  return { proc, events, exited };
}

describe('FfmpegProcess against the fake ffmpeg', () => {
  it('reads progress blocks and stops gracefully with q (idempotent)', async () => {
    const { proc, events, exited } = runFake({ FAKE_FFMPEG: 'progress' });
    await waitFor(() => events.progress > 1, { message: 'two progress blocks' });
    expect(events.progress).toBeGreaterThan(1);
    expect(proc.lastProgress?.bitrateKbps).toBe(2500.3);
    const [a, b] = await Promise.all([proc.stop(), proc.stop()]);
    expect(a).toBe(b);
    expect(a).toMatchObject({ code: 0, phase: 'running', stopRequested: true });
    expect(await exited).toBe(a);
    expect(await proc.stop()).toBe(a);
  });

  it('tells a failure to start (exit before progress) from a death while running', async () => {
    const early = runFake({ FAKE_FFMPEG: 'exit:1', FAKE_STDERR: '/dev/video9: No such file or directory' });
    expect(await early.exited).toMatchObject({ code: 1, phase: 'before-progress', stopRequested: false });
    expect(early.events.stderr).toContain('/dev/video9: No such file or directory');

    const late = runFake({ FAKE_FFMPEG: 'die:1', FAKE_AFTER_MS: '300' });
    expect(await late.exited).toMatchObject({ code: 1, phase: 'running', stopRequested: false });
  });

  it('reports a binary that cannot be spawned', async () => {
    const { exited } = runFake({}, { file: '/nonexistent/ffmpeg', spawner: undefined });
    expect(await exited).toMatchObject({ phase: 'spawn-failed', spawnError: { code: 'ENOENT' } });
  });

  it('detects a stall, and stop escalates to SIGKILL on a process that ignores q and SIGTERM', async () => {
    const { proc, events } = runFake({ FAKE_FFMPEG: 'hang' });
    await waitFor(() => events.stall > 0, { message: 'the stall' });
    expect(events.stall).toBe(1);
    const t0 = Date.now();
    const exit = await proc.stop();
    expect(exit.signal).toBe('SIGKILL');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(550);
  });

  it('reports a crash by signal, and kill() ends a run at once', async () => {
    const crash = runFake({ FAKE_FFMPEG: 'crash', FAKE_AFTER_MS: '200' });
    expect(await crash.exited).toMatchObject({ signal: 'SIGSEGV', phase: 'running' });
    const k = runFake({ FAKE_FFMPEG: 'progress' });
    await waitFor(() => k.events.progress > 0, { message: 'running' });
    expect(await k.proc.kill()).toMatchObject({ signal: 'SIGKILL' });
  });

  it('masks push secrets in stderr lines', async () => {
    const { exited, events } = runFake({ FAKE_FFMPEG: 'exit:1', FAKE_STDERR: 'Error writing trailer of rtmp://h/live/s?txSecret=deadbeef&txTime=1: Broken pipe' });
    await exited;
    expect(events.stderr.join('\n')).not.toContain('deadbeef');
    expect(events.stderr.join('\n')).toContain('txSecret=***');
  });
});

describe('ffmpeg runs under the kit\'s restart policy', () => {
  it('a run that dies is restarted after the stream\'s backoff, until maxAttempts', async () => {
    const policy = { ...defaultBackoff, maxAttempts: 2 };
    const delays: number[] = [];
    const states: RestartState[] = [];
    const loop = new RestartLoop({
      policy,
      spawn: () => runFake({ FAKE_FFMPEG: 'die:1', FAKE_AFTER_MS: '150' }).proc.child,
      onState: (s) => states.push(s),
      random: () => 0.5,
      // Record the delays, fire at once.
      setTimer: (fn, ms) => (delays.push(ms), setTimeout(fn, 0)),
      clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
    });
    loop.start();
    await waitFor(() => loop.current.kind === 'gave-up', { message: 'gave-up' });
    expect(delays).toEqual([backoffDelay(1, 0.5, policy), backoffDelay(2, 0.5, policy)]);
    // Ready at the first progress block, so each run was running before it died.
    expect(states.map((s) => s.kind)).toEqual(['starting', 'running', 'waiting', 'starting', 'running', 'waiting', 'starting', 'running', 'gave-up']);
    expect(loop.current).toMatchObject({ lastExit: { code: 1, outcome: 'died' } });
  });
});
