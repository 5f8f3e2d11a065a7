// StudioSupervisor against stand-in studios (node -e), including the supervision kit's four kill
// checks: start failure, death while running, stop escalation to SIGKILL, restart with backoff.
import { afterEach, describe, expect, it } from 'vitest';
import { patiently } from '../../../test/support/waitFor';
import { backoffDelay } from '../../shared/domain/backoff';
import type { StudioStatus } from '../../shared/studioStatus';
import { silentLogger } from '../infra/logger';
import { StudioSupervisor } from './studioSupervisor';

const LINE = {
  restBaseUrl: 'http://127.0.0.1:1',
  realtimeUrl: 'ws://127.0.0.1:1/realtime',
  rtmpIngestUrl: null,
  playBaseUrl: null,
  viewerUrl: 'http://127.0.0.1:1/viewer/',
  sdkAppId: 1400000001,
  adminIdentifier: 'administrator',
  demoRoomId: 'demo',
  secretKey: 'k'.repeat(64),
  pushKey: 'p'.repeat(32),
};

/** A stand-in studio: prints its JSON line, then lives (or dies after `dieAfterMs`). */
const fakeStudio = (dieAfterMs?: number) => [
  process.execPath,
  '-e',
  `console.log(${JSON.stringify(JSON.stringify(LINE))}); ${dieAfterMs === undefined ? 'setInterval(() => {}, 1000);' : `setTimeout(() => { console.error('boom: port gone'); process.exit(3); }, ${dieAfterMs});`}`,
];

describe('StudioSupervisor', () => {
  let sup: StudioSupervisor | undefined;
  afterEach(async () => sup?.stop());

  it('reports running with public info only and keeps the keys on the Node side', async () => {
    const seen: StudioStatus[] = [];
    const secrets: string[] = [];
    sup = new StudioSupervisor({ command: fakeStudio(), log: silentLogger(), onStatus: (s) => seen.push(s), onSecrets: (k, p) => secrets.push(k, p) });
    sup.start();
    await expect.poll(() => sup!.get().state, patiently).toBe('running');
    expect(seen.map((s) => s.state)).toEqual(['starting', 'running']);
    expect(JSON.stringify(seen)).not.toContain(LINE.secretKey);
    expect(sup.get().info?.viewerUrl).toBe(LINE.viewerUrl);
    expect(sup.credentials()).toEqual({ secretKey: LINE.secretKey, pushKey: LINE.pushKey, callbacksAdminToken: null });
    expect(secrets).toEqual([LINE.secretKey, LINE.pushKey]);
    await sup.stop();
    expect(sup.get().state).toBe('off');
  });

  it('restarts a studio that dies, and gives up after the limit with the reason', async () => {
    const seen: StudioStatus[] = [];
    sup = new StudioSupervisor({ command: fakeStudio(50), log: silentLogger(), onStatus: (s) => seen.push(s), maxRestarts: 1 });
    sup.start();
    await expect.poll(() => sup!.get().state, patiently).toBe('failed');
    expect(seen.map((s) => s.state)).toEqual(['starting', 'running', 'restarting', 'restarting', 'running', 'failed']);
    expect(sup.get().lastError).toMatch(/exited \(3\): boom: port gone/);
  });

  // Issue 13 item 11: the Local studio panel said "Running" while the studio's ingest was down.
  it("carries the ingest's state from the studio's later lines while the studio keeps running", async () => {
    const seen: StudioStatus[] = [];
    const line = (o: unknown) => `console.log(${JSON.stringify(JSON.stringify(o))});`;
    const restarting = { state: 'restarting', attempt: 1, maxAttempts: 5, nextTryAt: 1_700_000_000_000, lastError: 'ingest process killed by SIGKILL' };
    sup = new StudioSupervisor({
      command: [
        process.execPath,
        '-e',
        `${line({ ...LINE, ingest: { state: 'running', restarts: 0 } })} setTimeout(() => { ${line({ ingest: restarting })} }, 50);` +
          ` setTimeout(() => { ${line({ ingest: { state: 'running', restarts: 1 } })} }, 100); setInterval(() => {}, 1000);`,
      ],
      log: silentLogger(),
      onStatus: (s) => seen.push(s),
    });
    sup.start();
    await expect.poll(() => sup!.get().ingest, patiently).toEqual({ state: 'running', restarts: 1 });
    expect(seen.map((s) => [s.state, s.ingest?.state])).toEqual([
      ['starting', undefined],
      ['running', 'running'],
      ['running', 'restarting'],
      ['running', 'running'],
    ]);
    expect(seen[2]!.ingest).toEqual(restarting);
    expect(seen[2]!.info?.viewerUrl).toBe(LINE.viewerUrl);
  });

  it('fails clearly when the command cannot run', async () => {
    sup = new StudioSupervisor({ command: ['/nonexistent/stageside'], log: silentLogger(), onStatus: () => undefined, maxRestarts: 0 });
    sup.start();
    await expect.poll(() => sup!.get().state, patiently).toBe('failed');
  });
});

/** A stand-in studio that runs `body` (JavaScript) after printing its JSON line if `printLine`. */
// The JSON line comes after the body's set-up (e.g. a SIGTERM handler), so the supervisor never acts
// on a fake studio that is not ready for it yet.
const studio = (body: string, printLine = true) => [process.execPath, '-e', `${body} ${printLine ? `console.log(${JSON.stringify(JSON.stringify(LINE))});` : ''}`];

describe('StudioSupervisor on the supervision kit', () => {
  let sup: StudioSupervisor | undefined;
  afterEach(async () => sup?.stop());

  it('failed to start: an exit before its JSON line, and no line in time, are failures with the reason', async () => {
    sup = new StudioSupervisor({ command: studio(`console.error('port 5000 in use'); process.exit(2);`, false), log: silentLogger(), onStatus: () => undefined, maxRestarts: 0 });
    sup.start();
    await expect.poll(() => sup!.get().state, patiently).toBe('failed');
    expect(sup.get().lastError).toBe('studio exited (2): port 5000 in use');

    const seen: StudioStatus[] = [];
    sup = new StudioSupervisor({ command: studio('setInterval(() => {}, 1000);', false), log: silentLogger(), onStatus: (s) => seen.push(s), maxRestarts: 0, startTimeoutMs: 300 });
    sup.start();
    await expect.poll(() => sup!.get().state, patiently).toBe('failed');
    expect(seen.map((s) => s.state)).toEqual(['starting', 'failed']);
    expect(sup.get().lastError).toBe('studio exited (SIGKILL)');
  });

  it('died while running: restarted, with the reason', async () => {
    const seen: StudioStatus[] = [];
    sup = new StudioSupervisor({ command: studio(`setTimeout(() => { console.error('engine crashed'); process.exit(5); }, 50);`), log: silentLogger(), onStatus: (s) => seen.push(s), maxRestarts: 1 });
    sup.start();
    await expect.poll(() => seen.find((s) => s.state === 'restarting'), patiently).toMatchObject({ restarts: 1, lastError: 'studio exited (5): engine crashed' });
  });

  it('stop escalates from SIGTERM to SIGKILL on a studio that ignores SIGTERM', async () => {
    const seen: StudioStatus[] = [];
    sup = new StudioSupervisor({ command: studio(`process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);`), log: silentLogger(), onStatus: (s) => seen.push(s), stopPhaseMs: 200 });
    sup.start();
    await expect.poll(() => sup!.get().state, patiently).toBe('running');
    const t0 = Date.now();
    const [a, b] = [sup.stop(), sup.stop()];
    await Promise.all([a, b]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    expect(seen.map((s) => s.state)).toEqual(['starting', 'running', 'off']);
  });

  it('restarts after 1 s, 2 s, 4 s (the shared backoff), then gives up', async () => {
    const delays: number[] = [];
    sup = new StudioSupervisor({
      command: studio('setTimeout(() => process.exit(3), 50);'),
      log: silentLogger(),
      onStatus: () => undefined,
      maxRestarts: 3,
      // Record the delays, fire at once.
      setTimer: (fn, ms) => (delays.push(ms), setTimeout(fn, 0)),
      clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
    });
    sup.start();
    await expect.poll(() => sup!.get().state, patiently).toBe('failed');
    expect(delays).toEqual([1000, 2000, 4000]);
    expect(delays).toEqual([1, 2, 3].map((a) => backoffDelay(a, 0, { baseMs: 1000, factor: 2, capMs: 30_000, jitter: 0 })));
    expect(sup.get()).toMatchObject({ state: 'failed', restarts: 4 });
  });
});
