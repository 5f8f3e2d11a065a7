// The Room modal: the current room (room:info), creating a room or switching to an existing group,
// the viewers' play URLs and the masked push URL with copy buttons, and the connection test.
// Escape or × closes.
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useModalFocus } from '../settings/useModalFocus';
import { ConnectionTest } from './ConnectionTest';
import { PlayUrlsSection } from './PlayUrlsSection';
import { PushSection } from './PushSection';
import { CreateRoomForm, UseGroupForm } from './RoomForms';
import { ROOM_INFO_REFRESH_ID, RoomInfoSection } from './RoomInfoSection';
import { useRoomData } from './useRoomData';

export function RoomDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDivElement>(null);
  const onKeyDown = useModalFocus(dialog, `#${ROOM_INFO_REFRESH_ID}`, onClose);
  const data = useRoomData();
  return (
    <div className="modal-backdrop">
      <div ref={dialog} className="modal modal-wide" role="dialog" aria-modal="true" aria-labelledby="room-admin-title" onKeyDown={onKeyDown}>
        <div className="modal-header">
          <h2 id="room-admin-title">{t('roomAdmin.title')}</h2>
          <button type="button" className="button button-quiet icon-button" aria-label={t('roomAdmin.close')} onClick={onClose}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <div className="modal-body room-dialog">
          <RoomInfoSection info={data.info} onRefresh={() => void data.loadInfo()} />
          <div className="room-forms">
            <CreateRoomForm onChanged={data.changed} />
            <UseGroupForm onChanged={data.changed} />
          </div>
          <div className="room-forms">
            <PlayUrlsSection urls={data.urls} onRefresh={() => void data.loadUrls()} />
            <PushSection urls={data.urls} />
          </div>
          <section className="room-section" aria-labelledby="room-test-title">
            <h3 id="room-test-title" className="section-title">
              {t('connectionTest.title')}
            </h3>
            <ConnectionTest />
          </section>
        </div>
      </div>
    </div>
  );
}
