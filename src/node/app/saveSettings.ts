// Saving settings as the console does it: each mode keeps its own room (ModeRooms), the save is
// logged, and every window hears the new state.
import type { EventHub } from '../../shared/rpc';
import { settingsSchema, type SettingsState } from '../../shared/settings';
import type { Logger } from '../infra/logger';
import type { SettingsStore } from '../infra/settingsStore';
import type { ModeRooms } from '../room/modeRooms';

export function settingsSaver(d: { settings: SettingsStore; modeRooms: ModeRooms; log: Logger; events: EventHub }): (next: unknown) => SettingsState {
  return (next) => {
    const parsed = settingsSchema.safeParse(next);
    const state = d.settings.save(parsed.success ? d.modeRooms.apply(d.settings.get().settings, parsed.data) : next);
    d.log.info({ profile: state.settings.profileName, mode: state.settings.mode }, 'settings saved');
    d.events.emit('settings:changed', state);
    return state;
  };
}
