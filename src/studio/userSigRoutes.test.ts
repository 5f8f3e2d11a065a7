// The studio's UserSig helpers through inject(): the batch endpoint signs many viewers in one call
// (each sig verifiable by the engine), refuses accounts with admin rights per user, checks its body,
// answers 503 + Retry-After while the studio is busy, and serves loopback only — like the GET.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir';
import { ADMIN, SDKAPPID, SECRET, startHarness, type Harness } from './im/harness.testkit';
import { fixedGauge } from './loadGauge';
import { registerUserSigRoutes, USERSIG_BATCH_MAX, type UserSigBatchAnswer } from './userSigRoutes';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ app: FastifyInstance; h: Harness; lag: { ms: number } }> {
  const tmp = tempDir();
  const h = await startHarness(tmp.dir);
  const lag = { ms: 0 };
  const app = Fastify();
  registerUserSigRoutes(app, {
    engine: h.engine,
    config: { sdkAppId: SDKAPPID, secretKey: SECRET, pushKey: 'p'.repeat(32), adminIdentifier: ADMIN, demoRoomId: 'demo' },
    load: fixedGauge(() => lag.ms, 300),
  });
  await app.ready();
  cleanups.push(tmp.cleanup, () => h.close(), () => app.close());
  return { app, h, lag };
}

const batch = (app: FastifyInstance, body: unknown, remoteAddress = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/studio/usersigs', payload: body as object, remoteAddress });

describe('POST /studio/usersigs', () => {
  it('signs every viewer of the batch, and each UserSig logs its own viewer in', async () => {
    const { app, h } = await setup();
    const users = Array.from({ length: 300 }, (_, i) => `sim_${i + 1}`);
    const res = await batch(app, { users: [...users, 'sim_1'] });
    expect(res.statusCode).toBe(200);
    const answer = res.json<UserSigBatchAnswer>();
    expect(Object.keys(answer.userSigs)).toEqual(users);
    expect(answer.refused).toEqual({});
    for (const u of ['sim_1', 'sim_300']) expect(h.engine.verifyLogin(u, answer.userSigs[u]!)).toMatchObject({ ok: true });
    expect(h.engine.verifyLogin('sim_2', answer.userSigs['sim_1']!)).toMatchObject({ ok: false, code: 70013 });
  });

  it('gives no UserSig to an account with admin rights (the App admin, a room owner), the rest of the batch still signed', async () => {
    const { app, h } = await setup();
    expect((await h.call('im_open_login_svc/account_import', { UserID: 'shop_owner' })).ErrorCode).toBe(0);
    expect((await h.call('group_open_http_svc/create_group', { Type: 'AVChatRoom', GroupId: 'owned', Name: 'Owned', Owner_Account: 'shop_owner' })).ErrorCode).toBe(0);
    const res = await batch(app, { users: ['viewer_a', ADMIN, 'shop_owner'] });
    const answer = res.json<UserSigBatchAnswer>();
    expect(Object.keys(answer.userSigs)).toEqual(['viewer_a']);
    expect(Object.keys(answer.refused)).toEqual([ADMIN, 'shop_owner']);
    expect(answer.refused[ADMIN]).toMatch(/admin rights/);
    // One UserSig-shaped string in the whole answer: viewer_a's.
    expect(res.body.match(/eJ[\w*-]{40,}/g)).toEqual([answer.userSigs['viewer_a']]);
  });

  it.each([
    ['no users', { users: [] }],
    ['too many', { users: Array.from({ length: USERSIG_BATCH_MAX + 1 }, (_, i) => `u${i}`) }],
    ['a bad id', { users: ['ok', 'no spaces!'] }],
    ['an unknown field', { users: ['ok'], expire: 1 }],
    ['not an object', ['ok']],
  ])('refuses a body with %s (400)', async (_label, body) => {
    const { app } = await setup();
    const res = await batch(app, body);
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/userSigs/);
  });

  it('answers 503 with Retry-After while the studio is busy, and signs again once it is not', async () => {
    const { app, lag } = await setup();
    lag.ms = 1200;
    const busy = await batch(app, { users: ['sim_1'] });
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('3');
    expect(busy.json()).toMatchObject({ retryAfterMs: 2400 });
    lag.ms = 0;
    expect((await batch(app, { users: ['sim_1'] })).statusCode).toBe(200);
  });

  it('serves loopback callers only, like GET /studio/usersig', async () => {
    const { app } = await setup();
    expect((await batch(app, { users: ['sim_1'] }, '10.0.0.7')).statusCode).toBe(403);
    expect((await app.inject({ url: '/studio/usersig?user=sim_1', remoteAddress: '10.0.0.7' })).statusCode).toBe(403);
    expect((await app.inject({ url: '/studio/usersig?user=sim_1' })).json()).toMatchObject({ userID: 'sim_1' });
    expect((await app.inject({ url: `/studio/usersig?user=${ADMIN}` })).statusCode).toBe(403);
  });
});
