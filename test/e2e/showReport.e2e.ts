// After Stop, the show report and the chaptered recording (#15 items 4 and 5), as the host gets
// them: web mode with its studio, Go Live (test source, recorded) on the studio, a simulated
// audience, two product launches, status changes, an announcement, ffmpeg SIGKILLed mid-show (a
// reconnect, a second recording part, an automatic pause and resume), Stop. Then: the console
// says the report is ready and opens it; the page (uPlot, no network) has a chart per figure with
// every event of the show marked on each; the JSON beside the recording holds the same events;
// ffprobe -show_chapters lists a chapter per launch across the parts; Past shows lists it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/node/infra/dataFolderLock';
import { showDataSchema, type ShowData } from '../../src/shared/domain/show/showData';
import { panel, playAudience, studioOf } from './support/console';
import { chromium, describeWith, ffmpeg, ffprobe } from '../support/prereqs';
import { ARTIFACTS, findChromium, openConsole, type OpenConsole } from './support/webMode';

const CSV = ['id,title,price,image,link,stock', 'A1,Red lipstick,199.00,,,12', 'A2,Silk scarf,59.90,,,3'].join('\n');

describeWith([chromium(), ffmpeg(), ffprobe()])('the show report and chapters after Stop', () => {
  let c: OpenConsole;
  let report: Page | undefined;

  beforeAll(async () => {
    c = await openConsole(findChromium()!, 'stageside-showreport-e2e-');
  });

  afterAll(async () => {
    await c?.close();
  });

  const shot = async (name: string) => {
    await c.page.screenshot({ path: path.join(ARTIFACTS, `failure-showreport-${name}.png`) }).catch(() => undefined);
    await report?.screenshot({ path: path.join(ARTIFACTS, `failure-showreport-${name}-report.png`), fullPage: true }).catch(() => undefined);
  };

  const ffmpegPid = (): number | undefined => {
    try {
      return (JSON.parse(fs.readFileSync(path.join(c.dataDir, LOCK_FILE), 'utf8')) as { children: Record<string, number> }).children.ffmpeg;
    } catch {
      return undefined;
    }
  };

  it('writes, opens and lists a report with every event, and chapters the recording', async () => {
    const { page } = c;
    try {
      await expect.poll(() => page.getByRole('status', { name: 'Room connection' }).textContent(), { timeout: 45_000 }).toMatch(/In the room/);
      // A 1 s auto-pause threshold: the killed ffmpeg is back within a few seconds, paused in between.
      await page.getByRole('button', { name: 'Settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.getByRole('textbox', { name: 'Pause after (seconds without a push)' }).fill('1');
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });

      const products = panel(page, 'Products');
      await products.getByLabel('Import products (CSV or JSON)').setInputFiles({ name: 'catalog.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
      await expect.poll(() => products.getByRole('status', { name: 'Import result' }).textContent()).toMatch(/Imported 2 products/);

      const goLive = panel(page, 'Go Live');
      await goLive.getByRole('combobox', { name: 'Destination' }).selectOption('studio');
      await goLive.getByRole('combobox', { name: 'Source' }).selectOption('test');
      await goLive.getByRole('checkbox', { name: 'Record locally' }).check();
      await goLive.getByRole('button', { name: 'Go Live' }).click();
      await expect.poll(() => goLive.getByRole('status').first().textContent(), { timeout: 30_000 }).toBe('LIVE');

      // An audience for the counters (messages, likes, gifts) while the show runs.
      const studio = await studioOf(page);
      const audience = playAudience(studio.restBaseUrl, 12, () => undefined);

      const ack = products.getByRole('status', { name: 'Last product action' });
      await products.getByRole('button', { name: /^Launch A1 / }).click();
      await expect.poll(() => ack.textContent()).toMatch(/^Launched A1 at/);
      const status = panel(page, 'Status');
      await status.getByRole('radio', { name: 'Paused' }).click();
      await expect.poll(() => status.getByRole('radio', { name: 'Paused' }).isChecked()).toBe(true);
      await status.getByRole('radio', { name: 'Live' }).click();
      await expect.poll(() => status.getByRole('radio', { name: 'Live' }).isChecked()).toBe(true);
      const ann = panel(page, 'Announcement');
      await ann.getByRole('textbox', { name: 'New announcement' }).fill('Free shipping tonight');
      await ann.getByRole('button', { name: 'Publish' }).click();
      await expect.poll(() => ann.getByRole('note').textContent()).toContain('Free shipping tonight');
      await audience;

      // The push drops: a reconnect (a second recording part), an automatic pause and resume.
      const pid = ffmpegPid();
      expect(pid).toBeGreaterThan(0);
      process.kill(pid!, 'SIGKILL');
      const line = status.getByRole('status', { name: 'Automatic status' });
      await expect.poll(() => line.textContent(), { timeout: 45_000 }).toMatch(/^Live again automatically at/);
      await products.getByRole('button', { name: /^Launch A2 / }).click();
      await expect.poll(() => ack.textContent()).toMatch(/^Launched A2 at/);
      // Part 2 records on after the launch (about 1.5 s of 2.5 Mbit/s), so the launch is inside it.
      await expect.poll(() => goLive.getByText(/Recorded to .*part2/).count(), { timeout: 10_000 }).toBe(1);
      const part2 = (await goLive.getByText(/Recorded to .*part2/).textContent())!.replace(/^Recorded to /, '');
      const sizeAtLaunch = fs.statSync(part2).size;
      await expect.poll(() => fs.statSync(part2).size - sizeAtLaunch, { timeout: 30_000 }).toBeGreaterThan(500_000);

      const opened = page.context().waitForEvent('page', { timeout: 60_000 });
      await goLive.getByRole('button', { name: 'Stop' }).click();
      // Stopping a live show asks first.
      await page.getByRole('alertdialog', { name: 'Stop the live broadcast?' }).getByRole('button', { name: 'Stop broadcast' }).click();
      await expect.poll(() => goLive.getByRole('status').first().textContent(), { timeout: 20_000 }).toBe('Ended');
      const ready = page.getByRole('region', { name: 'Show reports' }).getByRole('status');
      await expect.poll(() => ready.textContent(), { timeout: 60_000 }).toMatch(/^The show report of .+ is ready\./);
      // Opened for the window that pressed Stop (a pop-up blocker would leave the button to click).
      report = await opened;
      await report.waitForLoadState();
      expect(new URL(report.url()).pathname).toMatch(/^\/shows\/stageside-[\d-]+$/);
      await expect.poll(() => report!.evaluate(() => document.body.dataset.rendered), { timeout: 20_000 }).toBe('7');

      const recordings = path.join(c.dataDir, 'recordings');
      const jsonFile = fs.readdirSync(recordings).find((f) => f.endsWith('.show.json'));
      expect(jsonFile).toBeDefined();
      const data: ShowData = showDataSchema.parse(JSON.parse(fs.readFileSync(path.join(recordings, jsonFile!), 'utf8')));
      const kinds = data.events.map((e) => e.kind);
      for (const k of ['goLive', 'launch', 'status', 'announcement', 'pushLost', 'reconnected', 'autoPause', 'autoResume', 'stop'] as const) expect(kinds).toContain(k);
      expect(data.events.filter((e) => e.kind === 'launch').map((e) => e.label)).toEqual(['Red lipstick', 'Silk scarf']);
      expect(data.events.filter((e) => e.kind === 'status').map((e) => e.label)).toEqual(['live', 'paused', 'live']);
      expect(data.series.health.length).toBeGreaterThan(5);
      expect(data.series.counters.length).toBeGreaterThan(0);
      expect(data.series.online.length).toBeGreaterThan(0);
      // The viewer delay the console measured on the studio's play URL (the stream clock in the picture).
      console.log(`viewer delay samples: ${data.series.viewerDelay.length}, measured: ${data.series.viewerDelay.filter((d) => d.ms !== null).map((d) => d.ms).join(' ')}`);
      expect(data.series.viewerDelay.filter((d) => d.ms !== null).length).toBeGreaterThan(0);
      expect(data.recording).toHaveLength(2);

      // The page: the charts with every event marked on each, and the same events in its table.
      const panels = await report.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('section.panel')].map((s) => ({
          id: s.dataset.panel,
          canvases: s.querySelectorAll('canvas').length,
          marks: [...s.querySelectorAll<HTMLElement>('.mark')].map((m) => `${m.dataset.at}:${m.dataset.kind}`),
        })),
      );
      expect(panels.map((p) => p.id)).toEqual(['bitrate', 'fps', 'drops', 'viewerDelay', 'online', 'messages', 'perMinute']);
      const expected = data.events.map((e) => `${e.at}:${e.kind}`);
      for (const p of panels) {
        expect(p.canvases).toBeGreaterThan(0);
        expect(p.marks).toEqual(expected);
      }
      expect(await report.locator('#events tr').count()).toBe(data.events.length);
      expect(await report.getByRole('cell', { name: 'Silk scarf' }).count()).toBe(1);
      await report.screenshot({ path: path.join(ARTIFACTS, 'show-report.png'), fullPage: true });

      // ffprobe lists a chapter per launch across the recording's parts.
      const titles = data.recording.flatMap((part) => {
        expect(part.error).toBeNull();
        const probed = JSON.parse(execFileSync('/usr/bin/ffprobe', ['-v', 'error', '-print_format', 'json', '-show_chapters', part.file], { encoding: 'utf8' })) as { chapters: { tags: { title: string } }[] };
        expect(probed.chapters).toHaveLength(part.chapters);
        return probed.chapters.map((ch) => ch.tags.title);
      });
      expect(titles).toContain('Red lipstick');
      expect(titles).toContain('Silk scarf');

      // Past shows: listed, and opened by id.
      const shows = page.getByRole('region', { name: 'Show reports' });
      await shows.getByText('Past shows').click();
      const open = shows.getByRole('button', { name: new RegExp(`^Open the show report of .+ \\(${data.id}\\)$`) });
      await expect.poll(() => open.count(), { timeout: 10_000 }).toBe(1);
      const again = page.context().waitForEvent('page');
      await open.click();
      expect(new URL((await again).url()).pathname).toBe(`/shows/${data.id}`);
      expect(c.errors).toEqual([]);
    } catch (e) {
      await shot('flow');
      throw e;
    }
  }, 240_000);
});
