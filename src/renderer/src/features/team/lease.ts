// One IM login per operator (no silent kicks between two tabs of the same operator): a console
// claims its operator's login before joining; if another console holds it, this one shows the
// shared room state and offers to take the login over; the holder learns it was taken over from
// the shared state and signs out on its own. Pure: the hook (useLease) only feeds it.
import type { SessionClaim, TeamRoomState, WhoAmI } from '../../../../shared/teamContract';

export type Lease =
  | { kind: 'unknown' }
  | { kind: 'held' }
  | { kind: 'elsewhere'; holder: NonNullable<SessionClaim['holder']> }
  | { kind: 'takenOver' };

/** After a claim's answer. */
export const leaseOfClaim = (c: SessionClaim): Lease => (c.granted || !c.holder ? { kind: 'held' } : { kind: 'elsewhere', holder: c.holder });

/**
 * After a new shared state: a held login now shown at another console was taken over; one that was
 * elsewhere and is now free may be claimed again (`reclaim`).
 */
export function leaseOfState(lease: Lease, me: WhoAmI, state: TeamRoomState): { lease: Lease; reclaim: boolean } {
  const holder = state.sessions[me.operator.id];
  if (lease.kind === 'held' && holder !== undefined && holder !== me.connectionId) return { lease: { kind: 'takenOver' }, reclaim: false };
  if (lease.kind === 'elsewhere' && holder === undefined) return { lease, reclaim: true };
  return { lease, reclaim: false };
}
