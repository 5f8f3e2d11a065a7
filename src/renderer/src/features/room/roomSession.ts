// Runs one room session as the side effects of its connection machine (sessionMachine.ts): main's
// session, the TIM client, polls, deadlines and the store, with every SDK event and answer fed back as an event.
import { DEFAULT_CUSTOM_FIELDS } from '../../../../shared/domain/liveCommerce';
import { decodeGroupProfile, decodeTimMessages, encodeOperatorTag } from '../../../../shared/domain/room';
import { assertNever } from '../../../../shared/errors';
import type { RoomRole, RoomSession } from '../../../../shared/roomContract';
import type { StagesideApi } from '../../../../shared/rpc';
import { LEVELS_EVERY_MS } from '../moderation/levelLookup';
import { createClientSlot } from './clientSlot';
import { createRoomPanels } from './roomPanels';
import type { RoomStore } from './roomStore';
import { attemptOf, deadlineOf, transition, viewOf, type Deadline, type SdkError, type SessionEvent, type SessionState } from './sessionMachine';
import type { TimFactory, TimSdk } from './timFactory';

export const SAVE_EVERY_MS = 5_000;
/** get_online_member_num is cached ~10 s on Tencent's side; polling faster buys nothing. */
export const ONLINE_EVERY_MS = 10_000;

export interface RoomSessionOptions {
  api: StagesideApi;
  role: RoomRole;
  store: RoomStore;
  factory: TimFactory;
  now?: () => number;
}

const sdkErrorOf = (data: unknown): SdkError => {
  const d = data as { code?: unknown; message?: unknown } | undefined;
  return { ...(typeof d?.code === 'number' ? { code: d.code } : {}), message: typeof d?.message === 'string' ? d.message : 'unknown error' };
};

export function startRoomSession(o: RoomSessionOptions): () => void {
  const { api, store } = o;
  const now = o.now ?? (() => Date.now());
  let state: SessionState = { kind: 'idle' };
  const client = createClientSlot(o.factory);
  const panels = createRoomPanels({ api, store, now, live: () => state.kind !== 'disposed' });
  /** The joined room's polls; they run on through network losses and kicks until the next teardown. */
  let polls: ReturnType<typeof setInterval>[] = [];
  /** The timer of the state's deadline (deadlineOf). */
  let deadline: (Deadline & { timer: ReturnType<typeof setTimeout> }) | null = null;

  const readFields = async (s: RoomSession, tim: TimSdk): Promise<void> => {
    const r = await tim.client.getGroupProfile({ groupID: s.groupId, groupCustomFieldFilter: [...DEFAULT_CUSTOM_FIELDS] });
    const e = decodeGroupProfile(r.data.group, now());
    if (e && client.current === tim) store.enqueue([e]);
  };

  const enableSending = (s: RoomSession, tim: TimSdk): void =>
    store.setSender(async (text) => {
      // An operator's message says who speaks (name and role badge for viewers that read it).
      const tag = s.operator ? { cloudCustomData: encodeOperatorTag(s.operator) } : {};
      const msg = tim.client.createTextMessage({ to: s.groupId, conversationType: tim.TYPES.CONV_GROUP, payload: { text }, ...tag });
      await tim.client.sendMessage(msg as never);
      // Own sends are not echoed back (tim-js-sdk behaviour): show the line locally.
      const at = now();
      const nick = s.operator?.name ?? s.userId;
      store.enqueue([{ kind: 'text', at, id: `own-${at}-${Math.random()}`, text, fromAdmin: false, userId: s.userId, nick, avatar: '', ...(s.operator ? { operatorRole: s.operator.role } : {}) }]);
    });

  const teardown = (): void => {
    for (const t of polls) clearInterval(t);
    polls = [];
    store.setSender(null);
    panels.save();
    // The next attempt's client waits for this one's destroy (bounded): see clientSlot.ts.
    client.close();
  };

  const arm = (d: Deadline | null): void => {
    if (deadline && d && deadline.at === d.at && deadline.type === d.type) return;
    if (deadline) clearTimeout(deadline.timer);
    deadline = null;
    if (!d) return;
    const timer = setTimeout(() => {
      deadline = null;
      dispatch({ type: d.type, at: now() });
    }, d.at - now());
    deadline = { ...d, timer };
  };

  /** What entering `next` does, before the header shows it. */
  const react = (prev: SessionState, next: SessionState, newAttempt: boolean): void => {
    const tim = client.current;
    const s = panels.session;
    switch (next.kind) {
      case 'connecting':
        if (newAttempt) teardown();
        return;
      case 'connected':
        if (!tim || !s) return;
        enableSending(s, tim);
        if (prev.kind === 'connecting') {
          panels.pollOnline();
          polls = [setInterval(panels.pollOnline, ONLINE_EVERY_MS), setInterval(panels.save, SAVE_EVERY_MS), setInterval(panels.pollLevels, LEVELS_EVERY_MS)];
        } else {
          // Back from a network loss or a not-ready spell: fields may have changed meanwhile.
          void readFields(s, tim).catch(() => undefined);
        }
        return;
      case 'notReady':
      case 'kicked':
        store.setSender(null);
        return;
      case 'failed':
        teardown();
        panels.clear();
        return;
      case 'disposed':
        store.setRejoin(null);
        teardown();
        return;
      case 'idle':
      case 'netLost':
        return;
      default:
        assertNever(next);
    }
  };

  /** The one place the state changes: the deadline follows it, then its side effects, the header, and a new attempt's run. */
  const dispatch = (e: SessionEvent): void => {
    const prev = state;
    const next = transition(prev, e);
    if (next === prev) return;
    state = next;
    arm(deadlineOf(next));
    const n = attemptOf(next);
    const newAttempt = n !== null && n !== attemptOf(prev);
    react(prev, next, newAttempt);
    const view = viewOf(next);
    if (view) store.setConnection(view.connection, view.error, view.retryAt);
    if (newAttempt) void run(n);
  };

  /** Every SDK event of attempt `n`'s client becomes a machine event; listeners are registered before login. */
  const listen = (n: number, s: RoomSession, tim: TimSdk): void => {
    const ctx = { adminIds: new Set([s.adminIdentifier]), groupId: s.groupId };
    const EV = tim.EVENT;
    tim.client.on(EV.MESSAGE_RECEIVED, (e) => {
      if (attemptOf(state) === n) store.enqueue(decodeTimMessages(e.data, { ...ctx, now: now() }));
    });
    tim.client.on(EV.NET_STATE_CHANGE, (e) => {
      dispatch({ type: 'net', attempt: n, up: (e.data as { state?: string } | undefined)?.state === 'connected' });
    });
    tim.client.on(EV.SDK_READY, () => dispatch({ type: 'sdkReady', attempt: n }));
    tim.client.on(EV.SDK_NOT_READY, () => dispatch({ type: 'sdkNotReady', attempt: n, at: now() }));
    tim.client.on(EV.ERROR, (e) => dispatch({ type: 'sdkError', attempt: n, error: sdkErrorOf(e.data) }));
    tim.client.on(EV.KICKED_OUT, (e) => {
      const kickType = (e.data as { type?: string } | undefined)?.type ?? 'unknown';
      dispatch({ type: 'kicked', attempt: n, at: now(), kickType, userId: s.userId });
    });
  };

  /**
   * Attempt `n`: main issues the session (and UserSig), the panels show its room, the client is opened
   * once the previous one is destroyed, listeners go on before login (the factory's login resolves at
   * SDK_READY), then join and the first read of the room fields. Stops at the first await after the
   * machine has moved on from `n`.
   */
  const join = async (n: number): Promise<void> => {
    const stale = (): boolean => attemptOf(state) !== n;
    const r = await api.call('room:getSession', { role: o.role });
    if (stale()) return;
    // The envelope is thrown as it is, so the retry policy sees its code and details.
    if (!r.ok) throw r.error;
    const s = r.value;
    if (!(await panels.show(s, stale))) return;
    const tim = await client.open(s, stale);
    if (!tim) return;
    listen(n, s, tim);
    await tim.client.login({ userID: s.userId, userSig: s.userSig });
    if (stale()) return;
    dispatch({ type: 'loggedIn', attempt: n });
    await tim.client.joinGroup({ groupID: s.groupId, type: tim.TYPES.GRP_AVCHATROOM });
    if (stale()) return;
    await readFields(s, tim);
    if (stale()) return;
    dispatch({ type: 'joined', attempt: n, at: now() });
  };

  const run = (n: number): Promise<void> =>
    join(n).catch((error: unknown) => dispatch({ type: 'failure', attempt: n, at: now(), error }));

  // A new session (new settings): the previous room's data leaves the screen until this one joins.
  panels.clear();
  store.setRejoin(() => dispatch({ type: 'rejoin', at: now() }));
  dispatch({ type: 'start', at: now() });

  return () => dispatch({ type: 'dispose' });
}
