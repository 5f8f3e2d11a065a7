// Hands out the room session's TIM clients one at a time: the factory is asked for the next only once the
// previous one's destroy() has finished (bounded by DESTROY_WAIT_MS), as tim-js-sdk hands out its dying instance until then.
import type { RoomSession } from '../../../../shared/roomContract';
import { DESTROY_WAIT_MS, settleWithin, type TimFactory, type TimSdk } from './timFactory';

export interface ClientSlot {
  /** The client in use; null before the first open and after close(). */
  readonly current: TimSdk | null;
  /** The factory's client for `session` once the previous one is gone; null if `stale()` meanwhile. */
  open(session: RoomSession, stale: () => boolean): Promise<TimSdk | null>;
  /** Destroys the current client (in the background); the next open() waits for that. */
  close(): void;
}

const destroyBounded = (tim: TimSdk): Promise<void> => settleWithin(tim.client.destroy(), DESTROY_WAIT_MS).then(() => undefined);

export function createClientSlot(factory: TimFactory): ClientSlot {
  let current: TimSdk | null = null;
  /** Resolves once the client of the previous open() is destroyed: `releaseCurrent` opens it after close(). */
  let gate: Promise<void> = Promise.resolve();
  let releaseCurrent: (() => void) | null = null;

  return {
    get current() {
      return current;
    },
    async open(session, stale) {
      const previous = gate;
      let release: () => void = () => undefined;
      gate = new Promise<void>((r) => (release = r));
      let handedOver = false;
      try {
        await previous;
        if (stale()) return null;
        const tim = await factory(session);
        if (stale()) {
          await destroyBounded(tim);
          return null;
        }
        current = tim;
        releaseCurrent = release;
        handedOver = true;
        return tim;
      } finally {
        if (!handedOver) release();
      }
    },
    close() {
      const old = current;
      const release = releaseCurrent;
      current = null;
      releaseCurrent = null;
      if (old) void destroyBounded(old).then(release ?? undefined);
    },
  };
}
