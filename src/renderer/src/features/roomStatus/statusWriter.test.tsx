// The Status panel shows a status Go Live set: the written status is in the room state at once
// (no group tip arrives in these tests, as none may on a busy room), and the panel's result line
// acknowledges it, saying Go Live made it.
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../../shared/errors';
import type { AdminAck } from '../../../../shared/roomContract';
import { renderStatic, staticStore } from '../../store/staticRender';
import { RoomProvider } from '../room/RoomContext';
import { createRoomStore } from '../room/roomStore';
import { RoomStatusPanel } from './RoomStatusPanel';
import { writeRoomStatus, type StatusWriteDeps } from './statusWriter';

const AT = new Date(2025, 0, 1, 14, 2, 31).getTime();

function setup(answer: Result<AdminAck>) {
  const store = createRoomStore({ now: () => AT, schedule: () => undefined });
  store.setSession({
    mode: 'studio',
    sdkAppId: 1400000001,
    realtimeUrl: 'ws://127.0.0.1:5180/realtime',
    groupId: 'demo',
    userId: 'host',
    userSig: 'sig',
    userSigExpiresAt: 0,
    adminIdentifier: 'administrator',
    viewerUrl: null,
  });
  store.setConnection('connected');
  const calls: unknown[] = [];
  const deps: StatusWriteDeps = {
    api: { call: (async (name: string, arg: unknown) => (calls.push([name, arg]), answer)) as never },
    store,
    room: 'studio|demo',
    subject: (s) => ({ not_started: 'Not started', live: 'Live', paused: 'Paused', ended: 'Ended' })[s],
    goLiveNote: '(set by Go Live)',
    now: () => AT,
  };
  const panel = () => {
    store.flush();
    return renderStatic(staticStore(), <RoomProvider store={store}><RoomStatusPanel /></RoomProvider>);
  };
  return { store, deps, calls, panel };
}

describe('the room status Go Live sets', () => {
  it('is checked in the Status panel, whose result line says Go Live set it', async () => {
    const { deps, calls, panel } = setup({ ok: true, value: { action: 'setStatus', at: AT, groupId: 'demo' } });
    expect(panel()).not.toMatch(/checked=""[^>]*value="live"/);
    await writeRoomStatus(deps, 'live', 'goLive');
    expect(calls).toEqual([['room:setStatus', { status: 'live' }]]);
    const html = panel();
    expect(html).toMatch(/<input type="radio" name="room-status" checked="" value="live"\/>/);
    expect(html).toMatch(/aria-label="Status result"[^>]*>Live: done at 14:02:31 \(set by Go Live\)</);
  });

  it('a write from the panel itself is acknowledged without the note; a refusal changes nothing but the line', async () => {
    const ok = setup({ ok: true, value: { action: 'setStatus', at: AT, groupId: 'demo' } });
    await writeRoomStatus(ok.deps, 'paused', 'panel');
    expect(ok.panel()).toMatch(/aria-label="Status result"[^>]*>Paused: done at 14:02:31</);

    const refused = setup({ ok: false, error: { code: 'IM_REST_FAILED', message: '10004 invalid field' } });
    await writeRoomStatus(refused.deps, 'ended', 'goLive');
    const html = refused.panel();
    expect(html).not.toMatch(/checked=""/);
    expect(html).toMatch(/Ended: failed at 14:02:31 — 10004 invalid field/);
  });
});
