// The Electron half of the contract on the renderer side, built by preload: one named function
// per command and a checked `on` for events. Raw ipcRenderer is never exposed. The ipcRenderer
// is passed in (structurally typed) so tests can use a fake pair instead of Electron.
import { fail, type Result } from '../errors';
import {
  COMMAND_NAMES,
  eventChannel,
  isEventName,
  type CommandName,
  type CommandRequest,
  type CommandResult,
  type EventName,
  type EventPayload,
} from '../contract';
import type { StagesideApi } from '../rpc';

export interface IpcRendererLike {
  invoke(channel: string, arg: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/** What preload puts on `window.stageside` (functions only; contextBridge copies it). */
export interface PreloadBridge {
  commands: { [K in CommandName]: (arg: CommandRequest<K>) => Promise<Result<CommandResult<K>>> };
  on(name: EventName, listener: (payload: unknown) => void): () => void;
}

export function buildPreloadBridge(ipc: IpcRendererLike): PreloadBridge {
  const commands = Object.fromEntries(
    COMMAND_NAMES.map((name) => [
      name,
      async (arg: unknown) => {
        try {
          return (await ipc.invoke(name, arg)) as Result<unknown>;
        } catch (e) {
          return fail('TRANSPORT_CLOSED', e instanceof Error ? e.message : String(e));
        }
      },
    ]),
  ) as PreloadBridge['commands'];

  return {
    commands,
    on(name, listener) {
      if (!isEventName(name)) throw new Error(`Unknown event: ${String(name)}`);
      if (typeof listener !== 'function') throw new Error('listener must be a function');
      const wrapped = (_e: unknown, payload: unknown) => listener(payload);
      ipc.on(eventChannel(name), wrapped);
      return () => void ipc.removeListener(eventChannel(name), wrapped);
    },
  };
}

/** The renderer's StagesideApi over the preload bridge. */
export function apiFromBridge(bridge: PreloadBridge): StagesideApi {
  return {
    transport: 'electron',
    call<K extends CommandName>(name: K, arg: CommandRequest<K>) {
      const fn = bridge.commands[name] as unknown as ((a: unknown) => Promise<Result<CommandResult<K>>>) | undefined;
      if (!fn) return Promise.resolve(fail('UNKNOWN_COMMAND', `Unknown command: ${name}`));
      return fn(arg);
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) {
      return bridge.on(name, listener as (p: unknown) => void);
    },
  };
}
