// Messages through the realtime server: text and custom elements mapped both ways, no echo of one's own
// sends, REST sends in one's name, bodies rewritten by a callback, and send errors.
import { describe, expect, it } from 'vitest';
import { EVENT, TYPES } from '../../tim/timCompat';
import type { CustomPayload, TimMessage } from '../../tim/timTypes';
import { PATIENCE_MS } from '../../../test/support/waitFor';
import { waitFor } from './harness.testkit';
import { nowSec, rejection, roomStudioFixture } from './realtimeServer.testkit';

const fx = roomStudioFixture();
const { member } = fx;

describe('messages', () => {
  it('own sends are not echoed; others receive text and custom with Data/Desc/Ext mapped', async () => {
    const alice = await member('alice');
    const bob = await member('bob');
    const text = alice.tim.createTextMessage({
      to: 'room1',
      conversationType: TYPES.CONV_GROUP,
      payload: { text: 'hi bob' },
      cloudCustomData: '{"level":3}',
    });
    expect(text).toMatchObject({ status: 'unSend', flow: 'out', from: 'alice', nick: 'Alice', priority: 'Normal' });
    const sent = await alice.tim.sendMessage(text);
    expect(sent.code).toBe(0);
    expect(sent.data.message).toBe(text);
    expect(text.status).toBe('success');
    expect(text.sequence).toBeGreaterThan(0);
    expect(Math.abs(text.time - nowSec())).toBeLessThan(5);

    const gift = alice.tim.createCustomMessage({
      to: 'room1',
      conversationType: TYPES.CONV_GROUP,
      priority: TYPES.MSG_PRIORITY_HIGH,
      payload: { data: 'SEND_GIFT', description: 'a rose', extension: '{"giftId":3}' },
    });
    await alice.tim.sendMessage(gift);
    expect(fx.studio.engine.sends.at(-1)?.body).toEqual([
      { MsgType: 'TIMCustomElem', MsgContent: { Data: 'SEND_GIFT', Desc: 'a rose', Ext: '{"giftId":3}' } },
    ]);
    expect(fx.studio.engine.sends.at(-1)?.priority).toBe('High');

    const got = await waitFor(() => {
      const ms = bob.messages().filter((m) => m.from === 'alice' && m.type !== TYPES.MSG_GRP_TIP);
      return ms.length === 2 ? ms : undefined;
    }, PATIENCE_MS, 'two messages at bob');
    const [t, c] = got as [TimMessage, TimMessage];
    expect(t).toMatchObject({
      type: 'TIMTextElem',
      payload: { text: 'hi bob' },
      conversationID: 'GROUProom1',
      conversationType: 'GROUP',
      to: 'room1',
      flow: 'in',
      status: 'success',
      priority: 'Normal',
      nick: 'Alice',
      avatar: 'https://img.example/alice.png',
      cloudCustomData: '{"level":3}',
      isModified: false,
      sequence: text.sequence,
      random: text.random,
    });
    expect(Number.isInteger(t.time)).toBe(true);
    expect(Math.abs(t.time - nowSec())).toBeLessThan(5);
    expect(c.type).toBe('TIMCustomElem');
    expect(c.priority).toBe('High');
    expect(c.payload as CustomPayload).toEqual({ data: 'SEND_GIFT', description: 'a rose', extension: '{"giftId":3}' });

    // Bob answers so Alice has a later delivery to compare against: she sees his, never her own.
    await bob.tim.sendMessage(bob.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'hi alice' } }));
    await waitFor(() => alice.messages().find((m) => m.from === 'bob' && m.type === TYPES.MSG_TEXT), PATIENCE_MS, 'reply');
    expect(alice.messages().filter((m) => m.from === 'alice' && m.type !== TYPES.MSG_GRP_TIP)).toEqual([]);
  });

  it('messages sent by REST in my name do reach me (only my own client sends are filtered)', async () => {
    const alice = await member('alice');
    fx.studio.engine.sendAsRest('room1', 'alice', [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'BUY_GOODS', Ext: '{}' } }], 'High', 99);
    const m = await waitFor(() => alice.messages().find((x) => x.type === TYPES.MSG_CUSTOM), PATIENCE_MS, 'rest message');
    expect(m).toMatchObject({ from: 'alice', flow: 'out', payload: { data: 'BUY_GOODS', description: '', extension: '{}' } });
  });

  it('a body rewritten by a before-send callback fires MESSAGE_MODIFIED for the sender', async () => {
    const alice = await member('alice');
    const bob = await member('bob');
    fx.studio.engine.rewrite = (body) =>
      body[0]?.MsgType === 'TIMTextElem' ? [{ MsgType: 'TIMTextElem', MsgContent: { Text: '***' } }] : undefined;
    const m = alice.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'badword' } });
    await alice.tim.sendMessage(m);
    expect(m).toMatchObject({ isModified: true, payload: { text: '***' } });
    expect(alice.named(EVENT.MESSAGE_MODIFIED)[0]?.data).toEqual([m]);
    const got = await waitFor(() => bob.messages().find((x) => x.type === TYPES.MSG_TEXT), PATIENCE_MS, 'modified at bob');
    expect(got).toMatchObject({ isModified: true, payload: { text: '***' } });
  });

  it('sending to a room I am not in fails with 2101; engine codes pass through', async () => {
    const alice = await member('alice');
    const m = alice.tim.createTextMessage({ to: 'room2', conversationType: TYPES.CONV_GROUP, payload: { text: 'x' } });
    const err = await rejection(alice.tim.sendMessage(m));
    expect(err).toMatchObject({ code: 2101 });
    expect((err.data as { message: TimMessage }).message).toBe(m);
    expect(m.status).toBe('fail');
    const big = alice.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'x'.repeat(13_000) } });
    expect(await rejection(alice.tim.sendMessage(big))).toMatchObject({ code: 80002 });
    expect(await rejection(alice.tim.joinGroup({ groupID: 'nope' }))).toMatchObject({ code: 10010 });
  });
});
