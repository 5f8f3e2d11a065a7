// The Status panel's line about main's automatic status changes, in every language, and the
// statuses main wrote folded into the room state (only news, only for the joined room).
import { describe, expect, it } from 'vitest';
import type { AutoPauseEntry, AutoPauseSnapshot } from '../../../../shared/roomContract';
import { LANGUAGES } from '../../../../shared/settings';
import { renderStatic, staticStore } from '../../store/staticRender';
import { createRoomStore } from '../room/roomStore';
import { AutoPauseLine } from './AutoPauseLine';
import { foldNewWrites } from './useAutoPause';

const at = (h: number, m: number, s: number) => new Date(2026, 0, 1, h, m, s).getTime();
const snap = (entries: AutoPauseEntry[], patch: Partial<AutoPauseSnapshot> = {}): AutoPauseSnapshot => ({
  enabled: true,
  afterSeconds: 5,
  phase: 'up',
  pushDownSince: null,
  entries,
  ...patch,
});
const paused: AutoPauseEntry = { id: 1, kind: 'paused', at: at(20, 41, 12), groupId: 'demo', pushLostAt: at(20, 41, 7) };
const resumed: AutoPauseEntry = { id: 2, kind: 'resumed', at: at(20, 41, 30), groupId: 'demo', pushBackAt: at(20, 41, 30) };

const line = (s: AutoPauseSnapshot | null, groupId: string | undefined = 'demo', language: (typeof LANGUAGES)[number] = 'en') => {
  const html = renderStatic(staticStore(), <AutoPauseLine snapshot={s} groupId={groupId} />, language);
  expect(html).toMatch(/role="status"/);
  return html.replace(/<[^>]+>/g, '');
};

describe('the automatic status line', () => {
  it('says what main did, with the time the push was lost or came back', () => {
    expect(line(snap([paused], { phase: 'paused', pushDownSince: paused.pushLostAt }))).toBe('Paused automatically: push lost at 20:41:07');
    expect(line(snap([paused, resumed]))).toBe('Live again automatically at 20:41:30');
    expect(line(snap([paused, { id: 2, kind: 'kept', at: at(20, 42, 0), groupId: 'demo', pushBackAt: at(20, 42, 0), status: 'ended', roomChanged: false }]))).toBe(
      'Push back at 20:42:00; the status stays Ended (changed meanwhile)',
    );
    expect(line(snap([{ id: 3, kind: 'failed', at: at(20, 43, 1), groupId: 'demo', action: 'pause', message: '70001 UserSig expired' }]))).toBe(
      'Could not pause automatically at 20:43:01: 70001 UserSig expired',
    );
    expect(line(snap([paused], { phase: 'down', pushDownSince: at(20, 50, 0) }))).toBe(
      'Push lost at 20:50:00: a live room is paused automatically at 20:50:05 unless the push is back',
    );
  });

  it('shows nothing before any change, or for another room', () => {
    expect(line(null)).toBe('');
    expect(line(snap([]))).toBe('');
    expect(line(snap([paused]), 'other-room')).toBe('');
    expect(line(snap([], { phase: 'down', enabled: false, pushDownSince: at(20, 50, 0) }))).toBe('');
  });

  it('is worded in every language, times included', () => {
    for (const lang of LANGUAGES) {
      const text = line(snap([paused], { phase: 'paused' }), 'demo', lang);
      expect(text, lang).toMatch(/20:41:07/);
      if (lang !== 'en') expect(text, lang).not.toMatch(/Paused automatically/);
    }
  });
});

describe('statuses main wrote, in the room state', () => {
  it('folds only entries newer than those seen, for the joined room', () => {
    const store = createRoomStore({ now: () => 0, schedule: () => undefined });
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
    const status = () => (store.flush(), store.getSnapshot().state.room.status);
    const elsewhere: AutoPauseEntry = { ...paused, id: 3, groupId: 'other' };
    foldNewWrites(store, snap([paused]), 1);
    expect(status()).not.toBe('paused');
    foldNewWrites(store, snap([paused, elsewhere]), 1);
    expect(status()).not.toBe('paused');
    foldNewWrites(store, snap([paused]), 0);
    expect(status()).toBe('paused');
    foldNewWrites(store, snap([paused, resumed]), 1);
    expect(status()).toBe('live');
  });
});
