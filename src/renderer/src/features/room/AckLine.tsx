// One line acknowledging the last admin action: what was done and when, or why it failed.
import { useTranslation } from 'react-i18next';
import { clockTime, type Ack } from './useAdminAction';

export function AckLine({ ack, okKey, label }: { ack: Ack | null; okKey: 'room.ack.done' | 'products.launched' | 'products.unpinned'; label: string }) {
  const { t, i18n } = useTranslation();
  const text = !ack
    ? ''
    : ack.ok
      ? `${t(okKey, { subject: ack.subject, time: clockTime(ack.at, i18n.language) })}${ack.note ? ` ${ack.note}` : ''}`
      : t('room.ack.failed', { subject: ack.subject, message: ack.message, time: clockTime(ack.at, i18n.language) });
  return (
    <p role="status" aria-label={label} className={`ack ${ack && !ack.ok ? 'text-error' : 'ack-ok'}`}>
      {text}
    </p>
  );
}
