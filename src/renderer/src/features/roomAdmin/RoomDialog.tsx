// The Room modal: the current room (room:info), creating a room or switching to an existing group,
// the viewers' play URLs and the masked push URL with copy buttons, and the connection test.
// Escape or × closes.
import { useTranslation } from 'react-i18next';
import { ModalFrame } from '../shell/ModalFrame';
import { ConnectionChecks } from './ConnectionChecks';
import { PlayUrlsSection } from './PlayUrlsSection';
import { PushSection } from './PushSection';
import { CreateRoomForm, UseGroupForm } from './RoomForms';
import { ROOM_INFO_REFRESH_ID, RoomInfoSection } from './RoomInfoSection';
import { useRoomData } from './useRoomData';

export function RoomDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const data = useRoomData();
  return (
    <ModalFrame
      titleId="room-admin-title"
      title={t('roomAdmin.title')}
      closeLabel={t('roomAdmin.close')}
      onClose={onClose}
      initialFocus={`#${ROOM_INFO_REFRESH_ID}`}
      bodyClassName="room-dialog"
    >
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
        <ConnectionChecks />
      </section>
    </ModalFrame>
  );
}
