// An admin action's acknowledgement belongs to the room it was about: after a switch of room or
// mode (or while no room is joined) the panels must not show "Live: done at …" for the new one.
import { describe, expect, it } from 'vitest';
import { ackIn, type Ack } from './useAdminAction';

describe('ackIn', () => {
  const ack: Ack = { ok: true, at: 1, subject: 'Live' };
  it('shows an acknowledgement only in the room it was about', () => {
    expect(ackIn({ ack, room: 'studio|demo' }, 'studio|demo')).toBe(ack);
    expect(ackIn({ ack, room: 'studio|demo' }, null)).toBeNull();
    expect(ackIn({ ack, room: 'studio|demo' }, 'tencent|demo')).toBeNull();
    expect(ackIn({ ack, room: null }, null)).toBe(ack);
    expect(ackIn(null, 'studio|demo')).toBeNull();
  });
});
