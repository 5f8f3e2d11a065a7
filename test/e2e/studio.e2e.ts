// Studio e2e: a real `stageside studio` process, ffmpeg pushing with the signed demo URL, the
// viewer page in Chromium (video plays, a like reaches another client, a product launched over
// REST appears as a card, status and announcement follow), and a wrong signature refused.
import { spawnSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, chromium, ffmpeg } from '../support/prereqs';
import { WebSocket } from 'ws';
import { createTimCompat, type TimMessage } from '../../src/tim/timCompat';
import { tempDir } from '../support/tempDir';
import { adminRest, pushTestPattern, startStudioProcess, type StudioProcess } from './support/studioProcess';
import { findChromium, launchChromium } from './support/webMode';
import { docShot } from './support/docShots';

const chromiumPath = findChromium();

describeWith([chromium(), ffmpeg()])('local studio with the viewer page', () => {
  let studio: StudioProcess;
  let browser: Browser;
  let page: Page;
  let pusher: ReturnType<typeof pushTestPattern>;
  let tmp: ReturnType<typeof tempDir>;
  const received: TimMessage[] = [];
  let bob: ReturnType<ReturnType<typeof createTimCompat>['create']>;

  beforeAll(async () => {
    tmp = tempDir('stageside-studio-e2e-');
    studio = await startStudioProcess(tmp.dir);
    pusher = pushTestPattern(studio.info.demoPushUrl!, 90);
    browser = await launchChromium(chromiumPath!);
    // A second audience member, on the TIM-compatible client from Node.
    const TIM = createTimCompat({ endpoint: studio.info.realtimeUrl, WebSocket: WebSocket as never });
    bob = TIM.create({ SDKAppID: studio.info.sdkAppId });
    bob.on(TIM.EVENT.MESSAGE_RECEIVED, (e: { data: TimMessage[] }) => received.push(...e.data));
    const sig = (await (await fetch(`${studio.info.restBaseUrl}/studio/usersig?user=bob`)).json()) as { userSig: string };
    await bob.login({ userID: 'bob', userSig: sig.userSig });
    await bob.joinGroup({ groupID: studio.info.demoRoomId, type: TIM.TYPES.GRP_AVCHATROOM });
  });

  afterAll(async () => {
    await bob?.destroy();
    await page?.close().catch(() => undefined);
    await browser?.close();
    await pusher?.stop();
    await studio?.stop();
    tmp?.cleanup();
  });


  it('accepts the signed push and reports the room on air', async () => {
    await expect
      .poll(async () => ((await (await fetch(`${studio.info.restBaseUrl}/healthz`)).json()) as { onAir: string[] }).onAir, { timeout: 15_000 })
      .toContain('demo');
  });

  it('plays the stream on the viewer page and shows the user joining to others', async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${studio.info.viewerUrl}&user=alice&nick=Alice&lang=en`);
    await page.waitForSelector('body[data-ready=true]', { timeout: 20_000 });
    await expect
      .poll(() => page.evaluate(() => { const v = document.querySelector('video')!; return v.currentTime > 0.5 && v.videoWidth === 640; }), { timeout: 20_000 })
      .toBe(true);
    await expect.poll(() => received.some((m) => m.type === 'TIMGroupTipElem' && m.from === 'alice')).toBe(true);
    const join = received.find((m) => m.type === 'TIMGroupTipElem' && m.from === 'alice')!;
    expect((join.payload as { operationType: number }).operationType).toBe(1);
    expect(join.nick).toBe('Alice');
  });

  it('sends a like from the page that reaches a second client', async () => {
    await page.getByRole('button', { name: /Like/ }).click();
    await page.getByRole('button', { name: /Like/ }).click();
    // Taps are merged into one LIKE per second; two taps may straddle a second boundary.
    const likes = () => received.filter((m) => m.type === 'TIMCustomElem' && (m.payload as { data: string }).data === 'LIKE');
    const total = () => likes().reduce((n, m) => n + (JSON.parse((m.payload as { extension: string }).extension) as { count: number }).count, 0);
    await expect.poll(total, { timeout: 5000 }).toBe(2);
    expect(likes().length).toBeLessThanOrEqual(2);
    const like = likes()[0]!;
    expect(like.from).toBe('alice');
    expect(like.time).toBeLessThan(1e11); // seconds, not milliseconds
  });

  it('shows a product launched over REST as a card, with status and announcement', async () => {
    const r = await adminRest(studio.info, 'group_open_http_svc/modify_group_base_info', {
      GroupId: studio.info.demoRoomId,
      Notification: 'Coupons drop at 20:00',
      AppDefinedData: [
        { Key: 'room_status', Value: 'live' },
        { Key: 'add_goods', Value: JSON.stringify({ id: 'A1', title: 'Spring dress', price: 19900 }) },
      ],
    });
    expect(r.ErrorCode).toBe(0);
    const card = page.getByRole('region', { name: 'Featured product' });
    await expect.poll(() => card.textContent(), { timeout: 5000 }).toContain('Spring dress');
    expect(await card.textContent()).toContain('199.00 CNY');
    // The first status is the room's badge (the playback-delay corner is an <output>, a status too).
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('LIVE');
    expect(await page.getByRole('region', { name: 'Announcement' }).textContent()).toContain('Coupons drop at 20:00');
    await page.screenshot({ path: docShot('studio-viewer-page') });
  });

  it('sends a purchase of the launched product that the other client can decode', async () => {
    await page.getByRole('button', { name: 'Buy now' }).click();
    await expect
      .poll(() => received.find((m) => (m.payload as { data?: string }).data === 'BUY_GOODS'), { timeout: 5000 })
      .toBeTruthy();
    const buy = received.find((m) => (m.payload as { data?: string }).data === 'BUY_GOODS')!;
    expect(JSON.parse((buy.payload as { extension: string }).extension)).toMatchObject({ id: 'A1', price: 19900 });
  });

  it('refuses a push with a wrong signature', () => {
    const bad = studio.info.demoPushUrl!.replace(/txSecret=[0-9a-f]+/, 'txSecret=00000000000000000000000000000000').replace('/demo?', '/other?');
    const r = spawnSync('/usr/bin/ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=15', '-t', '3', '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'flv', bad], {
      timeout: 15_000,
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
  });
});
