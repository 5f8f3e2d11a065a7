// The main window: a header, warnings, the console panels and the settings dialog. A refused web-mode
// token replaces everything, so no settings data is ever shown without access. The live room runs
// in its own store (features/room) beside the app store.
import { useEffect, useRef, useState } from 'react';
import { Panels } from './features/panels/Panels';
import { usePreset } from './features/panels/usePreset';
import { RoomProvider } from './features/room/RoomContext';
import { RoomProblemBanner } from './features/room/RoomProblemBanner';
import { createRoomStore, type RoomStore } from './features/room/roomStore';
import { useRoomSession } from './features/room/useRoomSession';
import { SettingsDialog } from './features/settings/SettingsDialog';
import { Header } from './features/shell/Header';
import { LoadErrorBanner, ReconnectingBanner } from './features/shell/Banners';
import { LiveAlerts } from './features/shell/LiveAlerts';
import { ProblemsWarning } from './features/shell/ProblemsWarning';
import { UnauthorizedScreen } from './features/shell/UnauthorizedScreen';
import { useDocumentLanguage } from './i18n/useDocumentLanguage';
import { useAppSnapshot, useStore } from './store/StoreContext';
import { SessionLeaseBanner } from './features/team/SessionLeaseBanner';
import { TeamProvider } from './features/team/TeamContext';
import { createTeamStore, type TeamStore } from './features/team/teamStore';
import { useTeamRoom } from './features/team/useTeamRoom';

export function App({ roomStore }: { roomStore?: RoomStore } = {}) {
  const snap = useAppSnapshot();
  const { api } = useStore();
  const [room] = useState(() => roomStore ?? createRoomStore());
  const [team] = useState<TeamStore>(() => createTeamStore(api));
  useEffect(() => () => team.dispose(), [team]);
  return (
    <TeamProvider store={team}>
      <Console room={room} snap={snap} />
    </TeamProvider>
  );
}

function Console({ room, snap }: { room: RoomStore; snap: ReturnType<typeof useAppSnapshot> }) {
  // The room opens once this console holds its operator's IM login; the shared state feeds the rest.
  const { lease, takeOver } = useTeamRoom(room, snap);
  useRoomSession(room, snap, lease.kind === 'held');
  const [preset, setPreset] = usePreset(snap.info?.transport === 'electron' ? 'host' : 'assistant');
  const [settingsOpen, setSettingsOpen] = useState(false);
  const settingsButton = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useDocumentLanguage(snap.settings?.settings.language);

  // Back to the Settings button once the dialog is gone and the page is no longer inert.
  useEffect(() => {
    if (wasOpen.current && !settingsOpen) settingsButton.current?.focus();
    wasOpen.current = settingsOpen;
  }, [settingsOpen]);

  if (snap.connection === 'unauthorized' || snap.connection === 'revoked') return <UnauthorizedScreen revoked={snap.connection === 'revoked'} />;

  return (
    <RoomProvider store={room}>
      <div className="app" inert={settingsOpen}>
        <Header
          snapshot={snap}
          preset={preset}
          onPreset={setPreset}
          settingsButtonRef={settingsButton}
          onOpenSettings={() => setSettingsOpen(true)}
        />
        <div className="notices">
          {snap.reconnecting && <ReconnectingBanner />}
          {snap.loadError && snap.connection === 'connected' && <LoadErrorBanner message={snap.loadError.message} />}
          {snap.settings && <ProblemsWarning problems={snap.settings.problems} />}
          <RoomProblemBanner />
          <SessionLeaseBanner lease={lease} onTakeOver={takeOver} />
        </div>
        <LiveAlerts />
        <Panels preset={preset} />
      </div>
      {settingsOpen && snap.settings && (
        <SettingsDialog
          settings={snap.settings.settings}
          secrets={snap.secrets ?? []}
          info={snap.info}
          onClose={() => setSettingsOpen(false)}
        />
      )}
    </RoomProvider>
  );
}
