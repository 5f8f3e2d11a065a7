// Runs one room session: asks main for the session (UserSig issued there), opens the TIM client
// through the factory (only once the previous attempt's client has been destroyed: tim-js-sdk hands
// out its cached instance until then), registers listeners before login, logs in (the factory's
// login resolves at SDK_READY), joins, reads the room fields, then follows messages. Saves the
// room state every few seconds and polls the online count at Tencent's pace, and asks the
// callbacks service for recent senders' levels (the feed's badges).
// A failed attempt clears what the panels show (another room's counters must not pass for this
// one's) and is retried with backoff, or not at all for configuration errors (retryPolicy.ts).
// While the SDK is not ready (SDK_NOT_READY) sending is off; if it stays so, the attempt fails.
// A kick by another login of the UserID waits for Rejoin (no login ping-pong); an expired UserSig
// gets a fresh one at once, unless it keeps expiring right after login.
// `dispose()` stops everything; a new session is started for new settings.
import { DEFAULT_CUSTOM_FIELDS } from '../../../../shared/domain/liveCommerce';
import { decodeGroupProfile, decodeTimMessages, initialRoomState, levelOf, restoreRoom, serialiseRoom, type RoomState } from '../../../../shared/domain/room';
import type { RoomRole, RoomSession } from '../../../../shared/roomContract';
import type { StagesideApi } from '../../../../shared/rpc';
import { changedLevels, idsToLookUp, LEVELS_EVERY_MS, pruneLookups } from '../moderation/levelLookup';
import { classifyFailure, retryDelayMs } from './retryPolicy';
import type { RoomStore } from './roomStore';
import { DESTROY_WAIT_MS, settleWithin, type TimFactory, type TimSdk } from './timFactory';

export const SAVE_EVERY_MS = 5_000;
/** get_online_member_num is cached ~10 s on Tencent's side; polling faster buys nothing. */
export const ONLINE_EVERY_MS = 10_000;
/** How long the room stays 'reconnecting' after SDK_NOT_READY before the attempt counts as failed. */
export const NOT_READY_GRACE_MS = 5_000;
/** A UserSig that "expires" this soon after the attempt started is not fetched again at once (backoff instead). */
export const SIG_EXPIRY_LOOP_MS = 60_000;

export interface RoomSessionOptions {
  api: StagesideApi;
  role: RoomRole;
  store: RoomStore;
  factory: TimFactory;
  now?: () => number;
}

/** Error envelopes from main and tim-js-sdk's rejections are plain `{code, message}` objects. */
const messageOf = (e: unknown): string => {
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e;
  const m = (e as { message?: unknown } | null)?.message;
  return typeof m === 'string' && m ? m : JSON.stringify(e);
};

/** The header shows "Signed out of the room (<this>)". */
export function kickReason(type: string, userId: string): string {
  switch (type) {
    case 'multipleAccount':
      return `${userId} signed in somewhere else — multipleAccount`;
    case 'multipleDevice':
      return `${userId} signed in on another device — multipleDevice`;
    case 'REST_API_Kick':
      return 'signed out by the server (REST API kick) — REST_API_Kick';
    default:
      return type;
  }
}

const sameRoom = (a: RoomSession | null | undefined, b: RoomSession): boolean => Boolean(a && a.mode === b.mode && a.groupId === b.groupId);

export function startRoomSession(o: RoomSessionOptions): () => void {
  const { api, store, factory } = o;
  const now = o.now ?? (() => Date.now());
  let disposed = false;
  /** Bumped per attempt, so a superseded attempt's awaits stop where they are. */
  let generation = 0;
  let sdk: TimSdk | null = null;
  /**
   * Resolves once the client of the previous attempt is destroyed (or DESTROY_WAIT_MS passed):
   * attempts take clients one at a time, in order. `releaseSdk` opens it after `sdk`'s teardown.
   */
  let clientGate: Promise<void> = Promise.resolve();
  let releaseSdk: (() => void) | null = null;
  let session: RoomSession | null = null;
  let lastSaved: RoomState | null = null;
  /** Failed attempts in a row (the backoff's exponent); reset by a join and by Rejoin. */
  let failures = 0;
  /**
   * The room the panels showed before they were cleared (a new session, or a failed attempt):
   * put back at once if the next join is the same room, without waiting for room:loadState.
   */
  let carried: { session: RoomSession; state: RoomState } | null = null;
  const timers: ReturnType<typeof setTimeout>[] = [];
  const every = (ms: number, fn: () => void): void => {
    timers.push(setInterval(fn, ms));
  };

  const save = (): void => {
    const s = store.getSnapshot().state;
    if (!session || s === lastSaved) return;
    lastSaved = s;
    void api.call('room:saveState', { groupId: session.groupId, state: serialiseRoom(s) });
  };

  /** UserID → when we last asked for its level. */
  const lookedUpAt = new Map<string, number>();
  let levelsInFlight = false;
  const pollLevels = (): void => {
    if (levelsInFlight) return;
    const at = now();
    pruneLookups(lookedUpAt, at);
    const userIds = idsToLookUp(store.getSnapshot().state.feed, lookedUpAt, at);
    if (userIds.length === 0) return;
    for (const id of userIds) lookedUpAt.set(id, at);
    levelsInFlight = true;
    void api
      .call('levels:of', { userIds })
      .then((r) => {
        // CALLBACKS_UNAVAILABLE (no service configured) and other failures: no badges, no noise.
        if (disposed || !r.ok) return;
        const state = store.getSnapshot().state;
        const levels = changedLevels(r.value, (id) => levelOf(state, id));
        if (levels) store.enqueue([{ kind: 'levels', levels }]);
      })
      .catch(() => undefined)
      .finally(() => {
        levelsInFlight = false;
      });
  };

  const pollOnline = (): void => {
    void api.call('room:onlineCount', {}).then((r) => {
      if (!disposed && r.ok) store.setOnline(r.value.count);
    });
  };

  const readFields = async (s: RoomSession, tim: TimSdk): Promise<void> => {
    const r = await tim.client.getGroupProfile({ groupID: s.groupId, groupCustomFieldFilter: [...DEFAULT_CUSTOM_FIELDS] });
    const e = decodeGroupProfile(r.data.group, now());
    if (e && sdk === tim) store.enqueue([e]);
  };

  const closeClient = (tim: TimSdk): Promise<void> => settleWithin(tim.client.destroy(), DESTROY_WAIT_MS).then(() => undefined);

  /** The factory's client for this attempt, once the previous one is gone; null if superseded meanwhile. */
  const openClient = async (s: RoomSession, stale: () => boolean): Promise<TimSdk | null> => {
    const previous = clientGate;
    let release: () => void = () => undefined;
    clientGate = new Promise<void>((r) => (release = r));
    let handedOver = false;
    try {
      await previous;
      if (stale()) return null;
      const tim = await factory(s);
      if (stale()) {
        await closeClient(tim);
        return null;
      }
      sdk = tim;
      releaseSdk = release;
      handedOver = true;
      return tim;
    } finally {
      if (!handedOver) release();
    }
  };

  const run = async (): Promise<void> => {
    const my = ++generation;
    const stale = (): boolean => disposed || my !== generation;
    const startedAt = now();
    store.setConnection('connecting');
    const r = await api.call('room:getSession', { role: o.role });
    if (stale()) return;
    // The envelope is thrown as it is, so the retry policy sees its code and details.
    if (!r.ok) throw r.error;
    const s = r.value;
    const previous = store.getSnapshot().session;
    store.setSession(s);
    if (!sameRoom(previous, s)) {
      const kept = carried && sameRoom(carried.session, s) ? carried.state : null;
      if (kept) store.replaceState(kept);
      else {
        const saved = await api.call('room:loadState', { groupId: s.groupId });
        if (stale()) return;
        store.replaceState(restoreRoom(saved.ok ? saved.value.state : null));
      }
      store.setOnline(null);
    }
    carried = null;
    session = s;
    lastSaved = store.getSnapshot().state;

    const tim = await openClient(s, stale);
    if (!tim) return;
    const ctx = { adminIds: new Set([s.adminIdentifier]), groupId: s.groupId };
    const EV = tim.EVENT;
    /** Joined, with the room read once; events before that belong to the attempt still running. */
    let joined = false;
    /** SDK_READY seen (or login resolved) and no SDK_NOT_READY since. */
    let ready = false;
    let lastSdkError: { code?: number; message: string } | null = null;
    let notReadyTimer: ReturnType<typeof setTimeout> | null = null;
    const clearNotReady = (): void => {
      if (notReadyTimer !== null) clearTimeout(notReadyTimer);
      notReadyTimer = null;
    };
    /** This client's events stop counting once it is torn down or the attempt is superseded. */
    const gone = (): boolean => stale() || sdk !== tim;
    /** Ends this attempt from an event: its pending awaits are ignored from now on. */
    const endAttempt = (e: unknown): void => {
      generation += 1;
      failed(e);
    };
    const enableSending = (): void =>
      store.setSender(async (text) => {
        const msg = tim.client.createTextMessage({ to: s.groupId, conversationType: tim.TYPES.CONV_GROUP, payload: { text } });
        await tim.client.sendMessage(msg as never);
        // Own sends are not echoed back (tim-js-sdk behaviour): show the line locally.
        const at = now();
        store.enqueue([{ kind: 'text', at, id: `own-${at}-${Math.random()}`, text, fromAdmin: false, userId: s.userId, nick: s.userId, avatar: '' }]);
      });

    tim.client.on(EV.MESSAGE_RECEIVED, (e) => {
      if (!gone()) store.enqueue(decodeTimMessages(e.data, { ...ctx, now: now() }));
    });
    tim.client.on(EV.NET_STATE_CHANGE, (e) => {
      const state = (e.data as { state?: string } | undefined)?.state;
      if (!joined || !ready || gone()) return;
      if (state === 'connected') {
        store.setConnection('connected');
        // Fields may have changed while we were away: read the snapshot again.
        void readFields(s, tim).catch(() => undefined);
      } else store.setConnection('reconnecting');
    });
    tim.client.on(EV.SDK_READY, () => {
      if (gone()) return;
      ready = true;
      // The first SDK_READY is awaited by login(); a later one ends a not-ready spell.
      if (!joined) return;
      clearNotReady();
      enableSending();
      store.setConnection('connected');
      void readFields(s, tim).catch(() => undefined);
    });
    tim.client.on(EV.SDK_NOT_READY, () => {
      if (gone()) return;
      ready = false;
      store.setSender(null);
      if (!joined || notReadyTimer !== null) return;
      store.setConnection('reconnecting');
      // tim-js-sdk does not become ready again by itself after a logout: fail the attempt, so it is
      // retried (or not, for a refused UserSig: the last SDK error's code decides).
      notReadyTimer = setTimeout(() => {
        notReadyTimer = null;
        if (gone() || ready) return;
        const why = lastSdkError ? `: ${lastSdkError.message}` : '';
        endAttempt({
          ...(lastSdkError?.code === undefined ? {} : { code: lastSdkError.code }),
          message: `The IM client signed out and did not become ready again within ${Math.round(NOT_READY_GRACE_MS / 1000)} s${why}`,
        });
      }, NOT_READY_GRACE_MS);
      timers.push(notReadyTimer);
    });
    tim.client.on(EV.ERROR, (e) => {
      if (gone()) return;
      const d = e.data as { code?: unknown; message?: unknown } | undefined;
      lastSdkError = { ...(typeof d?.code === 'number' ? { code: d.code } : {}), message: typeof d?.message === 'string' ? d.message : 'unknown error' };
    });
    tim.client.on(EV.KICKED_OUT, (e) => {
      if (gone()) return;
      const type = (e.data as { type?: string } | undefined)?.type ?? 'unknown';
      clearNotReady();
      joined = false;
      ready = false;
      store.setSender(null);
      if (type === 'userSigExpired') {
        // An expired UserSig gets a fresh one from main — unless it "expired" right after this attempt began (clock or lifetime wrong).
        if (now() - startedAt >= SIG_EXPIRY_LOOP_MS) void restart();
        else endAttempt(new Error("Tencent IM said the UserSig expired right after login — check the UserSig lifetime and this computer's clock"));
        return;
      }
      // Another login of this UserID (or a REST kick) wins until the operator rejoins: no automatic re-login, no ping-pong.
      generation += 1;
      store.setConnection('kicked', kickReason(type, s.userId));
    });

    await tim.client.login({ userID: s.userId, userSig: s.userSig });
    if (stale()) return;
    ready = true;
    await tim.client.joinGroup({ groupID: s.groupId, type: tim.TYPES.GRP_AVCHATROOM });
    if (stale()) return;
    await readFields(s, tim);
    if (stale()) return;
    // SDK_NOT_READY while joining (a logout): this attempt has nothing to stand on.
    if (!ready) throw new Error('The IM client signed out while joining the room');
    joined = true;
    enableSending();
    failures = 0;
    store.setConnection('connected');
    pollOnline();
    every(ONLINE_EVERY_MS, pollOnline);
    every(SAVE_EVERY_MS, save);
    every(LEVELS_EVERY_MS, pollLevels);
  };

  const teardown = (): void => {
    for (const t of timers) clearTimeout(t);
    timers.length = 0;
    store.setSender(null);
    save();
    const old = sdk;
    const release = releaseSdk;
    sdk = null;
    releaseSdk = null;
    // The next attempt's client waits for this (bounded): see openClient.
    if (old) void closeClient(old).then(release ?? undefined);
  };

  const restart = async (): Promise<void> => {
    if (disposed) return;
    teardown();
    await start();
  };

  /** Remembers and clears what the panels show, so no other room's data passes for the current one. */
  const clearShown = (): void => {
    const shown = store.getSnapshot();
    if (shown.session) carried = { session: shown.session, state: shown.state };
    session = null;
    lastSaved = null;
    store.setSession(null);
    store.replaceState(initialRoomState());
    store.setOnline(null);
  };

  const failed = (e: unknown): void => {
    teardown();
    clearShown();
    failures += 1;
    // Network trouble is retried with backoff; a configuration error waits for Rejoin or a settings change.
    const retryAt = classifyFailure(e) === 'transient' ? now() + retryDelayMs(failures) : null;
    if (retryAt !== null) timers.push(setTimeout(() => void restart(), retryAt - now()));
    store.setConnection('error', messageOf(e), retryAt);
  };

  const start = (): Promise<void> => {
    const my = generation + 1;
    return run().catch((e: unknown) => {
      if (disposed || my !== generation) return;
      failed(e);
    });
  };

  // A new session (new settings): the previous room's data leaves the screen until this one joins.
  clearShown();
  store.setRejoin(() => {
    failures = 0;
    void restart();
  });
  void start();

  return () => {
    disposed = true;
    store.setRejoin(null);
    teardown();
  };
}
