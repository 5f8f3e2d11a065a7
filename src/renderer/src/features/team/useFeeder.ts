// When this console's IM session is the one feeding the shared room state (`feeder` in it), it
// reports what the session saw: the ack keys of tips and messages at once (the journal's delivery
// acknowledgements), and the counters and leaderboard it reduced about once a second.
import { useEffect } from 'react';
import { totalTally } from '../../../../shared/domain/room';
import { ackKeysOf } from '../../../../shared/teamContract';
import type { RoomStore } from '../room/roomStore';
import { useTeam, useTeamStore } from './TeamContext';

export const FEED_COUNTERS_EVERY_MS = 1_000;

export function useFeeder(room: RoomStore): void {
  const store = useTeamStore();
  const { me, state } = useTeam();
  const feeding = Boolean(store && me && state && state.feeder === me.connectionId);
  useEffect(() => {
    if (!feeding || !store) return;
    const api = store.api;
    const offEvents = room.onEvents((events) => {
      const keys = ackKeysOf(events);
      if (keys.length) void api.call('team:feed', { seen: keys.slice(0, 100).map((key) => ({ key })) });
    });
    let last = '';
    const timer = setInterval(() => {
      const s = room.getSnapshot().state;
      const c = s.counters;
      const counters = {
        likes: c.likes,
        texts: c.texts,
        joins: c.joins,
        followersGained: c.followersGained,
        giftValue: totalTally(c.gifts).value,
        purchaseValue: totalTally(c.purchases).value,
        online: room.getSnapshot().online ?? 0,
      };
      const leaderboard = s.leaderboard.slice(0, 10).map((l) => ({ userId: l.userId, nick: l.nick, value: l.verifiedValue + l.unverifiedValue }));
      const text = JSON.stringify([counters, leaderboard]);
      if (text === last) return;
      last = text;
      void api.call('team:feed', { counters, leaderboard });
    }, FEED_COUNTERS_EVERY_MS);
    return () => {
      offEvents();
      clearInterval(timer);
    };
  }, [feeding, store, room]);
}
