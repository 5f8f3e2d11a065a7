// Composition of the callbacks service for real use (CLI, studio, a server deployment): store,
// portrait publisher, service, HTTP app on a port, list polling (hot reload across instances)
// and pruning of old idempotency keys. Returns endpoints and a close().
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type FastifyInstance } from 'fastify';
import { type Logger } from '../node/infra/logger';
import { nodeCrypto } from '../node/infra/nodeCrypto';
import { CallbacksAdmin } from './admin';
import { buildCallbacksApp } from './app';
import { CallbacksService } from './callbacksService';
import { createImRest, type ImRestConfig } from './imRest';
import { PortraitPublisher } from './portraitPublisher';
import { PromotionDesk } from './promotions/promotionDesk';
import { type FailMode } from './protocol';
import { type LevelStore } from './store/levelStore';
import { openLevelStore } from './store/openStore';

export interface CallbacksServerOptions {
  port: number;
  host?: string;
  /** postgres://… for PostgreSQL, sqlite:<file>, or unset for <dataDir>/callbacks.sqlite. */
  dbUrl?: string;
  dataDir: string;
  sdkAppId: number;
  /** Tencent's callback auth token (Sign = sha256_hex(token + RequestTime)); required unless `insecureNoToken`. */
  token?: string;
  /** Run without a token: anyone who reaches the URL can forge callbacks (warned at start and on /healthz). */
  insecureNoToken?: boolean;
  adminIdentifier: string;
  /** Where levels are published (portrait_set); without it levels are counted but not published. */
  imRest?: ImRestConfig;
  failMode: FailMode;
  log: Logger;
  /** Bearer token of /admin/*; default: generated once and kept in <dataDir>/callbacks.json (0600). */
  adminToken?: string;
  /** How often other instances' list edits are picked up (default 5 s). */
  pollListsMs?: number;
  portraitRatePerSecond?: number;
  /** Secret of the merchant endpoint's signatures (POST /merchant/v1/events); off without it. */
  merchantSecret?: string;
}

export interface CallbacksServer {
  /** http://host:port */
  url: string;
  /** The URL to configure as Tencent's callback URL (behind your HTTPS proxy in production). */
  callbackUrl: string;
  adminToken: string;
  app: FastifyInstance;
  /** Promotions (present when IM REST is configured). */
  desk: PromotionDesk | undefined;
  service: CallbacksService;
  admin: CallbacksAdmin;
  publisher: PortraitPublisher | undefined;
  store: LevelStore;
  close(): Promise<void>;
}

const PRUNE_EVERY_MS = 3_600_000;
const KEEP_KEYS_MS = 7 * 86_400_000;

export async function startCallbacksServer(o: CallbacksServerOptions): Promise<CallbacksServer> {
  fs.mkdirSync(o.dataDir, { recursive: true });
  const adminToken = o.adminToken ?? loadOrCreateAdminToken(o.dataDir);
  const store = await openLevelStore({ dataDir: o.dataDir, ...(o.dbUrl ? { dbUrl: o.dbUrl } : {}) });
  const rest = o.imRest ? createImRest(o.imRest, fetch, Date.now, o.log.child({ part: 'im-rest' })) : undefined;
  const publisher = rest ? new PortraitPublisher({ rest, log: o.log, ...(o.portraitRatePerSecond ? { ratePerSecond: o.portraitRatePerSecond } : {}) }) : undefined;
  // Promotions announce as the admin: they need IM REST too.
  const desk = rest ? new PromotionDesk({ rest, adminIdentifier: o.adminIdentifier, crypto: nodeCrypto, log: o.log.child({ part: 'promotions' }) }) : undefined;
  const service = new CallbacksService({
    store,
    sdkAppId: o.sdkAppId,
    adminIdentifier: o.adminIdentifier,
    ...(o.token ? { token: o.token } : {}),
    ...(o.insecureNoToken ? { insecureNoToken: true } : {}),
    failMode: o.failMode,
    crypto: nodeCrypto,
    log: o.log,
    publish: (account, level) => publisher?.publish(account, level),
    ...(desk ? { promotions: desk } : {}),
  });
  const timers: Array<ReturnType<typeof setInterval>> = [];
  let app: FastifyInstance | undefined;
  try {
    await service.init();
    app = buildCallbacksApp({
      service,
      failMode: o.failMode,
      log: o.log,
      adminToken,
      ...(publisher ? { publisher } : {}),
      ...(desk ? { desk } : {}),
      ...(o.merchantSecret ? { merchantSecret: o.merchantSecret } : {}),
    });
    await app.listen({ port: o.port, host: o.host ?? '127.0.0.1' });
  } catch (e) {
    await app?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw e;
  }
  const refresh = () => service.filters.refresh().catch((e: unknown) => o.log.warn({ err: e }, 'callbacks: list reload failed'));
  const prune = () => store.prune(Date.now() - KEEP_KEYS_MS).catch((e: unknown) => o.log.warn({ err: e }, 'callbacks: prune failed'));
  timers.push(setInterval(refresh, o.pollListsMs ?? 5000), setInterval(prune, PRUNE_EVERY_MS));
  for (const t of timers) t.unref();

  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  const host = o.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  o.log.info({ url, store: store.kind, failMode: o.failMode, publishes: !!publisher }, 'callbacks: listening');
  let closed = false;
  const started = app;
  return {
    url,
    callbackUrl: `${url}/callback`,
    adminToken,
    app: started,
    service,
    admin: new CallbacksAdmin(service),
    publisher,
    desk,
    store,
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearInterval(t);
      await started.close();
      await service.drain();
      if (desk) await Promise.race([desk.idle(), new Promise((r) => setTimeout(r, 3000).unref())]);
      desk?.dispose();
      // Publishing levels is best effort at shutdown: a down IM REST must not hold the exit.
      if (publisher) await Promise.race([publisher.idle(), new Promise((r) => setTimeout(r, 3000).unref())]);
      publisher?.dispose();
      await store.close();
    },
  };
}

function loadOrCreateAdminToken(dataDir: string): string {
  const file = path.join(dataDir, 'callbacks.json');
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as { adminToken?: unknown };
    if (typeof v.adminToken === 'string' && v.adminToken.length >= 16) return v.adminToken;
  } catch {
    // first start (or an unreadable file): make a new token below
  }
  const adminToken = crypto.randomBytes(24).toString('base64url');
  fs.writeFileSync(file, JSON.stringify({ adminToken }, null, 2) + '\n', { mode: 0o600 });
  return adminToken;
}
