// The merchant endpoint (signed, replay-protected, idempotent by order id, clear errors) and the
// desk behind it, against a fake IM REST that keeps the room's fields and records what is sent.
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { tempDir } from '../../../test/support/tempDir';
import { silentLogger } from '../../node/infra/logger';
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import { couponFrom, encodeCouponField, encodeFlashSaleField, encodeLuckyBagField, flashSaleFrom, luckyBagFrom, MERCHANT_PATH, signMerchantRequest } from '../../shared/domain/promotions';
import { buildCallbacksApp } from '../app';
import { afterSendBody, callbackQuery, joinBody } from '../callbacks.testkit';
import { CallbacksService } from '../callbacksService';
import { SqliteLevelStore } from '../store/sqliteStore';
import type { RestEnvelope } from '../imRest';
import { PromotionDesk } from './promotionDesk';

const GROUP = 'live_20240501_001';
const SECRET = 'merchant-secret-0123456789';
const TOKEN = 'admin-token-0123456789abcdef';

async function kit() {
  let now = 1_800_000_000_000;
  const fields = new Map<string, string>();
  const sent: { data: string; ext: Record<string, unknown>; cloud: string }[] = [];
  const rest = async (p: string, body: unknown): Promise<RestEnvelope> => {
    const b = body as Record<string, unknown>;
    if (p.endsWith('get_group_info')) return { ActionStatus: 'OK', ErrorCode: 0, GroupInfo: [{ ErrorCode: 0, AppDefinedData: [...fields].map(([Key, Value]) => ({ Key, Value })) }] };
    if (p.endsWith('modify_group_base_info')) {
      for (const x of b.AppDefinedData as { Key: string; Value: string }[]) fields.set(x.Key, x.Value);
      return { ErrorCode: 0 };
    }
    const el = (b.MsgBody as { MsgContent: { Data: string; Ext: string } }[])[0]!;
    sent.push({ data: el.MsgContent.Data, ext: JSON.parse(el.MsgContent.Ext) as Record<string, unknown>, cloud: String(b.CloudCustomData ?? '') });
    return { ErrorCode: 0 };
  };
  const desk = new PromotionDesk({ rest, adminIdentifier: 'administrator', crypto: nodeCrypto, log: silentLogger(), now: () => now, leftEveryMs: 1 });
  const dir = tempDir('stageside-promo-');
  const store = new SqliteLevelStore(path.join(dir.dir, 'cb.sqlite'));
  const service = new CallbacksService({ store, sdkAppId: 1400000001, adminIdentifier: 'administrator', insecureNoToken: true, failMode: 'open', crypto: nodeCrypto, log: silentLogger(), publish: () => undefined, promotions: desk, now: () => now });
  await service.init();
  const app = buildCallbacksApp({ service, failMode: 'open', log: silentLogger(), adminToken: TOKEN, desk, merchantSecret: SECRET, now: () => now });
  let n = 0;
  const post = (body: string, o: { secret?: string; nonce?: string; ts?: number } = {}) => {
    const ts = String(Math.floor((o.ts ?? now) / 1000));
    const nonce = o.nonce ?? `nonce-${++n}-abcdef`;
    return app.inject({
      method: 'POST',
      url: MERCHANT_PATH,
      headers: { 'content-type': 'application/json', 'x-stageside-timestamp': ts, 'x-stageside-nonce': nonce, 'x-stageside-signature': signMerchantRequest(nodeCrypto, o.secret ?? SECRET, ts, nonce, body) },
      payload: body,
    });
  };
  return {
    app,
    desk,
    fields,
    sent,
    post,
    at: (t: number) => (now = t),
    get now() {
      return now;
    },
    async close() {
      await app.close();
      desk.dispose();
      await store.close();
      dir.cleanup();
    },
  };
}

const order = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type: 'order', orderId: 'ord-1', groupId: GROUP, userId: 'alice', nick: 'Alice', productId: 'A1', title: 'Dress', quantity: 2, unitPrice: 9900, ...extra });

let k: Awaited<ReturnType<typeof kit>>;
afterEach(async () => k?.close());

describe('merchant endpoint', () => {
  it('records a signed order once, announces it verified, and answers the same order sent twice as a duplicate', async () => {
    k = await kit();
    k.fields.set('add_goods', JSON.stringify({ id: 'A1', title: 'Dress', price: 19900, currency: 'CNY', stock: 5 }));
    const first = await k.post(order());
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ ok: true, orderId: 'ord-1', duplicate: false, stockLeft: 3 });
    const again = await k.post(order());
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ ok: true, duplicate: true, stockLeft: 3 });
    await k.desk.idle();
    expect(k.sent.filter((m) => m.data === 'BUY_GOODS')).toHaveLength(1);
    expect(k.sent[0]).toMatchObject({ ext: { id: 'A1', quantity: 2, price: 9900, orderId: 'ord-1', stockLeft: 3 }, cloud: JSON.stringify({ paidBy: { userId: 'alice', nick: 'Alice' } }) });
    expect(k.desk.ledger(GROUP).orders).toHaveLength(1);
    await expect.poll(() => k.fields.get('promo_left')).toBe(JSON.stringify({ p: { id: 'A1', left: 3 } }));
  });

  it('refuses a bad signature, a replayed request, a stale timestamp and a malformed body with clear errors', async () => {
    k = await kit();
    const bad = await k.post(order(), { secret: 'not-the-secret' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ error: 'bad_signature', message: expect.stringMatching(/does not match/) });
    const unsigned = await k.app.inject({ method: 'POST', url: MERCHANT_PATH, payload: order() });
    expect(unsigned.json()).toMatchObject({ error: 'missing_signature' });
    expect((await k.post(order({ orderId: 'ord-r' }), { nonce: 'same-nonce-1' })).statusCode).toBe(200);
    const replay = await k.post(order({ orderId: 'ord-r' }), { nonce: 'same-nonce-1' });
    expect(replay.statusCode).toBe(409);
    expect(replay.json()).toMatchObject({ error: 'replayed', message: expect.stringMatching(/already used/) });
    const stale = await k.post(order({ orderId: 'ord-s' }), { ts: k.now - 400_000 });
    expect(stale.statusCode).toBe(401);
    expect(stale.json()).toMatchObject({ error: 'stale_timestamp' });
    const notJson = await k.post('{"type":"order",');
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toEqual({ error: 'malformed_body', message: 'The body is not JSON' });
    const wrong = await k.post(order({ quantity: 0, orderId: undefined }));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toMatch(/orderId: .*; quantity: /);
    await k.desk.idle();
    expect(k.desk.ledger(GROUP).orders.map((o) => o.orderId)).toEqual(['ord-r']);
  });

  it("counts a flash sale's orders and says when the merchant sold its last unit", async () => {
    k = await kit();
    const sale = flashSaleFrom({ productId: 'A1', title: 'Dress', price: 9900, currency: 'CNY', countdownSeconds: 10, durationMinutes: 1, total: 3, perBuyer: 3 }, 'fs-abcd1234', k.now);
    const w = encodeFlashSaleField(sale);
    k.fields.set(w.key, w.value);
    expect((await k.post(order({ promoId: sale.id, quantity: 3 }))).json()).toMatchObject({ saleLeft: 0 });
    await k.desk.idle();
    expect(k.sent.map((m) => m.data)).toEqual(['BUY_GOODS', 'FLASH_SALE_END']);
    expect(k.sent[1]!.ext).toEqual({ id: sale.id, reason: 'soldOut', count: 3 });
  });

  it('records coupon claims once per viewer and claim id', async () => {
    k = await kit();
    const c = couponFrom({ amountOff: 500, threshold: 0, currency: 'CNY', total: 2, validMinutes: 5 }, 'cp-abcd1234', k.now);
    k.fields.set('coupon', encodeCouponField(c).value);
    const claim = (claimId: string, userId: string) => k.post(JSON.stringify({ type: 'couponClaim', claimId, groupId: GROUP, userId, couponId: c.id }));
    expect((await claim('c1', 'alice')).json()).toEqual({ ok: true, claimId: 'c1', duplicate: false, left: 1 });
    expect((await claim('c1', 'alice')).json()).toMatchObject({ ok: true, duplicate: true });
    expect((await claim('c2', 'alice')).json()).toMatchObject({ error: 'alreadyClaimed' });
    expect((await claim('c3', 'bob')).json()).toMatchObject({ left: 0 });
    await k.desk.idle();
    expect(k.sent.map((m) => m.data)).toEqual(['USE_COUPON', 'USE_COUPON', 'COUPON_END']);
  });
});

describe('lucky bag entrants from the room callbacks', () => {
  it('are the viewers who commented the keyword during the bag and meet every other condition', async () => {
    k = await kit();
    const bag = luckyBagFrom({ prize: 'Mug', winners: 2, keyword: 'Lucky', watchedMinutes: 1, countdownSeconds: 60 }, 'lb-abcd1234', 'f'.repeat(64), k.now);
    k.fields.set('lucky_bag', encodeLuckyBagField(bag).value);
    const cb = (command: string, body: unknown) => k.app.inject({ method: 'POST', url: `/callback?${callbackQuery(command)}`, payload: JSON.stringify(body) });
    for (const u of ['alice', 'bob', 'carol']) await cb('Group.CallbackAfterNewMemberJoin', { ...joinBody(u), GroupId: GROUP });
    const say = (u: string, text: string) => cb('Group.CallbackAfterSendMsg', afterSendBody({ GroupId: GROUP, From_Account: u, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }] }));
    await say('alice', 'I want the LUCKY bag');
    await say('bob', 'hello');
    await say('administrator', 'lucky');
    k.at(k.now + 30_000);
    await say('carol', 'lucky!');
    k.at(k.now + 50_000);
    const res = await k.app.inject({ method: 'GET', url: `/admin/promotions/${GROUP}/entrants?bag=${bag.id}`, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ entrants: ['alice', 'carol'], entrantsSha256: nodeCrypto.sha256Hex('alice\ncarol') });
    const none = await k.app.inject({ method: 'GET', url: `/admin/promotions/${GROUP}/entrants?bag=lb-zzzz9999`, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(none.statusCode).toBe(404);
  });
});
