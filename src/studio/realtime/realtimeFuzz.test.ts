// Fuzz: ≥ 1,000 seeded random, mutated and garbage frames from several sockets. The server must
// answer every frame exactly once (with the seq it could read), stay up, and keep serving a
// well-behaved pair of clients in the same room.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES, parseClientFrame } from '../../shared/realtime/protocol';
import { TYPES } from '../../tim/timCompat';
import type { TextPayload } from '../../tim/timTypes';
import { FrameFuzzer, prng, readableSeq } from './fuzzFrames.testkit';
import { PATIENCE_MS, sleep } from '../../../test/support/waitFor';
import { rawClient, startStudio, timClient, waitFor, type RecordingClient, type Studio } from './harness.testkit';

const SEED = 0x5eed;
const FRAMES = 1_500;

let studio: Studio;
let good: RecordingClient[] = [];

beforeAll(async () => {
  studio = await startStudio();
  studio.engine.createGroup('room1', { groupCustomField: [{ key: 'room_status', value: '1' }] });
  studio.engine.createGroup('room2');
});

afterAll(async () => {
  await Promise.all(good.map((c) => c.tim.destroy()));
  await studio.close();
});

describe('realtime fuzz', () => {
  it(`answers ${FRAMES} fuzzed frames one-for-one and keeps serving well-behaved clients`, async () => {
    const a = timClient(studio);
    const b = timClient(studio);
    good = [a, b];
    for (const [c, id] of [
      [a, 'good_a'],
      [b, 'good_b'],
    ] as const) {
      await c.tim.login({ userID: id, userSig: studio.engine.sigFor(id) });
      await c.tim.joinGroup({ groupID: 'room1', type: TYPES.GRP_AVCHATROOM });
    }

    const fuzz = new FrameFuzzer(prng(SEED), {
      groups: ['room1', 'room2', 'missing', '@TGS#1'],
      users: ['fuzz_1', 'fuzz_2', 'fuzz_3'],
      sigFor: (u) => studio.engine.sigFor(u),
    });
    const sockets = await Promise.all([0, 1, 2].map(() => rawClient(studio.endpoint)));
    const expected: number[][] = [[], [], []];
    for (let i = 0; i < FRAMES; i++) {
      const k = i % 3;
      const raw = sockets[k];
      if (!raw) throw new Error('socket');
      const frame = fuzz.frame(i);
      expected[k]?.push(readableSeq(frame, MAX_FRAME_BYTES));
      if ('text' in frame) raw.ws.send(frame.text);
      else raw.ws.send(frame.binary, { binary: true });
      // Let the event loop breathe now and then, as real clients would.
      if (i % 100 === 99) await new Promise((r) => setImmediate(r));
    }

    for (const [k, raw] of sockets.entries()) {
      const want = expected[k] ?? [];
      await waitFor(() => raw.acks().length >= want.length, PATIENCE_MS, `acks on socket ${k}`);
      await sleep(50); // then no extra acks: each frame is answered exactly once
      const got = raw.acks().map((f) => f.seq ?? NaN);
      expect(got.length).toBe(want.length);
      expect([...got].sort((x, y) => x - y)).toEqual([...want].sort((x, y) => x - y));
      for (const ack of raw.acks()) {
        if (ack.ok === false) {
          expect(Number.isInteger(ack.code)).toBe(true);
          expect(typeof ack.message).toBe('string');
        }
      }
      expect(raw.ws.readyState).toBe(raw.ws.OPEN);
    }
    const stats = studio.realtime.stats();
    expect(stats.badFrames).toBeGreaterThan(FRAMES / 3);
    expect(studio.realtime.sessionCount()).toBe(5);

    // The well-behaved pair still talks, both ways.
    await a.tim.sendMessage(a.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'after fuzz' } }));
    await waitFor(() => b.messages().find((m) => m.from === 'good_a' && (m.payload as TextPayload).text === 'after fuzz'), PATIENCE_MS, 'a→b');
    await b.tim.sendMessage(b.tim.createTextMessage({ to: 'room1', conversationType: TYPES.CONV_GROUP, payload: { text: 'me too' } }));
    await waitFor(() => a.messages().find((m) => m.from === 'good_b' && (m.payload as TextPayload).text === 'me too'), PATIENCE_MS, 'b→a');
    expect((await a.tim.getGroupProfile({ groupID: 'room1', groupCustomFieldFilter: ['room_status'] })).data.group.groupID).toBe('room1');
    for (const s of sockets) s.close();
  });

  it('the frame parser never throws on 20,000 generated frames', () => {
    const fuzz = new FrameFuzzer(prng(SEED + 1), { groups: ['room1'], users: ['u'], sigFor: () => 'fake:u:1' });
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const f = fuzz.frame(i);
      if (!('text' in f)) continue;
      const r = parseClientFrame(f.text);
      if (r.ok) accepted++;
      else expect(r.code).toBeGreaterThan(0);
    }
    // The generator must also produce valid frames, or this test proves nothing.
    expect(accepted).toBeGreaterThan(2_000);
  });
});
