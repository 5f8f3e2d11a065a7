// The top bar: app name, active profile, mode badge, connection and room states, the layout
// preset, and the Room, Moderation, Journal, Team (host) and Settings (host) buttons.
import { type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../store/appStore';
import { ModerationButton } from '../moderation/ModerationButton';
import { PresetToggle } from '../panels/PresetToggle';
import type { Preset } from '../panels/usePreset';
import { RoomConnectionStatus } from '../room/RoomConnectionStatus';
import { RoomButton } from '../roomAdmin/RoomButton';
import { ConnectionStatus } from './ConnectionStatus';
import { TeamButtons } from '../team/TeamButtons';
import { useMyRole } from '../team/TeamContext';

interface HeaderProps {
  snapshot: AppSnapshot;
  settingsButtonRef: RefObject<HTMLButtonElement | null>;
  onOpenSettings: () => void;
  preset: Preset;
  onPreset: (p: Preset) => void;
}

export function Header({ snapshot, settingsButtonRef, onOpenSettings, preset, onPreset }: HeaderProps) {
  const { t } = useTranslation();
  const settings = snapshot.settings?.settings;
  // Settings and secrets are the host's: other operators' consoles do not offer them.
  const role = useMyRole();
  return (
    <header className="header">
      <h1 className="header-brand">{t('app.name')}</h1>
      <div className="header-profile">
        <span className="visually-hidden">{t('header.profileLabel')} </span>
        <span className="header-profile-name" data-testid="profile-name">
          {settings ? settings.profileName : t('app.loading')}
        </span>
        {settings && (
          <span className={`badge badge-${settings.mode}`} data-testid="mode-badge">
            <span className="visually-hidden">{t('header.modeLabel')} </span>
            <span>{t(`modes.${settings.mode}`)}</span>
          </span>
        )}
      </div>
      <div className="header-actions">
        <ConnectionStatus state={snapshot.reconnecting ? 'disconnected' : snapshot.connection} />
        <RoomConnectionStatus />
        <PresetToggle preset={preset} onChange={onPreset} />
        <RoomButton disabled={!settings} />
        <ModerationButton disabled={!settings} />
        <TeamButtons disabled={!settings} web={snapshot.info?.transport === 'web'} />
        {(role === 'host' || snapshot.info?.transport !== 'web') && (
          <button ref={settingsButtonRef} type="button" className="button" onClick={onOpenSettings} disabled={!settings} aria-haspopup="dialog">
            {t('header.settings')}
          </button>
        )}
      </div>
    </header>
  );
}
