// What the room panels show for the running session — its room's state restored, saved, cleared on failure, and the
// online count and level badges polled — so another room's data never passes for this one's.
import { initialRoomState, levelOf, restoreRoom, serialiseRoom, type RoomState } from '../../../../shared/domain/room';
import type { RoomSession } from '../../../../shared/roomContract';
import type { StagesideApi } from '../../../../shared/rpc';
import { changedLevels, idsToLookUp, pruneLookups } from '../moderation/levelLookup';
import type { RoomStore } from './roomStore';

export interface RoomPanelsOptions {
  api: StagesideApi;
  store: RoomStore;
  now: () => number;
  /** False once the session is disposed: late answers are dropped then. */
  live: () => boolean;
}

export interface RoomPanels {
  /** The session whose room the panels show (and save); null while cleared. */
  readonly session: RoomSession | null;
  /** Shows `session`'s room; false if the attempt went stale while its saved state loaded. */
  show(session: RoomSession, stale: () => boolean): Promise<boolean>;
  /** Saves the room state if it changed since the last save. */
  save(): void;
  /** Remembers what the panels show (put back if the next join is the same room) and clears them. */
  clear(): void;
  pollOnline(): void;
  pollLevels(): void;
}

const sameRoom = (a: RoomSession | null | undefined, b: RoomSession): boolean => Boolean(a && a.mode === b.mode && a.groupId === b.groupId);

export function createRoomPanels({ api, store, now, live }: RoomPanelsOptions): RoomPanels {
  let session: RoomSession | null = null;
  let lastSaved: RoomState | null = null;
  /** The room shown before the panels were cleared: put back at once for the same room, without room:loadState. */
  let carried: { session: RoomSession; state: RoomState } | null = null;
  /** UserID → when we last asked for its level. */
  const lookedUpAt = new Map<string, number>();
  let levelsInFlight = false;

  return {
    get session() {
      return session;
    },

    async show(s, stale) {
      const previous = store.getSnapshot().session;
      store.setSession(s);
      if (!sameRoom(previous, s)) {
        const kept = carried && sameRoom(carried.session, s) ? carried.state : null;
        if (kept) store.replaceState(kept);
        else {
          const saved = await api.call('room:loadState', { groupId: s.groupId });
          if (stale()) return false;
          store.replaceState(restoreRoom(saved.ok ? saved.value.state : null));
        }
        store.setOnline(null);
      }
      carried = null;
      session = s;
      lastSaved = store.getSnapshot().state;
      return true;
    },

    save() {
      const s = store.getSnapshot().state;
      if (!session || s === lastSaved) return;
      lastSaved = s;
      void api.call('room:saveState', { groupId: session.groupId, state: serialiseRoom(s) });
    },

    clear() {
      const shown = store.getSnapshot();
      if (shown.session) carried = { session: shown.session, state: shown.state };
      session = null;
      lastSaved = null;
      store.setSession(null);
      store.replaceState(initialRoomState());
      store.setOnline(null);
    },

    pollOnline() {
      void api.call('room:onlineCount', {}).then((r) => {
        if (live() && r.ok) store.setOnline(r.value.count);
      });
    },

    pollLevels() {
      if (levelsInFlight) return;
      const at = now();
      pruneLookups(lookedUpAt, at);
      const userIds = idsToLookUp(store.getSnapshot().state.feed, lookedUpAt, at);
      if (userIds.length === 0) return;
      for (const id of userIds) lookedUpAt.set(id, at);
      levelsInFlight = true;
      void api
        .call('levels:of', { userIds })
        .then((r) => {
          // CALLBACKS_UNAVAILABLE (no service configured) and other failures: no badges, no noise.
          if (!live() || !r.ok) return;
          const state = store.getSnapshot().state;
          const levels = changedLevels(r.value, (id) => levelOf(state, id));
          if (levels) store.enqueue([{ kind: 'levels', levels }]);
        })
        .catch(() => undefined)
        .finally(() => {
          levelsInFlight = false;
        });
    },
  };
}
