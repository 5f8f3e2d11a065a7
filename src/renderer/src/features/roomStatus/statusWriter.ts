// The one writer of the room status from this window: the Status panel's buttons and Go Live's
// "Set room status to Live / Ended". Its acknowledgement lives in the room store, so the Status
// panel says what the last write did whoever made it, and a written status is folded into the room
// state at once: the group tip that reports it too may come later, or on a busy room not at all.
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomStatus } from '../../../../shared/domain/liveCommerce';
import type { Result } from '../../../../shared/errors';
import type { AdminAck } from '../../../../shared/roomContract';
import type { StagesideApi } from '../../../../shared/rpc';
import { useStore } from '../../store/StoreContext';
import { useCurrentRoomKey, useRoomStore } from '../room/RoomContext';
import type { RoomStore } from '../room/roomStore';
import type { Ack } from '../room/useAdminAction';

/** Who asked: the Status panel itself, or Go Live on the way in or out. */
export type StatusWriteVia = 'panel' | 'goLive';

export interface StatusWriteDeps {
  api: Pick<StagesideApi, 'call'>;
  store: RoomStore;
  /** The room the write is about ("mode|groupId"), as useCurrentRoomKey names it. */
  room: string | null;
  /** The status as the operator reads it ("Live"), and the note for a write Go Live made. */
  subject(status: RoomStatus): string;
  goLiveNote: string;
  now?: () => number;
}

export async function writeRoomStatus(d: StatusWriteDeps, status: RoomStatus, via: StatusWriteVia): Promise<Result<AdminAck>> {
  const subject = d.subject(status);
  const setAck = (ack: Ack) => d.store.setStatusAck({ ack, room: d.room });
  const note = via === 'goLive' ? { note: d.goLiveNote } : {};
  let r: Result<AdminAck>;
  try {
    r = await d.api.call('room:setStatus', { status });
  } catch (e) {
    r = { ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
  }
  if (r.ok) {
    setAck({ ok: true, at: r.value.at, subject, ...note });
    d.store.enqueue([{ kind: 'roomFields', at: r.value.at, status }]);
  } else {
    setAck({ ok: false, at: (d.now ?? Date.now)(), subject, message: r.error.message });
  }
  return r;
}

/** writeRoomStatus for a component in the room, one write at a time (a second click while one runs is ignored). */
export function useStatusWriter(): { busy: boolean; write(status: RoomStatus, via: StatusWriteVia): Promise<Result<AdminAck> | null> } {
  const { t } = useTranslation();
  const { api } = useStore();
  const store = useRoomStore();
  const room = useCurrentRoomKey();
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const deps: StatusWriteDeps = { api, store, room, subject: (s) => t(`roomStatus.values.${s}`), goLiveNote: t('roomStatus.byGoLive') };
  const latest = useRef(deps);
  latest.current = deps;
  const write = useCallback(async (status: RoomStatus, via: StatusWriteVia) => {
    if (inFlight.current) return null;
    inFlight.current = true;
    setBusy(true);
    try {
      return await writeRoomStatus(latest.current, status, via);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, write };
}
