// Keeps one room session running for the current settings and studio: started once the app state
// is loaded, restarted when the mode, room, host UserID or the studio's endpoint changes — and
// rejoined when any other setting or a secret changes while the room is unavailable, since a
// configuration error is not retried by itself (retryPolicy.ts).
import { useEffect, useRef } from 'react';
import type { AppSnapshot } from '../../store/appStore';
import { useStore } from '../../store/StoreContext';
import { startRoomSession } from './roomSession';
import type { RoomStore } from './roomStore';
import { createTimClient } from './timFactory';

/** What a session depends on; a change means a new session. */
export function sessionKey(snap: AppSnapshot): string | null {
  const s = snap.settings?.settings;
  if (!s || !snap.info || snap.connection !== 'connected') return null;
  const studio = s.mode === 'studio' ? `${snap.studio?.state ?? 'none'}|${snap.studio?.info?.realtimeUrl ?? ''}` : '';
  return [s.mode, s.room.groupId, s.room.hostUserId, s.im.sdkAppId ?? '', studio].join('|');
}

/**
 * Everything else a failed join may have been waiting for: the other settings (UserSig source and
 * endpoint, region, admin) and which secrets are set. Values of secrets never reach the page; their
 * masked tails tell that one was replaced.
 */
export function configKey(snap: AppSnapshot): string {
  const secrets = (snap.secrets ?? []).map((s) => `${s.name}=${s.set ? s.masked : ''}`).sort();
  return JSON.stringify([snap.settings?.settings ?? null, secrets]);
}

/** `enabled`: this console holds its operator's IM login (team lease); otherwise no session runs. */
export function useRoomSession(room: RoomStore, snap: AppSnapshot, enabled = true): void {
  const { api } = useStore();
  const key = enabled ? sessionKey(snap) : null;
  const config = configKey(snap);
  // In Electron the window is the host's console; a browser on web mode is the assistant's.
  const role = snap.info?.transport === 'electron' ? 'host' : 'assistant';
  useEffect(() => {
    if (key === null) return;
    return startRoomSession({ api, role, store: room, factory: createTimClient });
  }, [api, role, room, key]);
  // After the session effect, so a new session (already joining) is not restarted twice.
  const seen = useRef(config);
  useEffect(() => {
    if (seen.current === config) return;
    seen.current = config;
    if (room.getSnapshot().connection === 'error') room.rejoin();
  }, [room, config]);
}
