// The line under the room status about what main did by itself while the push was down: "Paused
// automatically: push lost at 20:41:07", "Live again automatically at 20:41:30", or why it left
// the status alone — the latest entry of main's journal for the joined room.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AutoPauseSnapshot } from '../../../../shared/roomContract';
import { clockTime } from '../room/useAdminAction';

export function autoPauseText(s: AutoPauseSnapshot | null, groupId: string | undefined, t: TFunction, language: string): string {
  if (!s || !groupId) return '';
  const time = (at: number) => clockTime(at, language);
  // While the push is down, say when the room will be paused (the journal line comes after).
  if (s.phase === 'down' && s.enabled && s.pushDownSince !== null) {
    return t('roomStatus.auto.pending', { time: time(s.pushDownSince), deadline: time(s.pushDownSince + s.afterSeconds * 1000) });
  }
  const e = s.entries.findLast((x) => x.groupId === groupId);
  if (!e) return '';
  switch (e.kind) {
    case 'paused':
      return t('roomStatus.auto.paused', { time: time(e.pushLostAt) });
    case 'resumed':
      return t('roomStatus.auto.resumed', { time: time(e.at) });
    case 'kept':
      if (e.roomChanged) return t('roomStatus.auto.keptRoom', { time: time(e.pushBackAt) });
      return e.status
        ? t('roomStatus.auto.kept', { time: time(e.pushBackAt), status: t(`roomStatus.values.${e.status}`) })
        : t('roomStatus.auto.keptUnknown', { time: time(e.pushBackAt) });
    case 'failed':
      return t(e.action === 'pause' ? 'roomStatus.auto.failedPause' : 'roomStatus.auto.failedResume', { time: time(e.at), message: e.message });
  }
}

export function AutoPauseLine({ snapshot, groupId }: { snapshot: AutoPauseSnapshot | null; groupId: string | undefined }) {
  const { t, i18n } = useTranslation();
  const failed = snapshot?.entries.findLast((x) => x.groupId === groupId)?.kind === 'failed' && snapshot.phase !== 'down';
  return (
    <p role="status" aria-label={t('roomStatus.auto.label')} className={`ack ${failed ? 'text-error' : 'ack-ok'}`}>
      {autoPauseText(snapshot, groupId, t, i18n.language)}
    </p>
  );
}
