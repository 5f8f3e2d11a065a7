// The team side of the console's room: loads who this console is and the shared state whenever
// the connection is (re)established, claims the operator's IM login, and feeds the shared state
// when this console's session is the feeder.
import { useEffect } from 'react';
import type { AppSnapshot } from '../../store/appStore';
import type { RoomStore } from '../room/roomStore';
import { ROOM_STATUSES, type RoomStatus } from '../../../../shared/domain/liveCommerce';
import { useTeam, useTeamStore } from './TeamContext';
import { useFeeder } from './useFeeder';
import { useLease } from './useLease';

export function useTeamRoom(room: RoomStore, snap: AppSnapshot): ReturnType<typeof useLease> {
  const store = useTeamStore();
  const connected = snap.connection === 'connected' && !snap.reconnecting;
  useEffect(() => {
    if (connected) void store?.load();
  }, [connected, store]);
  const lease = useLease(connected && Boolean(snap.settings));
  useFeeder(room);
  // Without its own login this console shows what the shared state says is current.
  const { state } = useTeam();
  const held = lease.lease.kind === 'held';
  // The session it closed (taken over) must not leave "In the room" in the header.
  useEffect(() => {
    if (!held) room.setConnection('idle');
  }, [held, room]);
  useEffect(() => {
    if (held || !state) return;
    const status = state.status && (ROOM_STATUSES as readonly string[]).includes(state.status.value) ? (state.status.value as RoomStatus) : undefined;
    room.enqueue([
      {
        kind: 'roomFields',
        at: state.updatedAt,
        ...(state.product ? { product: state.product.value } : {}),
        ...(status ? { status } : {}),
        ...(state.announcement ? { announcement: state.announcement.value } : {}),
      },
    ]);
  }, [held, state, room]);
  return lease;
}
