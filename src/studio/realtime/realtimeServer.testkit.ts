// Fixture for the realtime server tests: a studio over the fake engine with room1 (custom fields set),
// room2 and the profiles of alice and bob; TIM-compat clients ended after each test; a rejection helper;
// roomStudioFixture() sets all of it up around every test of a file.
import { afterEach, beforeEach, expect } from 'vitest';
import { TYPES, type TimError } from '../../tim/timCompat';
import { startStudio, timClient, type RecordingClient, type Studio } from './harness.testkit';

/** A studio with the rooms and profiles every test starts from. */
export async function startRoomStudio(): Promise<Studio> {
  const studio = await startStudio();
  studio.engine.createGroup('room1', { groupCustomField: [{ key: 'room_status', value: '1' }, { key: 'add_goods', value: '[]' }] });
  studio.engine.createGroup('room2');
  studio.engine.setProfile('alice', 'Alice', 'https://img.example/alice.png');
  studio.engine.setProfile('bob', 'Bob', 'https://img.example/bob.png');
  return studio;
}

/** TIM-compat clients on whichever studio `current()` returns (a test may restart it); destroyClients() ends them all. */
export function timClients(current: () => Studio) {
  const clients: RecordingClient[] = [];

  const client = (appId?: number): RecordingClient => {
    const c = timClient(current(), appId);
    clients.push(c);
    return c;
  };

  async function member(userID: string, room = 'room1'): Promise<RecordingClient> {
    const c = client();
    await c.tim.login({ userID, userSig: current().engine.sigFor(userID) });
    await c.tim.joinGroup({ groupID: room, type: TYPES.GRP_AVCHATROOM });
    return c;
  }

  const destroyClients = async (): Promise<void> => {
    await Promise.all(clients.splice(0).map((c) => c.tim.destroy()));
  };

  return { client, member, destroyClients };
}

export const rejection = async (p: Promise<unknown>): Promise<TimError> => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    return e as TimError;
  }
  throw new Error('expected a rejection');
};

export const nowSec = (): number => Date.now() / 1000;

/**
 * Every realtime server test file's set-up: a fresh room studio before each test, its clients ended
 * and the studio closed after. A test may replace `fx.studio` (to restart it with other options);
 * the one there at the end is closed.
 */
export function roomStudioFixture(): { studio: Studio } & ReturnType<typeof timClients> {
  const holder: { studio: Studio } = { studio: undefined as unknown as Studio };
  const fx = Object.assign(holder, timClients(() => holder.studio));
  beforeEach(async () => {
    fx.studio = await startRoomStudio();
  });
  afterEach(async () => {
    await fx.destroyClients();
    await fx.studio.close();
  });
  return fx;
}
