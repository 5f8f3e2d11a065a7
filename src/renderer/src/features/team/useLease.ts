// Claims this console's IM login while the room should be open (see lease.ts), follows the shared
// state for a take-over (signing out and releasing when another tab asks), and takes it over on
// request — asking again after the grace time when the holder does not sign out (a frozen tab).
import { useCallback, useEffect, useRef, useState } from 'react';
import { HANDOVER_GRACE_MS } from '../../../../shared/teamContract';
import { leaseOfClaim, leaseOfState, type Lease } from './lease';
import { useTeam, useTeamStore } from './TeamContext';

export function useLease(active: boolean): { lease: Lease; takeOver: () => void } {
  const store = useTeamStore();
  const { me, state, unavailable } = useTeam();
  const [lease, setLease] = useState<Lease>({ kind: 'unknown' });
  const claimed = useRef<string | null>(null);
  const mustRelease = useRef(false);

  const claim = useCallback(
    async (takeOver: boolean) => {
      if (!store) return;
      const r = await store.api.call('team:claimSession', { takeOver });
      if (r.ok) setLease(leaseOfClaim(r.value));
    },
    [store],
  );

  // Once per connection (a reconnect is a new connection with no login yet).
  useEffect(() => {
    if (!active || !me) return;
    if (claimed.current === me.connectionId) return;
    claimed.current = me.connectionId;
    setLease({ kind: 'unknown' });
    void claim(false);
  }, [active, me, claim]);

  useEffect(() => {
    if (!me || !state) return;
    const next = leaseOfState(lease, me, state);
    if (next.release) mustRelease.current = true;
    if (next.lease !== lease) setLease(next.lease);
    if (next.reclaim) void claim(false);
  }, [me, state, lease, claim]);

  // After the render that closed the room session (this console no longer holds the login).
  useEffect(() => {
    if (lease.kind !== 'takenOver' || !mustRelease.current || !store) return;
    mustRelease.current = false;
    void store.api.call('team:releaseSession', {});
  }, [lease, store]);

  useEffect(() => {
    if (lease.kind !== 'handingOver') return;
    const t = setTimeout(() => void claim(true), HANDOVER_GRACE_MS + 250);
    return () => clearTimeout(t);
  }, [lease, claim]);

  // Without the team console (component tests, an older app) there is nothing to claim: the room opens.
  return { lease: store && !unavailable ? lease : { kind: 'held' }, takeOver: () => void claim(true) };
}
