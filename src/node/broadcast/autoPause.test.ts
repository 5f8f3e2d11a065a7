// The auto-pause with fake time: the threshold, the off switch, back to live, an operator's change
// winning, a room that was not live, a stop, and a failed write — all journaled.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RoomStatus } from '../../shared/domain/liveCommerce';
import type { StreamStateKind } from '../../shared/domain/broadcast/stateMachine';
import type { AutoPauseSnapshot } from '../../shared/roomContract';
import { silentLogger } from '../infra/logger';
import { AutoPause, PAUSE_RETRY_MS, type AutoPauseSettings } from './autoPause';

const T0 = Date.UTC(2026, 0, 1, 12, 41, 7);

function setup(settings: AutoPauseSettings = { enabled: true, afterSeconds: 5 }, initial: RoomStatus = 'live') {
  const room = { groupId: 'demo', status: initial as RoomStatus | null, writes: [] as RoomStatus[], fail: null as string | null };
  const snapshots: AutoPauseSnapshot[] = [];
  const cfg = { ...settings };
  const ap = new AutoPause({
    settings: () => cfg,
    readStatus: async () => ({ groupId: room.groupId, status: room.status }),
    writeStatus: async (status) => {
      if (room.fail) throw new Error(room.fail);
      room.writes.push(status);
      room.status = status;
      return { groupId: room.groupId, at: Date.now() };
    },
    clock: { now: () => Date.now() },
    log: silentLogger(),
    onChange: (s) => snapshots.push(s),
  });
  const push = (kind: StreamStateKind) => ap.onBroadcast({ state: { kind }, at: Date.now() });
  /** Lets `ms` of fake time pass, then waits for the REST calls that time decided. */
  const pass = async (ms: number) => {
    await vi.advanceTimersByTimeAsync(ms);
    await ap.settled();
  };
  return { ap, room, snapshots, cfg, push, pass, entries: () => ap.snapshot().entries };
}

describe('AutoPause', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('pauses the room once the push has been down for the threshold, not before', async () => {
    const { push, pass, room, entries, ap } = setup();
    push('preparing');
    push('connecting');
    push('live');
    await pass(60_000);
    push('reconnecting');
    expect(ap.snapshot()).toMatchObject({ phase: 'down', pushDownSince: T0 + 60_000 });
    await pass(2000);
    push('connecting'); // a reconnect attempt that fails again: the same outage, the clock keeps running
    await pass(1000);
    push('reconnecting');
    await pass(1999);
    expect(room.writes).toEqual([]);
    await pass(1);
    expect(room.writes).toEqual(['paused']);
    expect(entries()).toEqual([{ id: 1, kind: 'paused', at: T0 + 65_000, groupId: 'demo', pushLostAt: T0 + 60_000 }]);
    expect(ap.snapshot().phase).toBe('paused');
  });

  it('leaves the room alone when the push is back within the threshold', async () => {
    const { push, pass, room, entries } = setup();
    push('live');
    push('reconnecting');
    await pass(4900);
    push('connecting');
    push('live');
    await pass(60_000);
    expect(room.writes).toEqual([]);
    expect(entries()).toEqual([]);
  });

  it('sets the room back to live when the push is live again', async () => {
    const { push, pass, room, entries, ap } = setup();
    push('live');
    push('reconnecting');
    await pass(12_000);
    push('connecting');
    push('live');
    await pass(0);
    expect(room.writes).toEqual(['paused', 'live']);
    expect(entries().map((e) => e.kind)).toEqual(['paused', 'resumed']);
    expect(entries()[1]).toEqual({ id: 2, kind: 'resumed', at: T0 + 12_000, groupId: 'demo', pushBackAt: T0 + 12_000 });
    expect(ap.snapshot().phase).toBe('up');
  });

  it('does nothing when switched off; the threshold is the setting', async () => {
    const off = setup({ enabled: false, afterSeconds: 5 });
    off.push('live');
    off.push('reconnecting');
    await off.pass(600_000);
    off.push('live');
    await off.pass(0);
    expect(off.room.writes).toEqual([]);
    expect(off.ap.snapshot()).toMatchObject({ enabled: false, entries: [] });

    const quick = setup({ enabled: true, afterSeconds: 2 });
    quick.push('live');
    quick.push('reconnecting');
    await quick.pass(1999);
    expect(quick.room.writes).toEqual([]);
    await quick.pass(1);
    expect(quick.room.writes).toEqual(['paused']);
  });

  it('switched off while the push is down: no pause at the threshold', async () => {
    const { push, pass, room, cfg } = setup();
    push('live');
    push('reconnecting');
    cfg.enabled = false;
    await pass(10_000);
    expect(room.writes).toEqual([]);
  });

  it("an operator's status change meanwhile wins: through the console, or written elsewhere (read back)", async () => {
    const viaConsole = setup();
    viaConsole.push('live');
    viaConsole.push('reconnecting');
    await viaConsole.pass(5000);
    viaConsole.ap.noteOperatorStatus('ended');
    viaConsole.room.status = 'ended';
    viaConsole.push('live');
    await viaConsole.pass(0);
    expect(viaConsole.room.writes).toEqual(['paused']);
    expect(viaConsole.entries()[1]).toMatchObject({ kind: 'kept', status: 'ended', roomChanged: false, pushBackAt: T0 + 5000 });

    // The operator chose paused themselves: it stays paused, although the field reads paused.
    const keptPaused = setup();
    keptPaused.push('live');
    keptPaused.push('reconnecting');
    await keptPaused.pass(5000);
    keptPaused.ap.noteOperatorStatus('paused');
    keptPaused.push('live');
    await keptPaused.pass(0);
    expect(keptPaused.room.writes).toEqual(['paused']);
    expect(keptPaused.entries()[1]).toMatchObject({ kind: 'kept', status: 'paused' });

    // The CLI (or another app) wrote the field: read back before writing.
    const elsewhere = setup();
    elsewhere.push('live');
    elsewhere.push('reconnecting');
    await elsewhere.pass(5000);
    elsewhere.room.status = 'ended';
    elsewhere.push('live');
    await elsewhere.pass(0);
    expect(elsewhere.room.writes).toEqual(['paused']);
    expect(elsewhere.entries()[1]).toMatchObject({ kind: 'kept', status: 'ended', roomChanged: false });

    // The console moved to another room: the new room is not touched.
    const moved = setup();
    moved.push('live');
    moved.push('reconnecting');
    await moved.pass(5000);
    moved.room.groupId = 'other';
    moved.push('live');
    await moved.pass(0);
    expect(moved.room.writes).toEqual(['paused']);
    expect(moved.entries()[1]).toMatchObject({ kind: 'kept', groupId: 'demo', roomChanged: true, status: null });
  });

  it('an operator status written before the drop does not block going back to live', async () => {
    const { push, pass, room, ap } = setup();
    ap.noteOperatorStatus('live');
    push('live');
    push('reconnecting');
    await pass(5000);
    push('live');
    await pass(0);
    expect(room.writes).toEqual(['paused', 'live']);
  });

  it('leaves a room that is not live alone, and has nothing to undo', async () => {
    for (const status of ['not_started', 'paused', 'ended'] as const) {
      const { push, pass, room, entries } = setup(undefined, status);
      push('live');
      push('reconnecting');
      await pass(10_000);
      push('live');
      await pass(0);
      expect(room.writes).toEqual([]);
      expect(entries()).toEqual([]);
    }
  });

  it('a stop ends the watch: no pause after it, and a paused show is not set live by the next Go Live', async () => {
    const early = setup();
    early.push('live');
    early.push('reconnecting');
    await early.pass(3000);
    early.push('stopping');
    early.push('ended');
    await early.pass(10_000);
    expect(early.room.writes).toEqual([]);

    const late = setup();
    late.push('live');
    late.push('reconnecting');
    await late.pass(5000);
    late.push('stopping');
    late.push('ended');
    late.push('preparing');
    late.push('connecting');
    late.push('live');
    await late.pass(0);
    expect(late.room.writes).toEqual(['paused']);
  });

  it('a push that gave up stays paused, and is set live when a new Go Live is on air', async () => {
    const { push, pass, room } = setup();
    push('live');
    push('reconnecting');
    await pass(5000);
    push('failed');
    await pass(60_000);
    push('preparing');
    push('connecting');
    push('live');
    await pass(0);
    expect(room.writes).toEqual(['paused', 'live']);
  });

  it('journals a write that failed, and tries again quietly while the push stays down', async () => {
    const { push, pass, room, entries } = setup();
    room.fail = '70001 UserSig expired';
    push('live');
    push('reconnecting');
    await pass(5000);
    expect(entries()).toEqual([{ id: 1, kind: 'failed', at: T0 + 5000, groupId: 'demo', action: 'pause', message: '70001 UserSig expired' }]);
    await pass(3 * PAUSE_RETRY_MS);
    expect(entries()).toHaveLength(1);
    room.fail = null;
    push('live');
    await pass(10 * PAUSE_RETRY_MS);
    expect(room.writes).toEqual([]);
  });

  it('a pause that failed while the studio restarts is written once it answers again, and undone when the push is back', async () => {
    const { push, pass, room, entries } = setup();
    room.fail = 'connect ECONNREFUSED 127.0.0.1:42641';
    push('live');
    push('reconnecting');
    await pass(5000);
    await pass(2 * PAUSE_RETRY_MS);
    expect(room.writes).toEqual([]);
    room.fail = null;
    await pass(PAUSE_RETRY_MS);
    expect(room.writes).toEqual(['paused']);
    expect(entries().map((e) => e.kind)).toEqual(['failed', 'paused']);
    push('live');
    await pass(0);
    expect(room.writes).toEqual(['paused', 'live']);
    expect(entries().map((e) => e.kind)).toEqual(['failed', 'paused', 'resumed']);
  });

  it('every change reaches the console as a whole snapshot; the journal keeps the latest 50', async () => {
    const { push, pass, snapshots, entries } = setup();
    push('live');
    push('reconnecting');
    await pass(5000);
    expect(snapshots.map((s) => s.phase)).toEqual(['up', 'down', 'paused', 'paused']);
    expect(snapshots.at(-1)!.entries).toHaveLength(1);
    for (let i = 0; i < 30; i++) {
      push('live');
      push('reconnecting');
      await pass(5000);
    }
    expect(entries()).toHaveLength(50);
    expect(entries().at(-1)!.id).toBe(61);
  });
});
