// One IM login per operator (no kicks between two tabs of the same operator): a console claims its
// operator's login before joining; if another console holds it, this one shows the shared room
// state and may ask to take the login over. A take-over is a handover: the holder sees it in the
// shared state, signs out and releases; only then does the taker join. Pure: useLease feeds it.
import type { SessionClaim, TeamRoomState, WhoAmI } from '../../../../shared/teamContract';

type Holder = NonNullable<SessionClaim['holder']>;

export type Lease =
  | { kind: 'unknown' }
  | { kind: 'held' }
  | { kind: 'elsewhere'; holder: Holder }
  /** This console asked to take over and waits for the holder to sign out. */
  | { kind: 'handingOver'; holder: Holder }
  | { kind: 'takenOver' };

/** After a claim's answer. */
export function leaseOfClaim(c: SessionClaim): Lease {
  if (c.granted || !c.holder) return { kind: 'held' };
  return c.handover ? { kind: 'handingOver', holder: c.holder } : { kind: 'elsewhere', holder: c.holder };
}

/**
 * After a new shared state: `release` — another console asked to take this one's login over, so
 * sign out and release it; `reclaim` — the login is free again, ask for it.
 */
export function leaseOfState(lease: Lease, me: WhoAmI, state: TeamRoomState): { lease: Lease; reclaim: boolean; release: boolean } {
  const holder = state.sessions[me.operator.id];
  const asking = state.handovers[me.operator.id];
  if (holder === me.connectionId) {
    if (asking !== undefined && asking !== me.connectionId) return { lease: { kind: 'takenOver' }, reclaim: false, release: true };
    return { lease: lease.kind === 'held' ? lease : { kind: 'held' }, reclaim: false, release: false };
  }
  if (lease.kind === 'held') return { lease: holder === undefined ? lease : { kind: 'takenOver' }, reclaim: holder === undefined, release: false };
  if ((lease.kind === 'elsewhere' || lease.kind === 'handingOver') && holder === undefined) return { lease, reclaim: true, release: false };
  return { lease, reclaim: false, release: false };
}
