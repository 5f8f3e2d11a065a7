// The broadcast snapshot as the panel sees it: asked for once, then followed through
// `broadcast:state` events (the health chart's history comes in it), with the time it came.
import { useEffect, useState } from 'react';
import type { StreamSnapshot } from '../../../../shared/domain/broadcast';
import type { CaptureDevice } from '../../../../shared/domain/broadcast/devices';
import { useStore } from '../../store/StoreContext';

export function useBroadcast() {
  const { api } = useStore();
  const [latest, setLatest] = useState<{ snapshot: StreamSnapshot; receivedAt: number } | null>(null);
  useEffect(() => {
    const apply = (snapshot: StreamSnapshot) => setLatest({ snapshot, receivedAt: Date.now() });
    const off = api.on('broadcast:state', apply);
    void api.call('broadcast:getState', {}).then((r) => r.ok && apply(r.value));
    return off;
  }, [api]);
  return { snapshot: latest?.snapshot ?? null, receivedAt: latest?.receivedAt ?? 0 };
}

/** The capture devices main lists: null until the first answer; a listing that failed finds none. */
export function useDevices() {
  const { api } = useStore();
  const [devices, setDevices] = useState<CaptureDevice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => {
    void api.call('broadcast:listDevices', {}).then((r) => {
      if (r.ok) {
        setDevices(r.value);
        setError(null);
      } else {
        setDevices([]);
        setError(r.error.message);
      }
    });
  };
  useEffect(refresh, [api]);
  return { devices, error, refresh };
}
