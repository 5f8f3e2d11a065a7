// Keeps one room session running for the current settings and studio: started once the app state
// is loaded, restarted when the mode, room, host UserID or the studio's endpoint changes.
import { useEffect } from 'react';
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

export function useRoomSession(room: RoomStore, snap: AppSnapshot): void {
  const { api } = useStore();
  const key = sessionKey(snap);
  // In Electron the window is the host's console; a browser on web mode is the assistant's.
  const role = snap.info?.transport === 'electron' ? 'host' : 'assistant';
  useEffect(() => {
    if (key === null) return;
    return startRoomSession({ api, role, store: room, factory: createTimClient });
  }, [api, role, room, key]);
}
