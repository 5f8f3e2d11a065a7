// The room as main reports it (room:info) and its URLs (room:urls), reloaded whenever the saved
// settings change — after room:create / room:use main saves the new group id, so the dialog and the
// console's room session follow the same settings:changed snapshot.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData, Result } from '../../../../shared/errors';
import type { RoomInfo, RoomUrls } from '../../../../shared/roomContract';
import { useAppSnapshot, useStore } from '../../store/StoreContext';
import { isNoRoomYet } from './roomAdmin';

export interface Loaded<T> {
  value: T | null;
  /** The failed load as a sentence ("Failed: …"). */
  error: string | null;
  /** Why it failed, bare, for sections that say what they cannot show ("Push URL unavailable: …"). */
  reason: string | null;
  busy: boolean;
}

const empty = <T>(): Loaded<T> => ({ value: null, error: null, reason: null, busy: true });

/** Main's reason, or — for a Tencent profile with no room yet — what to do about it in this dialog. */
function useReason(): (e: AppErrorData) => string {
  const { t } = useTranslation();
  const settings = useAppSnapshot().settings?.settings;
  return useCallback((e) => (isNoRoomYet(e, settings) ? t('roomAdmin.noRoom') : e.message), [t, settings]);
}

/** Runs a load; only the latest one may write its result (a slow old answer never wins). */
function useLoad<T>(call: () => Promise<Result<T>>): [Loaded<T>, () => Promise<void>, (value: T) => void] {
  const { t } = useTranslation();
  const reasonOf = useReason();
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
    setState((s) => {
      if (r.ok) return { value: r.value, error: null, reason: null, busy: false };
      const reason = reasonOf(r.error);
      return { value: s.value, error: t('roomAdmin.failed', { message: reason }), reason, busy: false };
    });
  }, [call, reasonOf, t]);
  const set = useCallback((value: T) => {
    latest.current += 1;
    setState({ value, error: null, reason: null, busy: false });
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
