// The local studio as the console sees it: its status and restart commands, and the rule that it
// runs exactly while the profile is in Local studio mode.
import { AppError } from '../../shared/errors';
import type { Handlers } from '../../shared/rpc';
import type { StudioSupervisor } from './studioSupervisor';

export function studioHandlers(studio: StudioSupervisor | undefined, mode: () => string): Pick<Handlers, 'studio:getStatus' | 'studio:restart'> {
  return {
    'studio:getStatus': () => studio?.get() ?? { state: 'off', restarts: 0, lastError: 'The studio is not managed by this process' },
    'studio:restart': async () => {
      if (!studio) throw new AppError('NOT_SUPPORTED', 'The studio is not managed by this process');
      if (mode() !== 'studio') throw new AppError('NOT_SUPPORTED', 'Switch the profile to Local studio mode first');
      return studio.restart();
    },
  };
}

/** Starts the studio in studio mode and stops it otherwise (called at start and on every settings save). */
export function followMode(studio: StudioSupervisor | undefined, mode: string): void {
  if (!studio) return;
  if (mode === 'studio') studio.start();
  else void studio.stop();
}
