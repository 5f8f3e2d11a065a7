// Promotions from a shell against an in-process studio (with its embedded callbacks service):
// `stageside room flash-sale|coupon|pin` write the fields and messages, the studio's shop decides
// buys and claims through them, a lucky bag draws from keyword comments, and
// `stageside verify-draw` recomputes its winners or refuses a wrong seed.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../node/infra/logger';
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import { CachedUserSig, ImRestClient } from '../../node/imRest/imRestClient';
import { CallbacksAdminClient } from '../../node/moderation/callbacksAdminClient';
import { RoomAdmin } from '../../node/room/roomAdmin';
import { runLuckyBag } from '../../node/room/luckyBagRun';
import { genUserSig } from '../../shared/domain/userSig';
import { decodePromotionFields, SHOP_PATHS } from '../../shared/domain/promotions';
import { startStudio, type Studio } from '../../studio/studio';
import { tempDir } from '../../../test/support/tempDir';
import { waitFor } from '../../../test/support/waitFor';
import type { CliIo } from '../io';
import { main } from '../main';

const GROUP = 'promo_1';

describe('promotions from the CLI and the studio shop', () => {
  let studio: Studio;
  let tmp: ReturnType<typeof tempDir>;
  let base: string[];
  let client: ImRestClient;

  beforeAll(async () => {
    tmp = tempDir();
    studio = await startStudio({ dataDir: tmp.dir, port: 0, log: silentLogger(), ingest: false });
    base = ['--im-base-url', studio.info.restBaseUrl, '--sdkappid', String(studio.info.sdkAppId)];
    const sig = new CachedUserSig(async () => ({
      userSig: genUserSig(nodeCrypto, { sdkAppId: studio.info.sdkAppId, secretKey: studio.info.secretKey, identifier: 'administrator', expireSeconds: 3600, nowSeconds: Math.floor(Date.now() / 1000) }),
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    }));
    client = new ImRestClient({ baseUrl: studio.info.restBaseUrl, sdkAppId: studio.info.sdkAppId, adminIdentifier: 'administrator', userSig: sig, log: silentLogger(), retries: 0 });
    expect((await run('room', 'create', '--group', GROUP, '--name', 'Promo')).code).toBe(0);
  });
  afterAll(async () => {
    await studio?.close();
    tmp?.cleanup();
  });

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), env: { STAGESIDE_IM_SECRET_KEY: studio.info.secretKey }, now: () => Date.now(), readStdin: async () => '' };
    const code = await main(argv[0] === 'room' ? [...argv, ...base] : argv, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }
  const userSig = (u: string) => genUserSig(nodeCrypto, { sdkAppId: studio.info.sdkAppId, secretKey: studio.info.secretKey, identifier: u, expireSeconds: 3600, nowSeconds: Math.floor(Date.now() / 1000) });
  const shop = async (p: string, body: Record<string, unknown>) => {
    const res = await fetch(`${studio.info.restBaseUrl}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ room: GROUP, userSig: userSig(String(body.userId)), ...body }) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const fields = async () => {
    const r = await client.call('group_open_http_svc/get_group_info', { GroupIdList: [GROUP] });
    return decodePromotionFields((r.GroupInfo?.[0]?.AppDefinedData ?? []).map((x) => ({ key: x.Key, value: x.Value })));
  };

  it('a flash sale is announced with its countdown; the shop refuses it until it opens', async () => {
    const r = await run('room', 'flash-sale', '--group', GROUP, '--id', 'A1', '--title', 'Dress', '--price', '9900', '--countdown', '10', '--duration', '1', '--quantity', '20', '--per-buyer', '2');
    expect(r.code).toBe(0);
    const sale = (await fields()).flashSale!;
    expect(sale).toMatchObject({ productId: 'A1', price: 9900, total: 20, perBuyer: 2 });
    expect(sale.startsAt - Date.now()).toBeGreaterThan(5_000);
    const early = await shop(SHOP_PATHS.buy, { userId: 'v1', productId: 'A1', promoId: sale.id });
    expect(early).toEqual({ status: 409, body: { ok: false, reason: 'notStarted', message: 'The flash sale has not started yet' } });
    expect((await run('room', 'flash-sale', '--group', GROUP, '--id', 'A1', '--title', 'Dress', '--price', '9900', '--countdown', '5', '--duration', '1', '--quantity', '20', '--per-buyer', '2')).code).toBe(2);
  });

  it('a coupon drop of 50 is claimed exactly 50 times by 60 viewers, once each', async () => {
    expect((await run('room', 'coupon', '--group', GROUP, '--amount-off', '500', '--threshold', '5000', '--quantity', '50', '--valid-minutes', '10')).code).toBe(0);
    const coupon = (await fields()).coupon!;
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => shop(SHOP_PATHS.claim, { userId: `v${i}`, couponId: coupon.id })));
    expect(answers.filter((a) => a.status !== 200 && a.status !== 409)).toEqual([]);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(50);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.reason)).toEqual(Array(10).fill('allClaimed'));
    expect((await shop(SHOP_PATHS.claim, { userId: 'v1', couponId: coupon.id })).body.reason).toBe('alreadyClaimed');
    await waitFor(async () => (await fields()).left?.cp?.claimed === 50);
    expect((await shop(SHOP_PATHS.claim, { userId: 'v1', couponId: coupon.id, userSig: 'forged' })).status).toBe(401);
  });

  it('stock: a product at zero is refused at launch and sold out at the shop until restocked', async () => {
    expect((await run('room', 'launch', '--group', GROUP, '--id', 'B2', '--title', 'Mug', '--price', '1500', '--stock', '2')).code).toBe(0);
    expect((await shop(SHOP_PATHS.buy, { userId: 'v1', productId: 'B2', quantity: 2 })).body).toMatchObject({ ok: true, stockLeft: 0 });
    expect((await shop(SHOP_PATHS.buy, { userId: 'v2', productId: 'B2' })).body).toMatchObject({ ok: false, reason: 'outOfStock' });
    await waitFor(async () => (await fields()).left?.p?.left === 0);
    const zero = await run('room', 'launch', '--group', GROUP, '--id', 'B2', '--title', 'Mug', '--price', '1500', '--stock', '0');
    expect(zero.code).toBe(1);
    expect(zero.err).toMatch(/sold out \(stock 0\): restock/);
    expect((await run('room', 'launch', '--group', GROUP, '--id', 'B2', '--title', 'Mug', '--price', '1500', '--stock', '5')).code).toBe(0);
    expect((await shop(SHOP_PATHS.buy, { userId: 'v2', productId: 'B2' })).body).toMatchObject({ ok: true, stockLeft: 4 });
  });

  it('pins and unpins a comment', async () => {
    expect((await run('room', 'pin', '--group', GROUP, '--user', 'v3', '--nick', 'Vee', '--text', 'Is it machine washable?')).code).toBe(0);
    expect((await fields()).pinned).toMatchObject({ userId: 'v3', nick: 'Vee', text: 'Is it machine washable?' });
    expect((await run('room', 'unpin-comment', '--group', GROUP)).code).toBe(0);
    expect((await fields()).pinned ?? null).toBeNull();
  });

  it('a lucky bag draws from keyword comments, and verify-draw recomputes its winners', async () => {
    let offset = 0;
    const clock = { now: () => Date.now() + offset };
    const admin = new RoomAdmin({ call: (c, b) => client.call(c, b), clock }, GROUP);
    const callbacks = new CallbacksAdminClient(studio.info.callbacksUrl!, studio.info.callbacksAdminToken!);
    const users = Array.from({ length: 12 }, (_, i) => `fan${i}`);
    const out = await runLuckyBag(
      {
        admin,
        callbacks,
        now: clock.now,
        // The countdown passes at once: comments are sent before it "ends".
        sleep: async (ms) => void (offset += ms),
        onStarted: () => undefined,
      },
      { prize: 'Mug', winners: 3, keyword: 'lucky', countdownSeconds: 10 },
    ).catch((e: unknown) => e);
    // Nobody had commented when the countdown passed: the draw had no entrants but still ran.
    expect(out).toMatchObject({ draw: { entrants: 0, winners: [] } });

    offset = 0;
    const run2 = runLuckyBag(
      {
        admin,
        callbacks,
        now: clock.now,
        sleep: async () => {
          await waitFor(async () => (await callbacks.entrants(GROUP, bagId!))?.entrants.length === 10);
          offset += 11_000;
        },
        onStarted: (bag) => void (bagId = bag.id),
      },
      { prize: 'Mug', winners: 3, keyword: 'lucky', countdownSeconds: 10 },
    );
    let bagId: string | undefined;
    await waitFor(() => bagId);
    await client.call('im_open_login_svc/multiaccount_import', { Accounts: users });
    for (const [i, u] of users.entries()) {
      await client.call('group_open_http_svc/send_group_msg', { GroupId: GROUP, From_Account: u, Random: i + 1, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: i < 10 ? 'Lucky me!' : 'hello' } }] });
    }
    const result = await run2;
    expect(result.draw.entrants).toBe(10);
    expect(result.draw.winners).toHaveLength(3);
    expect(nodeCrypto.sha256Hex(result.seed)).toBe(result.bag.commit);
    expect((await fields()).luckyBag ?? null).toBeNull();

    const file = path.join(tmp.dir, 'entrants.txt');
    fs.writeFileSync(file, [...result.entrants].reverse().join('\r\n') + '\n');
    const ok = await run('verify-draw', '--commit', result.bag.commit, '--seed', result.seed, '--entrants', file, '--winners', '3');
    expect(ok.code).toBe(0);
    expect(ok.out.split('\n')).toEqual(result.draw.winners);
    const bad = await run('verify-draw', '--commit', result.bag.commit, '--seed', `${result.seed}x`, '--entrants', file, '--winners', '3');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/the seed does not match the commitment/);
  });
});
