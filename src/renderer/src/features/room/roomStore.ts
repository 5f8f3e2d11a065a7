// The live room as the console sees it, outside React: connection state, the session, the room
// state and the online count. Decoded events are queued and folded once per animation frame, so a
// 2,000 msg/s flood costs one reduceRoom and one render per frame.
import { initialRoomState, reduceRoom, type RoomEvent, type RoomState } from '../../../../shared/domain/room';
import type { RoomSession } from '../../../../shared/roomContract';
import type { RoomAck } from './ack';

export type RoomConnection = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'kicked' | 'error';

export interface RoomView {
  connection: RoomConnection;
  /** Why the room is in `error` or `kicked` (plain text from the server or the client). */
  error: string | null;
  session: RoomSession | null;
  state: RoomState;
  /** Viewers online, from `room:onlineCount`; null until the first answer. */
  online: number | null;
  /** In `error`: when the session tries again by itself (Unix ms); null when it waits for Rejoin or a settings change. */
  retryAt: number | null;
  /** The last room-status write from this window (Status panel or Go Live), whoever made it. */
  statusAck: RoomAck | null;
}

export interface RoomStoreDeps {
  now?: () => number;
  /** One flush per frame; defaults to requestAnimationFrame with a timer fallback for hidden tabs. */
  schedule?: (flush: () => void) => void;
}

export interface RoomStore {
  getSnapshot(): RoomView;
  subscribe(listener: () => void): () => void;
  enqueue(events: readonly RoomEvent[]): void;
  /** Called with every batch of events as it is queued (the team's feed acknowledges what the room saw). */
  onEvents(listener: (events: readonly RoomEvent[]) => void): () => void;
  /** Folds the queue now (tests, and before saving). */
  flush(): void;
  setConnection(connection: RoomConnection, error?: string | null, retryAt?: number | null): void;
  setSession(session: RoomSession | null): void;
  setOnline(count: number | null): void;
  replaceState(state: RoomState): void;
  setStatusAck(ack: RoomAck): void;
  /** Sends a text as the logged-in user; set by the running session. */
  sendText(text: string): Promise<void>;
  setSender(send: ((text: string) => Promise<void>) | null): void;
  /** Tears the session down and starts it again (the header's Rejoin button). */
  rejoin(): void;
  setRejoin(fn: (() => void) | null): void;
}

function defaultSchedule(flush: () => void): void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    flush();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
  // Hidden tabs get no frames; the room must still advance (counters, saves).
  setTimeout(once, 250);
}

export function createRoomStore(deps: RoomStoreDeps = {}): RoomStore {
  const now = deps.now ?? (() => Date.now());
  const schedule = deps.schedule ?? defaultSchedule;
  const listeners = new Set<() => void>();
  let view: RoomView = { connection: 'idle', error: null, session: null, state: initialRoomState(), online: null, retryAt: null, statusAck: null };
  let queue: RoomEvent[] = [];
  let scheduled = false;
  let sender: ((text: string) => Promise<void>) | null = null;
  let rejoinFn: (() => void) | null = null;
  const taps = new Set<(events: readonly RoomEvent[]) => void>();

  const emit = (): void => {
    for (const l of listeners) l();
  };
  const patch = (p: Partial<RoomView>): void => {
    view = { ...view, ...p };
    emit();
  };
  const flush = (): void => {
    scheduled = false;
    if (queue.length === 0) return;
    const events = queue;
    queue = [];
    patch({ state: reduceRoom(view.state, events, now()) });
  };

  return {
    getSnapshot: () => view,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    enqueue(events) {
      if (events.length === 0) return;
      for (const t of taps) t(events);
      for (const e of events) queue.push(e);
      if (scheduled) return;
      scheduled = true;
      schedule(flush);
    },
    onEvents(listener) {
      taps.add(listener);
      return () => taps.delete(listener);
    },
    flush,
    setConnection(connection, error = null, retryAt = null) {
      if (view.connection === connection && view.error === error && view.retryAt === retryAt) return;
      patch({ connection, error, retryAt });
    },
    setSession: (session) => patch({ session }),
    setOnline: (online) => patch({ online }),
    replaceState(state) {
      queue = [];
      patch({ state });
    },
    setStatusAck: (statusAck) => patch({ statusAck }),
    sendText(text) {
      if (!sender) return Promise.reject(new Error('The room is not connected'));
      return sender(text);
    },
    setSender(send) {
      sender = send;
    },
    rejoin: () => rejoinFn?.(),
    setRejoin(fn) {
      rejoinFn = fn;
    },
  };
}
