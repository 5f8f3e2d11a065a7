// Web-mode composition root: Node services + the web server, with the token printed once.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileSecretStore } from '../infra/fileSecretStore';
import type { Logger } from '../infra/logger';
import { APP_VERSION, createNodeServices, type NodeServices } from '../services';
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

const repoRoot = (): string => path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `stageside studio` as a child of this Node process. */
export const studioCommandFor = (dataDir: string): string[] => [
  process.execPath,
  path.join(repoRoot(), 'bin/stageside.js'),
  'studio',
  '--port',
  '0',
  '--data-dir',
  dataDir,
];

/** out/renderer relative to the repo root (this file is src/node/web/). */
export const defaultStaticDir = (): string =>
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../out/renderer');

export async function startWeb(o: StartWebOptions): Promise<RunningWeb> {
  const services = await createNodeServices({
    dataDir: o.dataDir,
    transport: 'web',
    secrets: new FileSecretStore(o.dataDir),
    // The browser may be on another device: never pop folders open on the host from it.
    openFolder: async () => false,
    ...(o.studio === false ? {} : { studioCommand: studioCommandFor(path.join(o.dataDir, 'studio')) }),
    ...(o.log ? { log: o.log } : {}),
  });
  const token = o.token ?? newAccessToken();
  const server = new WebServer({
    dispatcher: services.dispatcher,
    token,
    host: o.host,
    port: o.port,
    log: services.log,
    version: APP_VERSION,
    staticDir: o.staticDir ?? defaultStaticDir(),
    ...(o.allowedOrigins ? { allowedOrigins: o.allowedOrigins } : {}),
  });
  const { url, port } = await server.listen();
  services.events.add(server);
  services.log.info({ host: o.host, port }, 'web mode listening');
  return {
    url,
    port,
    token,
    server,
    services,
    close: async () => {
      await server.close();
      await services.dispose();
    },
  };
}
