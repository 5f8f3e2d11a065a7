// The room pauses itself when the push drops, as the host sees it (#14 item 5): web mode, the
// threshold set in Settings, Go Live on the local studio, ffmpeg SIGKILLed (its PID from the data
// folder's lock) → the Status panel reads "Paused automatically: push lost at …", then "Live again
// automatically at …" once the broadcast reconnected by itself; a reloaded console still says so.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, chromium, ffmpeg } from '../support/prereqs';
import { LOCK_FILE } from '../../src/node/infra/dataFolderLock';
import { goLiveOnStudio, panel } from './support/console';
import { ARTIFACTS, findChromium, openConsole, type OpenConsole } from './support/webMode';
import { docShot } from './support/docShots';

const chromiumPath = findChromium();

describeWith([chromium(), ffmpeg()])('the room pauses itself when the push drops', () => {
  let c: OpenConsole;

  beforeAll(async () => {
    c = await openConsole(chromiumPath!, 'stageside-autopause-e2e-');
  });

  afterAll(async () => {
    await c?.close();
  });

  /** The ffmpeg web mode runs, as its data folder's lock records it. */
  const ffmpegPid = (): number | undefined => {
    try {
      return (JSON.parse(fs.readFileSync(path.join(c.dataDir, LOCK_FILE), 'utf8')) as { children: Record<string, number> }).children.ffmpeg;
    } catch {
      return undefined;
    }
  };

  it('has the setting in Settings, on by default, with its threshold', async () => {
    const { page } = c;
    await expect.poll(() => page.getByRole('status', { name: 'Room connection' }).textContent(), { timeout: 45_000 }).toMatch(/In the room/);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.waitFor();
    const enabled = dialog.getByRole('checkbox', { name: 'Pause the room automatically when the push drops' });
    expect(await enabled.isChecked()).toBe(true);
    const after = dialog.getByRole('textbox', { name: 'Pause after (seconds without a push)' });
    expect(await after.inputValue()).toBe('5');
    await after.fill('0');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    expect(await dialog.getByText('Enter a whole number of seconds from 1 to 600.').isVisible()).toBe(true);
    // One killed ffmpeg is back within about 3 s: a 1 s threshold pauses the room in between.
    await after.fill('1');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('says "Paused automatically" in the Status panel when the push drops, and "Live again automatically" when it is back', async () => {
    const { page } = c;
    await goLiveOnStudio(page);
    const status = panel(page, 'Status');
    await expect.poll(() => status.getByRole('radio', { name: 'Live' }).isChecked(), { timeout: 10_000 }).toBe(true);
    const line = status.getByRole('status', { name: 'Automatic status' });
    expect(await line.textContent()).toBe('');

    const pid = ffmpegPid();
    expect(pid).toBeGreaterThan(0);
    process.kill(pid!, 'SIGKILL');
    await expect.poll(() => line.textContent(), { timeout: 30_000 }).toMatch(/^Paused automatically: push lost at \d\d:\d\d:\d\d$/);
    expect(await status.getByRole('radio', { name: 'Paused' }).isChecked()).toBe(true);
    await status.screenshot({ path: docShot('console-status-auto-paused') });

    await expect.poll(() => line.textContent(), { timeout: 45_000 }).toMatch(/^Live again automatically at \d\d:\d\d:\d\d$/);
    await expect.poll(() => status.getByRole('radio', { name: 'Live' }).isChecked(), { timeout: 10_000 }).toBe(true);
    await status.screenshot({ path: path.join(ARTIFACTS, 'console-status-auto-live.png') });

    // A reloaded console catches up from main's journal.
    await page.reload();
    await expect.poll(() => panel(page, 'Status').getByRole('status', { name: 'Automatic status' }).textContent(), { timeout: 45_000 }).toMatch(
      /^Live again automatically at \d\d:\d\d:\d\d$/,
    );
    await panel(page, 'Go Live').getByRole('button', { name: 'Stop' }).click();
    // Stopping a live show asks first.
    await page.getByRole('alertdialog', { name: 'Stop the live broadcast?' }).getByRole('button', { name: 'Stop broadcast' }).click();
    await expect.poll(() => panel(page, 'Go Live').getByRole('status').first().textContent(), { timeout: 20_000 }).toBe('Ended');
    expect(c.errors).toEqual([]);
  });
});
