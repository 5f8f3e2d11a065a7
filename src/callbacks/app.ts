// The HTTP face of the callbacks service, built in a function so tests use inject(): Tencent's
// callback endpoint (always HTTP 200 + JSON, even for oversize or unreadable bodies), the admin
// API and /healthz.
import Fastify, { type FastifyInstance } from 'fastify';
import { clientErrorHandler, requestLinePath } from '../node/infra/envelopeErrors';
import { type Logger } from '../node/infra/logger';
import { registerAdminRoutes } from './adminRoutes';
import { type CallbacksService } from './callbacksService';
import { answerUnevaluated, type CallbackQuery, type FailMode } from './protocol';
import { type PortraitPublisher } from './portraitPublisher';
import { type PromotionDesk } from './promotions/promotionDesk';
import { registerMerchantRoutes } from './promotions/promotionRoutes';
import { nodeCrypto } from '../node/infra/nodeCrypto';

export interface CallbacksAppDeps {
  service: CallbacksService;
  publisher?: PortraitPublisher;
  /** Bearer token for /admin/*; the admin API is off without one. */
  adminToken?: string;
  failMode: FailMode;
  log: Logger;
  /** Promotions (needs IM REST): the merchant endpoint and the admin routes' entrants and ledger. */
  desk?: PromotionDesk;
  /** Secret of the merchant endpoint's signatures; without it the endpoint answers 404. */
  merchantSecret?: string;
  now?: () => number;
}

/** Paths Tencent may be configured to POST to. */
export const CALLBACK_PATHS = ['/', '/callback'] as const;
/** A 12 KB message (Tencent's body limit) with JSON escaping and envelope fits well inside this. */
export const CALLBACK_BODY_LIMIT = 256 * 1024;
const ADMIN_BODY_LIMIT = 8 * 1024 * 1024;

export function buildCallbacksApp(deps: CallbacksAppDeps): FastifyInstance {
  const isCallbackPath = (url: string) => (CALLBACK_PATHS as readonly string[]).includes(url.split('?')[0] ?? '');
  // Every answer on the callback paths is HTTP 200 with {ActionStatus, ErrorCode, ErrorInfo}, even
  // for a request fastify or Node cannot read (`%ff`, an over-long request line).
  const unreadable = (reason: string) => ({ ActionStatus: 'FAIL' as const, ErrorCode: 1, ErrorInfo: `request not evaluated: ${reason}` });
  const app = Fastify({
    logger: false,
    bodyLimit: ADMIN_BODY_LIMIT,
    return503OnClosing: false,
    frameworkErrors: (err, req, res) => {
      const reply = res as unknown as { code(n: number): { send(body: unknown): void } };
      if (isCallbackPath(req.url)) reply.code(200).send(unreadable(err.message));
      else reply.code(400).send({ error: err.message });
    },
    clientErrorHandler: clientErrorHandler((line) => (isCallbackPath(requestLinePath(line)) ? unreadable('request line unreadable or too long') : undefined)),
  });
  // Bodies arrive as text whatever the content type (Tencent's, curl's, a text/plain word list);
  // each route parses what it expects, so a bad body is an answer, not a parser error.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err: { statusCode?: number; message: string; code?: string }, req, reply) => {
    if (req.method === 'POST' && isCallbackPath(req.url)) {
      const q = (req.query ?? {}) as CallbackQuery;
      const reason = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'body too large' : err.message;
      deps.log.warn({ command: q.CallbackCommand, reason }, 'callbacks: request not evaluated');
      return reply.code(200).send(answerUnevaluated(q.CallbackCommand ?? '', deps.failMode, reason));
    }
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) deps.log.error({ err }, 'callbacks: request failed');
    return reply.code(status).send({ error: status >= 500 ? 'internal error' : err.message });
  });

  for (const path of CALLBACK_PATHS) {
    // Tencent POSTs callbacks; anything else on the path is answered in the same shape.
    app.route({
      method: ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
      url: path,
      handler: async (req, reply) => reply.code(200).send(unreadable(`${req.method} is not a callback: Tencent POSTs them`)),
    });
    app.post<{ Querystring: CallbackQuery; Body: string | undefined }>(path, { bodyLimit: CALLBACK_BODY_LIMIT }, async (req, reply) => {
      const answer = await deps.service.handle(req.query, typeof req.body === 'string' ? req.body : '');
      return reply.code(200).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(answer));
    });
  }

  app.get('/healthz', async () => ({
    ok: true,
    ...(deps.service.insecure
      ? { insecure: true, warning: 'No callback auth token: anyone who can reach this URL can forge callbacks (start with --token)' }
      : { insecure: false }),
    lists: deps.service.filters.snapshot.version,
    requests: deps.service.stats.requests,
    refused: { total: deps.service.stats.refusedRequests, byKind: deps.service.stats.refusedByKind, last: deps.service.stats.lastRefusal },
    verdicts: deps.service.stats.verdicts,
    levels: deps.service.levels.stats,
    portraits: deps.publisher?.getStats() ?? null,
  }));

  if (deps.desk) registerMerchantRoutes(app, { desk: deps.desk, secret: deps.merchantSecret, crypto: nodeCrypto, ...(deps.now ? { now: deps.now } : {}) });
  if (deps.adminToken) registerAdminRoutes(app, { service: deps.service, token: deps.adminToken, ...(deps.desk ? { desk: deps.desk } : {}) });
  return app;
}
