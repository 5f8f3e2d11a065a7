// Broadcast e2e from the console (web mode): the Go Live panel pushes the test pattern to the
// embedded studio's ingest, shows the checklist and live stats, the room goes on air, and Stop
// ends cleanly with a recording. Needs Chromium and ffmpeg.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, chromium, ffmpeg } from '../support/prereqs';
import { tempDir } from '../support/tempDir';
import { ARTIFACTS, findChromium, launchChromium, rendererBuilt, startWebProcess, type WebProcess } from './support/webMode';
import { docShot } from './support/docShots';

const chromiumPath = findChromium();

describeWith([chromium(), ffmpeg()])('Go Live from the console', () => {
  let web: WebProcess;
  let browser: Browser;
  let page: Page;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    if (!rendererBuilt()) throw new Error('out/renderer is missing: run `npm run build` first (npm test does)');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    tmp = tempDir('stageside-golive-e2e-');
    web = await startWebProcess(tmp.dir);
    browser = await launchChromium(chromiumPath!);
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  });

  afterAll(async () => {
    await page?.close().catch(() => undefined);
    await browser?.close();
    await web?.stop();
    tmp?.cleanup();
  });

  it('goes live with the test pattern on the local studio and stops cleanly', async () => {
    await page.goto(web.url);
    const panel = page.getByRole('region', { name: 'Go Live' });
    await expect.poll(async () => (await panel.getByRole('combobox', { name: 'Destination' }).textContent()) ?? '', { timeout: 30_000 }).toContain('Local studio');
    await panel.getByRole('combobox', { name: 'Destination' }).selectOption('studio');
    await panel.getByRole('combobox', { name: 'Source' }).selectOption('test');
    await panel.getByRole('button', { name: 'Go Live' }).click();
    await expect.poll(() => panel.getByRole('status').first().textContent(), { timeout: 30_000 }).toBe('LIVE');
    await expect.poll(async () => (await panel.textContent()) ?? '', { timeout: 10_000 }).toMatch(/Frames\/s\s*[\d.]+/);
    // The preview plays back what the ingest received (the studio's HTTP-FLV), not the camera.
    await expect
      .poll(() => page.evaluate(() => {
        const v = document.querySelector<HTMLVideoElement>('video.golive-preview');
        return v ? v.currentTime > 0.3 && v.videoWidth === 1280 : false;
      }), { timeout: 20_000 })
      .toBe(true);
    await page.screenshot({ path: docShot('console-golive-live') });
    await panel.getByRole('button', { name: 'Stop' }).click();
    // Stopping a live show asks first.
    await page.getByRole('alertdialog', { name: 'Stop the live broadcast?' }).getByRole('button', { name: 'Stop broadcast' }).click();
    await expect.poll(() => panel.getByRole('status').first().textContent(), { timeout: 20_000 }).toBe('Ended');
    expect(await panel.textContent()).toMatch(/Recorded to .*\.part1\.mkv/);
    const recordings = path.join(tmp.dir, 'recordings');
    const files = fs.readdirSync(recordings).filter((f) => f.endsWith('.mkv'));
    expect(files.length).toBeGreaterThanOrEqual(1);
    expect(fs.statSync(path.join(recordings, files[0]!)).size).toBeGreaterThan(10_000);
  });
});
