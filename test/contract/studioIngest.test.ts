// The studio keeps its ingest up (issue 13 item 11): node services run the real studio child with its
// ingest, as the app does; the ingest child is SIGKILLed while the studio runs → the studio status
// the console gets says the ingest is restarting (the studio itself stays running, same address),
// then running again, and a real ffmpeg push to the same ingest URL is accepted. Needs Debian's ffmpeg.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, ffmpeg, linux } from '../support/prereqs';
import type { StudioStatus } from '../../src/shared/studioStatus';
import { push, spawned } from '../../src/studio/ingest/ingestProcess.testkit';
import { servicesWithStudio, type ServicesWithStudio } from '../support/servicesWithStudio';
import { patiently, waitFor } from '../support/waitFor';

/** Linux: a process's parent PID and command line, from /proc. */
function proc(pid: number): { ppid: number; cmdline: string } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return { ppid, cmdline: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ') };
  } catch {
    return null;
  }
}

/** The PID of the ingest child of the studio that runs on `studioDir`; undefined while there is none. */
function ingestPid(studioDir: string): number | undefined {
  const all = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  const studios = new Set(all.filter((pid) => proc(pid)?.cmdline.includes(studioDir)));
  return all.find((pid) => {
    const p = proc(pid);
    return p !== null && studios.has(p.ppid) && /ingestChild/.test(p.cmdline);
  });
}

describeWith([ffmpeg(), linux()])('the studio restarts its ingest when it dies', () => {
  let ctx: ServicesWithStudio;
  const statuses: StudioStatus[] = [];

  beforeAll(async () => {
    ctx = await servicesWithStudio({ ingest: true });
    ctx.services.events.add({ emit: (name, payload) => name === 'studio:status' && statuses.push(payload as StudioStatus) });
  }, 40_000);

  afterAll(async () => {
    for (const p of spawned) p.kill('SIGKILL');
    await ctx?.close();
  });

  it('kill the ingest child → restarting, then running again, and a new push is accepted', async () => {
    const studio = ctx.services.studio!;
    const studioDir = path.join(ctx.services.info.dataDir, 'studio');
    await expect.poll(() => studio.get().ingest, patiently).toEqual({ state: 'running', restarts: 0 });
    const before = studio.get().info!;
    const first = await waitFor(() => ingestPid(studioDir), { message: 'the ingest child' });

    process.kill(first, 'SIGKILL');
    const down = await waitFor(() => statuses.find((s) => s.ingest?.state === 'restarting'), { message: 'a restarting status' });
    expect(down).toMatchObject({ state: 'running', ingest: { state: 'restarting', attempt: 1, lastError: 'ingest process killed by SIGKILL' } });
    await expect.poll(() => studio.get().ingest, patiently).toEqual({ state: 'running', restarts: 1 });
    // The studio itself never stopped: same address, same ingest URL.
    expect(statuses.every((s) => s.state === 'running')).toBe(true);
    expect(studio.get().info).toEqual(before);
    const second = await waitFor(() => ingestPid(studioDir), { message: 'the new ingest child' });
    expect(second).not.toBe(first);

    const url = await ctx.call('room:copyPushUrl', { part: 'url' });
    if (!url.ok) throw new Error(url.error.message);
    expect(url.value.text!.startsWith(`${before.rtmpIngestUrl}/demo?txSecret=`)).toBe(true);
    const ffmpeg = push(url.value.text!, 20);
    const onAir = async () => ((await (await fetch(`${before.restBaseUrl}/healthz`)).json()) as { onAir: string[] }).onAir;
    await expect.poll(onAir, patiently).toContain('demo');
    ffmpeg.proc.kill('SIGINT');
    await ffmpeg.exited;
    await expect.poll(onAir, patiently).not.toContain('demo');
  }, 60_000);
});
