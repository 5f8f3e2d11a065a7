// Foundation e2e: `stageside web` → Chromium opens the tokenised URL → the Settings dialog saves
// a value → a reload shows it; a wrong token gets no data.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, chromium } from '../support/prereqs';
import { tempDir } from '../support/tempDir';
import { ARTIFACTS, findChromium, launchChromium, rendererBuilt, startWebProcess, type WebProcess } from './support/webMode';

const chromiumPath = findChromium();

describeWith([chromium()])('web mode console (Chromium)', () => {
  let web: WebProcess;
  let browser: Browser;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    if (!rendererBuilt()) throw new Error('out/renderer is missing: run `npm run build` first (npm test does)');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    tmp = tempDir('stageside-e2e-');
    web = await startWebProcess(tmp.dir);
    browser = await launchChromium(chromiumPath!);
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    tmp?.cleanup();
  });

  async function shot(page: Page, name: string) {
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  }

  it('prints a tokenised URL on loopback', () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/);
  });

  it('saves a setting through the dialog and shows it after a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    try {
      await page.goto(web.url);
      await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/Connected/);
      await shot(page, 'foundation-console');
      await page.getByRole('button', { name: 'Settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.waitFor();
      const profile = dialog.getByRole('textbox', { name: 'Profile name' });
      expect(await profile.inputValue()).toBe('Default');
      await profile.fill('Friday flash sale');
      await shot(page, 'foundation-settings-dialog');
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => page.locator('header').textContent()).toContain('Friday flash sale');

      await page.reload();
      await expect.poll(() => page.locator('header').textContent()).toContain('Friday flash sale');
      await page.getByRole('button', { name: 'Settings' }).click();
      expect(await page.getByRole('dialog', { name: 'Settings' }).getByRole('textbox', { name: 'Profile name' }).inputValue()).toBe(
        'Friday flash sale',
      );
      const onDisk = JSON.parse(fs.readFileSync(path.join(tmp.dir, 'settings.json'), 'utf8'));
      expect(onDisk.profileName).toBe('Friday flash sale');
      expect(errors).toEqual([]);
    } catch (e) {
      await shot(page, 'failure-settings');
      throw e;
    } finally {
      await page.close();
    }
  });

  it('switches the UI language from the dialog', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await page.goto(web.url);
      await page.getByRole('button', { name: 'Settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      await expect.poll(async () => (await page.getByRole('button', { name: 'Settings' }).count()) === 0).toBe(true);
      await shot(page, 'foundation-console-zh-CN');
    } finally {
      await page.close();
    }
  });

  it('starts the local studio with the console and links its viewer page', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await page.goto(web.url);
      const room = page.getByRole('region', { name: /^(Local studio|本地演播室)$/ });
      await expect.poll(() => room.textContent(), { timeout: 30_000 }).toMatch(/Running on this computer|正在本机运行/);
      const href = await room.getByRole('link').getAttribute('href');
      expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/viewer\/\?room=demo$/);
      const viewer = await fetch(href!);
      expect(viewer.status).toBe(200);
      expect(await room.textContent()).toMatch(/rtmp:\/\/127\.0\.0\.1:\d+\/live/);
      await shot(page, 'foundation-console-studio');
    } finally {
      await page.close();
    }
  });

  it('gives a wrong token no data', async () => {
    const page = await browser.newPage();
    const frames: string[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
    try {
      const bad = new URL(web.url);
      bad.searchParams.set('token', 'wrong-token');
      await page.goto(bad.toString());
      await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/token/i);
      const body = (await page.textContent('body')) ?? '';
      expect(body).not.toContain('Friday flash sale');
      expect(frames).toEqual([]);
      await shot(page, 'foundation-wrong-token');
    } finally {
      await page.close();
    }
  });
});
