// Moderation e2e: `stageside web` runs the studio with its embedded callbacks service (seeded with
// a mask list holding "scam"). A reject list imported through the Moderation dialog refuses a
// viewer's message; "scam" arrives masked; the host's own chat is held by pre-flight; chatting under
// edited level rules raises the viewer to level 2, shown as a badge in the feed and in Top users.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, chromium } from '../support/prereqs';
import { panel, studioOf, type ConsoleStudio } from './support/console';
import { ARTIFACTS, findChromium, openConsole, type OpenConsole, type WebProcess } from './support/webMode';
import { docShot } from './support/docShots';

const chromiumPath = findChromium();

const BANNED = 'verboten';
const shot = (file: string): string => path.join(ARTIFACTS, `moderation-${file}.png`);

describeWith([chromium()])('moderation and levels (web mode + studio callbacks)', () => {
  let ctx: OpenConsole;
  let web: WebProcess;
  let page: Page;
  let viewer: Page;
  let studio: ConsoleStudio;
  let errors: string[] = [];

  beforeAll(async () => {
    ctx = await openConsole(chromiumPath!, 'stageside-moderation-e2e-');
    ({ web, page, errors } = ctx);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  async function failShot(name: string): Promise<void> {
    await page?.screenshot({ path: path.join(ARTIFACTS, `failure-moderation-${name}.png`) }).catch(() => undefined);
    await viewer?.screenshot({ path: path.join(ARTIFACTS, `failure-moderation-${name}-viewer.png`) }).catch(() => undefined);
    console.log(web?.output().slice(-4000));
  }

  async function openModeration(tab: 'Word lists' | 'Level rules' | 'Top users'): Promise<Locator> {
    await page.getByRole('button', { name: 'Moderation', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Moderation' });
    await dialog.getByRole('tab', { name: tab }).click();
    return dialog;
  }

  async function closeModeration(): Promise<void> {
    await page.getByRole('dialog', { name: 'Moderation' }).getByRole('button', { name: 'Close moderation' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Moderation' }).count()).toBe(0);
  }

  async function viewerSays(text: string): Promise<void> {
    const say = viewer.getByRole('textbox', { name: 'Say something' });
    await say.fill(text);
    await say.press('Enter');
  }

  const feed = (): Locator => page.getByRole('region', { name: 'Chat messages' });

  it('joins the studio demo room, with a viewer beside it', async () => {
    const status = page.getByRole('status', { name: 'Room connection' });
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(/In the room/);
    studio = await studioOf(page);
    viewer = await ctx.browser.newPage({ viewport: { width: 1100, height: 760 } });
    await viewer.goto(`${studio.viewerUrl}&user=e2e_mod&nick=ModViewer&lang=en`);
    await expect.poll(() => viewer.getByRole('textbox', { name: 'Say something' }).isEnabled(), { timeout: 20_000 }).toBe(true);
  });

  it('imports a reject list: the viewer is refused, and the seeded list masks "scam"', async () => {
    try {
      const dialog = await openModeration('Word lists');
      const lists = dialog.getByRole('table', { name: 'Word lists' });
      await expect.poll(() => lists.textContent(), { timeout: 15_000 }).toContain('studio-default');
      await dialog.getByRole('textbox', { name: 'List id' }).fill('e2e-banned');
      await dialog.getByRole('combobox', { name: 'Action' }).selectOption('reject');
      await dialog.getByLabel('Word list file (.txt)').setInputFiles({ name: 'banned.txt', mimeType: 'text/plain', buffer: Buffer.from(`# e2e\n${BANNED}\n`) });
      await expect.poll(() => dialog.getByRole('textbox', { name: 'Words (one per line)' }).inputValue()).toContain(BANNED);
      await dialog.getByRole('button', { name: 'Import', exact: true }).click();
      await expect.poll(() => dialog.getByRole('status', { name: 'Word list result' }).textContent()).toBe('Imported e2e-banned — words: 1');
      await expect.poll(() => lists.getByRole('row', { name: /e2e-banned/ }).textContent()).toMatch(/e2e-bannedAll roomsReject1/);

      await dialog.getByRole('textbox', { name: 'Message to test' }).fill(`a scam and ${BANNED}`);
      await dialog.getByRole('button', { name: 'Check', exact: true }).click();
      const result = dialog.getByRole('status', { name: 'Check result' });
      await expect.poll(() => result.textContent()).toMatch(/Verdict: Refused/);
      expect(await result.textContent()).toContain(`${BANNED} — list e2e-banned, Reject`);
      await result.scrollIntoViewIfNeeded();
      await dialog.screenshot({ path: docShot('moderation-lists') });
      await closeModeration();

      await viewerSays(`this is ${BANNED} talk`);
      await expect.poll(() => viewer.getByRole('list', { name: 'Chat messages' }).textContent(), { timeout: 10_000 }).toMatch(/Not sent: /);
      await viewerSays('what a scam deal');
      await expect.poll(() => feed().textContent(), { timeout: 10_000 }).toContain('what a **** deal');
      expect(await feed().textContent()).not.toContain(BANNED);
      await viewer.screenshot({ path: shot('viewer-refused') });
    } catch (e) {
      await failShot('lists');
      throw e;
    }
  });

  it("holds the host's own chat with a listed word and shows the match", async () => {
    try {
      const chat = panel(page, 'Chat');
      await chat.getByRole('textbox', { name: 'Message as host' }).fill(`no ${BANNED} here`);
      await chat.getByRole('button', { name: 'Send', exact: true }).click();
      const alert = chat.getByRole('alert');
      await expect.poll(() => alert.textContent()).toContain(`Not sent: the room filters these words (Refused): ${BANNED}`);
      expect(await alert.getByRole('button', { name: 'Send anyway' }).count()).toBe(1);
      expect(await feed().textContent()).not.toContain(`no ${BANNED} here`);
      await chat.screenshot({ path: shot('preflight') });
      await alert.getByRole('button', { name: 'Edit message' }).click();
    } catch (e) {
      await failShot('preflight');
      throw e;
    }
  });

  it('raises the chatting viewer to level 2 under edited rules, shown as a badge in the feed', async () => {
    try {
      // Default rules need 20 points at 1 point per message and 5 per minute: ten points per message, no cap.
      const dialog = await openModeration('Level rules');
      const points = dialog.getByRole('textbox', { name: 'Points per message' });
      await expect.poll(() => points.inputValue(), { timeout: 15_000 }).toBe('1');
      await points.fill('10');
      await dialog.getByRole('textbox', { name: 'Message points per minute (0 = no cap)' }).fill('0');
      await dialog.getByRole('button', { name: 'Save rules' }).click();
      await expect.poll(() => dialog.getByRole('status', { name: 'Level rules result' }).textContent()).toMatch(/^Saved as version [2-9]/);
      await dialog.screenshot({ path: shot('rules') });
      await closeModeration();

      for (let i = 1; i <= 3; i++) await viewerSays(`level up ${i}`);
      await expect.poll(() => feed().textContent(), { timeout: 10_000 }).toContain('level up 3');
      // Levels are polled every 5 s for senders not asked about in the last 30 s.
      const badge = feed().locator('.feed-text', { hasText: 'ModViewer' }).last().locator('.level-badge');
      // Visible "Lv2", read as "Level 2" (hidden text: a plain span cannot carry an aria-label).
      await expect.poll(async () => ((await badge.count()) ? await badge.textContent() : ''), { timeout: 50_000, interval: 1000 }).toMatch(/^Lv[2-9]Level [2-9]$/);
      await panel(page, 'Chat').screenshot({ path: docShot('moderation-level-badge') });
    } catch (e) {
      await failShot('levels');
      throw e;
    }
  });

  it('lists the viewer among the top users and looks them up', async () => {
    try {
      const dialog = await openModeration('Top users');
      const top = dialog.getByRole('table', { name: 'Top users' });
      await expect.poll(() => top.getByRole('row', { name: /e2e_mod/ }).count(), { timeout: 15_000 }).toBe(1);
      expect(Number(await top.getByRole('row', { name: /e2e_mod/ }).locator('td').first().textContent())).toBeGreaterThanOrEqual(2);
      await dialog.getByRole('textbox', { name: 'User ID' }).fill('e2e_mod');
      await dialog.getByRole('button', { name: 'Look up', exact: true }).click();
      await expect.poll(() => dialog.getByRole('status', { name: 'User standing' }).textContent()).toMatch(/e2e_mod/);
      await dialog.screenshot({ path: shot('top-users') });
      await closeModeration();
      expect(errors).toEqual([]);
    } catch (e) {
      await failShot('top-users');
      throw e;
    }
  });
});
