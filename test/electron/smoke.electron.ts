// The real desktop app, run where Electron's binary exists (the release workflow on Windows, macOS
// and Linux under xvfb): launch the built app with playwright-core's Electron support, wait for
// the window, see the studio start and the console reach "In the room", go live with the test
// source, see the viewer page play, take a screenshot, quit cleanly. With STAGESIDE_PACKAGED_APP
// (the unpacked installer's executable) it also reads the binary's fuses. Where the binary cannot
// be downloaded (this machine), every test is reported as skipped with the reason.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, chromium } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { describeWith, envVar, itWith, when } from '../support/prereqs';

const require = createRequire(import.meta.url);

/** Electron's binary, or why there is none (the electron package downloads it on first use). */
function electronBinary(): { path?: string; reason?: string } {
  try {
    const p = require('electron') as unknown;
    if (typeof p === 'string' && fs.existsSync(p)) return { path: p };
    return { reason: `the electron package names ${String(p)}, which does not exist` };
  } catch (e) {
    return { reason: `no Electron binary: ${(e as Error).message.split('\n')[0]} (set ELECTRON_MIRROR or run where it can be downloaded)` };
  }
}

const binary = process.env.STAGESIDE_PACKAGED_APP ? { path: process.env.STAGESIDE_PACKAGED_APP } : electronBinary();
const built = fs.existsSync('out/main/index.js');
const reason = !built ? 'no build in out/ (npm run build)' : binary.reason;
const screenshots = path.resolve('test/electron/artifacts');

describeWith([when(!reason, reason ?? '')])('the desktop app (real Electron)', () => {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'stageside-electron-'));
  let app: Awaited<ReturnType<typeof electron.launch>> | undefined;
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    fs.rmSync(userData, { recursive: true, force: true });
  });

  it('starts, joins the room, goes live to the studio, and the viewer page plays', async () => {
    const packaged = Boolean(process.env.STAGESIDE_PACKAGED_APP);
    app = await electron.launch({
      executablePath: binary.path!,
      args: packaged ? [`--user-data-dir=${userData}`] : ['.', `--user-data-dir=${userData}`],
      env: { ...process.env, STAGESIDE_HOME: userData },
    });
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await expect.poll(() => page.getByRole('status', { name: 'Room connection' }).textContent(), { timeout: 60_000 }).toContain('In the room');
    await page.getByRole('radio', { name: /Test pattern/ }).check().catch(() => undefined);
    await page.getByRole('button', { name: 'Go Live' }).click();
    await expect.poll(() => page.getByRole('status', { name: 'Broadcast state' }).textContent(), { timeout: 60_000 }).toContain('LIVE');
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, `desktop-${process.platform}.png`) });

    // The viewer page of the studio, in a browser of its own, plays the stream.
    const href = await page.getByRole('link', { name: 'Open viewer page' }).getAttribute('href');
    expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/viewer\//);
    const browser = await chromium.launch(process.env.CHROMIUM_PATH ? { executablePath: process.env.CHROMIUM_PATH, headless: true } : { channel: 'chrome', headless: true });
    const viewer = await browser.newPage();
    await viewer.goto(href!);
    await expect.poll(() => viewer.evaluate(() => document.querySelector('video')?.currentTime ?? 0), { timeout: 30_000 }).toBeGreaterThan(1);
    await browser.close();
    await page.getByRole('button', { name: 'Stop' }).click();
    // Stopping a live show asks first.
    await page.getByRole('alertdialog', { name: 'Stop the live broadcast?' }).getByRole('button', { name: 'Stop broadcast' }).click();
    await app.close();
    app = undefined;
  }, 240_000);

  itWith([envVar('STAGESIDE_PACKAGED_APP', 'the unpacked installer\'s executable; the release workflow sets it')])('the packaged binary has its fuses set', async () => {
    const { getCurrentFuseWire, FuseV1Options } = await import('@electron/fuses');
    // FuseState (@electron/fuses/dist/constants): ENABLE = '1' (49), DISABLE = '0' (48), as the wire stores them.
    const FuseState = { ENABLE: 49, DISABLE: 48 } as const;
    const wire = await getCurrentFuseWire(process.env.STAGESIDE_PACKAGED_APP!);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    // RunAsNode stays on: the studio is the built CLI run by Electron's binary as Node.
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.ENABLE);
  });
});
