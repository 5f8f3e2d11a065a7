// Web-mode composition root: Node services + the web server, with the token printed once.
import path from 'node:path';
import { appRoot, builtCliEntry, isBuilt } from '../infra/appRoot';
import { DataFolderLock } from '../infra/dataFolderLock';
import { buildConsoleCsp } from '../../shared/csp';
import { FileSecretStore } from '../infra/fileSecretStore';
import type { Logger } from '../infra/logger';
import { APP_VERSION, createNodeServices, type NodeServices } from '../services';
import { reportFile } from '../show/showFiles';
import { newAccessToken, WebServer } from './webServer';

export interface StartWebOptions {
  dataDir: string;
  host: string;
  port: number;
  staticDir?: string;
  token?: string;
  /** Browser origins besides the page's own that may open the socket. */
  allowedOrigins?: readonly string[];
  log?: Logger;
  /** Run the local studio in a child process while the profile is in studio mode (default true). */
  studio?: boolean;
}

export interface RunningWeb {
  url: string;
  port: number;
  token: string;
  server: WebServer;
  services: NodeServices;
  close(): Promise<void>;
}

/**
 * `stageside studio` as a child of this Node process: the built CLI entry when web mode runs from
 * the build, bin/stageside.js (which picks the build or the sources) otherwise.
 */
export const studioCommandFor = (dataDir: string): string[] => [
  process.execPath,
  isBuilt(import.meta.url) ? builtCliEntry(appRoot(import.meta.url)) : path.join(appRoot(import.meta.url), 'bin', 'stageside.js'),
  'studio',
  '--port',
  '0',
  '--data-dir',
  dataDir,
  '--exit-with-parent',
];

/** The built renderer, out/renderer under the app root. */
export const defaultStaticDir = (): string => path.join(appRoot(import.meta.url), 'out', 'renderer');

export async function startWeb(o: StartWebOptions): Promise<RunningWeb> {
  // One owner per data folder (DataFolderBusyError names the other); leftovers of a crash are ended.
  const lock = await DataFolderLock.acquire(o.dataDir, 'web', { log: (m) => process.stderr.write(`${m}\n`) });
  let services: NodeServices | undefined;
  try {
    services = await createNodeServices({
      lock,
      dataDir: o.dataDir,
      transport: 'web',
      secrets: new FileSecretStore(o.dataDir),
      // The browser may be on another device: never pop folders open on the host from it.
      openFolder: async () => false,
      invites: true,
      ...(o.studio === false ? {} : { studioCommand: studioCommandFor(path.join(o.dataDir, 'studio')) }),
      ...(o.log ? { log: o.log } : {}),
    });
    const token = o.token ?? newAccessToken();
    const { team } = services;
    const server = new WebServer({
      dispatcher: services.dispatcher,
      token,
      host: o.host,
      port: o.port,
      log: services.log,
      version: APP_VERSION,
      staticDir: o.staticDir ?? defaultStaticDir(),
      ...(o.allowedOrigins ? { allowedOrigins: o.allowedOrigins } : {}),
      // The hosts the profile's mode uses, read at each page load (a mode switch reloads the page).
      csp: () => buildConsoleCsp((services as NodeServices).settings.get().settings),
      team: {
        verifyInvite: (token) => team.invites.verify(token),
        inviteValid: (id) => team.invites.isValid(id),
        connected: (c) => team.hub.connect(c),
        disconnected: (id) => team.hub.disconnect(id),
      },
      showReport: (id) => reportFile((services as NodeServices).recordingsDir, id),
    });
    team.setDisconnect((operatorId) => server.disconnectOperator(operatorId));
    const { url, port } = await server.listen();
    services.events.add(server);
    services.log.info({ host: o.host, port }, 'web mode listening');
    const started = services;
    return {
      url,
      port,
      token,
      server,
      services: started,
      close: async () => {
        await server.close();
        await started.dispose();
        lock.release();
      },
    };
  } catch (e) {
    await services?.dispose();
    lock.release();
    throw e;
  }
}
