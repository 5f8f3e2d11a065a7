import { describe, expect, it } from 'vitest';
import type { TeamRoomState, WhoAmI } from '../../../../shared/teamContract';
import { leaseOfClaim, leaseOfState, type Lease } from './lease';

const me: WhoAmI = { operator: { id: 'a1', name: 'Ann', role: 'assistant' }, connectionId: 'tab1' };
const state = (sessions: Record<string, string>, handovers: Record<string, string> = {}): TeamRoomState => ({
  show: 'g',
  product: null,
  status: null,
  announcement: null,
  counters: {},
  leaderboard: [],
  feeder: null,
  sessions,
  handovers,
  journal: [],
  updatedAt: 0,
});
const holder = { connectionId: 'tab2', from: '', since: 0 };

describe('IM login lease', () => {
  it.each<[string, Lease, Record<string, string>, Record<string, string>, Lease['kind'], { reclaim: boolean; release: boolean }]>([
    ['held, still mine', { kind: 'held' }, { a1: 'tab1' }, {}, 'held', { reclaim: false, release: false }],
    ['held, another tab asks to take over: sign out and release', { kind: 'held' }, { a1: 'tab1' }, { a1: 'tab2' }, 'takenOver', { reclaim: false, release: true }],
    ['held, forced over after the grace time', { kind: 'held' }, { a1: 'tab2' }, {}, 'takenOver', { reclaim: false, release: false }],
    ['held, but the app forgot it: claim again', { kind: 'held' }, {}, {}, 'held', { reclaim: true, release: false }],
    ['handing over, the holder released: mine', { kind: 'handingOver', holder }, { a1: 'tab1' }, {}, 'held', { reclaim: false, release: false }],
    ['handing over, still waiting', { kind: 'handingOver', holder }, { a1: 'tab2' }, { a1: 'tab1' }, 'handingOver', { reclaim: false, release: false }],
    ['elsewhere, the holder left: claim again', { kind: 'elsewhere', holder }, {}, {}, 'elsewhere', { reclaim: true, release: false }],
    ['elsewhere, still held there', { kind: 'elsewhere', holder }, { a1: 'tab2' }, {}, 'elsewhere', { reclaim: false, release: false }],
    ['taken over stays so until the operator takes it back', { kind: 'takenOver' }, { a1: 'tab2' }, {}, 'takenOver', { reclaim: false, release: false }],
  ])('%s', (_name, lease, sessions, handovers, kind, flags) => {
    const next = leaseOfState(lease, me, state(sessions, handovers));
    expect(next.lease.kind).toBe(kind);
    expect({ reclaim: next.reclaim, release: next.release }).toEqual(flags);
  });

  it('reads a claim answer', () => {
    expect(leaseOfClaim({ granted: true, handover: false, holder: null })).toEqual({ kind: 'held' });
    const h = { connectionId: 'x', from: '10.0.0.2', since: 5 };
    expect(leaseOfClaim({ granted: false, handover: false, holder: h })).toEqual({ kind: 'elsewhere', holder: h });
    expect(leaseOfClaim({ granted: false, handover: true, holder: h })).toEqual({ kind: 'handingOver', holder: h });
  });
});
