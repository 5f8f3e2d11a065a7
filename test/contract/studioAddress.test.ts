// The studio keeps its address, and a broadcast follows it when it has to move (issue 14 items 1 and
// 3): node services run the real studio child with its ingest, as the app does. Killed, the studio is
// restarted on the same ports. Stopped while a Go Live pushes to it, then started again with its
// saved RTMP port held by another program: it moves, the status says so, RoomService's push URL is
// the new one, and the broadcast's next reconnect pushes there (real ffmpeg) without a stop.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, ffmpeg, linux } from '../support/prereqs';
import type { StreamSnapshot } from '../../src/shared/domain/broadcast';
import type { StudioStatus } from '../../src/shared/studioStatus';
import { servicesWithStudio, type ServicesWithStudio } from '../support/servicesWithStudio';
import { waitFor } from '../support/waitFor';

/** Linux: the PID of the studio process running on `studioDir` (its command line names the folder). */
function studioPid(studioDir: string): number | undefined {
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const args = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (args.includes('studio') && args.includes(studioDir)) return Number(d);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

const portOf = (url: string | null | undefined): number => Number(new URL(url!).port);
const SLOW = { timeoutMs: 45_000 };

describeWith([ffmpeg(), linux()])('the studio keeps its address; a broadcast follows it when it moves', () => {
  let ctx: ServicesWithStudio;
  const statuses: StudioStatus[] = [];
  const states: StreamSnapshot[] = [];
  const holders: net.Server[] = [];

  beforeAll(async () => {
    ctx = await servicesWithStudio({ ingest: true });
    ctx.services.events.add({
      emit: (name, payload) => {
        if (name === 'studio:status') statuses.push(payload as StudioStatus);
        if (name === 'broadcast:state') states.push(payload as StreamSnapshot);
      },
    });
  }, 40_000);

  afterAll(async () => {
    await ctx?.call('broadcast:stop', {});
    await ctx?.close();
    await Promise.all(holders.map((h) => new Promise((r) => h.close(r))));
  }, 30_000);

  it('killed, the studio is restarted on the same ports', async () => {
    const studio = ctx.services.studio!;
    const before = studio.get().info!;
    const pid = await waitFor(() => studioPid(path.join(ctx.services.info.dataDir, 'studio')), { message: 'the studio process' });
    process.kill(pid, 'SIGKILL');
    await waitFor(() => studio.get().state === 'running' && studio.get().restarts === 1, { ...SLOW, message: 'the restarted studio' });
    // The callbacks service is the studio's own business (main follows it through the status), not part of its address.
    const address = ({ restBaseUrl, realtimeUrl, viewerUrl, rtmpIngestUrl, playBaseUrl }: typeof before) => ({ restBaseUrl, realtimeUrl, viewerUrl, rtmpIngestUrl, playBaseUrl });
    expect(address(studio.get().info!)).toEqual(address(before));
    expect(studio.get().info!.portsMoved).toBeUndefined();
  }, 60_000);

  it('moved onto a new RTMP port while a Go Live pushes to it: the next reconnect pushes to the new address', async () => {
    const studio = ctx.services.studio!;
    const before = studio.get().info!;
    const started = await ctx.call('broadcast:start', { spec: { layout: 'test', video: { preset: '720p30', fps: 15, bitrateKbps: 800 }, target: { kind: 'studio' } } });
    expect(started.ok ? 'ok' : started.error).toBe('ok');
    // Live for a few seconds of media, so the drop below is a drop of a live push (reconnected), not a refusal.
    await waitFor(() => states.some((s) => s.state.kind === 'live' && (s.state.stats?.outTimeMs ?? 0) >= 3000), { ...SLOW, message: 'three seconds live' });
    expect(states.at(-1)!.target).toMatch(new RegExp(`^rtmp://127\\.0\\.0\\.1:${portOf(before.rtmpIngestUrl)}/live/demo\\?txSecret=\\*+&txTime=`));

    // Restart studio, with another program taking its RTMP port in between.
    await studio.stop();
    const holder = net.createServer();
    await new Promise<void>((resolve, reject) => holder.once('error', reject).listen(portOf(before.rtmpIngestUrl), '127.0.0.1', resolve));
    holders.push(holder);
    const fromHere = states.length;
    studio.start();

    const moved = await waitFor(() => statuses.find((s) => s.state === 'running' && s.info?.portsMoved?.length), { ...SLOW, message: 'the status naming the move' });
    const after = moved.info!;
    expect(after.portsMoved).toEqual([{ port: 'rtmp', from: portOf(before.rtmpIngestUrl), to: portOf(after.rtmpIngestUrl) }]);
    expect(after.restBaseUrl).toBe(before.restBaseUrl);
    const copied = await ctx.call('room:copyPushUrl', { part: 'url' });
    if (!copied.ok) throw new Error(copied.error.message);
    expect(copied.value.text!.startsWith(`${after.rtmpIngestUrl}/demo?txSecret=`)).toBe(true);

    const newTarget = new RegExp(`^rtmp://127\\.0\\.0\\.1:${portOf(after.rtmpIngestUrl)}/live/demo\\?txSecret=\\*+&txTime=`);
    const liveAgain = await waitFor(() => states.slice(fromHere).find((s) => s.state.kind === 'live' && newTarget.test(s.target ?? '')), { ...SLOW, message: 'live on the new address' });
    expect(liveAgain.state).toMatchObject({ kind: 'live' });
    const onAir = async () => ((await (await fetch(`${after.restBaseUrl}/healthz`)).json()) as { onAir: string[] }).onAir;
    await waitFor(async () => (await onAir()).includes('demo'), { ...SLOW, message: 'the push on the new ingest' });
    // Never given up, never stopped: the same Go Live reconnected.
    expect(states.slice(fromHere).some((s) => s.state.kind === 'reconnecting')).toBe(true);
    expect(states.some((s) => s.state.kind === 'failed' || s.state.kind === 'ended')).toBe(false);

    const stopped = await ctx.call('broadcast:stop', {});
    expect(stopped.ok && stopped.value.state.kind).toBe('ended');
  }, 120_000);
});
