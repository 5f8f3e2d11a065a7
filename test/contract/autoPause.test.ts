// The room pauses itself when the push drops (#14 item 5), end to end in Node: node services run
// the real studio (with its ingest), Go Live pushes the test pattern with real ffmpeg, ffmpeg is
// SIGKILLed mid-show → the room's status field reads paused once the push has been down for the
// threshold, and live again after the broadcast reconnected by itself; an operator's status
// change meanwhile wins. Needs Debian's ffmpeg.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, ffmpeg } from '../support/prereqs';
import type { StreamSnapshot } from '../../src/shared/domain/broadcast';
import type { AutoPauseSnapshot } from '../../src/shared/roomContract';
import { servicesWithStudio, type ServicesWithStudio } from '../support/servicesWithStudio';
import { waitFor } from '../support/waitFor';

const LONG = 45_000;

describeWith([ffmpeg()])('auto-pause against the studio with real ffmpeg', () => {
  let ctx: ServicesWithStudio;
  let ffmpegPid: number | undefined;
  const states: StreamSnapshot[] = [];
  const journals: AutoPauseSnapshot[] = [];

  const value = async <T,>(r: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> => {
    const x = await r;
    if (!x.ok) throw new Error(x.error.message);
    return x.value;
  };
  /** The room_status field as the studio's REST API reports it (room:info → get_group_info). */
  const roomStatus = async () => (await value(ctx.call('room:info', {}))).fields.room_status;
  const kind = () => states.at(-1)?.state.kind;
  /** SIGKILLs the running ffmpeg, as a crash would, and waits until the broadcast has seen the drop. */
  const killFfmpeg = async () => {
    const pid = ffmpegPid!;
    const before = states.length;
    process.kill(pid, 'SIGKILL');
    await waitFor(() => states.slice(before).some((s) => s.state.kind === 'reconnecting'), { timeoutMs: LONG, message: 'reconnecting after the kill' });
  };

  beforeAll(async () => {
    ctx = await servicesWithStudio({ ingest: true, lock: { setChild: (role, pid) => void (role === 'ffmpeg' && pid !== undefined && (ffmpegPid = pid)) } });
    ctx.services.events.add({
      emit: (name, payload) => {
        if (name === 'broadcast:state') states.push(payload as StreamSnapshot);
        if (name === 'room:autoPause') journals.push(payload as AutoPauseSnapshot);
      },
    });
    // A short threshold: one killed ffmpeg is back within about 3 s (a 2 s reconnect delay, ±20 %).
    const s = ctx.services.settings.get().settings;
    expect(s.broadcast.autoPause).toEqual({ enabled: true, afterSeconds: 5 });
    await value(ctx.call('settings:save', { ...s, broadcast: { ...s.broadcast, autoPause: { enabled: true, afterSeconds: 1 } } }));
    await value(ctx.call('room:setStatus', { status: 'live' }));
    await value(ctx.call('broadcast:start', { spec: { layout: 'test', video: { preset: '720p30' }, target: { kind: 'studio' } } }));
    await waitFor(() => kind() === 'live' && ffmpegPid, { timeoutMs: LONG, message: 'live' });
  }, 90_000);

  afterAll(async () => {
    await ctx?.call('broadcast:stop', {});
    await ctx?.close();
  }, 60_000);

  it('pauses the room after the threshold when ffmpeg is killed, and sets it live again when the push is back', async () => {
    expect(await roomStatus()).toBe('live');
    await killFfmpeg();
    const lostAt = states.find((s) => s.state.kind === 'reconnecting')!.at;
    await expect.poll(roomStatus, { timeout: LONG }).toBe('paused');
    await waitFor(() => kind() === 'live' && states.filter((s) => s.state.kind === 'reconnecting').length > 0, { timeoutMs: LONG, message: 'live again' });
    await expect.poll(roomStatus, { timeout: LONG }).toBe('live');

    const journal = await value(ctx.call('room:getAutoPause', {}));
    expect(journal.entries.map((e) => e.kind)).toEqual(['paused', 'resumed']);
    const [paused, resumed] = journal.entries;
    expect(paused).toMatchObject({ kind: 'paused', groupId: 'demo', pushLostAt: lostAt });
    expect(paused!.at - lostAt).toBeGreaterThanOrEqual(1000);
    expect(resumed).toMatchObject({ kind: 'resumed', groupId: 'demo' });
    expect(resumed!.at).toBeGreaterThan(paused!.at);
    expect(journal.phase).toBe('up');
    // The console heard each change as it happened.
    expect(journals.at(-1)!.entries).toEqual(journal.entries);
  }, 120_000);

  it("leaves the status an operator set while the push was down", async () => {
    await killFfmpeg();
    await expect.poll(roomStatus, { timeout: LONG }).toBe('paused');
    // The host takes over from the Status panel: the show is over.
    await value(ctx.call('room:setStatus', { status: 'ended' }));
    const before = states.length;
    await waitFor(() => states.slice(before).some((s) => s.state.kind === 'live'), { timeoutMs: LONG, message: 'live again' });
    await waitFor(async () => (await value(ctx.call('room:getAutoPause', {}))).entries.length === 4, { timeoutMs: LONG, message: 'the journal entry' });
    const journal = await value(ctx.call('room:getAutoPause', {}));
    expect(journal.entries.at(-1)).toMatchObject({ kind: 'kept', status: 'ended', roomChanged: false });
    expect(await roomStatus()).toBe('ended');
  }, 120_000);
});
