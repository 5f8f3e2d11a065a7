// Hands the room store to the panels; they read it with useRoomView (one subscription, re-render
// at most once per animation frame because the store only changes per frame).
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { RoomStore, RoomView } from './roomStore';

const RoomContext = createContext<RoomStore | null>(null);

export function RoomProvider({ store, children }: { store: RoomStore; children: ReactNode }) {
  return <RoomContext.Provider value={store}>{children}</RoomContext.Provider>;
}

export function useRoomStore(): RoomStore {
  const store = useContext(RoomContext);
  if (!store) throw new Error('useRoomStore must be used inside <RoomProvider>');
  return store;
}

const noSubscription = (): (() => void) => () => undefined;

/**
 * The joined (or joining) room as "mode|groupId", or null when there is none — also outside a
 * RoomProvider (component tests), where there never is one.
 */
export function useCurrentRoomKey(): string | null {
  const store = useContext(RoomContext);
  const get = (): string | null => {
    const s = store?.getSnapshot().session;
    return s ? `${s.mode}|${s.groupId}` : null;
  };
  return useSyncExternalStore(store ? store.subscribe : noSubscription, get, get);
}

export function useRoomView(): RoomView {
  const store = useRoomStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
