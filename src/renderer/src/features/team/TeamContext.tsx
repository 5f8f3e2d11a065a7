// Hands the team store to components: who this console is, the shared room state, the overview.
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { Role } from '../../../../shared/teamContract';
import type { TeamSnapshot, TeamStore } from './teamStore';

const TeamContext = createContext<TeamStore | null>(null);

export function TeamProvider({ store, children }: { store: TeamStore; children: ReactNode }) {
  return <TeamContext.Provider value={store}>{children}</TeamContext.Provider>;
}

export function useTeamStore(): TeamStore | null {
  return useContext(TeamContext);
}

const EMPTY: TeamSnapshot = { me: null, state: null, overview: null, unavailable: true };
const none = (): (() => void) => () => undefined;

/** The team snapshot; empty outside a TeamProvider (component tests). */
export function useTeam(): TeamSnapshot {
  const store = useContext(TeamContext);
  const get = (): TeamSnapshot => store?.getSnapshot() ?? EMPTY;
  return useSyncExternalStore(store ? store.subscribe : none, get, get);
}

/** This console's role; the host until told otherwise (the desktop window, component tests). */
export function useMyRole(): Role {
  return useTeam().me?.operator.role ?? 'host';
}
