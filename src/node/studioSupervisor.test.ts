import { afterEach, describe, expect, it } from 'vitest';
import type { StudioStatus } from '../shared/studioStatus';
import { silentLogger } from './logger';
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
    await expect.poll(() => sup!.get().state).toBe('running');
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
    await expect.poll(() => sup!.get().state, { timeout: 10_000 }).toBe('failed');
    expect(seen.map((s) => s.state)).toEqual(['starting', 'running', 'restarting', 'restarting', 'running', 'failed']);
    expect(sup.get().lastError).toMatch(/exited \(3\): boom: port gone/);
  });

  it('fails clearly when the command cannot run', async () => {
    sup = new StudioSupervisor({ command: ['/nonexistent/stageside'], log: silentLogger(), onStatus: () => undefined, maxRestarts: 0 });
    sup.start();
    await expect.poll(() => sup!.get().state).toBe('failed');
  });
});
