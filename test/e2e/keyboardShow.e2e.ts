// A whole show with the keyboard only (#20): Settings asks before Escape throws away an edit; Go
// Live, then a second Enter that does nothing (focus is on the state line); launch by hotkey;
// publish an announcement and refuse to clear it; change the room status with the arrow keys and
// refuse to end the show; chat as the host; Stop, first kept by Enter ("Keep streaming"), then
// confirmed. After every key, focus is visible and never on <body>. Found by role and name only.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium, describeWith, ffmpeg } from '../support/prereqs';
import { panel } from './support/console';
import { ARTIFACTS, findChromium, openConsole, type OpenConsole } from './support/webMode';

const CATALOG = JSON.stringify([
  { id: 'A1', title: 'Red lipstick', price: '199.00', currency: 'CNY', stock: 12 },
  { id: 'A2', title: 'Silk scarf', price: '59.90', currency: 'CNY', stock: 3 },
]);

describeWith([chromium(), ffmpeg()])('a whole show by keyboard', () => {
  let ctx: OpenConsole;
  let page: Page;
  const keys: string[] = [];

  beforeAll(async () => {
    ctx = await openConsole(findChromium()!, 'stageside-keyboard-e2e-');
    page = ctx.page;
  });

  afterAll(async () => {
    await ctx?.close();
  });

  async function focusNow(): Promise<{ body: boolean; visible: boolean; what: string }> {
    return page.evaluate(() => {
      const a = document.activeElement;
      const what = a ? `<${a.tagName.toLowerCase()}> ${(a.getAttribute('aria-label') ?? a.textContent ?? '').slice(0, 40)}` : 'nothing';
      return { body: !a || a === document.body, visible: Boolean(a?.matches(':focus-visible')), what };
    });
  }

  /** Focus is on a visible focus ring, never on <body>. */
  async function expectFocusKept(after: string): Promise<void> {
    const f = await focusNow();
    expect(f.body, `focus fell to <body> after ${after}`).toBe(false);
    expect(f.visible, `focus not visible after ${after}: ${f.what}`).toBe(true);
  }

  async function press(key: string): Promise<void> {
    keys.push(key);
    await page.keyboard.press(key);
    await expectFocusKept(`${key} (key ${keys.length})`);
  }

  const isFocused = (l: Locator): Promise<boolean> => l.evaluate((el) => el === document.activeElement);

  /** Tab (or Shift+Tab, towards a control before the focus) until `target` has focus. */
  async function tabTo(target: Locator): Promise<void> {
    const before = await target.evaluate((el) => Boolean(document.activeElement && el.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING));
    for (let i = 0; i < 250; i++) {
      if (await isFocused(target)) return;
      await press(before ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`Tab never reached ${await target.evaluate((el) => el.outerHTML.slice(0, 120))}`);
  }

  async function failShot(name: string): Promise<void> {
    await page?.screenshot({ path: path.join(ARTIFACTS, `failure-keyboard-${name}.png`) }).catch(() => undefined);
    console.log(`keys so far: ${keys.join(' ')}\n${ctx.web.output().slice(-3000)}`);
  }

  const goLive = () => panel(page, 'Go Live');
  const state = () => goLive().getByRole('status', { name: 'Broadcast state' });

  it('joins the room with two products in the catalog', async () => {
    await expect.poll(() => page.getByRole('status', { name: 'Room connection' }).textContent(), { timeout: 60_000 }).toMatch(/In the room/);
    await page.evaluate((c) => localStorage.setItem('stageside.products.v1', c), CATALOG);
    await page.reload();
    await expect.poll(() => page.getByRole('status', { name: 'Room connection' }).textContent(), { timeout: 60_000 }).toMatch(/In the room/);
    expect(await panel(page, 'Products').getByRole('listitem').count()).toBe(2);
    await press('Tab');
  });

  it('Settings: Escape with an unsaved edit asks, "Keep editing" is the default, Discard closes', async () => {
    try {
      const open = page.getByRole('button', { name: 'Settings', exact: true });
      await tabTo(open);
      await press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      const profile = dialog.getByRole('textbox', { name: 'Profile name' });
      await expect.poll(() => isFocused(profile)).toBe(true);
      await press('End');
      await page.keyboard.type(' edited');
      await press('Escape');
      const ask = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
      await ask.waitFor();
      expect(await isFocused(ask.getByRole('button', { name: 'Keep editing' }))).toBe(true);
      await press('Enter');
      await ask.waitFor({ state: 'hidden' });
      await expect.poll(() => isFocused(profile)).toBe(true);
      expect(await profile.inputValue()).toBe('Default edited');
      await press('Escape');
      await ask.waitFor();
      await press('Shift+Tab');
      expect(await isFocused(ask.getByRole('button', { name: 'Discard changes' }))).toBe(true);
      await press('Enter');
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => isFocused(open)).toBe(true);
      await expectFocusKept('closing Settings');
      expect(await page.locator('header').textContent()).not.toContain('edited');
    } catch (e) {
      await failShot('settings');
      throw e;
    }
  });

  it('goes live with Enter; focus lands on the state line, where a second Enter stops nothing', async () => {
    try {
      await tabTo(goLive().getByRole('button', { name: 'Go Live', exact: true }));
      await press('Enter');
      await expect.poll(() => state().textContent(), { timeout: 30_000 }).toBe('LIVE');
      await expect.poll(() => isFocused(state())).toBe(true);
      await expectFocusKept('going live');
      await press('Enter');
      await press('Enter');
      expect(await page.getByRole('alertdialog').count()).toBe(0);
      expect(await state().textContent()).toBe('LIVE');
    } catch (e) {
      await failShot('golive');
      throw e;
    }
  });

  it('launches a product with its hotkey', async () => {
    try {
      await press('1');
      const ack = panel(page, 'Products').getByRole('status', { name: 'Last product action' });
      await expect.poll(() => ack.textContent()).toMatch(/^Launched A1 at/);
      await expectFocusKept('launching');
    } catch (e) {
      await failShot('launch');
      throw e;
    }
  });

  it('publishes an announcement; clearing it asks, and Escape keeps it', async () => {
    try {
      const ann = panel(page, 'Announcement');
      const text = ann.getByRole('textbox', { name: 'New announcement' });
      await tabTo(text);
      await page.keyboard.type('Free shipping tonight');
      await press('Tab');
      expect(await isFocused(ann.getByRole('button', { name: 'Publish' }))).toBe(true);
      await press('Enter');
      const current = ann.getByRole('note');
      await expect.poll(() => current.textContent()).toBe('Free shipping tonight');
      await expectFocusKept('publishing');
      await press('Shift+Tab');
      await press('Control+A');
      await press('Backspace');
      await press('Tab');
      await press('Enter');
      const ask = page.getByRole('alertdialog', { name: 'Clear the announcement?' });
      await ask.waitFor();
      expect(await isFocused(ask.getByRole('button', { name: 'Keep announcement' }))).toBe(true);
      await press('Escape');
      await ask.waitFor({ state: 'hidden' });
      expect(await isFocused(ann.getByRole('button', { name: 'Publish' }))).toBe(true);
      expect(await current.textContent()).toBe('Free shipping tonight');
    } catch (e) {
      await failShot('announcement');
      throw e;
    }
  });

  it('changes the room status with the arrow keys, focus kept while it writes; ending the show asks', async () => {
    try {
      const status = panel(page, 'Status');
      const radio = (name: string) => status.getByRole('radio', { name });
      await expect.poll(() => radio('Live').isChecked()).toBe(true);
      await tabTo(radio('Live'));
      await press('ArrowRight');
      await expect.poll(() => radio('Paused').isChecked()).toBe(true);
      // The write is done: the radio still has focus (a disabled fieldset had dropped it to <body>).
      await expect.poll(() => status.getByRole('group', { name: 'Room status' }).getAttribute('aria-busy')).toBe('false');
      await expectFocusKept('the status write');
      expect(await isFocused(radio('Paused'))).toBe(true);
      await press('ArrowRight');
      const ask = page.getByRole('alertdialog', { name: 'End the show?' });
      await ask.waitFor();
      expect(await isFocused(ask.getByRole('button', { name: 'Keep the status' }))).toBe(true);
      await press('Enter');
      await ask.waitFor({ state: 'hidden' });
      await expectFocusKept('keeping the status');
      expect(await radio('Paused').isChecked()).toBe(true);
      await press('ArrowLeft');
      await press('ArrowLeft');
      await expect.poll(() => radio('Live').isChecked()).toBe(true);
      await expect.poll(() => status.getByRole('group', { name: 'Room status' }).getAttribute('aria-busy')).toBe('false');
      await expectFocusKept('the second status write');
    } catch (e) {
      await failShot('status');
      throw e;
    }
  });

  it('chats as the host', async () => {
    try {
      const say = panel(page, 'Chat').getByRole('textbox', { name: 'Message as host' });
      await tabTo(say);
      await page.keyboard.type('Welcome, everyone');
      await press('Enter');
      await expect.poll(() => page.getByRole('region', { name: 'Chat messages' }).textContent()).toContain('Welcome, everyone');
      await expectFocusKept('sending');
    } catch (e) {
      await failShot('chat');
      throw e;
    }
  });

  it('Stop asks: Enter keeps streaming (and a digit launches nothing); confirmed, the show ends with focus on the state line', async () => {
    try {
      const stop = goLive().getByRole('button', { name: 'Stop', exact: true });
      await tabTo(stop);
      await press('Enter');
      const ask = page.getByRole('alertdialog', { name: 'Stop the live broadcast?' });
      await ask.waitFor();
      expect(await isFocused(ask.getByRole('button', { name: 'Keep streaming' }))).toBe(true);
      const ack = panel(page, 'Products').getByRole('status', { name: 'Last product action' });
      await press('2');
      await press('Enter');
      await ask.waitFor({ state: 'hidden' });
      expect(await isFocused(stop)).toBe(true);
      expect(await state().textContent()).toBe('LIVE');
      expect(await ack.textContent()).toMatch(/^Launched A1 at/);

      await press('Enter');
      await ask.waitFor();
      await press('Tab');
      expect(await isFocused(ask.getByRole('button', { name: 'Stop broadcast' }))).toBe(true);
      await press('Enter');
      await expect.poll(() => state().textContent(), { timeout: 20_000 }).toBe('Ended');
      await expect.poll(() => isFocused(state())).toBe(true);
      await expectFocusKept('the end of the show');
      await expect.poll(() => panel(page, 'Status').getByRole('radio', { name: 'Ended' }).isChecked()).toBe(true);
      expect(ctx.errors).toEqual([]);
    } catch (e) {
      await failShot('stop');
      throw e;
    }
  });
});
