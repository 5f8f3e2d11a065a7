// Which room the header and the room panel name: the joined (or joining) session's, else the one
// the settings choose — never a previous session's — and how long until the next automatic try.
import type { RoomSession } from '../../../../shared/roomContract';
import type { Settings } from '../../../../shared/settings';
import type { StudioStatus } from '../../../../shared/studioStatus';

/** A group id, 'none' (Tencent mode with no room chosen yet), or null (not known yet: the studio is starting). */
export type ShownRoom = { kind: 'room'; groupId: string } | { kind: 'none' } | null;

export function shownRoom(session: RoomSession | null, settings: Settings | undefined, studio: StudioStatus | null): ShownRoom {
  if (session) return { kind: 'room', groupId: session.groupId };
  if (!settings) return null;
  if (settings.room.groupId) return { kind: 'room', groupId: settings.room.groupId };
  // An empty group id means the studio's demo room in studio mode; Tencent has no default room.
  if (settings.mode === 'tencent') return { kind: 'none' };
  const demo = studio?.info?.demoRoomId;
  return demo ? { kind: 'room', groupId: demo } : null;
}

/** Whole seconds until `retryAt` (never negative), for "trying again in N s". */
export const secondsUntil = (retryAt: number, now: number): number => Math.max(0, Math.ceil((retryAt - now) / 1000));

/** What the room-problem banner says comes next, or that it stays hidden. */
export type ProblemNext = 'retrying' | 'notRetried' | 'waitingForStudio' | 'hidden';

/**
 * After a failed join: a retry is scheduled; or the local studio is on its way (the session starts
 * again by itself when it runs, so a starting studio is no "problem" worth a banner, only a
 * failed or stopped one); or nothing happens until the operator acts.
 */
export function problemNext(retryAt: number | null, mode: Settings['mode'] | undefined, studio: StudioStatus | null): ProblemNext {
  if (retryAt !== null) return 'retrying';
  if (mode !== 'studio' || studio?.state === 'running') return 'notRetried';
  if (studio === null || studio.state === 'starting' || studio.state === 'restarting') return 'hidden';
  return 'waitingForStudio';
}
