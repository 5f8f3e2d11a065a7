// One-click launch and unpin: guards double presses, calls main (which fits the product into the
// room's field and says what it left out) and keeps the acknowledgement ("Launched A1 at 20:01:05").
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/StoreContext';
import { useRoomStore } from '../room/RoomContext';
import { useAdminAction } from '../room/useAdminAction';
import { createLaunchGuard, hotkeyIndex } from './launchGuard';
import type { Product } from './productImport';

/** `atOnce`: the per-launch override of "align pop-ups to the video" (main then stamps no clock). */
export function useLaunch(products: readonly Product[], atOnce = false) {
  const { t } = useTranslation();
  const { api } = useStore();
  const action = useAdminAction();
  const unpinAction = useAdminAction();
  const guard = useRef(createLaunchGuard());
  const room = useRoomStore();
  /** Someone else launched another product moments ago: ask before replacing it (`launch(p, true)`). */
  const [conflict, setConflict] = useState<LaunchConflict | null>(null);

  const launch = useCallback(
    async (p: Product, force = false): Promise<void> => {
      if (!guard.current.tryStart(p.id)) return;
      setConflict(null);
      try {
        const product = { id: p.id, title: p.title, price: p.price, currency: p.currency, ...(p.image ? { image: p.image } : {}), ...(p.link ? { link: p.link } : {}), ...(p.stock !== undefined ? { stock: p.stock } : {}) };
        // The product this operator sees as current: main asks before replacing a fresher one by someone else.
        const seen = room.getSnapshot().state.room.product?.id ?? '';
        await action.run(
          p.id,
          async () => {
            const r = await api.call('room:launchProduct', { product, seen, force, now: atOnce });
            if (!r.ok && r.error.code === 'CONFLICT') {
              const d = r.error.details as { title?: string; by?: string; agoMs?: number } | undefined;
              const c: LaunchConflict = { product: p, current: d?.title ?? '', name: d?.by ?? '', seconds: Math.max(0, Math.round((d?.agoMs ?? 0) / 1000)) };
              setConflict(c);
              return { ...r, error: { ...r.error, message: t('team.conflict.message', { ...c, product: p.title }) } };
            }
            // Too big even without image and link: main says how many bytes; word it here.
            const bytes = r.ok ? undefined : (r.error.details as { bytes?: unknown } | undefined)?.bytes;
            return typeof bytes === 'number' && !r.ok ? { ...r, error: { ...r.error, message: t('products.tooBig', { bytes }) } } : r;
          },
          (ack) => (ack.dropped?.length ? t('products.droppedFields', { fields: ack.dropped.join(', ') }) : undefined),
        );
      } finally {
        guard.current.finish();
      }
    },
    [action, api, t, room, atOnce],
  );

  const unpin = useCallback(() => unpinAction.run('', () => api.call('room:unpinProduct', {})), [unpinAction, api]);

  // Hotkeys 1–9 launch the first nine products while focus is not in a text field — nor in a
  // modal (a question such as "Stop the live broadcast?" is no place for a digit to reach the room).
  const latest = useRef({ products, launch });
  latest.current = { products, launch };
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const i = hotkeyIndex(e);
      if (i === null || document.querySelector('[aria-modal="true"]')) return;
      const p = latest.current.products[i];
      if (!p) return;
      e.preventDefault();
      void latest.current.launch(p);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // One acknowledgement line: whichever action answered last.
  const unpinIsLatest = unpinAction.ack !== null && (action.ack === null || unpinAction.ack.at >= action.ack.at);
  return {
    launch,
    unpin,
    busy: action.busy || unpinAction.busy,
    ack: unpinIsLatest ? unpinAction.ack : action.ack,
    ackKind: unpinIsLatest ? ('unpin' as const) : ('launch' as const),
    conflict,
    dismissConflict: () => setConflict(null),
  };
}

export interface LaunchConflict {
  product: Product;
  /** The title of what is current now, who launched it and how long ago. */
  current: string;
  name: string;
  seconds: number;
}
