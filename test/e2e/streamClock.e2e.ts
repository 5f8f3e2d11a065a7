// The stream clock end to end (#15 items 2-3): web mode + local studio, Go Live with the test
// pattern (low-latency preset). The console shows "Viewers see you N s late" from its own pull of
// the play URL, within 0.3 s of what the viewer page measures itself from the SEI it demuxes; then a
// product launch reaches an aligned viewer page whose player runs 2.5 s behind (its HTTP-FLV goes
// through a proxy that holds every chunk) only when its video reaches the click, while a normal
// viewer page shows it sooner. Needs Chromium and ffmpeg.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, chromium, ffmpeg } from '../support/prereqs';
import { panel, studioOf, type ConsoleStudio } from './support/console';
import { ARTIFACTS, findChromium, openConsole, type OpenConsole } from './support/webMode';

const chromiumPath = findChromium();
const HOLD_MS = 2500;

/** An HTTP proxy that passes every response chunk on `holdMs` late, in order: a viewer far behind. */
async function delayingProxy(holdMs: number): Promise<{ urlFor(target: string): string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const target = new URL(req.url ?? '/', 'http://x').searchParams.get('u');
    if (!target) return void res.writeHead(400).end();
    const up = http.get(target, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, { 'content-type': upRes.headers['content-type'] ?? 'video/x-flv', 'access-control-allow-origin': '*' });
      upRes.on('data', (c: Buffer) => setTimeout(() => res.write(c), holdMs));
      upRes.on('end', () => setTimeout(() => res.end(), holdMs));
    });
    up.on('error', () => res.destroy());
    res.on('close', () => up.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    urlFor: (target) => `http://127.0.0.1:${port}/live.flv?u=${encodeURIComponent(target)}`,
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

describeWith([chromium(), ffmpeg()])('the stream clock: viewer delay and aligned pop-ups', () => {
  let ctx: OpenConsole;
  let page: Page;
  let studio: ConsoleStudio;
  let viewer: Page;
  let late: Page;
  let proxy: Awaited<ReturnType<typeof delayingProxy>>;

  beforeAll(async () => {
    ctx = await openConsole(chromiumPath!, 'stageside-clock-e2e-');
    page = ctx.page;
    proxy = await delayingProxy(HOLD_MS);
  });

  afterAll(async () => {
    await panel(page, 'Go Live')
      .getByRole('button', { name: 'Stop' })
      .click({ timeout: 2000 })
      .catch(() => undefined);
    await ctx?.close();
    await proxy?.close();
  });

  async function shots(name: string): Promise<void> {
    for (const [p, suffix] of [[page, ''], [viewer, '-viewer'], [late, '-late']] as const) {
      await p?.screenshot({ path: path.join(ARTIFACTS, `failure-clock-${name}${suffix}.png`) }).catch(() => undefined);
    }
  }

  it('goes live, and the console shows the viewer delay within 0.3 s of what the viewer page measures', async () => {
    try {
      await expect.poll(() => page.getByRole('status', { name: 'Room connection' }).textContent(), { timeout: 60_000 }).toMatch(/In the room/);
      studio = await studioOf(page);
      const golive = panel(page, 'Go Live');
      await golive.getByRole('combobox', { name: 'Destination' }).selectOption('studio');
      await golive.getByRole('combobox', { name: 'Source' }).selectOption('test');
      await golive.getByRole('checkbox', { name: /^Low latency/ }).check();
      await golive.getByRole('button', { name: 'Go Live' }).click();
      await expect.poll(() => golive.getByRole('status').first().textContent(), { timeout: 30_000 }).toBe('LIVE');

      viewer = await ctx.browser.newPage({ viewport: { width: 1100, height: 760 } });
      await viewer.goto(`${studio.viewerUrl}&user=clock_viewer&lang=en`);
      const corner = viewer.locator('output.delay-corner');
      const consoleFigure = page.getByTestId('viewer-delay');
      await expect.poll(() => corner.getAttribute('data-delay'), { timeout: 30_000 }).toMatch(/^\d/);
      await expect.poll(() => consoleFigure.getAttribute('data-status'), { timeout: 30_000 }).toBe('ok');
      expect(await consoleFigure.textContent()).toMatch(/^\d+\.\d s late \(FLV\)/);
      // Let the page's player settle on its buffer target, then sample both side by side.
      const pairs: [number, number][] = [];
      await expect
        .poll(
          async () => {
            const [c, v] = [Number(await consoleFigure.getAttribute('data-seconds')), Number(await corner.getAttribute('data-delay'))];
            if (c > 0 && v > 0) pairs.push([c, v]);
            return pairs.length;
          },
          { timeout: 60_000, interval: 1000 },
        )
        .toBeGreaterThanOrEqual(12);
      const recent = pairs.slice(-7);
      const consoleS = median(recent.map((p) => p[0]));
      const viewerS = median(recent.map((p) => p[1]));
      console.log(`viewer delay: console ${consoleS.toFixed(3)} s, viewer page ${viewerS.toFixed(3)} s (last 7 of ${pairs.length} pairs)`);
      expect(Math.abs(consoleS - viewerS)).toBeLessThanOrEqual(0.3);
      await page.screenshot({ path: path.join(ARTIFACTS, 'console-viewer-delay.png') });
    } catch (e) {
      await shots('delay');
      throw e;
    }
  });

  it('a launch reaches an aligned viewer page 2.5 s behind when its video reaches the click; a near-live viewer sooner', async () => {
    try {
      // The late viewer's page gets its play URL through the holding proxy.
      late = await ctx.browser.newPage({ viewport: { width: 1100, height: 760 } });
      await late.route('**/studio/info**', async (route) => {
        const res = await route.fetch();
        const info = (await res.json()) as { playFlvUrl: string };
        await route.fulfill({ response: res, json: { ...info, playFlvUrl: proxy.urlFor(info.playFlvUrl) } });
      });
      await late.goto(`${studio.viewerUrl}&user=late_viewer&lang=en`);
      const lateCorner = late.locator('output.delay-corner');
      await expect.poll(async () => Number((await lateCorner.getAttribute('data-delay')) || 0), { timeout: 40_000 }).toBeGreaterThan(HOLD_MS / 1000);

      const products = panel(page, 'Products');
      const csv = 'id,title,price\nK1,Aligned kettle,88.00\n';
      await products.getByLabel('Import products (CSV or JSON)').setInputFiles({ name: 'k.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      const clickedAt = Date.now();
      await products.getByRole('button', { name: /^Launch K1 / }).click();

      const near = viewer.getByRole('region', { name: 'Featured product' });
      const far = late.getByRole('region', { name: 'Featured product' });
      await expect.poll(() => near.textContent(), { timeout: 20_000 }).toMatch(/Aligned kettle/);
      await expect.poll(() => far.textContent(), { timeout: 20_000 }).toMatch(/Aligned kettle/);
      const read = async (p: Page) =>
        p.locator('section.product').evaluate((el) => ({ at: Number(el.dataset.at), shownAt: Number(el.dataset.shownAt), clockAtShow: Number(el.dataset.clockAtShow) }));
      const n = await read(viewer);
      const f = await read(late);
      console.log(`launch: click ${clickedAt}, at ${f.at}; near viewer showed after ${n.shownAt - clickedAt} ms, late viewer after ${f.shownAt - clickedAt} ms (video at the click ${f.clockAtShow - f.at} ms)`);
      // The field carries the click's stream clock (main's, a few ms after the click).
      expect(f.at).toBeGreaterThanOrEqual(clickedAt - 50);
      expect(f.at).toBeLessThan(clickedAt + 2000);
      // The late page showed it when its video reached the click: not before, and within a few frames after.
      expect(f.clockAtShow).toBeGreaterThanOrEqual(f.at);
      expect(f.clockAtShow - f.at).toBeLessThan(250);
      expect(f.shownAt - clickedAt).toBeGreaterThan(HOLD_MS - 500);
      expect(n.shownAt).toBeLessThan(f.shownAt - 1500);
      await late.screenshot({ path: path.join(ARTIFACTS, 'viewer-aligned-late.png') });
    } catch (e) {
      await shots('align');
      throw e;
    }
  });
});
