// Team console e2e: `stageside web` (with its local studio) and three browser contexts — the host
// (the per-launch link), an assistant and a moderator (invite links the host issued in the Team
// dialog). Each console signs in with its own account: nobody is kicked; an action in any console
// shows in all (the time is measured); a moderator's launch is refused with the role it needs;
// the same assistant in a second tab is offered a take-over instead of a kick; viewers see each
// operator's name and role; the journal lists every action with its delivery acknowledgement,
// exports CSV and JSON, and survives a restart; revoking a link disconnects that console at once.
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium, describeWith } from '../support/prereqs';
import { panel, studioOf } from './support/console';
import { ARTIFACTS, findChromium, openConsole, startWebProcess, type OpenConsole, type WebProcess } from './support/webMode';

const chromiumPath = findChromium();
const CSV = ['id,title,price', 'A1,Red lipstick,199.00', 'A2,Silk scarf,59.90', 'A3,Tea set,88.00'].join('\n');
const IN_ROOM = /^demo: In the room/;

describeWith([chromium()])('team console: host, assistant and moderator (web mode + local studio)', () => {
  let ctx: OpenConsole;
  let web: WebProcess;
  let host: Page;
  let assistantCtx: BrowserContext;
  let moderatorCtx: BrowserContext;
  let assistant: Page;
  let moderator: Page;
  let viewer: Page;
  const figures: string[] = [];

  beforeAll(async () => {
    ctx = await openConsole(chromiumPath!, 'stageside-team-e2e-');
    ({ web, page: host } = ctx);
  });

  afterAll(async () => {
    if (figures.length) console.log(`team e2e figures:\n  ${figures.join('\n  ')}`);
    await ctx?.close();
  });

  async function failShot(name: string): Promise<void> {
    for (const [who, p] of [['host', host], ['assistant', assistant], ['moderator', moderator], ['viewer', viewer]] as const) {
      await p?.screenshot({ path: path.join(ARTIFACTS, `failure-team-${name}-${who}.png`) }).catch(() => undefined);
    }
    console.log(web?.output().slice(-3000));
  }

  const roomStatus = (p: Page): Locator => p.getByRole('status', { name: 'Room connection' });
  const nowShowing = (p: Page): Promise<string> => panel(p, 'Products').locator('.products-live').innerText();

  async function importCatalog(p: Page): Promise<void> {
    const products = panel(p, 'Products');
    await products.getByLabel('Import products (CSV or JSON)').setInputFiles({ name: 'catalog.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await expect.poll(() => products.getByRole('status', { name: 'Import result' }).textContent()).toMatch(/Imported 3 products/);
  }

  async function invite(name: string, role: 'Assistant' | 'Moderator'): Promise<string> {
    await host.getByRole('button', { name: 'Team', exact: true }).click();
    const dialog = host.getByRole('dialog', { name: 'Team' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
    await dialog.getByRole('combobox', { name: 'Role' }).selectOption({ label: role });
    await dialog.getByRole('button', { name: 'Create invite link' }).click();
    const link = await dialog.getByRole('textbox', { name: `Invite link for ${name}` }).inputValue({ timeout: 10_000 });
    await dialog.getByRole('button', { name: 'Close Team' }).click();
    return link;
  }

  /** Resolves with Date.now() in the page when `predicate` first holds (checked every 5 ms). */
  const seenAt = (p: Page, text: string): Promise<number> =>
    p.evaluate(
      (want) =>
        new Promise<number>((resolve) => {
          const timer = setInterval(() => {
            if (document.querySelector('.products-live')?.textContent?.includes(want)) {
              clearInterval(timer);
              resolve(Date.now());
            }
          }, 5);
        }),
      text,
    );

  it('the host invites an assistant and a moderator; all three sign in as themselves and nobody is kicked', async () => {
    try {
      await expect.poll(() => roomStatus(host).textContent(), { timeout: 60_000 }).toMatch(IN_ROOM);
      await importCatalog(host);
      const assistantLink = await invite('Assistant 1', 'Assistant');
      const moderatorLink = await invite('Mia', 'Moderator');
      expect(assistantLink).toMatch(/\/\?invite=a1\.\d+\.[\w-]{43}$/);

      assistantCtx = await ctx.browser.newContext({ viewport: { width: 1366, height: 768 } });
      moderatorCtx = await ctx.browser.newContext({ viewport: { width: 1366, height: 768 } });
      assistant = await assistantCtx.newPage();
      moderator = await moderatorCtx.newPage();
      await assistant.goto(assistantLink);
      await moderator.goto(moderatorLink);
      // The invite left the address bar for a session cookie.
      expect(assistant.url()).not.toContain('invite=');
      for (const p of [assistant, moderator]) await expect.poll(() => roomStatus(p).textContent(), { timeout: 60_000 }).toMatch(IN_ROOM);
      expect(await assistant.getByTestId('operator-badge').textContent()).toBe('You are Assistant 1 (Assistant)');
      expect(await moderator.getByTestId('operator-badge').textContent()).toBe('You are Mia (Moderator)');
      // Settings and invites are the host's.
      expect(await assistant.getByRole('button', { name: 'Settings' }).count()).toBe(0);
      expect(await assistant.getByRole('button', { name: 'Team', exact: true }).count()).toBe(0);
      await importCatalog(assistant);
      await importCatalog(moderator);

      // The host sees who is connected, from where.
      await host.getByRole('button', { name: 'Team', exact: true }).click();
      const consoles = host.getByRole('dialog', { name: 'Team' }).locator('.team-consoles');
      await expect.poll(() => consoles.innerText()).toMatch(/Assistant 1 \(Assistant\) from 127\.0\.0\.1/);
      expect(await consoles.innerText()).toMatch(/Mia \(Moderator\) from 127\.0\.0\.1/);
      await host.getByRole('button', { name: 'Close Team' }).click();
      for (const p of [host, assistant, moderator]) expect(await roomStatus(p).textContent()).toMatch(IN_ROOM);
    } catch (e) {
      await failShot('join');
      throw e;
    }
  });

  it("an assistant's launch shows in every console; a moderator's is refused with the role it needs", async () => {
    try {
      const seen = Promise.all([seenAt(host, 'A1'), seenAt(moderator, 'A1')]);
      const clicked = await assistant.evaluate(() => {
        const b = [...document.querySelectorAll('button')].find((x) => x.getAttribute('aria-label')?.startsWith('Launch A1 '));
        (b as HTMLButtonElement).click();
        return Date.now();
      });
      const [atHost, atModerator] = await seen;
      const ms = Math.max(atHost, atModerator) - clicked;
      figures.push(`launch by the assistant → shown at the host after ${atHost - clicked} ms, at the moderator after ${atModerator - clicked} ms (goal 300 ms)`);
      // The goal is 300 ms; this bound only catches a console that does not follow at all (timing on a loaded machine is noisy).
      expect(ms).toBeLessThan(5_000);
      await expect.poll(() => panel(host, 'Products').getByTestId('set-by').textContent()).toMatch(/^Set by Assistant 1 \(Assistant\) at/);

      await panel(moderator, 'Products').getByRole('button', { name: /^Launch A2 / }).click();
      await expect.poll(() => panel(moderator, 'Products').getByRole('status', { name: 'Last product action' }).textContent()).toMatch(/Needs the Assistant role/);
      expect(await nowShowing(host)).toContain('A1');

      // Status by the host and an announcement by the assistant: every console shows who made them.
      await panel(host, 'Status').getByRole('radio', { name: 'Live' }).click();
      await expect.poll(() => panel(assistant, 'Status').getByRole('radio', { name: 'Live' }).isChecked(), { timeout: 10_000 }).toBe(true);
      await expect.poll(() => panel(moderator, 'Status').getByTestId('set-by').textContent()).toMatch(/^Set by Host \(Host\) at/);
      const ann = panel(assistant, 'Announcement');
      await ann.getByRole('textbox', { name: 'New announcement' }).fill('Free shipping tonight');
      await ann.getByRole('button', { name: 'Publish' }).click();
      await expect.poll(() => panel(host, 'Announcement').getByTestId('set-by').textContent(), { timeout: 10_000 }).toMatch(/^Set by Assistant 1 \(Assistant\)/);
      // The moderator mutes nobody here but may moderate; still nobody was kicked.
      for (const p of [host, assistant, moderator]) expect(await roomStatus(p).textContent()).toMatch(IN_ROOM);
    } catch (e) {
      await failShot('actions');
      throw e;
    }
  });

  it('viewers see each operator by name with a role badge', async () => {
    try {
      const studio = await studioOf(host);
      viewer = await ctx.browser.newPage({ viewport: { width: 1100, height: 760 } });
      await viewer.goto(`${studio.viewerUrl}&user=team_viewer&nick=Viewer&lang=en`);
      const feed = viewer.getByRole('list', { name: 'Chat messages' });
      await feed.waitFor({ timeout: 20_000 });
      for (const [p, text] of [[host, 'Welcome from the host'], [assistant, 'Hello from the assistant'], [moderator, 'Please keep it friendly']] as const) {
        const chat = panel(p, 'Chat');
        await chat.getByRole('textbox', { name: 'Message as host' }).fill(text);
        await chat.getByRole('button', { name: 'Send' }).click();
      }
      await expect.poll(() => feed.innerText(), { timeout: 15_000 }).toContain('Assistant 1 [Assistant]: Hello from the assistant');
      await expect.poll(() => feed.innerText(), { timeout: 15_000 }).toContain('Mia [Moderator]: Please keep it friendly');
      expect(await feed.innerText()).toMatch(/host \[Host\]: Welcome from the host/);
      // The consoles' feeds show the badge too.
      await expect.poll(() => panel(host, 'Chat').innerText(), { timeout: 10_000 }).toContain('Hello from the assistant');
      expect(await panel(host, 'Chat').locator('.badge-role-assistant').count()).toBeGreaterThan(0);
    } catch (e) {
      await failShot('chat');
      throw e;
    }
  });

  it('the same assistant in a second tab is offered the room login instead of a kick, and can take it over', async () => {
    let second: Page | undefined;
    try {
      second = await assistantCtx.newPage();
      await second.goto(web.origin + '/');
      const banner = second.getByRole('region', { name: 'Room login' });
      await expect.poll(() => banner.textContent(), { timeout: 30_000 }).toMatch(/Your room login is open in another console/);
      // The second tab shows the shared state without its own login; the first stays in the room.
      await expect.poll(() => nowShowing(second!)).toContain('A1');
      expect(await roomStatus(assistant).textContent()).toMatch(IN_ROOM);
      await banner.getByRole('button', { name: 'Take over the room login here' }).click();
      await expect.poll(() => roomStatus(second!).textContent(), { timeout: 30_000 }).toMatch(IN_ROOM);
      await expect
        .poll(() => assistant.getByRole('region', { name: 'Room login' }).textContent(), { timeout: 15_000 })
        .toMatch(/Another console of yours took over the room login/);
      expect(await assistant.getByText(/Signed out of the room/).count()).toBe(0);
      // And back.
      await assistant.getByRole('button', { name: 'Take over the room login here' }).click();
      await expect.poll(() => roomStatus(assistant).textContent(), { timeout: 30_000 }).toMatch(IN_ROOM);
    } catch (e) {
      await failShot('second-tab');
      throw e;
    } finally {
      await second?.close();
    }
  });

  it('the journal lists every action with its acknowledgement and exports CSV and JSON', async () => {
    try {
      await host.getByRole('button', { name: 'Journal' }).click();
      const dialog = host.getByRole('dialog', { name: 'Action journal' });
      const rows = dialog.locator('tbody tr');
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
      const text = await dialog.locator('tbody').innerText();
      expect(text).toMatch(/Assistant 1 \(Assistant\)\s+Launch/);
      expect(text).toMatch(/Host \(Host\)\s+Status/);
      expect(text).toMatch(/Assistant 1 \(Assistant\)\s+Announcement/);
      // Each one seen in the room by the feeding session (the host's).
      await expect.poll(() => dialog.locator('tbody tr[data-acked="true"]').count(), { timeout: 10_000 }).toBe(3);
      const delivered = [...text.matchAll(/In the room after (\d+) ms/g)].map((m) => Number(m[1]));
      figures.push(`journal: delivery acknowledgements ${delivered.join(', ')} ms after the request`);

      await dialog.getByRole('combobox', { name: 'Operator' }).selectOption({ label: 'Host' });
      await expect.poll(() => rows.count()).toBe(1);
      await dialog.getByRole('combobox', { name: 'Operator' }).selectOption({ label: 'All' });
      await dialog.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Launch' });
      await expect.poll(() => rows.count()).toBe(1);

      for (const [button, ext] of [['Export CSV', 'csv'], ['Export JSON', 'json']] as const) {
        const [download] = await Promise.all([host.waitForEvent('download'), dialog.getByRole('button', { name: button }).click()]);
        expect(download.suggestedFilename()).toBe(`journal-demo.${ext}`);
        const file = path.join(ctx.dataDir, `export.${ext}`);
        await download.saveAs(file);
        const body = fs.readFileSync(file, 'utf8');
        if (ext === 'csv') {
          const lines = body.trim().split('\r\n');
          expect(lines).toHaveLength(4);
          expect(lines[1]).toMatch(/^1,demo,[^,]+,Assistant 1,a1,assistant,launch,/);
        } else {
          const entries = (JSON.parse(body) as { entries: { kind: string; ackAt: number | null; reached: number | null }[] }).entries;
          expect(entries.map((e) => [e.kind, e.ackAt !== null])).toEqual([
            ['launch', true],
            ['status', true],
            ['announce', true],
          ]);
          // The studio says how many sessions each tip reached: at least the three consoles.
          for (const e of entries) expect(e.reached).toBeGreaterThanOrEqual(3);
        }
      }
      await dialog.getByRole('button', { name: 'Close Action journal' }).click();
    } catch (e) {
      await failShot('journal');
      throw e;
    }
  });

  it('revoking the moderator disconnects that console at once', async () => {
    try {
      await host.getByRole('button', { name: 'Team', exact: true }).click();
      const dialog = host.getByRole('dialog', { name: 'Team' });
      const started = Date.now();
      await dialog.getByRole('button', { name: 'Revoke Mia' }).click();
      await expect.poll(() => moderator.getByRole('heading', { name: 'Your invite was revoked' }).count(), { timeout: 10_000 }).toBe(1);
      figures.push(`revoke → the moderator's console closed within ${Date.now() - started} ms (polled)`);
      await expect.poll(() => dialog.locator('.team-consoles').innerText()).not.toMatch(/Mia/);
      expect(await dialog.locator('.team-invites').innerText()).toMatch(/Mia · Moderator · Signs in as host_a2 · Revoked/);
      await dialog.getByRole('button', { name: 'Close Team' }).click();
      // A reload does not get back in.
      await moderator.reload();
      await expect.poll(() => moderator.getByRole('heading', { name: /refused|revoked/ }).count(), { timeout: 10_000 }).toBe(1);
      for (const p of [host, assistant]) expect(await roomStatus(p).textContent()).toMatch(IN_ROOM);
    } catch (e) {
      await failShot('revoke');
      throw e;
    }
  });

  it('the journal survives a restart of web mode', async () => {
    try {
      await assistantCtx?.close();
      await moderatorCtx?.close();
      await web.stop();
      const again = await startWebProcess(ctx.dataDir);
      web = again;
      ctx.web.stop = again.stop;
      await host.goto(again.url);
      await expect.poll(() => roomStatus(host).textContent(), { timeout: 60_000 }).toMatch(IN_ROOM);
      await host.getByRole('button', { name: 'Journal' }).click();
      const dialog = host.getByRole('dialog', { name: 'Action journal' });
      await expect.poll(() => dialog.locator('tbody tr').count(), { timeout: 30_000 }).toBe(3);
      expect(await dialog.locator('tbody tr[data-acked="true"]').count()).toBe(3);
    } catch (e) {
      await failShot('restart');
      throw e;
    }
  });
});
