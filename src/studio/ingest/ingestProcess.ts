// Starts the LVB-style ingest (node-media-server in a child process, ingestSupervisor.ts): checks
// the options, picks free ports and picks again when one was taken meanwhile. A crashing child is
// reported through onExit, never takes the studio down.
import net from 'node:net';
import { IngestStartError, IngestSupervisor, type IngestHandle, type IngestOptions } from './ingestSupervisor';

export type { PushEvent } from './protocol';
export { IngestStartError, IngestSupervisor } from './ingestSupervisor';
export type { IngestExit, IngestHandle, IngestOptions, IngestStartFailure } from './ingestSupervisor';

/** Free ports on `host`, held together while choosing so two requests never get the same one. */
export async function pickFreePorts(host: string, count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, host, () => resolve());
      });
      const addr = server.address();
      if (!addr || typeof addr === 'string') throw new Error('no port assigned');
      ports.push(addr.port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

function validate(o: IngestOptions): void {
  const bad = (m: string) => new IngestStartError('BAD_OPTIONS', m);
  for (const [name, port] of [
    ['rtmpPort', o.rtmpPort],
    ['httpPort', o.httpPort],
  ] as const) {
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw bad(`${name} must be 0-65535 (got ${port})`);
  }
  if (o.rtmpPort !== 0 && o.rtmpPort === o.httpPort) throw bad('rtmpPort and httpPort must differ');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(o.appName)) throw bad(`appName must be 1-64 of A-Z a-z 0-9 _ - (got "${o.appName}")`);
  if (!o.pushKey) throw bad('pushKey must not be empty');
  if (o.playKey === '') throw bad('playKey must not be empty when given');
  if (!o.host || o.host.includes(':')) throw bad(`host must be an IPv4 address or name (got "${o.host}")`);
}

/** Starts the ingest child and resolves once both listeners are bound. */
export function startIngest(opts: IngestOptions): Promise<IngestHandle> {
  return startIngestSupervisor(opts);
}

/** startIngest, with the supervisor itself (its child and ports, for a restart loop: keptIngest.ts). */
export async function startIngestSupervisor(opts: IngestOptions): Promise<IngestSupervisor> {
  validate(opts);
  // Ports picked here can be taken before the child binds them; then pick again.
  const attempts = opts.rtmpPort === 0 && opts.httpPort === 0 ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts);
    } catch (e) {
      if (!(e instanceof IngestStartError) || e.code !== 'PORT_IN_USE' || attempt >= attempts) throw e;
      opts.log.warn({ attempt }, 'Ingest port was taken meanwhile; picking new ports');
    }
  }
}

async function startOnce(opts: IngestOptions): Promise<IngestSupervisor> {
  let rtmpPort = opts.rtmpPort;
  let httpPort = opts.httpPort;
  if (rtmpPort === 0 || httpPort === 0) {
    let picked: number[];
    try {
      picked = await pickFreePorts(opts.host, 2);
    } catch (e) {
      throw new IngestStartError('BAD_OPTIONS', `Cannot listen on ${opts.host}: ${(e as Error).message}`);
    }
    const [a, b] = picked as [number, number];
    if (rtmpPort === 0) rtmpPort = httpPort === a ? b : a;
    if (httpPort === 0) httpPort = rtmpPort === b ? a : b;
  }
  const supervisor = new IngestSupervisor(opts, { rtmpPort, httpPort });
  await supervisor.start();
  return supervisor;
}
