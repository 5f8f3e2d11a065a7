// `stageside callbacks`: the room callbacks service (before-send word filter, levels from
// after-send/join/exit) as a standalone HTTP server for the studio or a Tencent deployment.
import path from 'node:path';
import { createLogger } from '../../node/infra/logger';
import { defaultDataDir } from '../../node/infra/paths';
import { startCallbacksServer, type CallbacksServerOptions } from '../../callbacks/server';
import { parseFlags, UsageError, type CliCommand, type CliIo } from '../io';

const usage = `Usage: stageside callbacks --sdkappid N [--port 8787] [--host 127.0.0.1] [--db URL] [--data-dir DIR]
                          [--admin ID] [--im-base-url URL --secret-key-env VAR] [--token T]
                          [--fail-mode open|closed] [--admin-token-env VAR] [--insecure-no-token]
                          [--merchant-secret-env VAR]

Serves Tencent IM third-party callbacks (configure <url>/callback in the IM console): filters
Group.CallbackBeforeSendMsg against word lists, counts points and levels from after-send, join and
exit callbacks, and publishes levels to Tag_Profile_Custom_Level with portrait_set.
  --sdkappid N           your SDKAppID; callbacks for any other app are refused
  --port N               HTTP port (default 8787; 0 picks one)
  --host H               listen address (default 127.0.0.1; put HTTPS in front, see docs/callbacks.md)
  --db URL               postgres://user:pass@host/db, or sqlite:<file> (default <data dir>/callbacks.sqlite)
  --data-dir DIR         default: <app data>/callbacks or $STAGESIDE_HOME/callbacks
  --admin ID             App admin identifier (default administrator); its sends count as verified
  --im-base-url URL      IM REST base URL for portrait_set (e.g. https://console.tim.qq.com)
  --secret-key-env VAR   environment variable holding the SecretKey (default STAGESIDE_IM_SECRET_KEY)
  --token T              Tencent's callback auth token (IM console → Callback configuration), required:
                         every request must carry a valid Sign and a RequestTime within 60 s
                         (or $STAGESIDE_CALLBACK_TOKEN)
  --insecure-no-token    run without a token: anyone who can reach the URL can forge callbacks
                         (warned at start and on /healthz)
  --fail-mode M          before-send answer when a request cannot be evaluated: open (deliver, default) or closed
  --admin-token-env VAR  environment variable with the /admin bearer token (default: generated, kept in the data dir)
  --merchant-secret-env VAR  environment variable with the merchant endpoint's signing secret (≥ 16
                         characters): POST /merchant/v1/events records your backend's orders and coupon
                         claims and announces them (needs --im-base-url); off without it`;

/** Parses flags into server options; throws UsageError on bad input. */
export function callbacksOptions(argv: string[], io: CliIo): Omit<CallbacksServerOptions, 'log'> {
  const f = parseFlags(argv, {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string' },
    'data-dir': { type: 'string' },
    sdkappid: { type: 'string' },
    admin: { type: 'string', default: 'administrator' },
    'im-base-url': { type: 'string' },
    'secret-key-env': { type: 'string', default: 'STAGESIDE_IM_SECRET_KEY' },
    token: { type: 'string' },
    'fail-mode': { type: 'string', default: 'open' },
    'admin-token-env': { type: 'string' },
    'merchant-secret-env': { type: 'string' },
    'insecure-no-token': { type: 'boolean', default: false },
  });
  const port = Number(f.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, got "${f.port}"`);
  const sdkAppId = Number(f.sdkappid);
  if (!f.sdkappid || !Number.isInteger(sdkAppId) || sdkAppId <= 0) throw new UsageError('--sdkappid N is required (your SDKAppID)');
  if (f['fail-mode'] !== 'open' && f['fail-mode'] !== 'closed') throw new UsageError('--fail-mode must be open or closed');
  if (f.db !== undefined && !/^(postgres(ql)?:\/\/|sqlite:)/.test(f.db)) throw new UsageError('--db must be postgres://… or sqlite:<file>');
  const admin = f.admin.trim();
  if (!/^[\x20-\x7e]{1,32}$/.test(admin)) throw new UsageError('--admin must be 1-32 printable ASCII characters');
  let imRest: CallbacksServerOptions['imRest'];
  if (f['im-base-url'] !== undefined) {
    if (!/^https?:\/\/\S+$/.test(f['im-base-url'])) throw new UsageError('--im-base-url must start with http:// or https://');
    const secretKey = io.env[f['secret-key-env']]?.trim();
    if (!secretKey) throw new UsageError(`--im-base-url needs the SecretKey in $${f['secret-key-env']} (see --secret-key-env)`);
    imRest = { baseUrl: f['im-base-url'], sdkAppId, adminIdentifier: admin, secretKey };
  }
  const token = f.token ?? io.env.STAGESIDE_CALLBACK_TOKEN?.trim();
  let adminToken: string | undefined;
  if (f['admin-token-env'] !== undefined) {
    adminToken = io.env[f['admin-token-env']]?.trim();
    if (!adminToken || adminToken.length < 16) throw new UsageError(`$${f['admin-token-env']} must hold an admin token of at least 16 characters`);
  }
  let merchantSecret: string | undefined;
  if (f['merchant-secret-env'] !== undefined) {
    merchantSecret = io.env[f['merchant-secret-env']]?.trim();
    if (!merchantSecret || merchantSecret.length < 16) throw new UsageError(`$${f['merchant-secret-env']} must hold a merchant secret of at least 16 characters`);
    if (!imRest) throw new UsageError('--merchant-secret-env needs --im-base-url: orders are announced to the room through IM REST');
  }
  if (!token && !f['insecure-no-token']) {
    throw new UsageError(
      "a callback auth token is required: --token T (or $STAGESIDE_CALLBACK_TOKEN), the same value as in the IM console's callback configuration; --insecure-no-token runs without one",
    );
  }
  return {
    port,
    host: f.host,
    dataDir: path.resolve(f['data-dir'] ?? path.join(defaultDataDir(io.env), 'callbacks')),
    sdkAppId,
    adminIdentifier: admin,
    failMode: f['fail-mode'],
    ...(f.db ? { dbUrl: f.db } : {}),
    ...(imRest ? { imRest } : {}),
    ...(token ? { token } : { insecureNoToken: true }),
    ...(adminToken ? { adminToken } : {}),
    ...(merchantSecret ? { merchantSecret } : {}),
  };
}

/** Starts the server, prints one JSON line, runs until `until` settles. */
export async function runCallbacks(argv: string[], io: CliIo, until: Promise<void>): Promise<number> {
  const opts = callbacksOptions(argv, io);
  const log = createLogger({ dir: path.join(opts.dataDir, 'logs'), name: 'callbacks' });
  const server = await startCallbacksServer({ ...opts, log });
  io.stdout(
    JSON.stringify({
      url: server.url,
      callbackUrl: server.callbackUrl,
      adminApi: `${server.url}/admin`,
      adminTokenFile: opts.adminToken ? null : path.join(opts.dataDir, 'callbacks.json'),
      store: server.store.kind,
      failMode: opts.failMode,
      publishesLevels: !!opts.imRest,
      insecure: !!opts.insecureNoToken,
    }),
  );
  if (!opts.imRest) io.stderr('Note: no --im-base-url, so levels are counted but not written to profiles.');
  if (opts.insecureNoToken) {
    io.stderr('WARNING: running without a callback auth token (--insecure-no-token): anyone who can reach this URL can forge callbacks, e.g. gifts that raise levels.');
  }
  io.stderr('Stageside callbacks service ready (Ctrl+C to stop)');
  await until;
  await server.close();
  return 0;
}

export const callbacksCommand: CliCommand = {
  summary: 'Run the room callbacks service (word filter, levels)',
  usage,
  run: (argv, io) =>
    runCallbacks(
      argv,
      io,
      new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      }),
    ),
};
