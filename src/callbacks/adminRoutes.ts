// HTTP routes of the admin API (/admin/*), bearer-token protected, thin over CallbacksAdmin:
// lists as text/plain files (one word per line), JSON for the rest, clear 4xx errors.
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { nodeCrypto } from '../node/infra/nodeCrypto';
import { AdminInputError, CallbacksAdmin } from './admin';
import { type CallbacksService } from './callbacksService';
import { type PromotionDesk } from './promotions/promotionDesk';
import { registerPromotionAdminRoutes } from './promotions/promotionRoutes';

export function registerAdminRoutes(app: FastifyInstance, o: { service: CallbacksService; token: string; desk?: PromotionDesk }): void {
  const admin = new CallbacksAdmin(o.service);
  const expected = new TextEncoder().encode(`Bearer ${o.token}`);

  app.register(async (scope) => {
    scope.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      const got = new TextEncoder().encode(req.headers.authorization ?? '');
      if (!nodeCrypto.timingSafeEqual(got, expected)) return reply.code(401).send({ error: 'missing or wrong bearer token' });
    });
    scope.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply) => {
      if (err instanceof AdminInputError) return reply.code(400).send({ error: err.message });
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      return reply.code(status).send({ error: status === 500 ? 'internal error' : err.message });
    });

    scope.get('/admin/health', async () => admin.health());
    if (o.desk) registerPromotionAdminRoutes(scope, o.desk);
    scope.get('/admin/lists', async () => admin.lists());
    scope.get<{ Params: { id: string } }>('/admin/lists/:id', async (req, reply) => {
      const text = await admin.exportList(req.params.id.replace(/\.txt$/, ''));
      if (text === undefined) return reply.code(404).send({ error: 'no such list' });
      return reply.type('text/plain; charset=utf-8').header('content-disposition', `attachment; filename="${req.params.id.replace(/\.txt$/, '')}.txt"`).send(text);
    });
    scope.put<{ Params: { id: string }; Querystring: { action?: string; room?: string }; Body: string | undefined }>(
      '/admin/lists/:id',
      async (req) => admin.importList(req.params.id.replace(/\.txt$/, ''), req.query.action ?? 'reject', req.query.room ?? null, req.body ?? ''),
    );
    scope.delete<{ Params: { id: string } }>('/admin/lists/:id', async (req, reply) =>
      (await admin.deleteList(req.params.id)) ? { deleted: true } : reply.code(404).send({ error: 'no such list' }),
    );
    scope.post<{ Body: string | undefined }>('/admin/check', async (req) => {
      const input = parseJson(req.body) as { text?: unknown; body?: unknown; roomId?: unknown };
      if (input.text !== undefined && typeof input.text !== 'string') throw new AdminInputError('text must be a string');
      if (input.body !== undefined && !Array.isArray(input.body)) throw new AdminInputError('body must be a MsgBody array');
      return admin.check({
        ...(typeof input.text === 'string' ? { text: input.text } : {}),
        ...(Array.isArray(input.body) ? { body: input.body } : {}),
        ...(typeof input.roomId === 'string' ? { roomId: input.roomId } : {}),
      });
    });
    scope.get('/admin/rules', async () => admin.rules());
    scope.put<{ Body: string | undefined }>('/admin/rules', async (req) => admin.setRules(parseJson(req.body)));
    scope.get<{ Querystring: { limit?: string } }>('/admin/users', async (req) => admin.topUsers(Number(req.query.limit ?? 20) || 20));
    scope.get<{ Params: { account: string } }>('/admin/users/:account', async (req, reply) => {
      const u = await admin.user(req.params.account);
      return u ?? reply.code(404).send({ error: 'no points recorded for this account' });
    });
  });
}

function parseJson(text: string | undefined): unknown {
  try {
    const v: unknown = JSON.parse(text ?? '');
    if (typeof v !== 'object' || v === null) throw new Error('not an object');
    return v;
  } catch {
    throw new AdminInputError('body must be a JSON object');
  }
}
