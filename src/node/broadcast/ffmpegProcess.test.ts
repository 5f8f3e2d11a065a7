import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../nodeCrypto';
import { FfmpegProcess, type FfmpegExit, type FfmpegProcessOptions, type Spawner } from './ffmpegProcess';

const FAKE = fileURLToPath(new URL('../../../test/fakes/fakeFfmpeg.mjs', import.meta.url));
const withEnv = (env: Record<string, string>): Spawner => (file, args, o) => spawn(file, args, { ...o, env: { ...process.env, ...env } });

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
  proc.start();
  return { proc, events, exited };
}

describe('FfmpegProcess against the fake ffmpeg', () => {
  it('reads progress blocks and stops gracefully with q (idempotent)', async () => {
    const { proc, events, exited } = runFake({ FAKE_FFMPEG: 'progress' });
    await new Promise((r) => setTimeout(r, 400));
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
    await new Promise((r) => setTimeout(r, 1000));
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
    await new Promise((r) => setTimeout(r, 200));
    expect(await k.proc.kill()).toMatchObject({ signal: 'SIGKILL' });
  });

  it('masks push secrets in stderr lines', async () => {
    const { exited, events } = runFake({ FAKE_FFMPEG: 'exit:1', FAKE_STDERR: 'Error writing trailer of rtmp://h/live/s?txSecret=deadbeef&txTime=1: Broken pipe' });
    await exited;
    expect(events.stderr.join('\n')).not.toContain('deadbeef');
    expect(events.stderr.join('\n')).toContain('txSecret=***');
  });
});
