// Runs one admin action (renderer → contract → main → IM REST) and keeps its acknowledgement:
// when it succeeded (the server's time) or why it failed, for the panel to show.
import { useCallback, useRef, useState } from 'react';
import type { Result } from '../../../../shared/errors';
import type { AdminAck } from '../../../../shared/roomContract';

export type Ack = { ok: true; at: number; subject: string; note?: string } | { ok: false; at: number; subject: string; message: string };

export interface AdminAction {
  busy: boolean;
  ack: Ack | null;
  run(subject: string, call: () => Promise<Result<AdminAck>>, note?: string): Promise<boolean>;
  fail(subject: string, message: string): void;
}

export function useAdminAction(now: () => number = Date.now): AdminAction {
  const [busy, setBusy] = useState(false);
  const [ack, setAck] = useState<Ack | null>(null);
  const inFlight = useRef(false);
  const run = useCallback(
    async (subject: string, call: () => Promise<Result<AdminAck>>, note?: string): Promise<boolean> => {
      if (inFlight.current) return false;
      inFlight.current = true;
      setBusy(true);
      try {
        const r = await call();
        setAck(
          r.ok
            ? { ok: true, at: r.value.at, subject, ...(note ? { note } : {}) }
            : { ok: false, at: now(), subject, message: r.error.message },
        );
        return r.ok;
      } catch (e) {
        setAck({ ok: false, at: now(), subject, message: e instanceof Error ? e.message : String(e) });
        return false;
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [now],
  );
  const fail = useCallback((subject: string, message: string) => setAck({ ok: false, at: now(), subject, message }), [now]);
  return { busy, ack, run, fail };
}

/** "20:01:05" in the UI language. */
export const clockTime = (at: number, language: string): string =>
  new Date(at).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
