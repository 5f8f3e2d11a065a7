// The room as main reports it (room:info) and its URLs (room:urls), reloaded whenever the saved
// settings change — after room:create / room:use main saves the new group id, so the dialog and the
// console's room session follow the same settings:changed snapshot.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result } from '../../../../shared/errors';
import type { RoomInfo, RoomUrls } from '../../../../shared/roomContract';
import { useAppSnapshot, useStore } from '../../store/StoreContext';
import { useRoomCommandError } from './useRoomCommandError';

export interface Loaded<T> {
  value: T | null;
  error: string | null;
  busy: boolean;
}

const empty = <T>(): Loaded<T> => ({ value: null, error: null, busy: true });

/** Runs a load; only the latest one may write its result (a slow old answer never wins). */
function useLoad<T>(call: () => Promise<Result<T>>): [Loaded<T>, () => Promise<void>, (value: T) => void] {
  const describe = useRoomCommandError();
  const [state, setState] = useState<Loaded<T>>(empty);
  const latest = useRef(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const load = useCallback(async () => {
    const my = ++latest.current;
    setState((s) => ({ ...s, busy: true }));
    const r = await call().catch((e: unknown) => ({ ok: false as const, error: { code: 'INTERNAL' as const, message: String(e) } }));
    if (!mounted.current || my !== latest.current) return;
    setState((s) => (r.ok ? { value: r.value, error: null, busy: false } : { value: s.value, error: describe(r.error), busy: false }));
  }, [call, describe]);
  const set = useCallback((value: T) => {
    latest.current += 1;
    setState({ value, error: null, busy: false });
  }, []);
  return [state, load, set];
}

export interface RoomData {
  info: Loaded<RoomInfo>;
  urls: Loaded<RoomUrls>;
  loadInfo(): Promise<void>;
  loadUrls(): Promise<void>;
  /** A room:create / room:use answer: show it at once and re-read the URLs for the new room. */
  changed(info: RoomInfo): void;
}

export function useRoomData(): RoomData {
  const { api } = useStore();
  const settings = useAppSnapshot().settings?.settings;
  const [info, loadInfo, setInfo] = useLoad(useCallback(() => api.call('room:info', {}), [api]));
  const [urls, loadUrls] = useLoad(useCallback(() => api.call('room:urls', {}), [api]));
  useEffect(() => {
    if (!settings) return;
    void loadInfo();
    void loadUrls();
  }, [settings, loadInfo, loadUrls]);
  const changed = useCallback(
    (next: RoomInfo) => {
      setInfo(next);
      void loadUrls();
    },
    [setInfo, loadUrls],
  );
  return { info, urls, loadInfo, loadUrls, changed };
}
