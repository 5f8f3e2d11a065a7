// Runs one room session: asks main for the session (UserSig issued there), opens the TIM client
// through the factory, registers listeners before login, logs in, joins, reads the room fields,
// then follows messages. Saves the room state every few seconds and polls the online count at
// Tencent's pace, and asks the callbacks service for recent senders' levels (the feed's badges).
// `dispose()` stops everything; a new session is started for new settings.
import { DEFAULT_CUSTOM_FIELDS } from '../../../../shared/domain/liveCommerce';
import { decodeGroupProfile, decodeTimMessages, levelOf, restoreRoom, serialiseRoom, type RoomState } from '../../../../shared/domain/room';
import type { RoomRole, RoomSession } from '../../../../shared/roomContract';
import type { StagesideApi } from '../../../../shared/rpc';
import { changedLevels, idsToLookUp, LEVELS_EVERY_MS, pruneLookups } from '../moderation/levelLookup';
import type { RoomStore } from './roomStore';
import type { TimFactory, TimSdk } from './timFactory';

export const SAVE_EVERY_MS = 5_000;
/** get_online_member_num is cached ~10 s on Tencent's side; polling faster buys nothing. */
export const ONLINE_EVERY_MS = 10_000;
export const RETRY_SESSION_MS = 5_000;

export interface RoomSessionOptions {
  api: StagesideApi;
  role: RoomRole;
  store: RoomStore;
  factory: TimFactory;
  now?: () => number;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e));

export function startRoomSession(o: RoomSessionOptions): () => void {
  const { api, store, factory } = o;
  const now = o.now ?? (() => Date.now());
  let disposed = false;
  /** Bumped per attempt, so a superseded attempt's awaits stop where they are. */
  let generation = 0;
  let sdk: TimSdk | null = null;
  let session: RoomSession | null = null;
  let lastSaved: RoomState | null = null;
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

  const run = async (): Promise<void> => {
    const my = ++generation;
    const stale = (): boolean => disposed || my !== generation;
    store.setConnection('connecting');
    const r = await api.call('room:getSession', { role: o.role });
    if (stale()) return;
    if (!r.ok) {
      store.setConnection('error', r.error.message);
      // The studio may still be starting; its status event restarts us too.
      timers.push(setTimeout(() => void restart(), RETRY_SESSION_MS));
      return;
    }
    const s = r.value;
    const previous = store.getSnapshot().session;
    store.setSession(s);
    if (previous?.groupId !== s.groupId) {
      const saved = await api.call('room:loadState', { groupId: s.groupId });
      if (stale()) return;
      store.replaceState(restoreRoom(saved.ok ? saved.value.state : null));
      store.setOnline(null);
    }
    session = s;
    lastSaved = store.getSnapshot().state;

    const tim = await factory(s);
    if (stale()) return void tim.client.destroy();
    sdk = tim;
    const ctx = { adminIds: new Set([s.adminIdentifier]), groupId: s.groupId };
    let joined = false;
    tim.client.on(tim.EVENT.MESSAGE_RECEIVED, (e) => store.enqueue(decodeTimMessages(e.data, { ...ctx, now: now() })));
    tim.client.on(tim.EVENT.NET_STATE_CHANGE, (e) => {
      const state = (e.data as { state?: string } | undefined)?.state;
      if (!joined || stale()) return;
      if (state === 'connected') {
        store.setConnection('connected');
        // Fields may have changed while we were away: read the snapshot again.
        void readFields(s, tim).catch(() => undefined);
      } else store.setConnection('reconnecting');
    });
    tim.client.on(tim.EVENT.KICKED_OUT, (e) => {
      if (stale()) return;
      const type = (e.data as { type?: string } | undefined)?.type ?? 'unknown';
      joined = false;
      store.setSender(null);
      // An expired UserSig gets a fresh one from main; another login of this UserID wins until the operator rejoins.
      if (type === 'userSigExpired') void restart();
      else store.setConnection('kicked', type);
    });

    await tim.client.login({ userID: s.userId, userSig: s.userSig });
    if (stale()) return;
    await tim.client.joinGroup({ groupID: s.groupId, type: tim.TYPES.GRP_AVCHATROOM });
    if (stale()) return;
    joined = true;
    await readFields(s, tim);
    if (stale()) return;
    store.setSender(async (text) => {
      const msg = tim.client.createTextMessage({ to: s.groupId, conversationType: tim.TYPES.CONV_GROUP, payload: { text } });
      await tim.client.sendMessage(msg as never);
      // Own sends are not echoed back (tim-js-sdk behaviour): show the line locally.
      const at = now();
      store.enqueue([{ kind: 'text', at, id: `own-${at}-${Math.random()}`, text, fromAdmin: false, userId: s.userId, nick: s.userId, avatar: '' }]);
    });
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
    sdk = null;
    if (old) void old.client.destroy().catch(() => undefined);
  };

  const restart = async (): Promise<void> => {
    if (disposed) return;
    teardown();
    await start();
  };

  const start = (): Promise<void> => {
    const my = generation + 1;
    return run().catch((e: unknown) => {
      if (disposed || my !== generation) return;
      // A failed attempt (login refused, studio restarting) is retried; the header says why.
      timers.push(setTimeout(() => void restart(), RETRY_SESSION_MS));
      store.setConnection('error', messageOf(e));
    });
  };

  store.setRejoin(() => void restart());
  void start();

  return () => {
    disposed = true;
    store.setRejoin(null);
    teardown();
  };
}
