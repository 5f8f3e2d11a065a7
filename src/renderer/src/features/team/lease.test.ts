import { describe, expect, it } from 'vitest';
import type { TeamRoomState, WhoAmI } from '../../../../shared/teamContract';
import { leaseOfClaim, leaseOfState, type Lease } from './lease';

const me: WhoAmI = { operator: { id: 'a1', name: 'Ann', role: 'assistant' }, connectionId: 'tab1' };
const state = (sessions: Record<string, string>): TeamRoomState =>
  ({ show: 'g', product: null, status: null, announcement: null, counters: {}, leaderboard: [], feeder: null, sessions, journal: [], updatedAt: 0 }) as TeamRoomState;

describe('IM login lease', () => {
  it.each<[string, Lease, Record<string, string>, Lease['kind'], boolean]>([
    ['held, still mine', { kind: 'held' }, { a1: 'tab1' }, 'held', false],
    ['held, another tab took it over', { kind: 'held' }, { a1: 'tab2' }, 'takenOver', false],
    ['elsewhere, the holder left: claim again', { kind: 'elsewhere', holder: { connectionId: 'tab2', from: '', since: 0 } }, {}, 'elsewhere', true],
    ['elsewhere, still held there', { kind: 'elsewhere', holder: { connectionId: 'tab2', from: '', since: 0 } }, { a1: 'tab2' }, 'elsewhere', false],
    ['taken over stays so until the operator takes it back', { kind: 'takenOver' }, {}, 'takenOver', false],
  ])('%s', (_name, lease, sessions, kind, reclaim) => {
    const next = leaseOfState(lease, me, state(sessions));
    expect(next.lease.kind).toBe(kind);
    expect(next.reclaim).toBe(reclaim);
  });

  it('reads a claim answer', () => {
    expect(leaseOfClaim({ granted: true, holder: null })).toEqual({ kind: 'held' });
    expect(leaseOfClaim({ granted: false, holder: { connectionId: 'x', from: '10.0.0.2', since: 5 } })).toEqual({ kind: 'elsewhere', holder: { connectionId: 'x', from: '10.0.0.2', since: 5 } });
  });
});
