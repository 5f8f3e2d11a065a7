// Several destinations through BroadcastService with real ffmpeg and two studio ingests: each
// destination stopped and retried alone while the other stays on the air, and a destination whose
// key the server refuses fails alone (not retried) while the show goes on.
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { DestinationView, StreamSnapshot } from '../../src/shared/domain/broadcast/snapshot';
import type { BroadcastSpecInput } from '../../src/shared/domain/broadcast/spec';
import { silentLogger } from '../../src/node/infra/logger';
import { systemClock } from '../../src/node/infra/nodeCrypto';
import { BroadcastService } from '../../src/node/broadcast/broadcastService';
import { locateFfmpeg } from '../../src/node/broadcast/ffmpegLocator';
import { pickFreePorts, startIngest, type IngestHandle } from '../../src/studio/ingest/ingestProcess';
import { describeWith, ffmpeg } from '../support/prereqs';
import { tempDir } from '../support/tempDir';
import { waitFor } from '../support/waitFor';

const KEY = 'dest-key';
const expiry = () => Math.floor(Date.now() / 1000) + 86_400;

describeWith([ffmpeg()])('several destinations, each alone', () => {
  let tmp: ReturnType<typeof tempDir>;
  const ingests: IngestHandle[] = [];
  let svc: BroadcastService | undefined;
  let last: StreamSnapshot | undefined;
  const dest = (i: number): DestinationView | undefined => last?.destinations?.[i];

  beforeAll(async () => {
    tmp = tempDir();
    const ports = await pickFreePorts('127.0.0.1', 4);
    for (let i = 0; i < 2; i++) ingests[i] = await startIngest({ rtmpPort: ports[2 * i]!, httpPort: ports[2 * i + 1]!, host: '127.0.0.1', appName: 'live', pushKey: KEY, log: silentLogger() });
  }, 60_000);
  afterEach(async () => {
    await svc?.dispose();
    svc = undefined;
  });
  afterAll(async () => {
    await Promise.all(ingests.map((g) => g?.stop()));
    tmp?.cleanup();
  });

  const service = () =>
    new BroadcastService({
      log: silentLogger(),
      clock: systemClock,
      resolveFfmpeg: () => locateFfmpeg({ settingPath: null, env: process.env }),
      probeCapabilities: async (loc) => ({ ...loc, version: null, encoders: ['libx264', 'aac'], inputDevices: ['lavfi'], hardware: [], verifiedHardware: [] }),
      recordingsDir: path.join(tmp.dir, 'rec'),
      onState: (s) => (last = s),
      platform: 'linux',
    });
  const spec = (second: string): BroadcastSpecInput => ({ layout: 'test', target: { kind: 'url', url: ingests[0]!.pushUrl('a', expiry()) }, extraTargets: [{ kind: 'url', url: second }] });

  it('stops one destination and retries it while the other stays live', async () => {
    svc = service();
    await svc.start(spec(ingests[1]!.pushUrl('b', expiry())));
    await waitFor(() => dest(0)?.status === 'live' && dest(1)?.status === 'live' && last?.state.kind === 'live', { timeoutMs: 60_000, message: 'both destinations and the show live' });
    await waitFor(() => ingests[0]!.liveStreams().includes('a') && ingests[1]!.liveStreams().includes('b'), { timeoutMs: 20_000, message: 'both ingests have their stream' });
    expect(last?.target).not.toMatch(/txSecret=[0-9a-f]{32}/);
    expect(dest(1)?.target).toMatch(/txSecret=\*\*\*/);

    expect(await svc.stopDestination(1)).toBe(true);
    await waitFor(() => !ingests[1]!.liveStreams().includes('b'), { timeoutMs: 20_000, message: 'the second ingest lost its stream' });
    expect(svc.getState().destinations?.map((d) => d.status)).toEqual(['live', 'stopped']);
    expect(svc.getState().state.kind).toBe('live');
    const bytes = svc.getState().destinations?.[0]?.bytes ?? 0;
    await waitFor(() => (svc?.getState().destinations?.[0]?.bytes ?? 0) > bytes + 50_000, { timeoutMs: 20_000, message: 'the first destination still streaming' });

    expect(await svc.retryDestination(1)).toBe(true);
    await waitFor(() => svc?.getState().destinations?.[1]?.status === 'live', { timeoutMs: 30_000, message: 'the second destination live again' });
    await waitFor(() => ingests[1]!.liveStreams().includes('b'), { timeoutMs: 20_000, message: 'the second ingest has the stream again' });
    expect(ingests[0]!.liveStreams()).toContain('a');
    expect(await svc.stopDestination(5)).toBe(false);
    const end = await svc.stop();
    expect(end.state.kind).toBe('ended');
  }, 120_000);

  it('a refused key fails that destination alone, without retries; the show stays live', async () => {
    svc = service();
    await svc.start(spec(ingests[1]!.pushUrl('c', expiry()).replace(/txSecret=./, 'txSecret=0')));
    await waitFor(() => dest(1)?.status === 'failed', { timeoutMs: 60_000, message: 'the refused destination failed' });
    expect(dest(1)?.error?.code).toBe('INGEST_AUTH_REJECTED');
    expect(dest(1)?.attempt).toBe(0);
    await waitFor(() => dest(0)?.status === 'live' && svc?.getState().state.kind === 'live', { timeoutMs: 60_000, message: 'the show live on the other' });
    expect(ingests[1]!.liveStreams()).not.toContain('c');
    const end = await svc.stop();
    expect(end.state.kind).toBe('ended');
  }, 120_000);
});
