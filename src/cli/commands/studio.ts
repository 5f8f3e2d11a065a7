// `stageside studio`: the local studio (IM emulator, RTMP ingest, viewer page) on loopback.
// Prints one JSON line with everything a client needs, then a line per change of its ingest's
// state, and runs until interrupted.
import path from 'node:path';
import { createLogger } from '../../node/infra/logger';
import { defaultDataDir } from '../../node/infra/paths';
import { startStudio } from '../../studio/studio';
import { portMoveText, STUDIO_PORTS_FILE } from '../../studio/studioPorts';
import { DataFolderBusyError, DataFolderLock } from '../../node/infra/dataFolderLock';
import { parseFlags, UsageError, type CliCommand } from '../io';

const usage = `Usage: stageside studio [--port 5180] [--rtmp-port N] [--flv-port N] [--data-dir DIR] [--callback-url URL]
                       [--callback-token T] [--push-callback-url URL] [--no-ingest] [--exit-with-parent]

Starts the local studio on 127.0.0.1 and prints one JSON line: REST base URL, realtime URL, RTMP
ingest URL, play base URL, viewer page URL, SDKAppID, admin identifier, the local SecretKey and
LVB push key (rehearsal credentials, loopback only), the demo room id and its signed push URL, and
the ingest's state. The ingest is restarted with backoff when it dies; each change of its state
is one more line, {"ingest":{"state":"running"|"restarting"|"failed",…}}.

The studio keeps its address: the ports it listened on are saved in DIR/${STUDIO_PORTS_FILE} and asked for
again at the next start. N > 0 pins a port: that one, or the studio does not start. 0 (the default
for RTMP and HTTP-FLV; the app passes --port 0) is the saved port, else a free one; a saved port
another program holds is replaced by a free one, said on stderr and in the JSON line ("portsMoved").
  --port N             HTTP port for REST, realtime and the viewer (default 5180; 0: saved, else free)
  --rtmp-port N        RTMP ingest port (default 0: saved, else free)
  --flv-port N         HTTP-FLV play port (default 0: saved, else free)
  --data-dir DIR       studio state (default: <app data>/studio or $STAGESIDE_HOME/studio)
  --callback-url URL   Tencent IM third-party callbacks are POSTed here
  --callback-token T   adds RequestTime and Sign to callbacks (Tencent's callback auth)
  --push-callback-url URL  LVB push start/interrupt events (CSS callback shape) are POSTed here
  --no-ingest          do not start the RTMP ingest
  --exit-with-parent   stop when stdin closes (the app that started the studio died, however it died)

One studio per data folder: a second one on the same folder is refused, naming the first's PID.`;

export const studioCommand: CliCommand = {
  summary: 'Run the local studio (IM emulator, RTMP ingest, viewer page)',
  usage,
  async run(argv, io) {
    const f = parseFlags(argv, {
      port: { type: 'string', default: '5180' },
      'rtmp-port': { type: 'string', default: '0' },
      'flv-port': { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      'callback-url': { type: 'string' },
      'callback-token': { type: 'string' },
      'push-callback-url': { type: 'string' },
      'no-ingest': { type: 'boolean', default: false },
      'exit-with-parent': { type: 'boolean', default: false },
    });
    const port = portFlag('--port', f.port);
    const rtmpPort = portFlag('--rtmp-port', f['rtmp-port']);
    const flvPort = portFlag('--flv-port', f['flv-port']);
    const pinned = [port, rtmpPort, flvPort].filter((p) => p > 0);
    if (new Set(pinned).size < pinned.length) throw new UsageError('--port, --rtmp-port and --flv-port must differ');
    const callbackUrl = f['callback-url'];
    if (callbackUrl !== undefined && !/^https?:\/\/\S+$/.test(callbackUrl)) {
      throw new UsageError('--callback-url must start with http:// or https://');
    }
    const pushCallbackUrl = f['push-callback-url'];
    if (pushCallbackUrl !== undefined && !/^https?:\/\/\S+$/.test(pushCallbackUrl)) {
      throw new UsageError('--push-callback-url must start with http:// or https://');
    }
    const dataDir = path.resolve(f['data-dir'] ?? path.join(defaultDataDir(io.env), 'studio'));
    let lock: DataFolderLock;
    try {
      lock = await DataFolderLock.acquire(dataDir, 'studio', { log: (m) => io.stderr(m) });
    } catch (e) {
      if (e instanceof DataFolderBusyError) {
        io.stderr(`stageside studio: ${e.message}`);
        return 1;
      }
      throw e;
    }
    const log = createLogger({ dir: path.join(dataDir, 'logs'), name: 'studio' });
    // After the first line, one line per change of the ingest's state: {"ingest":{"state":…}}.
    let printed = false;
    const studio = await startStudio({
      dataDir,
      port,
      rtmpPort,
      flvPort,
      log,
      ingest: !f['no-ingest'],
      onIngestStatus: (ingest) => printed && io.stdout(JSON.stringify({ ingest })),
      ...(callbackUrl ? { callbackUrl } : {}),
      ...(pushCallbackUrl ? { pushCallbackUrl } : {}),
      ...(f['callback-token'] ? { callbackToken: f['callback-token'] } : {}),
    }).catch((e: unknown) => {
      lock.release();
      throw e;
    });
    for (const m of studio.info.portsMoved ?? []) io.stderr(`stageside studio: ${portMoveText(m)}`);
    io.stdout(JSON.stringify({ ...studio.info, ingest: studio.ingestStatus() }));
    printed = true;
    io.stderr(`Stageside studio ready. Viewer page: ${studio.info.viewerUrl}  (Ctrl+C to stop)`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
      // The parent's end of our stdin closes when it dies, even by SIGKILL: a parent-death signal.
      if (f['exit-with-parent']) {
        process.stdin.once('end', resolve).once('close', resolve).once('error', resolve);
        process.stdin.resume();
      }
    });
    await studio.close();
    lock.release();
    // Orphaned (the parent is gone): nothing more to say to anyone; leave even if a handle lingers.
    if (f['exit-with-parent']) setTimeout(() => process.exit(0), 1000).unref();
    return 0;
  },
};

function portFlag(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!/^\d+$/.test(value ?? '') || n > 65535) throw new UsageError(`${flag} must be 0-65535, got "${value}"`);
  return n;
}
