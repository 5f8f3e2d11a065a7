// Which room the header names (never a previous session's), and what the problem banner says
// comes next after a failed join.
import { describe, expect, it } from 'vitest';
import type { RoomSession } from '../../../../shared/roomContract';
import { defaultSettings } from '../../../../shared/settings';
import type { StudioStatus } from '../../../../shared/studioStatus';
import { problemNext, secondsUntil, shownRoom } from './shownRoom';

const studio = (state: StudioStatus['state']): StudioStatus => ({
  state,
  restarts: 0,
  ...(state === 'running'
    ? { info: { restBaseUrl: '', realtimeUrl: '', rtmpIngestUrl: null, playBaseUrl: null, viewerUrl: '', sdkAppId: 1, adminIdentifier: 'a', demoRoomId: 'demo', callbacksUrl: null } }
    : {}),
});
const base = defaultSettings();
const tencent = { ...base, mode: 'tencent' as const };

describe('shownRoom', () => {
  it("names the session's room, else the configured one, else the studio's demo room or none", () => {
    expect(shownRoom({ groupId: 'live-1' } as RoomSession, { ...tencent, room: { ...base.room, groupId: 'other' } }, null)).toEqual({ kind: 'room', groupId: 'live-1' });
    expect(shownRoom(null, { ...tencent, room: { ...base.room, groupId: 'spring-sale' } }, null)).toEqual({ kind: 'room', groupId: 'spring-sale' });
    expect(shownRoom(null, tencent, studio('running'))).toEqual({ kind: 'none' });
    expect(shownRoom(null, base, studio('running'))).toEqual({ kind: 'room', groupId: 'demo' });
    expect(shownRoom(null, base, studio('starting'))).toBeNull();
    expect(shownRoom(null, undefined, null)).toBeNull();
  });

  it('counts whole seconds down to the retry, never below zero', () => {
    expect(secondsUntil(10_500, 0)).toBe(11);
    expect(secondsUntil(10_000, 0)).toBe(10);
    expect(secondsUntil(0, 5_000)).toBe(0);
  });
});

describe('problemNext', () => {
  it('says a retry is coming when one is scheduled', () => {
    expect(problemNext(123, 'tencent', null)).toBe('retrying');
  });
  it('waits for the operator on a configuration error', () => {
    expect(problemNext(null, 'tencent', null)).toBe('notRetried');
    expect(problemNext(null, 'studio', studio('running'))).toBe('notRetried');
  });
  it('hides while the local studio is on its way, and waits for it when it stopped', () => {
    expect(problemNext(null, 'studio', studio('starting'))).toBe('hidden');
    expect(problemNext(null, 'studio', studio('restarting'))).toBe('hidden');
    expect(problemNext(null, 'studio', null)).toBe('hidden');
    expect(problemNext(null, 'studio', studio('failed'))).toBe('waitingForStudio');
  });
});
