// Promotions end to end (#17): `stageside web` runs the console and its local studio; the
// promotions are started through the console's own contract (the web-mode socket, the same
// commands its panels send); 200 simulated viewers rush the shop; a viewer page in Chromium shows
// what the audience sees. A flash sale of 20 units sells exactly 20 within the per-buyer limit and
// shows sold out; a coupon drop of 50 is claimed exactly 50 times; a lucky bag draws its announced
// number of winners and `stageside verify-draw` recomputes them from the revealed seed; the
// product's stock reaches sold out.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { describeWith, chromium } from '../support/prereqs';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { WsClient, type WebSocketCtor } from '../../src/shared/transport/wsClient';
import type { CommandName, CommandRequest, CommandResult } from '../../src/shared/contract';
import { runAudience, type AudienceSummary } from '../../src/studio/simulator';
import { createTimCompat, type TimMessage } from '../../src/tim/timCompat';
import { decodePromotionEvent, type LuckyBagDraw } from '../../src/shared/domain/promotions';
import { studioOf } from './support/console';
import { waitFor } from '../support/waitFor';
import { ARTIFACTS, findChromium, openConsole, type OpenConsole } from './support/webMode';

const chromiumPath = findChromium();

describeWith([chromium()])('promotions (web mode + studio + viewer page + simulator)', () => {
  let ctx: OpenConsole;
  let viewer: Page;
  let rpc: WsClient;
  let studio: { restBaseUrl: string; viewerUrl: string };
  let audience: Promise<AudienceSummary>;
  let online = 0;
  const received: TimMessage[] = [];
  let listener: ReturnType<ReturnType<typeof createTimCompat>['create']>;
  const log: string[] = [];

  async function call<K extends CommandName>(name: K, arg: CommandRequest<K>): Promise<CommandResult<K>> {
    const r = await rpc.call(name, arg);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value;
  }

  beforeAll(async () => {
    ctx = await openConsole(chromiumPath!, 'stageside-promo-e2e-');
    studio = await studioOf(ctx.page);
    const u = new URL(ctx.web.url);
    rpc = new WsClient({ url: `ws://${u.host}/ws?token=${encodeURIComponent(u.searchParams.get('token') ?? new URLSearchParams(u.hash.slice(1)).get('token') ?? '')}`, WebSocket: WebSocket as unknown as WebSocketCtor });
    const info = (await (await fetch(`${studio.restBaseUrl}/studio/info`)).json()) as { sdkAppId: number; realtimeUrl: string; room: string };
    // A listener in the room (what a merchant's app would receive).
    const TIM = createTimCompat({ endpoint: info.realtimeUrl, WebSocket: WebSocket as never });
    listener = TIM.create({ SDKAppID: info.sdkAppId });
    listener.on(TIM.EVENT.MESSAGE_RECEIVED, (e: { data: TimMessage[] }) => received.push(...e.data));
    const sig = (await (await fetch(`${studio.restBaseUrl}/studio/usersig?user=listener`)).json()) as { userSig: string };
    await listener.login({ userID: 'listener', userSig: sig.userSig });
    await listener.joinGroup({ groupID: info.room, type: TIM.TYPES.GRP_AVCHATROOM });

    await call('room:launchProduct', { product: { id: 'A1', title: 'Dress', price: 19900, currency: 'CNY', stock: 20 }, force: true });
    viewer = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await viewer.goto(`${studio.viewerUrl}&user=alice&nick=Alice&lang=en`);
    await viewer.waitForSelector('body[data-ready=true]', { timeout: 20_000 });

    audience = runAudience({
      studioUrl: studio.restBaseUrl,
      WebSocket: WebSocket as never,
      viewers: 200,
      chatRate: 1,
      likeRate: 1,
      giftRate: 0,
      buyRate: 0,
      durationSec: 75,
      seed: 17,
      earlyLeaveFraction: 0,
      lateJoinFraction: 0,
      promotions: { buy: 1, again: 0.3, claim: 1, enter: 0.7 },
      onProgress: (p) => (online = p.online),
      progressEveryMs: 250,
      log: (line) => log.push(line),
    });
    await waitFor(() => online === 200, { timeoutMs: 60_000, intervalMs: 100, message: `200 simulated viewers online (${online})` });
  }, 120_000);

  afterAll(async () => {
    await viewer?.screenshot({ path: path.join(ARTIFACTS, 'promotions-viewer.png') }).catch(() => undefined);
    await listener?.destroy().catch(() => undefined);
    rpc?.close();
    await ctx?.close();
  });

  const saleCard = () => viewer.getByRole('region', { name: 'Flash sale' });

  it('a flash sale of 20 units to 200 buyers sells exactly 20 within the per-buyer limit and shows sold out', async () => {
    const { sale } = await call('promo:startFlashSale', { sale: { productId: 'A1', title: 'Dress', price: 9900, listPrice: 19900, currency: 'CNY', countdownSeconds: 10, durationMinutes: 1, total: 20, perBuyer: 2 } });
    await expect.poll(() => saleCard().textContent(), { timeout: 10_000 }).toMatch(/Starts in 0:\d\d/);
    await expect.poll(() => saleCard().textContent(), { timeout: 40_000 }).toMatch(/Sold out/);
    expect(await saleCard().getByRole('button').isDisabled()).toBe(true);
    const { orders } = await call('promo:ledger', {});
    const inSale = orders.filter((o) => o.promoId === sale.id);
    expect(inSale.reduce((n, o) => n + o.quantity, 0)).toBe(20);
    const perBuyer = new Map<string, number>();
    for (const o of inSale) perBuyer.set(o.userId, (perBuyer.get(o.userId) ?? 0) + o.quantity);
    expect(Math.max(...perBuyer.values())).toBeLessThanOrEqual(2);
    // Every accepted order was announced verified (from the admin, High priority) and counted down.
    const verifiedBuys = () =>
      received.filter((m) => m.type === 'TIMCustomElem' && (m.payload as { data: string }).data === 'BUY_GOODS' && m.from === 'administrator' && m.priority === 'High').length;
    await expect.poll(verifiedBuys, { timeout: 10_000 }).toBe(inSale.length);
    // The console's orders feed: the product's row counts the 20 units (verified orders only).
    const row = ctx.page.getByRole('table', { name: 'Orders per product' }).getByRole('row', { name: /Dress/ });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/Dress.*20$/);
    expect(ctx.errors).toEqual([]);
  }, 90_000);

  it("the product's stock reached sold out for viewers", async () => {
    const card = viewer.getByRole('region', { name: 'Featured product' });
    await expect.poll(() => card.getAttribute('data-sold-out'), { timeout: 10_000 }).toBe('true');
    expect(await card.textContent()).toMatch(/Sold out/);
    expect(await card.getByRole('button', { name: 'Buy now' }).isDisabled()).toBe(true);
    const relaunch = await rpc.call('room:launchProduct', { product: { id: 'A1', title: 'Dress', price: 19900, currency: 'CNY', stock: 0 }, force: true });
    expect(relaunch).toMatchObject({ ok: false, error: { message: expect.stringMatching(/sold out \(stock 0\): restock/) } });
  });

  it('a coupon drop of 50 is claimed exactly 50 times', async () => {
    const { coupon } = await call('promo:dropCoupon', { coupon: { amountOff: 500, threshold: 5000, currency: 'CNY', total: 50, validMinutes: 5 } });
    const card = viewer.getByRole('region', { name: 'Coupon' });
    await expect.poll(() => card.textContent(), { timeout: 40_000 }).toMatch(/All claimed/);
    const { claims } = await call('promo:ledger', {});
    const mine = claims.filter((c) => c.couponId === coupon.id);
    expect(mine).toHaveLength(50);
    expect(new Set(mine.map((c) => c.userId)).size).toBe(50);
  }, 60_000);

  it('a lucky bag draws its number of winners and verify-draw recomputes them from the revealed seed', async () => {
    const { bag } = await call('promo:startLuckyBag', { bag: { prize: 'Mug', winners: 3, keyword: 'lucky', countdownSeconds: 15 } });
    const card = viewer.getByRole('region', { name: 'Lucky bag' });
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain(bag.commit);
    const drawOf = () =>
      received
        .map((m) => (m.type === 'TIMCustomElem' ? decodePromotionEvent((m.payload as { data: string }).data, (m.payload as { extension: string }).extension) : undefined))
        .find((e): e is { type: 'LUCKY_BAG_DRAW'; draw: LuckyBagDraw } => e?.type === 'LUCKY_BAG_DRAW' && e.draw.id === bag.id)?.draw;
    const draw = await expect.poll(drawOf, { timeout: 40_000 }).toBeTruthy().then(() => drawOf()!);
    expect(draw.winners).toHaveLength(3);
    expect(draw.entrants).toBeGreaterThan(3);
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain(`winners ${draw.winners.join(', ')}`);
    const { entrants, entrantsSha256 } = await call('promo:entrants', { bagId: bag.id });
    expect(entrants).toHaveLength(draw.entrants);
    expect(entrantsSha256).toBe(draw.entrantsSha256);
    const file = path.join(ctx.dataDir, 'entrants.txt');
    fs.writeFileSync(file, [...entrants].reverse().join('\n') + '\n');
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), env: {}, now: () => Date.now(), readStdin: async () => '' };
    expect(await main(['verify-draw', '--commit', draw.commit, '--seed', draw.seed, '--entrants', file, '--winners', '3'], io)).toBe(0);
    expect(out).toEqual(draw.winners);
    expect(await main(['verify-draw', '--commit', draw.commit, '--seed', 'not-the-seed', '--entrants', file, '--winners', '3'], io)).toBe(1);
    expect(err.join('\n')).toMatch(/the seed does not match the commitment/);
    // The team's journal names the winners and the seed of the draw.
    const journal = await call('team:journal', { kind: 'promotion', limit: 50 });
    const entry = journal.find((e) => (e.request as { drawLuckyBag?: string }).drawLuckyBag === bag.id);
    expect(entry?.request).toMatchObject({ seed: draw.seed, winners: draw.winners, entrants: draw.entrants });
  }, 90_000);

  it("an operator pins a viewer's comment from its chat line; viewers see it above the chat", async () => {
    const say = viewer.getByRole('textbox', { name: 'Say something' });
    await say.fill('Is it machine washable?');
    await say.press('Enter');
    const feed = ctx.page.getByRole('region', { name: 'Chat messages' });
    await expect.poll(() => feed.textContent(), { timeout: 15_000 }).toContain('Is it machine washable?');
    await feed.getByRole('button', { name: 'Actions for Alice' }).last().click();
    await ctx.page.getByRole('group', { name: 'Actions for Alice' }).getByRole('button', { name: 'Pin this comment' }).click();
    const pinned = viewer.getByRole('region', { name: 'Pinned comment' });
    await expect.poll(() => pinned.textContent(), { timeout: 10_000 }).toBe('📌 Alice: Is it machine washable?');
    await ctx.page.getByRole('group', { name: 'Actions for Alice' }).getByRole('button', { name: 'Unpin the pinned comment' }).click();
    await expect.poll(() => pinned.isHidden(), { timeout: 10_000 }).toBe(true);
  }, 60_000);

  it('the simulated audience tallied the same outcome', async () => {
    const s = await audience;
    expect(s.promotions.buys.units).toBe(20);
    expect(s.promotions.buys.refused.soldOut ?? 0).toBeGreaterThan(0);
    expect(s.promotions.claims.claimed).toBe(50);
    expect(s.promotions.entries).toBeGreaterThan(3);
    console.log(`promotions e2e: ${JSON.stringify(s.promotions)}; failures ${JSON.stringify(s.failures)}`);
  }, 120_000);
});
