// Binds every contract command to ipcMain.handle and sends events to windows. Each call checks
// that it comes from our own top-level frame before the dispatcher parses its argument. Electron
// types are imported as types only, so tests drive this with a fake ipcMain.
import type { IpcMainInvokeEvent } from 'electron';
import { fail } from '../shared/errors';
import { COMMAND_NAMES, eventChannel, type EventName, type EventPayload } from '../shared/contract';
import type { Dispatcher, EventSink } from '../shared/rpc';

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, arg: unknown) => unknown): void;
  removeHandler(channel: string): void;
}

export interface SenderFrameLike {
  url: string;
  parent: unknown;
}

/** Only our own page, in the top frame, may call: not iframes, not navigated-away content. */
export function isTrustedSender(frame: SenderFrameLike | null | undefined, isAppUrl: (url: string) => boolean): boolean {
  if (!frame) return false;
  if (frame.parent) return false;
  return isAppUrl(frame.url);
}

export function bindIpc(ipcMain: IpcMainLike, dispatcher: Dispatcher, isAppUrl: (url: string) => boolean): () => void {
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(name, (event, arg) => {
      if (!isTrustedSender(event.senderFrame as SenderFrameLike | null, isAppUrl)) {
        return fail('FORBIDDEN_SENDER', 'Calls are accepted only from the Stageside window');
      }
      return dispatcher(name, arg, { transport: 'electron' });
    });
  }
  return () => COMMAND_NAMES.forEach((n) => ipcMain.removeHandler(n));
}

export interface WebContentsLike {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

/** Event sink over the open windows' webContents. */
export class WindowEventSink implements EventSink {
  constructor(private readonly targets: () => WebContentsLike[]) {}

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const wc of this.targets()) if (!wc.isDestroyed()) wc.send(eventChannel(name), payload);
  }
}
