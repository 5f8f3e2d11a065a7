// The team console's state in the renderer: who this console is, the one room state the app
// instance keeps (asked once, then followed: `team:state` snapshots, `team:journal` entries), and —
// for the host — invites and connected consoles. Reloaded after every reconnect (a new socket is a
// new connection id), since events sent meanwhile are lost.
import type { StagesideApi } from '../../../../shared/rpc';
import type { JournalEntry, TeamOverview, TeamRoomState, WhoAmI } from '../../../../shared/teamContract';

export interface TeamSnapshot {
  me: WhoAmI | null;
  state: TeamRoomState | null;
  overview: TeamOverview | null;
  /** `team:whoami` failed (an app without the team console): the room opens without a login claim. */
  unavailable: boolean;
}

export interface TeamStore {
  readonly api: StagesideApi;
  getSnapshot(): TeamSnapshot;
  subscribe(listener: () => void): () => void;
  /** Called with every journal entry, new or updated (the journal view merges them). */
  onJournal(listener: (e: JournalEntry) => void): () => void;
  load(): Promise<void>;
  dispose(): void;
}

/** Keeps the tail the hub sends, with updated entries replaced in place. */
export function mergeEntry(list: readonly JournalEntry[], e: JournalEntry, keep = 200): JournalEntry[] {
  const i = list.findIndex((x) => x.id === e.id);
  if (i >= 0) return list.map((x, j) => (j === i ? e : x));
  return [...list, e].sort((a, b) => a.id - b.id).slice(-keep);
}

export function createTeamStore(api: StagesideApi): TeamStore {
  let snap: TeamSnapshot = { me: null, state: null, overview: null, unavailable: false };
  const listeners = new Set<() => void>();
  const journalListeners = new Set<(e: JournalEntry) => void>();
  const update = (patch: Partial<TeamSnapshot>): void => {
    snap = { ...snap, ...patch };
    for (const l of listeners) l();
  };
  const offs = [
    api.on('team:state', (state) => update({ state })),
    api.on('team:journal', (e) => {
      if (snap.state) update({ state: { ...snap.state, journal: mergeEntry(snap.state.journal, e) } });
      for (const l of journalListeners) l(e);
    }),
    api.on('team:overview', (overview) => update({ overview })),
  ];
  return {
    api,
    getSnapshot: () => snap,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onJournal(l) {
      journalListeners.add(l);
      return () => journalListeners.delete(l);
    },
    async load() {
      const [me, state] = await Promise.all([api.call('team:whoami', {}), api.call('team:state', {})]);
      const patch: Partial<TeamSnapshot> = { unavailable: !me.ok && me.error.code !== 'TRANSPORT_CLOSED' };
      if (me.ok) patch.me = me.value;
      if (state.ok) patch.state = state.value;
      if (me.ok && me.value.operator.role === 'host') {
        const o = await api.call('team:overview', {});
        if (o.ok) patch.overview = o.value;
      }
      update(patch);
    },
    dispose() {
      for (const off of offs) off();
      listeners.clear();
      journalListeners.clear();
    },
  };
}
