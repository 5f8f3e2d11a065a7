// Runs one admin action (renderer → contract → main → IM REST) and keeps its acknowledgement:
// when it succeeded (the server's time) or why it failed, for the panel to show — only while the
// console is in the room it was about ("Live: done at …" must not outlive a switch of room or mode).
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData, Result } from '../../../../shared/errors';
import type { AdminAck } from '../../../../shared/roomContract';
import { useCurrentRoomKey } from './RoomContext';
import type { Ack, RoomAck } from './ack';

export type { Ack, RoomAck } from './ack';

export interface AdminAction {
  busy: boolean;
  ack: Ack | null;
  /** `note`: a fixed line, or one made from the acknowledgement (e.g. what main left out). */
  run(subject: string, call: () => Promise<Result<AdminAck>>, note?: string | ((ack: AdminAck) => string | undefined)): Promise<boolean>;
  fail(subject: string, message: string): void;
}


/** The acknowledgement to show in `room`: none if it was about another room (or none). */
export const ackIn = (saved: RoomAck | null, room: string | null): Ack | null => (saved !== null && saved.room === room ? saved.ack : null);

/** A refusal by role names the role needed in the UI language; other errors keep their text. */
export function useErrorText(): (e: AppErrorData) => string {
  const { t } = useTranslation();
  return useCallback(
    (e: AppErrorData) => {
      const needed = (e.details as { needed?: unknown } | undefined)?.needed;
      if (e.code === 'FORBIDDEN_ROLE' && (needed === 'host' || needed === 'assistant' || needed === 'moderator')) {
        return t('team.needsRole', { role: t(`team.roles.${needed}`) });
      }
      return e.message;
    },
    [t],
  );
}

export function useAdminAction(now: () => number = Date.now): AdminAction {
  const room = useCurrentRoomKey();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<RoomAck | null>(null);
  const inFlight = useRef(false);
  const run = useCallback(
    async (subject: string, call: () => Promise<Result<AdminAck>>, note?: string | ((ack: AdminAck) => string | undefined)): Promise<boolean> => {
      if (inFlight.current) return false;
      inFlight.current = true;
      setBusy(true);
      // About the room it was started in, whatever happens meanwhile.
      const setAck = (ack: Ack) => setSaved({ ack, room });
      try {
        const r = await call();
        const line = r.ok ? (typeof note === 'function' ? note(r.value) : note) : undefined;
        setAck(
          r.ok
            ? { ok: true, at: r.value.at, subject, ...(line ? { note: line } : {}) }
            : { ok: false, at: now(), subject, message: errorText(r.error) },
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
    [now, room, errorText],
  );
  const fail = useCallback((subject: string, message: string) => setSaved({ ack: { ok: false, at: now(), subject, message }, room }), [now, room]);
  return { busy, ack: ackIn(saved, room), run, fail };
}

/** "20:01:05" in the UI language. */
export const clockTime = (at: number, language: string): string =>
  new Date(at).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
