// Node services as the app composes them, with the real studio as a child process, for
// contract tests: resolves once the studio reports running.
import path from 'node:path';
import { FileSecretStore } from '../../src/node/infra/fileSecretStore';
import { silentLogger } from '../../src/node/infra/logger';
import { createNodeServices, type NodeServices, type NodeServicesOptions } from '../../src/node/services';
import type { CommandName, CommandRequest, CommandResult } from '../../src/shared/contract';
import type { Result } from '../../src/shared/errors';
import { tempDir } from './tempDir';

const repo = path.resolve(__dirname, '../..');

export interface ServicesWithStudio {
  services: NodeServices;
  call<K extends CommandName>(name: K, arg: CommandRequest<K>): Promise<Result<CommandResult<K>>>;
  close(): Promise<void>;
}

export async function servicesWithStudio(opts: {
  ingest: boolean;
  timeoutMs?: number;
  /** Told each child's PID as it starts ('studio', 'ffmpeg'), like the data folder's lock. */
  lock?: NodeServicesOptions['lock'];
}): Promise<ServicesWithStudio> {
  const tmp = tempDir();
  const services = await createNodeServices({
    dataDir: tmp.dir,
    transport: 'web',
    secrets: new FileSecretStore(tmp.dir),
    openFolder: async () => false,
    log: silentLogger(),
    ...(opts.lock ? { lock: opts.lock } : {}),
    studioCommand: [
      process.execPath,
      path.join(repo, 'bin/stageside.js'),
      'studio',
      '--port',
      '0',
      ...(opts.ingest ? [] : ['--no-ingest']),
      '--data-dir',
      path.join(tmp.dir, 'studio'),
    ],
  });
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  while (services.studio?.get().state !== 'running') {
    if (Date.now() > deadline) {
      await services.dispose();
      tmp.cleanup();
      throw new Error(`studio did not start: ${JSON.stringify(services.studio?.get())}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    services,
    call: (name, arg) => services.dispatcher(name, arg, { transport: 'web' }) as never,
    close: async () => {
      await services.dispose();
      tmp.cleanup();
    },
  };
}
