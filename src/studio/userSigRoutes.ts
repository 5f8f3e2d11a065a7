// The studio's UserSig helpers for rehearsals, loopback only: GET /studio/usersig?user=ID for the
// viewer page, POST /studio/usersigs {users: [...]} for the audience simulator (up to 1,000 per
// call instead of one request per viewer). A real deployment issues UserSigs from the merchant's
// own server. Never for an account with admin rights (the App admin, a room's owner): its messages
// would count as verified revenue. While the studio is busy the batch endpoint answers 503 with
// Retry-After (and retryAfterMs), so a simulator waits instead of timing out.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { nodeCrypto } from '../node/infra/nodeCrypto';
import { genUserSig } from '../shared/domain/userSig';
import type { ImEngine } from './im/engine';
import type { LoadGauge } from './loadGauge';
import type { StudioConfig } from './studioConfig';

export const USERSIG_BATCH_MAX = 1000;
const SIG_SECONDS = 86_400;
const USER_ID = /^[A-Za-z0-9_-]{1,32}$/;

const batchRequest = z.strictObject({ users: z.array(z.string().regex(USER_ID)).min(1).max(USERSIG_BATCH_MAX) });

export interface UserSigBatchAnswer {
  userSigs: Record<string, string>;
  /** Users given no UserSig, with the reason (admin rights). */
  refused: Record<string, string>;
}

const isLoopback = (ip: string): boolean => ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';

export function registerUserSigRoutes(app: FastifyInstance, d: { engine: ImEngine; config: StudioConfig; load: LoadGauge }): void {
  const adminRefusal = (user: string) => `${user} has admin rights in this studio; its UserSig is issued by the console, not here`;
  const sign = (user: string, nowSeconds: number) =>
    genUserSig(nodeCrypto, { sdkAppId: d.config.sdkAppId, secretKey: d.config.secretKey, identifier: user, expireSeconds: SIG_SECONDS, nowSeconds });

  app.get<{ Querystring: { user?: string } }>('/studio/usersig', async (req, reply) => {
    if (!isLoopback(req.ip)) return reply.code(403).send({ error: 'loopback only' });
    const user = String(req.query.user ?? '');
    if (!USER_ID.test(user)) return reply.code(400).send({ error: 'user must be 1-32 of [A-Za-z0-9_-]' });
    if (d.engine.hasAdminRights(user)) return reply.code(403).send({ error: adminRefusal(user) });
    return { userID: user, userSig: sign(user, Math.floor(Date.now() / 1000)) };
  });

  app.post('/studio/usersigs', async (req, reply) => {
    if (!isLoopback(req.ip)) return reply.code(403).send({ error: 'loopback only' });
    if (d.load.busy()) {
      const retryAfterMs = d.load.retryAfterMs();
      return reply
        .code(503)
        .header('Retry-After', String(Math.ceil(retryAfterMs / 1000)))
        .send({ error: 'studio busy; retry later', retryAfterMs });
    }
    const parsed = batchRequest.safeParse(req.body);
    if (!parsed.success) {
      return reply.code(400).send({ error: `body must be {"users": [1-${USERSIG_BATCH_MAX} ids of 1-32 [A-Za-z0-9_-]]}` });
    }
    const now = Math.floor(Date.now() / 1000);
    const answer: UserSigBatchAnswer = { userSigs: {}, refused: {} };
    for (const user of new Set(parsed.data.users)) {
      if (d.engine.hasAdminRights(user)) answer.refused[user] = adminRefusal(user);
      else answer.userSigs[user] = sign(user, now);
    }
    return answer;
  });
}
