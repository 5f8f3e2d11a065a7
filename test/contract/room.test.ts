// Room commands end to end over the contract: node services run the real studio as a child
// process (as the app does), the renderer-side TIM client joins with the session main issued,
// and every admin action reaches it through the IM REST client.
import type { NodeServices } from '../../src/node/services';
import { servicesWithStudio, type ServicesWithStudio } from '../support/servicesWithStudio';
import { patiently } from '../support/waitFor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createTimCompat, type TimMessage } from '../../src/tim/timCompat';
import { decodeTimMessage } from '../../src/shared/domain/room';


describe('room commands against the embedded studio', () => {
  let services: NodeServices;
  let ctx: ServicesWithStudio;
  const got: TimMessage[] = [];
  let tim: ReturnType<ReturnType<typeof createTimCompat>['create']>;
  let TIM: ReturnType<typeof createTimCompat>;

  const call: ServicesWithStudio['call'] = (name, arg) => ctx.call(name, arg);

  beforeAll(async () => {
    ctx = await servicesWithStudio({ ingest: false });
    services = ctx.services;
  }, 40_000);

  afterAll(async () => {
    await tim?.destroy();
    await ctx?.close();
  });

  it('issues a session whose UserSig logs the host into the room', async () => {
    const r = await call('room:getSession', { role: 'host' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ mode: 'studio', groupId: 'demo', userId: 'host', adminIdentifier: 'administrator' });
    expect(JSON.stringify(r.value)).not.toContain(services.studio!.credentials()!.secretKey);
    TIM = createTimCompat({ endpoint: r.value.realtimeUrl!, WebSocket: WebSocket as never });
    tim = TIM.create({ SDKAppID: r.value.sdkAppId });
    tim.on(TIM.EVENT.MESSAGE_RECEIVED, (e: { data: TimMessage[] }) => got.push(...e.data));
    await tim.login({ userID: r.value.userId, userSig: r.value.userSig });
    await tim.joinGroup({ groupID: r.value.groupId, type: TIM.TYPES.GRP_AVCHATROOM });
    const assistant = await call('room:getSession', { role: 'assistant' });
    expect(assistant.ok && assistant.value.userId).toBe('host_assistant');
  });

  const tips = () => got.filter((m) => m.type === 'TIMGroupTipElem').map((m) => (m.payload as { newGroupProfile?: unknown }).newGroupProfile);

  it('launches a product, sets the status, announces and launches gifts, each acknowledged', async () => {
    const launch = await call('room:launchProduct', { product: { id: 'A1', title: 'Spring dress', price: 19900 } });
    expect(launch.ok && launch.value).toMatchObject({ action: 'launchProduct', groupId: 'demo' });
    expect(launch.ok && Math.abs(launch.value.at - Date.now())).toBeLessThan(5000);
    await call('room:setStatus', { status: 'live' });
    await call('room:announce', { text: 'Coupons at 8pm' });
    await call('room:launchGifts', { gifts: [{ id: 'star', name: 'Star', value: 10, icon: '⭐' }] });
    await expect.poll(() => tips().length, patiently).toBe(4);
    expect(tips()).toEqual([
      { groupCustomField: [{ key: 'add_goods', value: JSON.stringify({ id: 'A1', title: 'Spring dress', price: 19900, currency: 'CNY' }) }] },
      { groupCustomField: [{ key: 'room_status', value: 'live' }] },
      { notification: 'Coupons at 8pm' },
      { groupCustomField: [{ key: 'gift_catalog', value: JSON.stringify([{ id: 'star', name: 'Star', value: 10, icon: '⭐' }]) }] },
    ]);
    const unpin = await call('room:unpinProduct', {});
    expect(unpin.ok).toBe(true);
    await expect.poll(() => tips().length, patiently).toBe(5);
    expect(tips()[4]).toEqual({ groupCustomField: [{ key: 'add_goods', value: '' }] });
  });

  it('refuses an oversize product and an oversize announcement with a clear error', async () => {
    // Too big even without image and link (main leaves those out first, below).
    const big = await call('room:launchProduct', { product: { id: '裙'.repeat(64), title: '裙'.repeat(120), price: 1, image: `https://cdn.example.com/${'x'.repeat(250)}` } });
    expect(!big.ok && big.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/at most 512/), details: { bytes: expect.any(Number) } });
    const note = await call('room:announce', { text: '公告'.repeat(60) });
    expect(!note.ok && note.error.code).toBe('BAD_REQUEST');
  });

  it('fits a product that is too big with its image by leaving the image out, and says so', async () => {
    const r = await call('room:launchProduct', { product: { id: 'A2', title: '裙'.repeat(120), price: 1, image: `https://cdn.example.com/${'x'.repeat(250)}` } });
    expect(r.ok && r.value.dropped).toEqual(['image']);
  });

  it('announces verified revenue from the admin account at High priority', async () => {
    const r = await call('room:announceVerified', { kind: 'gift', userId: 'viewer_1', nick: 'Ann', itemId: 'rose', name: 'Rose', value: 100, count: 3 });
    expect(r.ok).toBe(true);
    await expect.poll(() => got.find((m) => (m.payload as { data?: string }).data === 'SEND_GIFT'), patiently).toBeTruthy();
    const gift = got.find((m) => (m.payload as { data?: string }).data === 'SEND_GIFT')!;
    expect(gift.from).toBe('administrator');
    expect(gift.priority).toBe('High');
    expect(JSON.parse((gift.payload as { extension: string }).extension)).toEqual({ giftId: 'rose', name: 'Rose', value: 100, count: 3 });
    // The console's decoder counts it as verified revenue credited to the paying viewer.
    const decoded = decodeTimMessage(gift, { adminIds: new Set(['administrator']) });
    expect(decoded).toMatchObject({ kind: 'gift', verified: true });
    expect(JSON.stringify(decoded)).toContain('viewer_1');
  });

  it('mutes a user, whose next message is refused with 10017', async () => {
    const sessionSig = await services.dispatcher('room:getSession', { role: 'assistant' }, { transport: 'web' });
    if (!sessionSig.ok) throw new Error('no session');
    const s = sessionSig.value as { userId: string; userSig: string; realtimeUrl: string; sdkAppId: number; groupId: string };
    const T2 = createTimCompat({ endpoint: s.realtimeUrl, WebSocket: WebSocket as never });
    const other = T2.create({ SDKAppID: s.sdkAppId });
    await other.login({ userID: s.userId, userSig: s.userSig });
    await other.joinGroup({ groupID: s.groupId, type: T2.TYPES.GRP_AVCHATROOM });
    const muted = await call('room:mute', { userId: s.userId, minutes: 5 });
    expect(muted.ok).toBe(true);
    const err = await other.sendMessage(other.createTextMessage({ to: s.groupId, conversationType: 'GROUP', payload: { text: 'hi' } })).catch((e: { code: number }) => e);
    expect((err as { code: number }).code).toBe(10017);
    await other.destroy();
  });

  it('counts who is online and keeps room state across calls', async () => {
    const n = await call('room:onlineCount', {});
    expect(n.ok && n.value.count).toBeGreaterThanOrEqual(1);
    expect((await call('room:loadState', { groupId: 'demo' })).ok).toBe(true);
    await call('room:saveState', { groupId: 'demo', state: { likes: 37, feed: ['a'] } });
    const back = await call('room:loadState', { groupId: 'demo' });
    expect(back.ok && back.value.state).toEqual({ likes: 37, feed: ['a'] });
  });

  it('manages the word lists of the embedded callbacks service and pre-flights operator texts', async () => {
    const lists = await call('moderation:lists', {});
    expect(lists.ok && lists.value.map((l) => l.id)).toContain('studio-default');
    const imported = await call('moderation:importList', { id: 'brand', action: 'reject', text: '# competitor names\nAcmeShop\nBadBrand\n' });
    expect(imported.ok && imported.value).toMatchObject({ id: 'brand', action: 'reject', count: 2 });
    const exported = await call('moderation:exportList', { id: 'brand' });
    expect(exported.ok && exported.value.text).toBe('AcmeShop\nBadBrand\n');
    const check = await call('moderation:check', { text: 'cheaper than ＡｃｍｅＳｈｏｐ' });
    expect(check.ok && check.value.verdict).toBe('reject');
    const blocked = await call('room:announce', { text: 'Better than AcmeShop!' });
    expect(!blocked.ok && blocked.error).toMatchObject({ code: 'BLOCKED_BY_FILTER', message: expect.stringContaining('AcmeShop') });
    const product = await call('room:launchProduct', { product: { id: 'B1', title: 'Not a scam bag', price: 100 } });
    expect(!product.ok && product.error.code).toBe('BLOCKED_BY_FILTER');
    expect((await call('moderation:deleteList', { id: 'brand' })).ok).toBe(true);
    expect((await call('room:announce', { text: 'Better than AcmeShop!' })).ok).toBe(true);
  });

  it('reads level rules and standings as viewers chat', async () => {
    const rules = await call('levels:getRules', {});
    expect(rules.ok && rules.value.version).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 3; i++) {
      await tim.sendMessage(tim.createTextMessage({ to: 'demo', conversationType: 'GROUP', payload: { text: `hello ${i}` } }));
    }
    await expect.poll(async () => {
      const r = await call('levels:user', { userId: 'host' });
      return r.ok ? r.value?.messages : undefined;
    }, patiently).toBeGreaterThanOrEqual(1);
    const levels = await call('levels:of', { userIds: ['host', 'nobody_here'] });
    expect(levels.ok && levels.value).toMatchObject({ nobody_here: 1 });
    expect(levels.ok && levels.value.host).toBeGreaterThanOrEqual(1);
  });

  it('says the room is not ready while the studio is down', async () => {
    await services.studio!.stop();
    const r = await call('room:setStatus', { status: 'paused' });
    expect(!r.ok && r.error.code).toBe('ROOM_NOT_READY');
  });
});
