// Claims this console's IM login while the room should be open (see lease.ts), follows the shared
// state for a take-over by another tab, and offers to take it back.
import { useCallback, useEffect, useRef, useState } from 'react';
import { leaseOfClaim, leaseOfState, type Lease } from './lease';
import { useTeam, useTeamStore } from './TeamContext';

export function useLease(active: boolean): { lease: Lease; takeOver: () => void } {
  const store = useTeamStore();
  const { me, state, unavailable } = useTeam();
  const [lease, setLease] = useState<Lease>({ kind: 'unknown' });
  const claimed = useRef<string | null>(null);

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
    if (next.lease !== lease) setLease(next.lease);
    if (next.reclaim) void claim(false);
  }, [me, state, lease, claim]);

  // Without the team console (component tests, an older app) there is nothing to claim: the room opens.
  return { lease: store && !unavailable ? lease : { kind: 'held' }, takeOver: () => void claim(true) };
}
