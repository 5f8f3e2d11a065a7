import { describe, expect, it } from 'vitest';
import { decodeTimMessages, encodeOperatorTag, reduceRoom, initialRoomState } from './domain/room';
import { ackKeyOf, ackKeysOf, roleAtLeast } from './teamContract';

describe('team contract', () => {
  it('orders roles moderator < assistant < host', () => {
    expect(roleAtLeast('host', 'assistant')).toBe(true);
    expect(roleAtLeast('assistant', 'assistant')).toBe(true);
    expect(roleAtLeast('moderator', 'assistant')).toBe(false);
    expect(roleAtLeast('assistant', 'host')).toBe(false);
  });

  it('spells an ack key the same from the writer and from what the IM session decodes', () => {
    const tip = {
      ID: 't1',
      type: 'TIMGroupTipElem',
      to: 'g1',
      time: 1_700_000_000,
      payload: {
        operationType: 6,
        newGroupProfile: {
          notification: '  Free shipping\u0007 tonight ',
          groupCustomField: [
            { key: 'add_goods', value: JSON.stringify({ id: 'A1', title: 'Tea', price: 100, currency: 'CNY' }) },
            { key: 'room_status', value: 'paused' },
          ],
        },
      },
    };
    const keys = ackKeysOf(decodeTimMessages([tip], { adminIds: new Set(['admin']), groupId: 'g1', now: 0 }));
    expect(keys).toEqual(expect.arrayContaining([ackKeyOf.product('A1'), ackKeyOf.status('paused'), ackKeyOf.announcement('  Free shipping\u0007 tonight ')]));
    const cleared = [{ ...tip, payload: { operationType: 6, newGroupProfile: { groupCustomField: [{ key: 'add_goods', value: '' }] } } }];
    expect(ackKeysOf(decodeTimMessages(cleared, { adminIds: new Set(), groupId: 'g1', now: 0 }))).toEqual([ackKeyOf.product(null)]);
  });

  it("carries an operator's role on their chat line into the console's feed", () => {
    const msg = { ID: 'm1', type: 'TIMTextElem', to: 'g1', from: 'host_a1', nick: 'Ann', time: 1_700_000_000, payload: { text: 'Welcome!' }, cloudCustomData: encodeOperatorTag({ name: 'Ann', role: 'assistant' }) };
    const events = decodeTimMessages([msg], { adminIds: new Set(), groupId: 'g1', now: 0 });
    expect(events[0]).toMatchObject({ kind: 'text', nick: 'Ann', operatorRole: 'assistant' });
    const state = reduceRoom(initialRoomState(), events, 1_700_000_000_000);
    expect(state.feed.at(-1)).toMatchObject({ kind: 'text', nick: 'Ann', operatorRole: 'assistant' });
  });
});
