// Tencent's IM REST gateway in front of the engine (https://cloud.tencent.com/document/product/269/1519):
// POST /v4/<svc>/<cmd>, always HTTP 200 with the ActionStatus/ErrorCode/ErrorInfo envelope,
// whatever arrives.
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type Clock } from '../../shared/domain/cryptoPort';
import { errorInfo, IM_ERR, type ImErrorCode } from '../../shared/tencent/errorCodes';
import { SlidingWindowLimiter } from './apiRateLimit';
import { type ImEngine } from './engine';
import { isImService, REST_COMMANDS, SERVICE_CODES } from './restCommands';

/** Our own guard: Tencent documents no request cap; 1 MB is far above any command here. */
export const REST_BODY_LIMIT = 1024 * 1024;

export interface ImRestOptions {
  /** Clock of the 200/s-per-API window; the engine's by default. */
  clock?: Clock;
  bodyLimit?: number;
}

type Envelope = { ActionStatus: 'OK' | 'FAIL'; ErrorCode: number; ErrorInfo: string } & Record<string, unknown>;

function envelope(code: number, info: string, service?: string, extra: object = {}): Envelope {
  const base: Envelope = { ActionStatus: code === 0 ? 'OK' : 'FAIL', ErrorCode: code, ErrorInfo: info, ...extra };
  // Profile APIs add ErrorDisplay.
  return service === 'profile' ? { ...base, ErrorDisplay: '' } : base;
}

const failure = (code: ImErrorCode, detail?: string, service?: string) => envelope(code, errorInfo(code, detail), service);

/** The REST API's prefix: every answer under it is HTTP 200 with Tencent's envelope. */
export const REST_PREFIX = '/v4';
export const isRestPath = (url: string): boolean => url === REST_PREFIX || url.startsWith(`${REST_PREFIX}/`) || url.startsWith(`${REST_PREFIX}?`);
/** What the gateway answers for a request it could not even read (bad URL, over-long request line). */
export const unreadableRequest = (detail: string): Envelope => failure(IM_ERR.HTTP_PARSE, detail);
/** Longest `<service>/<command>` segment read as a name; longer ones are a bad resource, not a 414. */
export const MAX_REST_PARAM_CHARS = 16_384;

const firstString = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;

/**
 * Serves the IM REST API under `/v4` in its own encapsulated scope: the raw-body parser and
 * error handler registered here do not touch the app's other routes.
 */
export function registerImRest(app: FastifyInstance, engine: ImEngine, options: ImRestOptions = {}): void {
  const limiter = new SlidingWindowLimiter(options.clock ?? engine.clock);
  const bodyLimit = options.bodyLimit ?? REST_BODY_LIMIT;

  const handle = async (req: FastifyRequest, reply: FastifyReply, service: string, command: string) => {
    const q = (req.query ?? {}) as Record<string, unknown>;
    const sdkappid = firstString(q.sdkappid);
    if (!sdkappid) return reply.send(failure(IM_ERR.SDKAPPID_MISSING));
    if (!/^\d{1,10}$/.test(sdkappid) || Number(sdkappid) !== engine.sdkAppId) {
      return reply.send(failure(IM_ERR.SDKAPPID_INVALID, sdkappid.slice(0, 32)));
    }
    if (req.method !== 'POST') return reply.send(failure(IM_ERR.HTTP_PARSE, 'only POST is supported'));
    const spec = REST_COMMANDS.get(`${service}/${command}`);
    if (!spec || !isImService(service)) return reply.send(failure(IM_ERR.BAD_RESOURCE, `v4/${service}/${command}`.slice(0, 120)));
    if (!limiter.tryAcquire(spec.name, spec.ratePerSecond)) {
      return reply.send(failure(IM_ERR.API_RATE_LIMIT, `${spec.ratePerSecond} requests/s`, service));
    }
    const identifier = firstString(q.identifier);
    if (!identifier) return reply.send(failure(IM_ERR.IDENTIFIER_INVALID, 'identifier missing', service));
    const sig = engine.checkUserSig(identifier, firstString(q.usersig) ?? '');
    if (!sig.ok) return reply.send(envelope(sig.code, sig.message, service));
    if (identifier !== engine.adminIdentifier) {
      return reply.send(failure(SERVICE_CODES[service].needsAdmin, `${identifier} is not the App admin`, service));
    }
    const raw = typeof req.body === 'string' ? req.body : '';
    // Tencent: the body may not be empty (send `{}`).
    if (raw.trim() === '') return reply.send(failure(IM_ERR.JSON_PARSE, 'empty body', service));
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return reply.send(failure(IM_ERR.JSON_PARSE, undefined, service));
    }
    const result = await spec.execute(engine, body, { clientIp: req.ip });
    return reply.send(result.ok ? envelope(0, '', service, result.value) : envelope(result.code, result.message, service));
  };

  app.register(
    async (scope) => {
      // Tencent answers 60003 for bad JSON; fastify's JSON parser would answer 400 first.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit }, (_req, body, done) => done(null, body));

      scope.setErrorHandler((err: { code?: string; statusCode?: number; message?: string }, req, reply) => {
        const tooLarge = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
        const clientError = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500;
        if (!clientError) engine.log.error({ err: String(err.message), url: req.url }, 'studio im: REST handler failed');
        const code = tooLarge || clientError ? IM_ERR.HTTP_PARSE : IM_ERR.INTERNAL;
        const detail = tooLarge ? `request body larger than ${bodyLimit} bytes` : undefined;
        return reply.code(200).send(failure(code, detail));
      });

      scope.setNotFoundHandler((req, reply) =>
        reply.code(200).send(failure(IM_ERR.BAD_RESOURCE, req.url.split('?')[0]?.slice(0, 120))),
      );

      scope.route({
        method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'],
        url: '/:service/:command',
        handler: (req, reply) => {
          const { service, command } = req.params as { service: string; command: string };
          return handle(req, reply, service, command);
        },
      });
    },
    { prefix: '/v4' },
  );
}
