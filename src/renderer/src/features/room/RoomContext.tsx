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

export function useRoomView(): RoomView {
  const store = useRoomStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
