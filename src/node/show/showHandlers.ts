// Contract handlers for past shows: the list read from the recordings folder, and a report opened
// by id only (validated by the contract's pattern and found by the listing first): Electron opens
// the file in the OS browser; web mode answers the address its server serves the page at.
import { AppError } from '../../shared/errors';
import type { Handlers } from '../../shared/rpc';
import type { TransportKind } from '../../shared/contract';
import { listShows, reportFile } from './showFiles';

type ShowCommand = Extract<keyof Handlers, `show:${string}`>;

/** Where web mode serves a report page (webServer.ts); the id is the only variable part. */
export const SHOW_URL_PREFIX = '/shows/';

export interface ShowHandlerDeps {
  recordingsDir: string;
  transport: TransportKind;
  /** Electron: shell.openPath. */
  openPath(path: string): Promise<boolean>;
}

export function showHandlers(d: ShowHandlerDeps): Pick<Handlers, ShowCommand> {
  return {
    'show:list': () => listShows(d.recordingsDir),
    'show:open': async ({ id }) => {
      const file = await reportFile(d.recordingsDir, id);
      if (!file) throw new AppError('NOT_FOUND', `No show report named ${id}`);
      if (d.transport === 'web') return { opened: false, url: `${SHOW_URL_PREFIX}${encodeURIComponent(id)}` };
      return { opened: await d.openPath(file), url: null };
    },
  };
}
