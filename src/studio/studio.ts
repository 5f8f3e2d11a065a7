// The local studio's composition root: one HTTP server on loopback hosting Tencent's IM REST API
// (/v4), the realtime WebSocket for the TIM-compatible client (/realtime), the viewer page
// (/viewer/) and a few rehearsal helpers (/studio/*); plus the LVB-style RTMP ingest in a child
// process, restarted with backoff when it dies. Two studios can run in one process (no module state).
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { appRoot } from '../node/infra/appRoot';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { initialRoomFields, streamNameForRoom } from '../shared/domain/liveCommerce';
import type { Logger } from '../node/infra/logger';
import { nodeCrypto, systemClock } from '../node/infra/nodeCrypto';
import { startCallbacksServer, type CallbacksServer } from '../callbacks/server';
import { ImEngine } from './im/engine';
import { registerImRest } from './im/restRoutes';
import type { PushEvent } from './ingest/ingestProcess';
import { startKeptIngest, type KeptIngest } from './ingest/keptIngest';
import type { IngestStatus, PortMove } from '../shared/studioStatus';
import { attachRealtime, type RealtimeHandle } from './realtime/realtimeServer';
import { eventLoopGauge } from './loadGauge';
import { reclaimMemory } from './reclaimMemory';
import { registerUserSigRoutes } from './userSigRoutes';
import { registerShopRoutes } from './shopRoutes';
import { loadOrCreateStudioConfig, type StudioConfig } from './studioConfig';
import { StudioPortPlan } from './studioPorts';
import { isRestPath, MAX_REST_PARAM_CHARS, unreadableRequest } from './im/restRoutes';
import { clientErrorHandler, requestLinePath } from '../node/infra/envelopeErrors';

export interface StudioOptions {
  dataDir: string;
  /**
   * HTTP port for REST, realtime and the viewer. Each port: > 0 pins it (taken: the start fails);
   * 0 takes the one saved in <dataDir>/ports.json, else a free one (studioPorts.ts).
   */
  port: number;
  /** RTMP ingest port; default 0. */
  rtmpPort?: number;
  /** HTTP-FLV play port; default 0. */
  flvPort?: number;
  log: Logger;
  callbackUrl?: string;
  callbackToken?: string;
  /** CSS-shaped push start/interrupt events are also POSTed here. */
  pushCallbackUrl?: string;
  /**
   * Run the room callbacks service (word filter + levels) in-process and point the IM engine at
   * it (default true). Ignored when `callbackUrl` names an external service.
   */
  callbacks?: boolean;
  /** Run the RTMP ingest child (default true); it is restarted with backoff when it dies. */
  ingest?: boolean;
  /** Each change of the ingest's state (running, restarting, failed) after the first. */
  onIngestStatus?: (status: IngestStatus) => void;
  /** Built viewer page (default out/viewer). */
  viewerDir?: string;
}

/** The one JSON line `stageside studio` prints: everything a client needs. */
export interface StudioInfo {
  restBaseUrl: string;
  realtimeUrl: string;
  rtmpIngestUrl: string | null;
  playBaseUrl: string | null;
  viewerUrl: string;
  sdkAppId: number;
  adminIdentifier: string;
  secretKey: string;
  pushKey: string;
  demoRoomId: string;
  /** Signed push URL for the demo room, valid 24 h. */
  demoPushUrl: string | null;
  /** The embedded callbacks service (word lists, levels): its base URL and admin bearer token. */
  callbacksUrl: string | null;
  callbacksAdminToken: string | null;
  /** Saved ports another program had taken: the URLs above use the new ones. Absent when none moved. */
  portsMoved?: PortMove[];
}

export interface Studio {
  info: StudioInfo;
  config: StudioConfig;
  engine: ImEngine;
  app: FastifyInstance;
  realtime: RealtimeHandle;
  ingest: KeptIngest | null;
  /** The ingest's state now; null without an ingest. */
  ingestStatus(): IngestStatus | null;
  callbacks: CallbacksServer | null;
  /** Stream names currently publishing to the ingest. */
  onAir(): string[];
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
export const defaultViewerDir = (): string =>
  path.join(appRoot(import.meta.url), 'out', 'viewer');

export { streamNameForRoom };


export async function startStudio(o: StudioOptions): Promise<Studio> {
  fs.mkdirSync(o.dataDir, { recursive: true });
  const config = loadOrCreateStudioConfig(o.dataDir);
  const log = o.log;
  // The callbacks service starts first: the engine needs its URL, and it learns the REST base URL
  // (for publishing levels with portrait_set) once the studio listens.
  let restBase = '';
  const firstCallbacksStart = !fs.existsSync(path.join(o.dataDir, 'callbacks'));
  const callbackToken = o.callbackToken ?? (o.callbackUrl ? undefined : crypto.randomBytes(16).toString('hex'));
  const callbacks =
    o.callbackUrl || o.callbacks === false
      ? null
      : await startCallbacksServer({
          port: 0,
          host: HOST,
          dataDir: path.join(o.dataDir, 'callbacks'),
          sdkAppId: config.sdkAppId,
          ...(callbackToken ? { token: callbackToken } : {}),
          adminIdentifier: config.adminIdentifier,
          imRest: { baseUrl: () => restBase, sdkAppId: config.sdkAppId, adminIdentifier: config.adminIdentifier, secretKey: config.secretKey },
          failMode: 'open',
          log: log.child({ part: 'callbacks' }),
        });
  if (callbacks && firstCallbacksStart) await seedDefaultWordList(callbacks);
  const callbackUrl = o.callbackUrl ?? callbacks?.callbackUrl;
  const engine = new ImEngine({
    sdkAppId: config.sdkAppId,
    secretKey: config.secretKey,
    adminIdentifier: config.adminIdentifier,
    dataDir: o.dataDir,
    clock: systemClock,
    crypto: nodeCrypto,
    log,
    ...(callbackUrl ? { callbackUrl } : {}),
    ...(callbackToken ? { callbackToken } : {}),
  });
  ensureDemoRoom(engine, config);

  const live = new Set<string>();
  const ports = new StudioPortPlan({ dataDir: o.dataDir, host: HOST, asked: { http: o.port, rtmp: o.rtmpPort ?? 0, flv: o.flvPort ?? 0 }, log });
  const ingestPromise =
    o.ingest === false
      ? Promise.resolve(null)
      : ports.startIngest((chosen) =>
          startKeptIngest({
            ...chosen,
            host: HOST,
            appName: 'live',
            pushKey: config.pushKey,
            log,
            ...(o.pushCallbackUrl ? { callbackUrl: o.pushCallbackUrl } : {}),
            onEvent: (e: PushEvent) => {
              if (e.event_type === 1) live.add(e.stream_id);
              else live.delete(e.stream_id);
              log.info({ stream: e.stream_id, event: e.event_type }, e.event_type === 1 ? 'push started' : 'push interrupted');
            },
            onStatus: (s) => o.onIngestStatus?.(s),
          }),
        );
  // Awaited after the HTTP listen; a failure before then (a pinned port taken) is not unhandled meanwhile.
  ingestPromise.catch(() => undefined);

  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    // Tencent answers every /v4 request with HTTP 200 and its envelope: an over-long command name,
    // an undecodable path (`%ff`) or an over-long request line must not become fastify's 414/400 or
    // Node's 431 there.
    routerOptions: { maxParamLength: MAX_REST_PARAM_CHARS },
    frameworkErrors: (err, req, res) => {
      const reply = res as unknown as { code(n: number): { send(body: unknown): void } };
      if (isRestPath(req.url)) reply.code(200).send(unreadableRequest(err.message));
      else reply.code(400).send({ error: err.message });
    },
    clientErrorHandler: clientErrorHandler((line) => (isRestPath(requestLinePath(line)) ? unreadableRequest('request line unreadable or too long') : undefined)),
  });
  registerImRest(app, engine);
  const viewerDir = o.viewerDir ?? defaultViewerDir();
  // Filled once listening; the /studio/info route only runs after that.
  const urls = { realtime: '' };
  let ingest: KeptIngest | null = null;

  app.get('/', async (_req, reply) => reply.redirect(`/viewer/?room=${encodeURIComponent(config.demoRoomId)}`));
  app.get('/healthz', async () => ({
    ok: true,
    sessions: realtime.sessionCount(),
    onAir: [...live],
    ingest: ingest?.status() ?? null,
    realtime: { ...realtime.stats(), lagMs: Math.round(load.lagMs()) },
  }));
  app.get<{ Querystring: { room?: string } }>('/studio/info', async (req) => {
    const room = String(req.query.room ?? config.demoRoomId).slice(0, 48);
    return {
      sdkAppId: config.sdkAppId,
      realtimeUrl: urls.realtime,
      admin: config.adminIdentifier,
      room,
      playFlvUrl: ingest ? ingest.flvUrl(streamNameForRoom(room)) : null,
      onAir: live.has(streamNameForRoom(room)),
    };
  });
  // Back-pressure: while the event loop lags, new logins and UserSig batches are told when to come back.
  const load = eventLoopGauge();
  registerUserSigRoutes(app, { engine, config, load });
  registerShopRoutes(app, { engine, desk: callbacks?.desk });
  app.get('/viewer', async (_req, reply) => reply.redirect('/viewer/'));
  app.get<{ Params: { '*': string } }>('/viewer/*', async (req, reply) => serveViewer(viewerDir, req.params['*'], reply));

  const realtime = attachRealtime(app.server, engine, {
    log,
    load,
    reclaim: { run: () => reclaimMemory((r) => log.info({ pass: r.pass, gcMs: Math.round(r.gcMs), rssMb: Math.round(r.rssMb) }, 'studio: the crowd left; memory reclaimed')) },
  });
  try {
    // A join storm opens thousands of connections at once; Node's default accept backlog (511) would drop SYNs.
    await ports.listen('http', async (port) => {
      await app.listen({ port, host: HOST, backlog: 4096 });
      return (app.server.address() as AddressInfo).port;
    });
    ingest = await ingestPromise;
  } catch (e) {
    await app.close().catch(() => undefined);
    realtime.close().catch(() => undefined);
    load.dispose();
    (await ingestPromise.catch(() => null))?.stop();
    engine.dispose();
    await callbacks?.close();
    throw e;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  const base = `http://${HOST}:${port}`;
  restBase = base;
  const demoStream = streamNameForRoom(config.demoRoomId);
  const portOf = (url: string) => Number(new URL(url).port);
  const portsMoved = ports.settle({ http: port, ...(ingest ? { rtmp: portOf(ingest.rtmpUrl), flv: portOf(ingest.playBaseUrl) } : {}) });
  urls.realtime = `ws://${HOST}:${port}/realtime`;
  const info: StudioInfo = {
    restBaseUrl: base,
    realtimeUrl: `ws://${HOST}:${port}/realtime`,
    rtmpIngestUrl: ingest?.rtmpUrl ?? null,
    playBaseUrl: ingest?.playBaseUrl ?? null,
    viewerUrl: `${base}/viewer/?room=${encodeURIComponent(config.demoRoomId)}`,
    sdkAppId: config.sdkAppId,
    adminIdentifier: config.adminIdentifier,
    secretKey: config.secretKey,
    pushKey: config.pushKey,
    demoRoomId: config.demoRoomId,
    demoPushUrl: ingest ? ingest.pushUrl(demoStream, Math.floor(Date.now() / 1000) + 86400) : null,
    callbacksUrl: callbacks?.url ?? null,
    callbacksAdminToken: callbacks?.adminToken ?? null,
    ...(portsMoved.length ? { portsMoved } : {}),
  };
  let closed = false;
  return {
    info,
    config,
    engine,
    app,
    realtime,
    ingest,
    ingestStatus: () => ingest?.status() ?? null,
    callbacks,
    onAir: () => [...live],
    async close() {
      if (closed) return;
      closed = true;
      await realtime.close();
      load.dispose();
      await app.close();
      await ingest?.stop();
      engine.dispose();
      await callbacks?.close();
    },
  };
}

/**
 * A small demo list so the studio filters out of the box (masking, not rejecting, so a rehearsal
 * shows the effect in the room). Only on first start: operators edit or delete it freely.
 */
export const DEFAULT_STUDIO_WORDS = ['scam', 'fake', 'idiot', '骗子', '傻逼', '詐欺', '사기'];
async function seedDefaultWordList(cb: CallbacksServer): Promise<void> {
  await cb.admin.importList('studio-default', 'mask', null, DEFAULT_STUDIO_WORDS.join('\n'));
}

/** The demo room exists from the first start on, with the default gift catalog. */
function ensureDemoRoom(engine: ImEngine, config: StudioConfig): void {
  const existing = engine.getGroupProfile(config.demoRoomId);
  if (existing.ok) return;
  const r = engine.createGroup({
    Type: 'AVChatRoom',
    GroupId: config.demoRoomId,
    Name: 'Stageside demo room',
    Owner_Account: config.adminIdentifier,
    AppDefinedData: initialRoomFields().map((f) => ({ Key: f.key, Value: f.value })),
  });
  if (!r.ok) throw new Error(`Could not create the demo room: ${r.code} ${r.message}`);
}

const VIEWER_MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

function serveViewer(dir: string, rel: string, reply: FastifyReply) {
  const file = path.resolve(dir, rel === '' ? 'index.html' : rel);
  if (!file.startsWith(path.resolve(dir) + path.sep)) return reply.code(403).send();
  const target = fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(dir, 'index.html');
  if (!fs.existsSync(target)) {
    return reply.code(404).type('text/plain').send('The viewer page is not built; run `npm run build`.');
  }
  reply.header('Referrer-Policy', 'no-referrer').header('X-Content-Type-Options', 'nosniff');
  return reply.type(VIEWER_MIME[path.extname(target)] ?? 'application/octet-stream').send(fs.createReadStream(target));
}
