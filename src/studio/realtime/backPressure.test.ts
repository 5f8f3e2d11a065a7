// Back-pressure and clean-up in the realtime server: while the load gauge reads busy, logins are
// answered BUSY with retryAfterMs (guests and admitted sessions carry on) and the TIM client waits
// and logs in by itself once the studio has room; when a crowd has left, every session's state is
// gone and the studio is asked to reclaim memory once. The event-loop gauge itself sees a blocked loop.
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT, TYPES } from '../../tim/timCompat';
import { PATIENCE_MS } from '../../../test/support/waitFor';
import { eventLoopGauge, fixedGauge } from '../loadGauge';
import { rawClient, startStudio, timClient, waitFor, type RecordingClient, type Studio } from './harness.testkit';

let studio: Studio | undefined;
const clients: RecordingClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.tim.destroy()));
  await studio?.close();
  studio = undefined;
});

async function busyStudio(lag: { ms: number }, reclaim?: () => void): Promise<Studio> {
  const s = await startStudio({
    load: fixedGauge(() => lag.ms, 300),
    ...(reclaim ? { reclaim: { run: reclaim, afterPeak: 5, remaining: 0.2, quietMs: 50 } } : {}),
  });
  s.engine.createGroup('room1');
  return s;
}

describe('back-pressure on logins', () => {
  it('answers a login BUSY with retryAfterMs while the studio is busy; guests and later logins go through', async () => {
    const lag = { ms: 1000 };
    studio = await busyStudio(lag);
    const raw = await rawClient(studio.endpoint);
    raw.send({ t: 'login', seq: 1, userID: 'alice', userSig: studio.engine.sigFor('alice') });
    expect(await raw.ack(1)).toMatchObject({ ok: false, code: 60007, retryAfterMs: 2000, message: 'studio busy; retry in 2000 ms' });
    // Guests are not refused (they cost no join notices), nor is anything but a login.
    raw.send({ t: 'join', seq: 2, groupID: 'room1' });
    expect(await raw.ack(2)).toMatchObject({ ok: true });
    expect(studio.realtime.stats().busyRefusals).toBe(1);
    lag.ms = 0;
    raw.send({ t: 'login', seq: 3, userID: 'alice', userSig: studio.engine.sigFor('alice') });
    expect(await raw.ack(3)).toMatchObject({ ok: true });
    raw.close();
  });

  it('the TIM client waits out BUSY answers and logs in once the studio has room, instead of timing out', async () => {
    const lag = { ms: 400 };
    studio = await busyStudio(lag);
    const c = timClient(studio);
    clients.push(c);
    let done = false;
    const login = c.tim.login({ userID: 'bob', userSig: studio.engine.sigFor('bob') }).finally(() => (done = true));
    // Refused at least twice (retryAfterMs 800, jittered) while busy; never failed.
    await waitFor(() => studio!.realtime.stats().busyRefusals >= 2, PATIENCE_MS, 'two BUSY answers');
    expect(done).toBe(false);
    lag.ms = 0;
    await expect(login).resolves.toEqual({ code: 0, data: { repeatLogin: false } });
    await c.tim.joinGroup({ groupID: 'room1', type: TYPES.GRP_AVCHATROOM });
    expect(studio.engine.members('room1').map((m) => m.userId)).toEqual(['bob']);
  });
});

describe('when the crowd leaves', () => {
  it('releases every session and asks once to reclaim memory when a crowd has left, though the host stays', async () => {
    let reclaims = 0;
    studio = await busyStudio({ ms: 0 }, () => reclaims++);
    const host = timClient(studio);
    clients.push(host);
    await host.tim.login({ userID: 'host', userSig: studio.engine.sigFor('host') });
    await host.tim.joinGroup({ groupID: 'room1', type: TYPES.GRP_AVCHATROOM });
    const crowd: RecordingClient[] = [];
    for (let i = 0; i < 6; i++) {
      const c = timClient(studio);
      crowd.push(c);
      await c.tim.login({ userID: `v${i}`, userSig: studio.engine.sigFor(`v${i}`) });
      await c.tim.joinGroup({ groupID: 'room1', type: TYPES.GRP_AVCHATROOM });
    }
    expect(studio.realtime.sessionCount()).toBe(7);
    expect(reclaims).toBe(0);
    await Promise.all(crowd.map((c) => c.tim.destroy()));
    await waitFor(() => reclaims === 1, PATIENCE_MS, 'the reclaim after the crowd left');
    expect(studio.realtime.sessionCount()).toBe(1);
    expect(studio.engine.members('room1').map((m) => m.userId)).toEqual(['host']);
    // Logins are forgotten too: the same ids log in again without a multipleAccount kick.
    const again = timClient(studio);
    clients.push(again);
    await again.tim.login({ userID: 'v0', userSig: studio.engine.sigFor('v0') });
    expect(again.named(EVENT.KICKED_OUT)).toEqual([]);
    expect(reclaims).toBe(1);
  });
});

describe('eventLoopGauge', () => {
  it('reads busy after the loop was blocked, and calm again once it runs freely', async () => {
    const gauge = eventLoopGauge({ intervalMs: 10, busyLagMs: 100 });
    try {
      await waitFor(() => !gauge.busy(), PATIENCE_MS, 'a calm loop');
      const until = performance.now() + 250;
      while (performance.now() < until) {
        // Blocks the event loop, as a long fan-out or a burst of work would.
      }
      await waitFor(() => gauge.busy(), PATIENCE_MS, 'busy after the block');
      expect(gauge.lagMs()).toBeGreaterThan(100);
      expect(gauge.retryAfterMs()).toBeGreaterThanOrEqual(250);
      await waitFor(() => !gauge.busy(), PATIENCE_MS, 'calm again');
    } finally {
      gauge.dispose();
    }
  });
});
