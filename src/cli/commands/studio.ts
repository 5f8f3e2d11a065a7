// `stageside studio`: the local studio (IM emulator, RTMP ingest, viewer page) on loopback.
// Prints one JSON line with everything a client needs, then runs until interrupted.
import path from 'node:path';
import { createLogger } from '../../node/infra/logger';
import { defaultDataDir } from '../../node/infra/paths';
import { startStudio } from '../../studio/studio';
import { parseFlags, UsageError, type CliCommand } from '../io';

const usage = `Usage: stageside studio [--port 5180] [--data-dir DIR] [--callback-url URL] [--callback-token T]
                       [--push-callback-url URL] [--no-ingest]

Starts the local studio on 127.0.0.1 and prints one JSON line: REST base URL, realtime URL, RTMP
ingest URL, play base URL, viewer page URL, SDKAppID, admin identifier, the local SecretKey and
LVB push key (rehearsal credentials, loopback only), the demo room id and its signed push URL.
  --port N             HTTP port for REST, realtime and the viewer (default 5180; 0 picks one)
  --data-dir DIR       studio state (default: <app data>/studio or $STAGESIDE_HOME/studio)
  --callback-url URL   Tencent IM third-party callbacks are POSTed here
  --callback-token T   adds RequestTime and Sign to callbacks (Tencent's callback auth)
  --push-callback-url URL  LVB push start/interrupt events (CSS callback shape) are POSTed here
  --no-ingest          do not start the RTMP ingest`;

export const studioCommand: CliCommand = {
  summary: 'Run the local studio (IM emulator, RTMP ingest, viewer page)',
  usage,
  async run(argv, io) {
    const f = parseFlags(argv, {
      port: { type: 'string', default: '5180' },
      'data-dir': { type: 'string' },
      'callback-url': { type: 'string' },
      'callback-token': { type: 'string' },
      'push-callback-url': { type: 'string' },
      'no-ingest': { type: 'boolean', default: false },
    });
    const port = Number(f.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, got "${f.port}"`);
    const callbackUrl = f['callback-url'];
    if (callbackUrl !== undefined && !/^https?:\/\/\S+$/.test(callbackUrl)) {
      throw new UsageError('--callback-url must start with http:// or https://');
    }
    const pushCallbackUrl = f['push-callback-url'];
    if (pushCallbackUrl !== undefined && !/^https?:\/\/\S+$/.test(pushCallbackUrl)) {
      throw new UsageError('--push-callback-url must start with http:// or https://');
    }
    const dataDir = path.resolve(f['data-dir'] ?? path.join(defaultDataDir(io.env), 'studio'));
    const log = createLogger({ dir: path.join(dataDir, 'logs'), name: 'studio' });
    const studio = await startStudio({
      dataDir,
      port,
      log,
      ingest: !f['no-ingest'],
      ...(callbackUrl ? { callbackUrl } : {}),
      ...(pushCallbackUrl ? { pushCallbackUrl } : {}),
      ...(f['callback-token'] ? { callbackToken: f['callback-token'] } : {}),
    });
    io.stdout(JSON.stringify(studio.info));
    io.stderr(`Stageside studio ready. Viewer page: ${studio.info.viewerUrl}  (Ctrl+C to stop)`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await studio.close();
    return 0;
  },
};
