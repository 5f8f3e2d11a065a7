import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../shared/errors';
import { HANDOVER_GRACE_MS, type Operator, type TeamRoomState } from '../../shared/teamContract';
import { silentLogger } from '../infra/logger';
import { Journal } from './journal';
import { CONFLICT_WINDOW_MS, RoomHub } from './roomHub';

const host: Operator = { id: 'host', name: 'Host', role: 'host' };
const a1: Operator = { id: 'a1', name: 'Assistant 1', role: 'assistant' };
const a2: Operator = { id: 'a2', name: 'Assistant 2', role: 'assistant' };

describe('RoomHub', () => {
  let now: number;
  let show: string;
  let journal: Journal;
  let hub: RoomHub;
  let states: TeamRoomState[];
  beforeEach(() => {
    now = 5_000_000;
    show = 'live_1';
    states = [];
    journal = new Journal({ file: ':memory:', clock: { now: () => now }, log: silentLogger(), show: () => show });
    hub = new RoomHub({ journal, clock: { now: () => now }, show: () => show, onState: (s) => states.push(s), onJournal: () => undefined });
  });
  afterEach(() => journal.close());

  const conflictOf = (f: () => void): AppError | undefined => {
    try {
      f();
      return undefined;
    } catch (e) {
      return e as AppError;
    }
  };

  it('says who made each value current and pushes the whole state on every change', () => {
    hub.attribute('product', { id: 'A3', title: 'Tea set', price: 100, currency: 'CNY' }, a2);
    hub.attribute('status', 'live', host);
    expect(states.at(-1)).toMatchObject({
      show: 'live_1',
      product: { value: { id: 'A3' }, by: { name: 'Assistant 2', role: 'assistant' }, at: now },
      status: { value: 'live', by: { operatorId: 'host' } },
    });
  });

  it('asks before replacing a launch someone else made less than 10 s ago', () => {
    hub.attribute('product', { id: 'A3', title: 'A3', price: 100, currency: 'CNY' }, a2);
    now += 4_000;
    const e = conflictOf(() => hub.checkLaunch(a1, 'A2', false));
    expect(e?.code).toBe('CONFLICT');
    expect(e?.message).toBe('A3 was launched by Assistant 2 4 s ago');
    expect(e?.details).toMatchObject({ productId: 'A3', by: 'Assistant 2', role: 'assistant', agoMs: 4_000 });
    // Not a conflict: "anyway", the operator had seen A3, their own launch, the CLI (no `seen`), or 10 s later.
    expect(conflictOf(() => hub.checkLaunch(a1, 'A2', true))).toBeUndefined();
    expect(conflictOf(() => hub.checkLaunch(a1, 'A3', false))).toBeUndefined();
    expect(conflictOf(() => hub.checkLaunch(a2, 'A2', false))).toBeUndefined();
    expect(conflictOf(() => hub.checkLaunch(a1, undefined, false))).toBeUndefined();
    now += CONFLICT_WINDOW_MS;
    expect(conflictOf(() => hub.checkLaunch(a1, 'A2', false))).toBeUndefined();
  });

  it('gives each operator one IM login; a take-over waits for the holder to sign out (or the grace time)', () => {
    hub.connect({ connectionId: 'c1', operatorId: 'a1', name: 'Assistant 1', role: 'assistant', from: '10.0.0.2', since: now });
    hub.connect({ connectionId: 'c2', operatorId: 'a1', name: 'Assistant 1', role: 'assistant', from: '10.0.0.3', since: now });
    expect(hub.claim(a1, 'c1', false)).toEqual({ granted: true, handover: false, holder: null });
    const holder = { connectionId: 'c1', from: '10.0.0.2', since: now };
    expect(hub.claim(a1, 'c2', false)).toEqual({ granted: false, handover: false, holder });
    // Taking over: the holder is asked first (the state says so), nobody is kicked.
    expect(hub.claim(a1, 'c2', true)).toEqual({ granted: false, handover: true, holder });
    expect(hub.state()).toMatchObject({ sessions: { a1: 'c1' }, handovers: { a1: 'c2' } });
    expect(hub.release(a1, 'c2')).toBe(false);
    expect(hub.release(a1, 'c1')).toBe(true);
    expect(hub.state()).toMatchObject({ sessions: { a1: 'c2' }, handovers: {} });
    // A holder that never signs out loses the login when the take-over is asked again after the grace time.
    expect(hub.claim(a1, 'c1', true).handover).toBe(true);
    now += HANDOVER_GRACE_MS - 1;
    expect(hub.claim(a1, 'c1', true).granted).toBe(false);
    now += 1;
    expect(hub.claim(a1, 'c1', true)).toEqual({ granted: true, handover: false, holder: null });
    expect(hub.state().sessions).toEqual({ a1: 'c1' });
    // A holder that closes hands the login to a waiting take-over, else frees it.
    hub.claim(a1, 'c2', true);
    hub.disconnect('c1');
    expect(hub.state().sessions).toEqual({ a1: 'c2' });
    hub.disconnect('c2');
    expect(hub.state().sessions).toEqual({});
  });

  it('is fed by the host session when open, else the oldest; other consoles are ignored', async () => {
    hub.claim(a1, 'c1', false);
    now += 1;
    hub.claim(a2, 'c2', false);
    expect(hub.state().feeder).toBe('c1');
    expect(hub.feed('c2', { counters: { likes: 9 } })).toEqual({ acknowledged: 0 });
    expect(hub.state().counters).toEqual({});
    await journal.run({ operator: a2, kind: 'status', request: {}, ackKey: 'status:paused' }, async () => ({}));
    expect(hub.feed('c1', { counters: { likes: 3 }, seen: [{ key: 'status:paused', reached: 12 }, { key: 'status:nothing' }] })).toEqual({ acknowledged: 1 });
    expect(hub.state()).toMatchObject({ counters: { likes: 3 }, journal: [{ kind: 'status', reached: 12 }] });
    hub.claim(host, 'h', false);
    expect(hub.state().feeder).toBe('h');
    hub.disconnect('h');
    expect(hub.state().feeder).toBe('c1');
  });

  it('starts clean when another room is chosen', () => {
    hub.attribute('announcement', 'Hello', a1);
    show = 'live_2';
    expect(hub.state()).toMatchObject({ show: 'live_2', announcement: null, product: null });
  });
});
