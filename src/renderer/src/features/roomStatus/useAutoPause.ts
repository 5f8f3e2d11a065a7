// The auto-pause as the Status panel sees it: main's snapshot asked for once (a reloaded console
// catches up on the journal), then followed through `room:autoPause` events. A status main writes
// for the joined room is folded into the room state at once, as the panel's own writes are: the
// group tip that reports it too may come later, or on a busy room not at all.
import { useEffect, useState } from 'react';
import type { AutoPauseEntry, AutoPauseSnapshot } from '../../../../shared/roomContract';
import { useStore } from '../../store/StoreContext';
import { useRoomStore } from '../room/RoomContext';
import type { RoomStore } from '../room/roomStore';

/** The room status an entry wrote, if it wrote one. */
const written = (e: AutoPauseEntry): 'paused' | 'live' | null => (e.kind === 'paused' ? 'paused' : e.kind === 'resumed' ? 'live' : null);

/** Folds the writes in `next` that are newer than `seen` (the last entry id already known) for the joined room. */
export function foldNewWrites(store: RoomStore, next: AutoPauseSnapshot, seen: number): void {
  const groupId = store.getSnapshot().session?.groupId;
  for (const e of next.entries) {
    const status = written(e);
    if (e.id > seen && status && e.groupId === groupId) store.enqueue([{ kind: 'roomFields', at: e.at, status }]);
  }
}

export function useAutoPause(): AutoPauseSnapshot | null {
  const { api } = useStore();
  const store = useRoomStore();
  const [snapshot, setSnapshot] = useState<AutoPauseSnapshot | null>(null);
  useEffect(() => {
    // Entries already journaled when this window first heard of them are history, not news.
    let seen: number | null = null;
    const apply = (s: AutoPauseSnapshot, live: boolean) => {
      const last = s.entries.at(-1)?.id ?? 0;
      if (live && seen !== null) foldNewWrites(store, s, seen);
      seen = Math.max(seen ?? 0, last);
      setSnapshot(s);
    };
    const off = api.on('room:autoPause', (s) => apply(s, true));
    void api.call('room:getAutoPause', {}).then((r) => r.ok && apply(r.value, false));
    return off;
  }, [api, store]);
  return snapshot;
}
