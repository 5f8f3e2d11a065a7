// Viewers recover by themselves (#14 item 4), and see "Be right back" while the room is paused
// (item 5): a real studio, ffmpeg pushing the test pattern, the viewer page in Chromium. ffmpeg is
// SIGKILLed and started again; the page says "Reconnecting…" and then plays again — its own
// video's currentTime advancing — without a reload, at the live edge.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, chromium, ffmpeg } from '../support/prereqs';
import { tempDir } from '../support/tempDir';
import { adminRest, pushTestPattern, startStudioProcess, type StudioProcess } from './support/studioProcess';
import { ARTIFACTS, findChromium, launchChromium } from './support/webMode';
import { docShot } from './support/docShots';

const chromiumPath = findChromium();

describeWith([chromium(), ffmpeg()])('the viewer page recovers by itself', () => {
  let studio: StudioProcess;
  let browser: Browser;
  let page: Page;
  let pusher: ReturnType<typeof pushTestPattern> | undefined;
  let tmp: ReturnType<typeof tempDir>;

  /** The page's own video element: where playback is, and how far the buffer reaches. */
  const video = () =>
    page.evaluate(() => {
      const v = document.querySelector('video')!;
      return { t: v.currentTime, end: v.buffered.length ? v.buffered.end(v.buffered.length - 1) : 0, width: v.videoWidth };
    });
  /** Resolves once currentTime has moved on by `seconds` from where it is now. */
  const advancing = async (seconds: number) => {
    const from = (await video()).t;
    await expect.poll(async () => (await video()).t - from, { timeout: 30_000 }).toBeGreaterThan(seconds);
  };
  const playback = () => page.locator('.stage').getAttribute('data-playback');
  const setStatus = async (status: string) => {
    const r = await adminRest(studio.info, 'group_open_http_svc/modify_group_base_info', { GroupId: studio.info.demoRoomId, AppDefinedData: [{ Key: 'room_status', Value: status }] });
    expect(r.ErrorCode).toBe(0);
  };

  beforeAll(async () => {
    tmp = tempDir('stageside-viewer-recovery-e2e-');
    studio = await startStudioProcess(tmp.dir);
    pusher = pushTestPattern(studio.info.demoPushUrl!, 300);
    browser = await launchChromium(chromiumPath!);
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${studio.info.viewerUrl}&user=carol&nick=Carol&lang=en`);
    await page.waitForSelector('body[data-ready=true]', { timeout: 20_000 });
  });

  afterAll(async () => {
    if (page) await page.screenshot({ path: path.join(ARTIFACTS, 'viewer-recovery-last.png') }).catch(() => undefined);
    await browser?.close();
    await pusher?.stop();
    await studio?.stop();
    tmp?.cleanup();
  });

  it('plays, says "Reconnecting…" when ffmpeg is killed, and plays again after ffmpeg restarts, without a reload', async () => {
    await expect.poll(async () => (await video()).width, { timeout: 30_000 }).toBe(640);
    await advancing(1);
    expect(await playback()).toBe('playing');
    // A reload would lose this.
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    pusher!.child.kill('SIGKILL');
    await new Promise((r) => pusher!.child.once('exit', r));
    await expect.poll(playback, { timeout: 30_000 }).toBe('reconnecting');
    const note = page.locator('.video-note');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toBe('Reconnecting…');
    await page.screenshot({ path: path.join(ARTIFACTS, 'viewer-reconnecting.png') });

    pusher = pushTestPattern(studio.info.demoPushUrl!, 300);
    await expect.poll(playback, { timeout: 45_000 }).toBe('playing');
    await advancing(2);
    expect(await note.isVisible()).toBe(false);
    // Resumed at the live edge: no more than a few seconds behind what the page has received.
    const { t, end } = await video();
    expect(end - t).toBeLessThan(3);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });

  it('shows a "Be right back" slate while the room is paused, and the picture when it is live again', async () => {
    const slate = page.getByText('Be right back');
    expect(await slate.isVisible()).toBe(false);
    await setStatus('paused');
    await expect.poll(() => slate.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.locator('.slate').textContent()).toContain('The show continues here in a moment');
    await page.screenshot({ path: docShot('studio-viewer-be-right-back') });
    await setStatus('live');
    await expect.poll(() => slate.isVisible(), { timeout: 10_000 }).toBe(false);
    await advancing(1);
  });
});
