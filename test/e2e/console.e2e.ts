// Console e2e: `stageside web` (which runs the local studio) → the console joins the demo room →
// a simulated audience chats, likes, gifts and joins → counters and feed update; products are
// imported and launched (click and hotkey) and the viewer page shows them; status, announcement
// and a new gift catalog reach the viewer; muting the viewer makes their next message refused.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, chromium } from '../support/prereqs';
import { panel, playAudience, shootPanel, statValue, studioOf, type ConsoleStudio } from './support/console';
import { docShot } from './support/docShots';
import { ARTIFACTS, findChromium, openConsole, type OpenConsole } from './support/webMode';

const chromiumPath = findChromium();

const CSV = [
  'id,title,price,image,link,stock',
  'A1,Red lipstick,199.00,,https://shop.example.com/a1,12',
  'A2,Silk scarf,59.90,,,3',
  'A3,,oops,,,',
].join('\n');

describeWith([chromium()])('live console (web mode + local studio)', () => {
  let ctx: OpenConsole;
  let page: Page;
  let viewer: Page;
  let studio: ConsoleStudio;
  let errors: string[] = [];

  beforeAll(async () => {
    ctx = await openConsole(chromiumPath!, 'stageside-console-e2e-');
    ({ page, errors } = ctx);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  async function failShot(name: string): Promise<void> {
    await page?.screenshot({ path: path.join(ARTIFACTS, `failure-console-${name}.png`) }).catch(() => undefined);
    await viewer?.screenshot({ path: path.join(ARTIFACTS, `failure-console-${name}-viewer.png`) }).catch(() => undefined);
  }

  it('joins the studio demo room', async () => {
    const status = page.getByRole('status', { name: 'Room connection' });
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(/In the room/);
    studio = await studioOf(page);
    expect(studio.viewerUrl).toMatch(/\/viewer\/\?room=demo$/);
  });

  it('shows a simulated audience in the feed and the counters', async () => {
    try {
      const summary = await playAudience(studio.restBaseUrl, 6, () => undefined);
      expect(summary.viewers.joined).toBe(10);
      const feed = page.getByRole('region', { name: 'Chat messages' });
      await expect.poll(() => feed.textContent(), { timeout: 10_000 }).toMatch(/joined|left/);
      // Exact: every merged LIKE's taps, as the audience sent them (well under the 40/s budget).
      await expect.poll(() => statValue(page, 'Likes')).toBe(String(summary.likeTaps));
      await expect.poll(() => statValue(page, 'Messages')).not.toBe('0');
      await expect.poll(async () => Number(await statValue(page, 'Followers gained'))).toBeGreaterThan(0);
      expect(await statValue(page, 'Gifts')).toMatch(/^[1-9]\d* · /);
      expect(await feed.textContent()).toMatch(/Unverified/);
      // The online count is polled every 10 s: the console itself is in the room.
      await expect.poll(() => statValue(page, 'Viewers online'), { timeout: 15_000 }).toMatch(/^\d+$/);
      await shootPanel(page, 'Chat', 'console-chat');
      await shootPanel(page, 'Counters', 'console-counters');
    } catch (e) {
      await failShot('audience');
      throw e;
    }
  });

  it('imports products, launches by click and hotkey, and the viewer page shows the card', async () => {
    try {
      const products = panel(page, 'Products');
      await products.getByLabel('Import products (CSV or JSON)').setInputFiles({ name: 'catalog.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
      const result = products.getByRole('status', { name: 'Import result' });
      await expect.poll(() => result.textContent()).toMatch(/Imported 2 products; 2 problems/);
      expect(await result.textContent()).toMatch(/Row 4, title: missing/);

      viewer = await ctx.browser.newPage({ viewport: { width: 1100, height: 760 } });
      await viewer.goto(`${studio.viewerUrl}&user=e2e_viewer&nick=E2E%20Viewer&lang=en`);
      const card = viewer.getByRole('region', { name: 'Featured product' });

      await products.getByRole('button', { name: /^Launch A1 / }).click();
      const ack = products.getByRole('status', { name: 'Last product action' });
      await expect.poll(() => ack.textContent()).toMatch(/^Launched A1 at \d{2}:\d{2}:\d{2}/);
      await expect.poll(() => card.textContent()).toMatch(/Red lipstick/);
      expect(await card.textContent()).toContain('199.00');
      await expect.poll(() => products.locator('li[aria-current="true"]').textContent()).toMatch(/A1/);

      // Focus is on a button, not a text field: the hotkey launches the second product.
      await page.keyboard.press('2');
      await expect.poll(() => ack.textContent()).toMatch(/^Launched A2 at/);
      await expect.poll(() => card.textContent()).toMatch(/Silk scarf/);
      await shootPanel(page, 'Products', 'console-products');

      await products.getByRole('button', { name: 'Unpin product' }).click();
      await expect.poll(() => ack.textContent()).toMatch(/^Unpinned at/);
      // The viewer hides the card (the region leaves the accessibility tree).
      await expect.poll(() => card.count()).toBe(0);
    } catch (e) {
      await failShot('products');
      throw e;
    }
  });

  it('sets the room status, publishes an announcement and launches new gifts for viewers', async () => {
    try {
      const badge = viewer.getByRole('status').first();
      await panel(page, 'Status').getByRole('radio', { name: 'Live' }).click();
      await expect.poll(() => badge.textContent()).toBe('LIVE');
      await panel(page, 'Status').getByRole('radio', { name: 'Paused' }).click();
      await expect.poll(() => badge.textContent()).toBe('Paused');
      await shootPanel(page, 'Status', 'console-status');

      const ann = panel(page, 'Announcement');
      await ann.getByRole('textbox', { name: 'New announcement' }).fill('今晚包邮 Free shipping tonight');
      expect(await ann.getByText(/bytes$/).textContent()).toBe('34 / 300 bytes');
      await ann.getByRole('button', { name: 'Publish' }).click();
      await expect.poll(() => viewer.getByRole('region', { name: 'Announcement' }).textContent()).toContain('今晚包邮 Free shipping tonight');
      await expect.poll(() => ann.getByRole('note').textContent()).toContain('Free shipping tonight');
      await shootPanel(page, 'Announcement', 'console-announcement');

      const gifts = panel(page, 'Gifts');
      await expect.poll(() => gifts.getByRole('textbox', { name: 'Name, gift 1' }).inputValue()).toBe('Rose');
      await gifts.getByRole('textbox', { name: 'Name, gift 1' }).fill('Tulip');
      await gifts.getByRole('textbox', { name: 'ID, gift 1' }).fill('tulip');
      await gifts.getByRole('button', { name: 'Launch new gifts' }).click();
      await expect.poll(() => gifts.getByRole('status', { name: 'Gift launch result' }).textContent()).toMatch(/Gift catalog: done at/);
      const giftBar = viewer.getByRole('group', { name: 'Gifts' });
      await expect.poll(() => giftBar.getByRole('button', { name: 'Send Tulip' }).count()).toBe(1);
      expect(await giftBar.getByRole('button', { name: 'Send Rose' }).count()).toBe(0);
      await shootPanel(page, 'Gifts', 'console-gifts');
    } catch (e) {
      await failShot('room-fields');
      throw e;
    }
  });

  it('mutes the viewer from their chat line, so their next message is refused', async () => {
    try {
      const say = viewer.getByRole('textbox', { name: 'Say something' });
      await say.fill('hello from the viewer');
      await say.press('Enter');
      const feed = page.getByRole('region', { name: 'Chat messages' });
      await expect.poll(() => feed.textContent()).toContain('hello from the viewer');
      await feed.getByRole('button', { name: 'Actions for E2E Viewer' }).last().click();
      const actions = page.getByRole('group', { name: 'Actions for E2E Viewer' });
      await actions.getByRole('combobox', { name: 'Mute for' }).selectOption('5');
      await actions.getByRole('button', { name: 'Mute E2E Viewer' }).click();
      await expect.poll(() => actions.getByRole('status', { name: 'Mute result' }).textContent()).toMatch(/done at/);
      await shootPanel(page, 'Chat', 'console-chat-mute');

      await say.fill('am I muted?');
      await say.press('Enter');
      await expect.poll(() => viewer.getByRole('list', { name: 'Chat messages' }).textContent()).toMatch(/Not sent: /);
      await page.screenshot({ path: docShot('console-assistant-layout') });
      const layout = page.getByRole('group', { name: 'Layout' });
      await layout.getByRole('button', { name: 'Host' }).click();
      expect(await layout.getByRole('button', { name: 'Host' }).getAttribute('aria-pressed')).toBe('true');
      expect(await page.evaluate(() => localStorage.getItem('stageside.layout.v1'))).toBe('host');
      await page.screenshot({ path: docShot('console-host-layout') });
      expect(errors).toEqual([]);
    } catch (e) {
      await failShot('mute');
      throw e;
    }
  });
});
