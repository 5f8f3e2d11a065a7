// The studio keeps its address: the ports it last listened on (HTTP, RTMP ingest, HTTP-FLV) are
// saved in <data dir>/ports.json and asked for again at the next start, so a restarted studio
// (Restart studio, a crash restart, the app's next session) keeps the URLs that the console, OBS
// and open viewer pages hold. A port given explicitly is pinned: that one, or a clear failure. A
// saved port another program took meanwhile is given up for a free one; the move is reported and saved.
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { readFileIfExists, writeFileAtomic } from '../node/infra/atomicFile';
import type { Logger } from '../node/infra/logger';
import type { PortMove, StudioPortName } from '../shared/studioStatus';
import { IngestStartError } from './ingest/ingestSupervisor';

export const STUDIO_PORTS_FILE = 'ports.json';

const portNumber = z.number().int().min(1).max(65535);
const savedPortsSchema = z.object({ http: portNumber.optional(), rtmp: portNumber.optional(), flv: portNumber.optional() });
export type SavedPorts = z.infer<typeof savedPortsSchema>;

/** The flag that pins each port, for messages. */
export const PORT_FLAGS: Record<StudioPortName, string> = { http: '--port', rtmp: '--rtmp-port', flv: '--flv-port' };
const PORT_NAMES: Record<StudioPortName, string> = { http: 'HTTP', rtmp: 'RTMP ingest', flv: 'HTTP-FLV' };

/**
 * How long a saved port that is taken is watched before it is given up: the previous run's ingest
 * child, orphaned by a studio crash, closes its listeners a moment after the studio died.
 */
export const SAVED_PORT_GRACE_MS = 1000;

/** A pinned port that another program holds: the studio does not start. */
export class PortTakenError extends Error {
  constructor(
    readonly port: StudioPortName,
    readonly number: number,
  ) {
    super(`The ${PORT_NAMES[port]} port ${number} (${PORT_FLAGS[port]}) is in use by another program; free it, or start the studio with another ${PORT_FLAGS[port]} (0: the saved port, else a free one)`);
    this.name = 'PortTakenError';
  }
}

/** The words for a move, printed by the CLI and logged: which port, from, to, and what changes. */
export function portMoveText(m: PortMove): string {
  const changes = m.port === 'http' ? 'the REST, realtime and viewer page URLs changed' : m.port === 'rtmp' ? 'push URLs and OBS’s server changed' : 'play URLs changed';
  return `The saved ${PORT_NAMES[m.port]} port ${m.from} is in use by another program; the studio now uses ${m.to} (saved for next time): ${changes}.`;
}

export function loadSavedPorts(dataDir: string, log: Logger): SavedPorts {
  const file = path.join(dataDir, STUDIO_PORTS_FILE);
  const text = readFileIfExists(file);
  if (text === undefined) return {};
  try {
    return savedPortsSchema.parse(JSON.parse(text));
  } catch (e) {
    log.warn({ file, error: e instanceof Error ? e.message : String(e) }, 'studio: saved ports unreadable; choosing new ones');
    return {};
  }
}

/** True when nothing listens on host:port now. */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

export interface PortPlanOptions {
  dataDir: string;
  host: string;
  /** Per port: > 0 pins it; 0 means the saved one, else a free one. */
  asked: Record<StudioPortName, number>;
  log: Logger;
  graceMs?: number;
}

/** One start's choice of ports: asked → saved → free, then saved again with the moves made. */
export class StudioPortPlan {
  readonly saved: SavedPorts;
  /** Saved ports found taken, to be replaced by whatever the listener got. */
  private readonly taken = new Map<StudioPortName, number>();

  constructor(private readonly o: PortPlanOptions) {
    this.saved = loadSavedPorts(o.dataDir, o.log);
  }

  /**
   * The port to listen on for `name`: the pinned one (PortTakenError when held), the saved one when
   * it is free (watched for up to graceMs), else 0 (any free one).
   */
  async choose(name: StudioPortName): Promise<number> {
    const asked = this.o.asked[name];
    if (asked > 0) {
      if (!(await isPortFree(this.o.host, asked))) throw new PortTakenError(name, asked);
      return asked;
    }
    const saved = this.saved[name];
    if (saved === undefined) return 0;
    const deadline = Date.now() + (this.o.graceMs ?? SAVED_PORT_GRACE_MS);
    for (;;) {
      if (await isPortFree(this.o.host, saved)) return saved;
      if (Date.now() >= deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    this.taken.set(name, saved);
    return 0;
  }

  /**
   * Listens with `listen` on the chosen port; a saved port taken between the check and the listen
   * is given up for a free one, and a pinned one fails with PortTakenError. Resolves with the port.
   */
  async listen(name: StudioPortName, listen: (port: number) => Promise<number>): Promise<number> {
    const port = await this.choose(name);
    try {
      return await listen(port);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw e;
      if (this.o.asked[name] > 0) throw new PortTakenError(name, port);
      this.taken.set(name, port);
      return listen(0);
    }
  }

  /**
   * Starts the ingest with `start` on the chosen RTMP and HTTP-FLV ports. When the child finds a
   * saved one taken after all (another program bound it after the check), the held ones are given
   * up for free ones and it starts once more.
   */
  async startIngest<T>(start: (ports: { rtmpPort: number; httpPort: number }) => Promise<T>): Promise<T> {
    const [rtmpPort, httpPort] = await Promise.all([this.choose('rtmp'), this.choose('flv')]);
    try {
      return await start({ rtmpPort, httpPort });
    } catch (e) {
      if (!(e instanceof IngestStartError) || e.code !== 'PORT_IN_USE') throw e;
      const again = { rtmpPort: await this.giveUpIfHeld('rtmp', rtmpPort), httpPort: await this.giveUpIfHeld('flv', httpPort) };
      if (again.rtmpPort === rtmpPort && again.httpPort === httpPort) throw e;
      return start(again);
    }
  }

  /** A saved port that another program now holds is given up (0); a pinned or free one is kept. */
  private async giveUpIfHeld(name: StudioPortName, port: number): Promise<number> {
    if (port === 0 || this.o.asked[name] > 0 || (await isPortFree(this.o.host, port))) return port;
    this.taken.set(name, port);
    return 0;
  }

  /** Saves the ports listened on (those not listened on this time keep their saved value) and returns the moves. */
  settle(actual: Partial<Record<StudioPortName, number>>): PortMove[] {
    const moves: PortMove[] = [];
    for (const [port, from] of this.taken) {
      const to = actual[port];
      if (to !== undefined && to !== from) moves.push({ port, from, to });
    }
    const next: SavedPorts = { ...this.saved, ...actual };
    try {
      writeFileAtomic(path.join(this.o.dataDir, STUDIO_PORTS_FILE), JSON.stringify(next, null, 2) + '\n');
    } catch (e) {
      this.o.log.warn({ error: e instanceof Error ? e.message : String(e) }, 'studio: could not save its ports; the next start may choose new ones');
    }
    for (const m of moves) this.o.log.warn({ ...m }, portMoveText(m));
    return moves;
  }
}
