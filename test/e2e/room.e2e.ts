// Room dialog e2e: `stageside web` runs the local studio, whose REST is Tencent-shaped, so the
// dialog's commands run end to end: create an AVChatRoom with a custom id (the host owns it), the
// console's room session rejoins it (a status change is acknowledged and reflected for the new
// group), the studio's FLV play URL is shown, the push URL is copied to the clipboard with its
// txSecret while the page only ever shows it masked, Test connection reports rest and room OK,
// a missing group is refused with a clear error, busy buttons keep focus (Escape still closes),
// Settings saves before testing ("Save and test", the dialog stays open), and switching to Tencent
// Cloud mode checks the required fields first, clears the demo room's data and says why the room
// is unavailable without retrying a configuration error.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, chromium } from '../support/prereqs';
import { panel } from './support/console';
import { ARTIFACTS, findChromium, openConsole, type OpenConsole, type WebProcess } from './support/webMode';
import { docShot } from './support/docShots';

const chromiumPath = findChromium();

const ROOM = `e2e-room-${Date.now().toString(36)}`;
// ASCII: headless Chromium here has no CJK font, and the dialog is screenshotted for the docs.
const NAME = 'Friday flash sale';

describeWith([chromium()])('Room dialog (web mode + local studio)', () => {
  let ctx: OpenConsole;
  let web: WebProcess;
  let page: Page;
  let dataDir: string;
  let errors: string[] = [];

  beforeAll(async () => {
    ctx = await openConsole(chromiumPath!, 'stageside-room-e2e-');
    ({ web, page, errors, dataDir } = ctx);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.origin });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  async function failShot(name: string): Promise<void> {
    await page?.screenshot({ path: path.join(ARTIFACTS, `failure-room-${name}.png`) }).catch(() => undefined);
    console.log(web?.output().slice(-4000));
  }

  const roomStatus = (): Locator => page.getByRole('status', { name: 'Room connection' });

  const roomDialog = (): Locator => page.getByRole('dialog', { name: 'Room management' });

  async function openRoom(): Promise<Locator> {
    await page.getByRole('button', { name: 'Room', exact: true }).click();
    const dialog = roomDialog();
    await dialog.waitFor();
    return dialog;
  }

  async function closeRoom(): Promise<void> {
    await roomDialog().getByRole('button', { name: 'Close Room management' }).click();
    await expect.poll(() => roomDialog().count()).toBe(0);
  }

  /** The accessible name of the focused element (focus must not fall to <body>). */
  const focused = (): Promise<string> =>
    page.evaluate(() => {
      const el = document.activeElement;
      return !el || el === document.body ? '<body>' : `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent ?? ''}`;
    });

  /** Everything a user could read: visible text and the values of every field. */
  const pageText = (): Promise<string> =>
    page.evaluate(() => [document.body.innerText, ...[...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value)].join('\n'));

  it('joins the studio demo room and shows it in the Room dialog', async () => {
    try {
      await expect.poll(() => roomStatus().textContent(), { timeout: 60_000 }).toMatch(/^demo: In the room/);
      const dialog = await openRoom();
      const info = dialog.getByRole('region', { name: 'Current room' });
      await expect.poll(() => info.textContent(), { timeout: 15_000 }).toMatch(/Group IDdemo/);
      expect(await info.textContent()).toMatch(/TypeAVChatRoom/);
    } catch (e) {
      await failShot('demo');
      throw e;
    }
  });

  it('creates a room with a custom id, owned by the host, and the console rejoins it', async () => {
    try {
      const dialog = roomDialog();
      const create = dialog.getByRole('form', { name: 'Create a room' });
      // The name limit is in bytes: 11 CJK characters are 33 bytes.
      await create.getByRole('textbox', { name: 'Room name' }).fill('直'.repeat(11));
      await create.getByRole('button', { name: 'Create room' }).click();
      expect(await create.getByText('The room name is limited to 30 bytes').count()).toBe(1);

      await create.getByRole('textbox', { name: 'Group ID (optional)' }).fill(ROOM);
      await create.getByRole('textbox', { name: 'Room name' }).fill(NAME);
      await create.getByRole('textbox', { name: 'Welcome notification (optional)' }).fill('Welcome to the e2e show');
      await create.getByRole('button', { name: 'Create room' }).click();
      await expect.poll(() => create.getByRole('status', { name: 'Create room result' }).textContent(), { timeout: 15_000 }).toBe(
        `Created ${ROOM}; the console now uses it.`,
      );
      // The button was aria-disabled (not disabled) while busy: focus stayed on it.
      expect(await focused()).toBe('button:Create room');
      const info = dialog.getByRole('region', { name: 'Current room' });
      await expect.poll(() => info.textContent()).toContain(`Group ID${ROOM}`);
      const facts = await info.textContent();
      expect(facts).toContain(`Name${NAME}`);
      expect(facts).toContain('TypeAVChatRoom');
      expect(facts).toContain('Ownerhost');
      expect(facts).toContain('Welcome notificationWelcome to the e2e show');
      expect(await info.getByTestId('room-owner-note').count()).toBe(0);

      // The room session follows the saved group id: the header names the new room once joined.
      await expect.poll(() => roomStatus().textContent(), { timeout: 30_000 }).toBe(`${ROOM}: In the room`);
      await closeRoom();
      const status = panel(page, 'Status');
      await status.getByRole('radio', { name: 'Live' }).click();
      await expect.poll(() => status.getByRole('status', { name: 'Status result' }).textContent(), { timeout: 10_000 }).toMatch(/^Live: done at/);
      // The checked radio is what the joined room reports: the field change reached this group's session.
      await expect.poll(() => status.getByRole('radio', { name: 'Live' }).isChecked(), { timeout: 10_000 }).toBe(true);

      const again = await openRoom();
      await again.getByRole('region', { name: 'Current room' }).getByRole('button', { name: 'Refresh room info' }).click();
      await expect.poll(() => again.getByRole('region', { name: 'Current room' }).textContent()).toMatch(/Custom fields[^]*room_status/);
    } catch (e) {
      await failShot('create');
      throw e;
    }
  });

  it("shows the studio's FLV play URL and viewer page for the new room", async () => {
    try {
      const play = roomDialog().getByRole('region', { name: 'Viewer playback' });
      const flv = play.getByRole('textbox', { name: 'FLV' });
      await expect.poll(() => flv.inputValue(), { timeout: 10_000 }).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/live\/[\w.-]+\.flv$/);
      expect(await play.getByRole('link', { name: 'Open the studio viewer page' }).getAttribute('href')).toContain(`room=${ROOM}`);
      await play.getByRole('button', { name: 'Copy FLV URL' }).click();
      await expect.poll(() => play.getByRole('status', { name: 'Playback copy result' }).textContent()).toBe('FLV URL copied');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await flv.inputValue());
    } catch (e) {
      await failShot('play');
      throw e;
    }
  });

  it('copies the push URL and stream key to the clipboard; the page shows them masked only', async () => {
    try {
      const push = roomDialog().getByRole('region', { name: 'Push (OBS or another encoder)' });
      await expect.poll(() => push.getByRole('textbox', { name: 'Push URL (secret masked)' }).inputValue()).toMatch(/^rtmp:\/\//);
      await push.getByRole('button', { name: 'Copy push URL' }).click();
      const result = push.getByRole('status', { name: 'Push copy result' });
      await expect.poll(() => result.textContent()).toBe('Push URL copied to the clipboard');
      const url = await page.evaluate(() => navigator.clipboard.readText());
      expect(url).toMatch(/^rtmp:\/\/[^?\s]+\?txSecret=[0-9a-f]{32}&txTime=[0-9A-F]{8}$/);
      const secret = /txSecret=([0-9a-f]{32})/.exec(url)![1]!;
      expect(await pageText()).not.toContain(secret);
      expect(await push.getByRole('textbox', { name: 'Push URL (secret masked)' }).inputValue()).not.toContain(secret);

      await push.getByRole('button', { name: 'Copy stream key' }).click();
      await expect.poll(() => result.textContent()).toBe('Stream key copied to the clipboard');
      const key = await page.evaluate(() => navigator.clipboard.readText());
      const [keyName, keyQuery] = key.split('?') as [string, string];
      expect(url).toContain(`/${keyName}?`);
      expect(keyQuery).toMatch(/^txSecret=[0-9a-f]{32}&txTime=[0-9A-F]{8}$/);
      // Each copy is signed when asked: within the same second it is the URL's own tail (a second
      // later txTime, and so txSecret, differ).
      if (url.endsWith(keyQuery.slice(keyQuery.indexOf('&')))) expect(url.endsWith(key)).toBe(true);
      expect(await pageText()).not.toContain(secret);
      expect(await pageText()).not.toContain(/txSecret=([0-9a-f]{32})/.exec(key)![1]!);
    } catch (e) {
      await failShot('push');
      throw e;
    }
  });

  it('tests the connection: REST and the room answer OK', async () => {
    try {
      const dialog = roomDialog();
      await dialog.getByRole('button', { name: 'Test connection' }).click();
      const table = dialog.getByRole('table', { name: 'Connection test results' });
      await expect.poll(() => table.count(), { timeout: 20_000 }).toBe(1);
      expect(await focused()).toBe('button:Test connection');
      await expect.poll(() => table.getByRole('row', { name: /^IM REST API/ }).textContent()).toMatch(/OK/);
      expect(await table.getByRole('row', { name: /^Room \(group\)/ }).textContent()).toMatch(/OK.*AVChatRoom/);
      expect(await table.getByRole('row', { name: /^Settings/ }).textContent()).toContain(ROOM);
      expect(await table.locator('tbody tr').count()).toBe(8);
      expect(await pageText()).not.toMatch(/txSecret=[0-9a-f]{32}/);

      // The whole dialog for the docs: a viewport tall enough that nothing scrolls.
      await page.setViewportSize({ width: 1280, height: 1900 });
      await dialog.screenshot({ path: docShot('room-dialog') });
      await page.setViewportSize({ width: 1366, height: 768 });
    } catch (e) {
      await failShot('test-connection');
      throw e;
    }
  });

  it('refuses a group that does not exist with a clear error, and switches back to an existing one', async () => {
    try {
      const dialog = roomDialog();
      const use = dialog.getByRole('form', { name: 'Use an existing group' });
      await use.getByRole('textbox', { name: 'Existing group ID' }).fill('e2e-no-such-room');
      await use.getByRole('button', { name: 'Use group' }).click();
      const alert = use.getByRole('alert');
      await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toMatch(/^Failed: 10010 group does not exist.*e2e-no-such-room/);
      expect(await roomStatus().textContent()).toBe(`${ROOM}: In the room`);

      await use.getByRole('textbox', { name: 'Existing group ID' }).fill('demo');
      await use.getByRole('button', { name: 'Use group' }).click();
      await expect.poll(() => use.getByRole('status', { name: 'Use group result' }).textContent()).toBe('Now using demo.');
      await expect.poll(() => roomStatus().textContent(), { timeout: 30_000 }).toBe('demo: In the room');
      // Focus stayed on the busy button, so Escape still closes the dialog (it used to fall to <body>).
      expect(await focused()).toBe('button:Use group');
      await page.keyboard.press('Escape');
      await expect.poll(() => roomDialog().count()).toBe(0);
    } catch (e) {
      await failShot('use');
      throw e;
    }
  });

  it('saves unsaved Settings before testing them, and stays open ("Save and test")', async () => {
    try {
      await page.getByRole('button', { name: 'Settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.waitFor();
      expect(await dialog.getByRole('button', { name: 'Test connection' }).isEnabled()).toBe(true);
      await dialog.getByRole('textbox', { name: 'Stream name' }).fill('e2e-stream');
      const saveAndTest = dialog.getByRole('button', { name: 'Save and test' });
      expect(await saveAndTest.isEnabled()).toBe(true);
      await saveAndTest.click();
      const table = dialog.getByRole('table', { name: 'Connection test results' });
      await expect.poll(() => table.getByRole('row', { name: /^Room \(group\)/ }).textContent(), { timeout: 20_000 }).toMatch(/OK/);
      // Saved (the test used it), the dialog is still open, and the button is "Test connection" again, focused.
      expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).lvb.streamName).toBe('e2e-stream');
      expect(await focused()).toBe('button:Test connection');
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);
      expect(errors).toEqual([]);
    } catch (e) {
      await failShot('settings');
      throw e;
    }
  });

  it('switches to Tencent Cloud mode: required fields first, then a cleared console that says why the room is unavailable', async () => {
    try {
      const counters = panel(page, 'Counters');
      await expect.poll(() => counters.getByRole('group', { name: 'Viewers online', exact: true }).locator('.stat-value').textContent(), { timeout: 15_000 }).toMatch(/^\d+$/);
      await page.getByRole('button', { name: 'Settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.waitFor();
      await dialog.getByRole('radio', { name: 'Tencent Cloud' }).check();
      const sdkAppId = dialog.getByRole('textbox', { name: 'SDKAppID' });
      expect(await sdkAppId.getAttribute('placeholder')).toBeNull();
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      // Refused before saving, on the field, with focus there.
      await expect.poll(() => dialog.locator('#settings-sdkAppId-error').textContent()).toMatch(/^Required in Tencent Cloud mode/);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('settings-sdkAppId');
      expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).mode).toBe('studio');
      await sdkAppId.fill('1400000001');
      expect(await dialog.locator('#settings-region-hint').textContent()).toBe('Automatic → Chinese mainland (console.tim.qq.com)');
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => dialog.count()).toBe(0);

      // No SecretKey: a configuration error, spelt out under the header and not retried.
      const banner = page.getByRole('group', { name: /^Room unavailable:/ });
      await expect.poll(() => banner.textContent(), { timeout: 20_000 }).toMatch(/Set the IM SecretKey in Settings first/);
      expect(await banner.textContent()).toContain('Not retried by itself');
      // Each mode keeps its own room: Tencent has none yet, and the header says so (not "demo").
      expect(await roomStatus().textContent()).toMatch(/^No room chosen: Room unavailable: Set the IM SecretKey/);
      // The studio demo room's numbers are gone, not shown as this room's.
      expect(await counters.getByRole('group', { name: 'Viewers online', exact: true }).locator('.stat-value').textContent()).toBe('—');
      expect(await panel(page, 'Status').getByRole('status', { name: 'Status result' }).textContent()).toBe('');
      const tencentPanel = panel(page, 'Tencent Cloud room');
      expect(await tencentPanel.getByTestId('tencent-room').textContent()).toBe('No room chosen');
      await page.screenshot({ path: docShot('console-tencent-room-unavailable') });
      await tencentPanel.getByRole('button', { name: 'Open Room management' }).click();
      // With no room, Push says why its buttons are disabled.
      await expect.poll(() => roomDialog().getByRole('region', { name: 'Push (OBS or another encoder)' }).textContent()).toMatch(/Push URL unavailable: Set the IM SecretKey/);
      await page.keyboard.press('Escape');
      await expect.poll(() => roomDialog().count()).toBe(0);

      // Back to the studio: settings changes restart the session at once.
      await page.getByRole('button', { name: 'Settings' }).click();
      await dialog.getByRole('radio', { name: 'Local studio' }).check();
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => roomStatus().textContent(), { timeout: 30_000 }).toBe('demo: In the room');
      expect(await banner.count()).toBe(0);
      expect(errors).toEqual([]);
    } catch (e) {
      await failShot('tencent');
      throw e;
    }
  });
});
