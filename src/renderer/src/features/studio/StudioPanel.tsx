// The right-hand "Local studio" panel: in studio mode the studio itself (StudioCard) and the
// viewer's view; in Tencent Cloud mode — where there is no studio — the Tencent room the console
// uses and a button to Room management, so the panel never just says "Off".
import { useTranslation } from 'react-i18next';
import { useAppSnapshot } from '../../store/StoreContext';
import { ViewerViewButton } from '../room/ViewerViewButton';
import { RoomDialog } from '../roomAdmin/RoomDialog';
import { DialogButton } from '../shell/DialogButton';
import { StudioCard } from './StudioCard';

export function StudioPanel() {
  const mode = useAppSnapshot().settings?.settings.mode;
  if (mode === 'tencent') return <TencentRoomCard />;
  return (
    <>
      <StudioCard />
      <ViewerViewButton />
    </>
  );
}

function TencentRoomCard() {
  const { t } = useTranslation();
  const settings = useAppSnapshot().settings?.settings;
  const groupId = settings?.room.groupId ?? '';
  return (
    <div className="studio-card">
      <p>{t('studio.tencent.intro')}</p>
      <dl className="studio-endpoints">
        <dt>{t('studio.tencent.room')}</dt>
        <dd className={groupId ? 'mono' : undefined} data-testid="tencent-room">
          {groupId || t('room.connection.noRoom')}
        </dd>
        <dt>{t('studio.tencent.sdkAppId')}</dt>
        <dd className="mono">{settings?.im.sdkAppId ?? '—'}</dd>
      </dl>
      <div className="studio-actions">
        <DialogButton label={t('studio.tencent.manage')} disabled={!settings} dialog={(close) => <RoomDialog onClose={close} />} />
      </div>
    </div>
  );
}

/** The panel's title: the studio, or the Tencent room in Tencent Cloud mode. */
export function useStudioPanelTitle(): string {
  const { t } = useTranslation();
  const mode = useAppSnapshot().settings?.settings.mode;
  return t(mode === 'tencent' ? 'panels.room.titleTencent' : 'panels.room.title');
}
