// The few things worth interrupting a screen-reader user for, said once as an alert: the room
// status changed, the push dropped / failed / came back, a product sold out (its imported stock
// reached by purchases seen in this session). Everything else (counters, chat) is not live or
// paced (ChatAnnouncer).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedItem } from '../../../../shared/domain/room';
import { useBroadcast } from '../golive/useBroadcast';
import { loadCatalog } from '../products/useProductCatalog';
import { useRoomView } from '../room/RoomContext';

export function LiveAlerts() {
  const { t } = useTranslation();
  const { state, session } = useRoomView();
  const { snapshot } = useBroadcast();
  const [alert, setAlert] = useState<{ id: number; text: string } | null>(null);
  const nextId = useRef(0);
  const say = (text: string) => setAlert({ id: nextId.current++, text });

  const status = state.room.status;
  const lastStatus = useRef({ room: session?.groupId, status });
  useEffect(() => {
    const before = lastStatus.current;
    lastStatus.current = { room: session?.groupId, status };
    // A room just joined reports its status: that is not a change.
    if (before.room === session?.groupId && before.status !== null && status !== null && before.status !== status) {
      say(t('safety.statusChanged', { status: t(`roomStatus.values.${status}`) }));
    }
  }, [status, session?.groupId]);

  const kind = snapshot?.state.kind;
  const lastKind = useRef(kind);
  useEffect(() => {
    const before = lastKind.current;
    lastKind.current = kind;
    if (!snapshot || before === kind) return;
    const s = snapshot.state;
    if (s.kind === 'reconnecting' && before === 'live') say(t('safety.pushLost'));
    else if (s.kind === 'failed') say(t('safety.pushFailed', { message: s.error.message }));
    else if (s.kind === 'live' && before === 'reconnecting') say(t('safety.pushBack'));
  }, [kind]);

  const sold = useRef<{ seen: number | null; units: Map<string, number>; out: Set<string> }>({ seen: null, units: new Map(), out: new Set() });
  useEffect(() => {
    const s = sold.current;
    const fresh: FeedItem[] = [];
    for (let i = state.feed.length - 1; i >= 0 && s.seen !== null && state.feed[i]!.seq > s.seen; i--) fresh.push(state.feed[i]!);
    s.seen = Math.max(s.seen ?? -1, state.feed.at(-1)?.seq ?? -1);
    const bought = fresh.filter((f): f is Extract<FeedItem, { kind: 'purchase' }> => f.kind === 'purchase');
    if (bought.length === 0) return;
    const catalog = loadCatalog();
    for (const p of bought.reverse()) {
      const units = (s.units.get(p.productId) ?? 0) + p.quantity;
      s.units.set(p.productId, units);
      const stock = catalog.find((c) => c.id === p.productId)?.stock;
      if (stock !== undefined && units >= stock && !s.out.has(p.productId)) {
        s.out.add(p.productId);
        say(t('safety.soldOut', { title: p.title }));
      }
    }
  }, [state.feed]);

  return (
    <div role="alert" aria-label={t('safety.alerts')} className="visually-hidden">
      {alert && <p key={alert.id}>{alert.text}</p>}
    </div>
  );
}
