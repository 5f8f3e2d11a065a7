// The room in settings as Tencent (or the studio) reports it: id, name, type, owner (with a note
// when the host is not the owner), online count and which custom fields are set.
import { useTranslation } from 'react-i18next';
import type { RoomInfo } from '../../../../shared/roomContract';
import { useAppSnapshot } from '../../store/StoreContext';
import type { Loaded } from './useRoomData';

export const ROOM_INFO_REFRESH_ID = 'room-info-refresh';

export function RoomInfoSection({ info, onRefresh }: { info: Loaded<RoomInfo>; onRefresh: () => void }) {
  const { t } = useTranslation();
  const host = useAppSnapshot().settings?.settings.room.hostUserId ?? '';
  const room = info.value;
  return (
    <section className="room-section" aria-labelledby="room-info-title" aria-busy={info.busy}>
      <div className="section-head">
        <h3 id="room-info-title" className="section-title">
          {t('roomAdmin.info.title')}
        </h3>
        <button id={ROOM_INFO_REFRESH_ID} type="button" className="button button-quiet" aria-label={t('roomAdmin.info.refresh')} onClick={onRefresh}>
          {t('roomAdmin.refresh')}
        </button>
      </div>
      {!room && info.busy && <p className="field-hint">{t('roomAdmin.info.loading')}</p>}
      {room && <RoomFacts room={room} />}
      {room && !room.hostIsOwner && (
        <p className="room-note" data-testid="room-owner-note">
          {t('roomAdmin.info.notOwner', { host })}
        </p>
      )}
      {info.error && (
        <p role="alert" className="text-error">
          {info.error}
        </p>
      )}
    </section>
  );
}

function RoomFacts({ room }: { room: RoomInfo }) {
  const { t, i18n } = useTranslation();
  const fields = Object.keys(room.fields);
  const created =
    room.createdAt === null ? null : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(room.createdAt * 1000);
  const rows: [string, string, string?][] = [
    [t('roomAdmin.info.groupId'), room.groupId, 'mono'],
    [t('roomAdmin.info.name'), room.name],
    [t('roomAdmin.info.type'), room.type, 'mono'],
    [t('roomAdmin.info.owner'), room.owner, 'mono'],
    [t('roomAdmin.info.online'), room.online === null ? t('roomAdmin.info.unknown') : String(room.online)],
    [t('roomAdmin.info.fields'), fields.length > 0 ? fields.join(', ') : t('roomAdmin.info.noFields'), fields.length > 0 ? 'mono' : undefined],
  ];
  if (room.notification) rows.push([t('roomAdmin.info.notification'), room.notification]);
  if (created) rows.push([t('roomAdmin.info.created'), created]);
  return (
    <dl className="room-facts" aria-label={t('roomAdmin.info.label')}>
      {rows.map(([label, value, cls]) => (
        <div key={label} className="room-fact">
          <dt>{label}</dt>
          <dd className={cls}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
