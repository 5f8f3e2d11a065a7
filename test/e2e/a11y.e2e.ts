// Accessibility e2e (#20): the axe check (axe-core, WCAG 2.1 A/AA + best practice; any serious or
// critical violation fails) of both layouts, the narrow one, every dialog and the viewer page, with
// a live audience in the room; dialogs take focus; the chat's ⋯ actions by keyboard; the narrow
// layout (1366×768 at 200 % ≈ 683×384) without sideways scroll and with the chat virtualised;
// what screen readers hear from a busy room (console and viewer page). Everything found by role and name.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium, describeWith } from '../support/prereqs';
import { axeViolations } from './support/axe';
import { panel, playAudience, studioOf, type ConsoleStudio } from './support/console';
import { ARTIFACTS, findChromium, openConsole, type OpenConsole } from './support/webMode';

const chromiumPath = findChromium();

const CSV = ['id,title,price,image,link,stock', 'A1,Red lipstick,199.00,,,12', 'A2,Silk scarf,59.90,,,3'].join('\n');

/** Counts DOM changes inside live regions (aria-live, status, log, alert) from now on. */
async function watchLiveRegions(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { liveChanges: Record<string, number> };
    w.liveChanges = {};
    const live = (n: Node | null): Element | null => {
      const e = n instanceof Element ? n : (n?.parentElement ?? null);
      return e?.closest('[aria-live]:not([aria-live="off"]), [role="status"], [role="log"], [role="alert"]') ?? null;
    };
    new MutationObserver((records) => {
      for (const r of records) {
        const region = live(r.target);
        if (!region) continue;
        const name = region.getAttribute('aria-label') ?? region.className ?? region.tagName;
        w.liveChanges[name] = (w.liveChanges[name] ?? 0) + 1;
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}
const liveChanges = (page: Page): Promise<Record<string, number>> =>
  page.evaluate(() => (window as unknown as { liveChanges: Record<string, number> }).liveChanges);

const focusedIn = (locator: Locator): Promise<boolean> => locator.evaluate((el) => el.contains(document.activeElement));

describeWith([chromium()])('accessibility (web mode + local studio)', () => {
  let ctx: OpenConsole;
  let page: Page;
  let viewer: Page;
  let studio: ConsoleStudio;

  beforeAll(async () => {
    ctx = await openConsole(chromiumPath!, 'stageside-a11y-e2e-');
    page = ctx.page;
  });

  afterAll(async () => {
    await ctx?.close();
  });

  async function failShot(name: string): Promise<void> {
    await page?.screenshot({ path: path.join(ARTIFACTS, `failure-a11y-${name}.png`) }).catch(() => undefined);
    await viewer?.screenshot({ path: path.join(ARTIFACTS, `failure-a11y-${name}-viewer.png`) }).catch(() => undefined);
  }

  async function expectNoAxeViolations(target: Page, scope?: Locator): Promise<void> {
    expect(await axeViolations(target, scope)).toEqual([]);
  }

  it('joins the room with products, a viewer and a busy audience; the viewer page stays quiet for screen readers', async () => {
    try {
      await expect.poll(() => page.getByRole('status', { name: 'Room connection' }).textContent(), { timeout: 60_000 }).toMatch(/In the room/);
      studio = await studioOf(page);
      await panel(page, 'Products').getByLabel('Import products (CSV or JSON)').setInputFiles({ name: 'c.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
      viewer = await ctx.browser.newPage({ viewport: { width: 1100, height: 760 } });
      await viewer.goto(`${studio.viewerUrl}&user=a11y_viewer&nick=Ada&lang=en`);
      await expect.poll(() => viewer.getByRole('textbox', { name: 'Say something' }).isEnabled(), { timeout: 20_000 }).toBe(true);
      await watchLiveRegions(viewer);
      await watchLiveRegions(page);

      // 10 s of 10 viewers chatting, liking and gifting (the issue counted 117-138 changes per region before).
      const summary = await playAudience(studio.restBaseUrl, 10, () => undefined);
      expect(summary.viewers.joined).toBe(10);
      await expect.poll(() => viewer.getByRole('list', { name: 'Chat messages' }).getByRole('listitem').count()).toBeGreaterThan(30);
      const heard = await liveChanges(viewer);
      const total = Object.values(heard).reduce((a, b) => a + b, 0);
      // The chat is read out at most once per 4 s (a few extra for a join at the edges); the like counter and status are not live.
      expect(total, JSON.stringify(heard)).toBeLessThanOrEqual(6);
      expect(heard['New chat messages'] ?? 0, JSON.stringify(heard)).toBeGreaterThanOrEqual(1);

      // The console: chat announced in its log, paced the same way; counters silent.
      const consoleHeard = await liveChanges(page);
      expect(consoleHeard['Chat announcements'] ?? 0, JSON.stringify(consoleHeard)).toBeGreaterThanOrEqual(1);
      expect(consoleHeard['Chat announcements'] ?? 0, JSON.stringify(consoleHeard)).toBeLessThanOrEqual(5);
      const log = page.getByRole('log', { name: 'Chat announcements' });
      expect(await log.textContent()).toMatch(/joined|sent|: /);
    } catch (e) {
      await failShot('audience');
      throw e;
    }
  });

  it('pauses the chat announcements with a switch', async () => {
    const toggle = panel(page, 'Chat').getByRole('switch', { name: 'Pause announcements' });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    const log = page.getByRole('log', { name: 'Chat announcements' });
    const before = await log.textContent();
    await viewer.getByRole('textbox', { name: 'Say something' }).fill('can anyone hear me');
    await viewer.getByRole('textbox', { name: 'Say something' }).press('Enter');
    await expect.poll(() => page.getByRole('region', { name: 'Chat messages' }).textContent()).toContain('can anyone hear me');
    // Two announcement intervals pass (the viewer page speaks on the same pace): nothing new in the log.
    await expect.poll(() => viewer.getByRole('log', { name: 'New chat messages' }).textContent(), { timeout: 15_000 }).toContain('can anyone hear me');
    expect(await log.textContent()).toBe(before);
    await toggle.click();
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
  });

  it('passes the axe check in the assistant and host layouts', async () => {
    try {
      // A "+N likes" line at the bottom of the feed, in view.
      await viewer.getByRole('button', { name: /Like/ }).first().click();
      await expect.poll(() => page.getByRole('region', { name: 'Chat messages' }).getByRole('listitem').last().textContent()).toMatch(/Ada\+1 like/);
      await expectNoAxeViolations(page);
      const layout = page.getByRole('group', { name: 'Layout' });
      await layout.getByRole('button', { name: 'Host' }).click();
      await expectNoAxeViolations(page);
      await layout.getByRole('button', { name: 'Assistant' }).click();
    } catch (e) {
      await failShot('layouts');
      throw e;
    }
  });

  it('focuses every dialog on open and passes the axe check inside it', async () => {
    try {
      for (const [button, name] of [
        ['Room', 'Room management'],
        ['Moderation', 'Moderation'],
        ['Settings', 'Settings'],
        // The team console's (web mode's local operator is the host).
        ['Team', 'Team'],
        ['Journal', 'Action journal'],
      ] as const) {
        await page.getByRole('button', { name: button, exact: true }).click();
        const dialog = page.getByRole('dialog', { name });
        await dialog.waitFor();
        await expect.poll(() => focusedIn(dialog), { message: `${name} has focus` }).toBe(true);
        await expectNoAxeViolations(page, dialog);
        if (name === 'Moderation') {
          for (const tab of ['Level rules', 'Top users']) {
            await dialog.getByRole('tab', { name: tab }).click();
            await expectNoAxeViolations(page, dialog);
          }
        }
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        await expect.poll(() => focusedIn(page.getByRole('button', { name: button, exact: true }))).toBe(true);
      }
      // The questions before a public act are dialogs too.
      await panel(page, 'Status').getByRole('radio', { name: 'Ended' }).click();
      const ask = page.getByRole('alertdialog', { name: 'End the show?' });
      await ask.waitFor();
      expect(await focusedIn(ask.getByRole('button', { name: 'Keep the status' }))).toBe(true);
      await expectNoAxeViolations(page, ask);
      await page.keyboard.press('Escape');
      await ask.waitFor({ state: 'hidden' });
      expect(await panel(page, 'Status').getByRole('radio', { name: 'Ended' }).isChecked()).toBe(false);
    } catch (e) {
      await failShot('dialogs');
      throw e;
    }
  });

  it('opens a chat line\'s actions with Enter, focus inside, and closes them with Escape back on ⋯', async () => {
    try {
      await viewer.getByRole('textbox', { name: 'Say something' }).fill('hello from Ada');
      await viewer.getByRole('textbox', { name: 'Say something' }).press('Enter');
      const feed = page.getByRole('region', { name: 'Chat messages' });
      await expect.poll(() => feed.textContent()).toContain('hello from Ada');
      const more = feed.getByRole('button', { name: 'Actions for Ada' }).last();
      await more.focus();
      await page.keyboard.press('Enter');
      const actions = page.getByRole('group', { name: 'Actions for Ada' });
      await expect.poll(() => focusedIn(actions)).toBe(true);
      expect(await focusedIn(actions.getByRole('combobox', { name: 'Mute for' }))).toBe(true);
      await expectNoAxeViolations(page, actions);
      await page.keyboard.press('Escape');
      await expect.poll(() => actions.count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/Actions for Ada/);
    } catch (e) {
      await failShot('chat-actions');
      throw e;
    }
  });

  it('at 200 % zoom (683×384): no sideways scroll, Settings reachable, the chat bounded and virtualised, no axe violation', async () => {
    try {
      await page.setViewportSize({ width: 683, height: 384 });
      await expect.poll(() => page.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth)).toBe(0);
      const feed = page.getByRole('region', { name: 'Chat messages' });
      const rows = feed.getByRole('listitem');
      const total = Number(await rows.first().getAttribute('aria-setsize'));
      expect(total).toBeGreaterThan(40);
      // Only the rows in view (plus a few) are in the page.
      expect(await rows.count()).toBeLessThan(25);
      const box = await panel(page, 'Chat').boundingBox();
      expect(box!.height).toBeLessThanOrEqual(384);
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.waitFor();
      const save = dialog.getByRole('button', { name: 'Save', exact: true });
      const saveBox = await save.boundingBox();
      expect(saveBox!.x + saveBox!.width).toBeLessThanOrEqual(683);
      expect(saveBox!.y + saveBox!.height).toBeLessThanOrEqual(384);
      await expectNoAxeViolations(page, dialog);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await page.screenshot({ path: path.join(ARTIFACTS, 'a11y-narrow.png'), fullPage: true });
      await page.setViewportSize({ width: 1366, height: 768 });
    } catch (e) {
      await failShot('narrow');
      throw e;
    }
  });

  it('passes the axe check on the viewer page, paused and with a product on screen', async () => {
    try {
      await panel(page, 'Status').getByRole('radio', { name: 'Paused' }).click();
      await panel(page, 'Products').getByRole('button', { name: /^Launch A1 / }).click();
      await expect.poll(() => viewer.getByRole('region', { name: 'Featured product' }).textContent()).toMatch(/Red lipstick/);
      await expect.poll(() => viewer.getByRole('status').first().textContent()).toBe('Paused');
      await expectNoAxeViolations(viewer);
      expect(ctx.errors).toEqual([]);
    } catch (e) {
      await failShot('viewer');
      throw e;
    }
  });
});
