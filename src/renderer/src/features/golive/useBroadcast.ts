// The broadcast snapshot as the panel sees it: asked for once, then followed through
// `broadcast:state` events, plus a client-side bitrate history for the sparkline.
import { useEffect, useState } from 'react';
import type { StreamSnapshot } from '../../../../shared/domain/broadcast';
import type { CaptureDevice } from '../../../../shared/domain/broadcast/devices';
import { useStore } from '../../store/StoreContext';
import { pushSample } from './goLiveForm';

export function useBroadcast() {
  const { api } = useStore();
  const [snapshot, setSnapshot] = useState<StreamSnapshot | null>(null);
  const [history, setHistory] = useState<number[]>([]);
  useEffect(() => {
    const apply = (s: StreamSnapshot) => {
      setSnapshot(s);
      if (s.state.kind === 'live') setHistory((h) => pushSample(h, s.state.kind === 'live' ? (s.state.stats?.bitrateKbps ?? null) : null));
      if (s.state.kind === 'preparing') setHistory([]);
    };
    const off = api.on('broadcast:state', apply);
    void api.call('broadcast:getState', {}).then((r) => r.ok && apply(r.value));
    return off;
  }, [api]);
  return { snapshot, history };
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
