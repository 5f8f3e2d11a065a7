// A lucky bag from start to draw, for the CLI and the console alike: a fresh random seed, its
// commitment published with the bag, the countdown, the entrants the callbacks service collected
// from the room (keyword comments, follows, watch time), the draw revealed to the room.
import crypto from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { LuckyBag, LuckyBagDraw, LuckyBagRequest } from '../../shared/domain/promotions';
import type { CallbacksAdminClient } from '../moderation/callbacksAdminClient';
import type { RoomAdmin } from './roomAdmin';

export interface LuckyBagRunDeps {
  admin: RoomAdmin;
  /** Where the entrants come from: the studio's embedded callbacks service or the deployed one. */
  callbacks: Pick<CallbacksAdminClient, 'entrants'>;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Told once the bag (with its commitment) is in the room. */
  onStarted?(bag: LuckyBag): void;
}

export interface LuckyBagOutcome {
  bag: LuckyBag;
  seed: string;
  draw: LuckyBagDraw;
  entrants: string[];
}

/** 32 random bytes as hex: the seed whose SHA-256 is the commitment. */
export const newSeed = (): string => crypto.randomBytes(32).toString('hex');

export async function runLuckyBag(d: LuckyBagRunDeps, request: LuckyBagRequest, seed: string = newSeed()): Promise<LuckyBagOutcome> {
  const { bag } = await d.admin.startLuckyBag(request, seed);
  d.onStarted?.(bag);
  return drawWhenDue({ ...d, groupId: d.admin.groupId, draw: (entrants) => d.admin.drawLuckyBag(bag, seed, entrants) }, bag, seed);
}

/** The second half: waits for the draw time, fetches the entrants, draws through `draw`. */
export async function drawWhenDue(
  d: Pick<LuckyBagRunDeps, 'callbacks' | 'now' | 'sleep'> & { groupId: string; draw: (entrants: string[]) => Promise<{ draw: LuckyBagDraw; entrants: string[] }> },
  bag: LuckyBag,
  seed: string,
): Promise<LuckyBagOutcome> {
  for (let wait = bag.drawAt - d.now(); wait > 0; wait = bag.drawAt - d.now()) await d.sleep(Math.min(wait, 1000));
  const got = await d.callbacks.entrants(d.groupId, bag.id);
  if (!got) throw new AppError('CALLBACKS_UNAVAILABLE', `The callbacks service has no entrants for ${bag.id}: is it the one the room's callbacks go to?`);
  const { draw, entrants } = await d.draw(got.entrants);
  return { bag, seed, draw, entrants };
}
