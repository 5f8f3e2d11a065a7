// The socket itself: frames refused before login, bad frames, reconnects after a drop, the heartbeat,
// other upgrade paths, and destroy().
import { describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { EVENT, TYPES } from '../../tim/timCompat';
import type { TextPayload } from '../../tim/timTypes';
import { PATIENCE_MS } from '../../../test/support/waitFor';
import { rawClient, startStudio, waitFor } from './harness.testkit';
import { roomStudioFixture } from './realtimeServer.testkit';

const fx = roomStudioFixture();
const { member } = fx;

describe('protocol refusals', () => {
  it('frames from a client that is not logged in are refused (2024); guest operations work', async () => {
    const raw = await rawClient(fx.studio.endpoint);
    try {
      const refused = [
        { t: 'send', seq: 1, groupID: 'room1', priority: 'Normal', random: 1, body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }], cloudCustomData: '' },
        { t: 'getGroupProfile', seq: 2, groupID: 'room1' },
        { t: 'getMyProfile', seq: 3 },
        { t: 'updateMyProfile', seq: 4, nick: 'x' },
        { t: 'getUserProfile', seq: 5, userIDList: ['bob'] },
        { t: 'logout', seq: 6 },
      ];
      for (const f of refused) raw.send(f);
      for (const f of refused) expect(await raw.ack(f.seq)).toMatchObject({ ok: false, code: 2024 });
      raw.send({ t: 'ping', seq: 7 });
      raw.send({ t: 'join', seq: 8, groupID: 'room1' });
      raw.send({ t: 'getOnlineCount', seq: 9, groupID: 'room1' });
      expect(await raw.ack(7)).toMatchObject({ ok: true });
      expect(await raw.ack(8)).toMatchObject({ ok: true, data: { status: 'JoinedSuccess' } });
      expect(await raw.ack(9)).toMatchObject({ ok: true, data: { memberCount: 1 } });
      expect(fx.studio.engine.sends).toHaveLength(0);
    } finally {
      raw.close();
    }
  });

  it('a bad frame gets an error ack and disturbs neither its socket nor another client', async () => {
    const alice = await member('alice');
    const bob = await member('bob');
    const raw = await rawClient(fx.studio.endpoint);
    try {
      raw.send('not json');
      raw.send({ t: 'nope', seq: 5 });
      raw.send({ t: 'join', seq: 6, groupID: 123 });
      raw.send({ t: 'join', seq: 7, groupID: 'room1', extra: true });
      raw.send([1, 2]);
      raw.ws.send(Buffer.from([1, 2, 3]), { binary: true });
      raw.send({ t: 'ping', seq: 8, pad: 'x'.repeat(70_000) });
      raw.send({ t: 'login', seq: 9, userID: 'a'.repeat(33), userSig: 'x' });
      raw.send({ t: 'ping', seq: 10 });
      expect(await raw.ack(10)).toMatchObject({ ok: true });
      const acks = raw.acks();
      expect(acks.map((a) => [a.seq, a.code])).toEqual([
        [-1, 60003],
        [5, 60009],
        [6, 10004],
        [7, 10004],
        [-1, 10004],
        [-1, 10004],
        [-1, 10004],
        [9, 10004],
        [10, undefined],
      ]);
      expect(acks.find((a) => a.seq === 6)?.message).toMatch(/groupID/);
      expect(fx.studio.realtime.stats().badFrames).toBeGreaterThanOrEqual(6);
    } finally {
      raw.close();
    }
    await alice.tim.sendMessage(alice.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'still fine' } }));
    await waitFor(() => bob.messages().find((m) => (m.payload as TextPayload).text === 'still fine'), PATIENCE_MS, 'message after bad frames');
  });
});

describe('connection', () => {
  it('reconnects after the server drops the socket, re-logs-in, re-joins and receives again', async () => {
    const alice = await member('alice');
    const bob = await member('bob');
    const before = fx.studio.engine.members('room1').find((m) => m.userId === 'alice');
    expect(before).toBeDefined();
    expect(fx.studio.realtime.terminate(before?.sessionId ?? '')).toBe(true);

    await waitFor(() => alice.named(EVENT.NET_STATE_CHANGE).some((e) => (e.data as { state: string }).state === 'disconnected'), PATIENCE_MS, 'disconnected');
    const rejoined = await waitFor(
      () => fx.studio.engine.members('room1').find((m) => m.userId === 'alice' && m.sessionId !== before?.sessionId),
      PATIENCE_MS,
      'rejoin',
    );
    expect(rejoined.userId).toBe('alice');
    const stateOf = (e: { data: unknown }): string => (e.data as { state: string }).state;
    await waitFor(() => alice.named(EVENT.NET_STATE_CHANGE).length === 5, PATIENCE_MS, 'connected again');
    const states = alice.named(EVENT.NET_STATE_CHANGE).map(stateOf);
    expect(states.slice(0, 2)).toEqual(['connecting', 'connected']);
    expect(states.slice(2)).toEqual(['disconnected', 'connecting', 'connected']);
    expect(alice.named(EVENT.SDK_NOT_READY)).toHaveLength(0);

    await bob.tim.sendMessage(bob.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'after the drop' } }));
    await waitFor(() => alice.messages().find((m) => (m.payload as TextPayload).text === 'after the drop'), PATIENCE_MS, 'message after reconnect');
    await alice.tim.sendMessage(alice.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'me too' } }));
    await waitFor(() => bob.messages().find((m) => (m.payload as TextPayload).text === 'me too'), PATIENCE_MS, 'alice after reconnect');
  });

  it('requests made while the server is away wait for the reconnect', async () => {
    const alice = await member('alice');
    const id = fx.studio.engine.members('room1').find((m) => m.userId === 'alice')?.sessionId ?? '';
    fx.studio.realtime.terminate(id);
    const p = alice.tim.getGroupOnlineMemberCount('room1');
    expect((await p).data.memberCount).toBe(1);
  });

  it('the heartbeat terminates a socket that stops answering pings, and its session leaves', async () => {
    await fx.studio.close();
    fx.studio = await startStudio({ heartbeatMs: 50 }, fx.studio.engine);
    const raw = await rawClient(fx.studio.endpoint, { autoPong: false });
    raw.send({ t: 'join', seq: 1, groupID: 'room1' });
    await raw.ack(1);
    expect(fx.studio.engine.members('room1')).toHaveLength(1);
    await waitFor(() => fx.studio.realtime.sessionCount() === 0, PATIENCE_MS, 'terminated');
    expect(fx.studio.engine.members('room1')).toHaveLength(0);
    expect(raw.ws.readyState).not.toBe(WebSocket.OPEN);
  });

  it('leaves upgrades for other paths to their own handlers', async () => {
    const other = new WebSocketServer({ noServer: true });
    fx.studio.server.on('upgrade', (req, socket, head) => {
      if (req.url === '/other') other.handleUpgrade(req, socket, head, (ws) => ws.send('other-hello'));
    });
    const ws = new WebSocket(fx.studio.endpoint.replace('/realtime', '/other'));
    const first = await new Promise<string>((resolve, reject) => {
      ws.once('message', (d) => resolve(String(d)));
      ws.once('error', reject);
    });
    expect(first).toBe('other-hello');
    expect(fx.studio.realtime.sessionCount()).toBe(0);
    ws.terminate();
    other.close();
  });

  it('destroy logs out, leaves the room and closes the socket', async () => {
    const alice = await member('alice');
    await alice.tim.destroy();
    await waitFor(() => fx.studio.engine.members('room1').length === 0, PATIENCE_MS, 'left');
    await waitFor(() => fx.studio.realtime.sessionCount() === 0, PATIENCE_MS, 'the socket closed');
    expect(fx.studio.realtime.sessionCount()).toBe(0);
  });
});
