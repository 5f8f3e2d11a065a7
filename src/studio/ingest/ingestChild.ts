// Entry of the ingest child: node-media-server calls process.exit on a taken port and re-raises
// signals, so it runs here, never in the studio or a test worker; config arrives over IPC.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { maskSecretsInUrl } from '../../shared/domain/lvbAuth';
import { assertNever } from '../../shared/errors';
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import { attachIngestHooks } from './nmsHooks';
import { loadNodeMediaServer, setNmsLogLevel, whenListening } from './nmsSurface';
import { type ChildConfig, type ChildLogLevel, type ChildMessage, parentMessageSchema } from './protocol';
import { sequenceFrom } from './pushEvents';

let pendingSends = 0;

function send(message: ChildMessage): void {
  if (!process.connected) return;
  pendingSends++;
  // The callback also swallows the error of a parent that is gone ('disconnect' ends us then).
  process.send?.(message, undefined, {}, () => pendingSends--);
}

function log(level: ChildLogLevel, msg: string, fields?: Record<string, string | number | boolean>): void {
  send({ type: 'log', level, msg: maskSecretsInUrl(msg), ...(fields ? { fields } : {}) });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (briefly) until `done()` holds, polling. */
async function settle(done: () => boolean, maxMs: number): Promise<void> {
  for (let waited = 0; !done() && waited < maxMs; waited += 10) await sleep(10);
}

async function start(config: ChildConfig): Promise<() => Promise<void>> {
  const NodeMediaServer = loadNodeMediaServer();
  const nmsSecret = randomBytes(24).toString('hex');
  const nms = new NodeMediaServer({
    bind: config.host,
    rtmp: { port: config.rtmpPort },
    http: { port: config.httpPort },
    // NMS's own check stays on for both directions; nmsHooks grants its signature only to
    // sessions the CSS-style gate admits.
    auth: { publish: true, play: true, secret: nmsSecret },
    webadmin: { enable: false },
    store: { path: config.storeDir },
  });
  setNmsLogLevel('info');
  const hooks = attachIngestHooks(nms, {
    crypto: nodeCrypto,
    gate: {
      appName: config.appName,
      pushKey: config.pushKey,
      ...(config.playKey ? { playKey: config.playKey } : {}),
    },
    keys: { callbackKey: config.pushKey, appId: config.appId },
    node: config.host,
    nmsSecret,
    nowMs: () => Date.now(),
    newSequence: () => sequenceFrom(randomBytes(8)),
    emit: (event) => send({ type: 'push', event }),
    log,
  });
  // A taken port makes NMS log "already in use" and exit(1); the parent reads that from stdout.
  const listening = Promise.all([
    whenListening(nms.rtmpServer.tcpServer, 'RTMP'),
    whenListening(nms.httpServer.httpServer, 'HTTP'),
  ]);
  await nms.run();
  const [rtmpPort, httpPort] = await listening;
  send({ type: 'ready', rtmpPort, httpPort });
  return async () => {
    await nms.stop();
    // Closing the sockets ends the pushes; let their interrupt events reach the parent.
    await settle(() => hooks.livePushes() === 0, 500);
  };
}

function main(): void {
  if (!process.send) {
    process.stderr.write('ingestChild must be started by ingestProcess.ts (it needs an IPC channel)\n');
    process.exit(2);
  }
  let stop: (() => Promise<void>) | undefined;
  let storeDir: string | undefined;
  let starting = false;
  let exiting = false;
  const shutdown = (): void => {
    if (exiting) return;
    exiting = true;
    void (stop ? stop() : Promise.resolve())
      .then(() => settle(() => pendingSends === 0, 500))
      .finally(() => {
        try {
          // The parent removes it too, unless it was killed.
          if (storeDir) rmSync(storeDir, { recursive: true, force: true });
        } finally {
          process.exit(0);
        }
      });
  };
  // Orphaned (the studio died or was killed): nothing can use this ingest any more. NMS logs
  // with console.log, which would throw EPIPE into the void once the parent's pipes are gone.
  process.on('disconnect', shutdown);
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
  process.on('message', (raw: unknown) => {
    const parsed = parentMessageSchema.safeParse(raw);
    if (!parsed.success) {
      log('warn', 'Ingest child ignored an invalid message from its parent');
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'start':
        if (starting) return;
        starting = true;
        storeDir = message.config.storeDir;
        start(message.config).then(
          (s) => (stop = s),
          (e: unknown) => {
            process.stderr.write(`Ingest failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
            process.exit(1);
          },
        );
        return;
      case 'stop':
        shutdown();
        return;
      case 'ping':
        send({ type: 'pong' });
        return;
      default:
        assertNever(message);
    }
  });
  send({ type: 'hello' });
}

main();
