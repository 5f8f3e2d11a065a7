// Every fault of #14, one after the other on one show, each checked against every "done when" of
// the issue: web mode live on the local studio with the test source, the studio's viewer page open
// in Chromium, and in turn ffmpeg SIGKILLed, the ingest SIGKILLed, the studio restarted (the Local
// studio panel's button) and the ingest stopped (SIGSTOP) for up to 60 s. After each: the viewer
// page plays again without a reload, the push is on the studio's current address, the room was
// Paused during the outage and is Live after, and the console told the truth throughout (it noticed
// the outage, never showed a dead end, showed the studio's trouble, kept counting the show).
// The pause threshold is the setting's lowest value, 1 s (the outages here are 2-15 s long).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium, describeWith, ffmpeg, when } from '../support/prereqs';
import { descendants, hasProc, lockedChildren, procInfo } from '../support/procTree';
import { goLiveOnStudio, panel, studioOf } from './support/console';
import { ARTIFACTS, findChromium, openConsole, type OpenConsole } from './support/webMode';

const chromiumPath = findChromium();

/** What the console and the viewer page showed at one moment, and what was true then. */
interface Sample {
  t: number;
  goLive: string;
  studio: string;
  roomLive: boolean;
  roomPaused: boolean;
  auto: string;
  liveForS: number | null;
  offAir: string;
}

const seconds = (text: string | null): number | null => {
  const m = /^(?:(\d+):)?(\d+):(\d\d)$/.exec(text?.trim() ?? '');
  return m ? Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
};

describeWith([chromium(), ffmpeg(), when(hasProc(), 'finds the ffmpeg and the ingest it stops in /proc (Linux only)')])('show-safe under every fault of #14', () => {
  let c: OpenConsole;
  let viewer: Page;
  let viewerUrl: string;
  const samples: Sample[] = [];
  let sampling = true;
  let sampler: Promise<void> | undefined;

  const ffmpegPid = (): number | undefined => {
    const pid = lockedChildren(c.dataDir).ffmpeg;
    return pid !== undefined && /ffmpeg/.test(procInfo(pid)?.cmdline ?? '') ? pid : undefined;
  };
  const ingestPid = (): number | undefined => {
    const studio = lockedChildren(c.dataDir).studio;
    return studio === undefined ? undefined : descendants(studio).find((p) => /ingestChild/.test(p.cmdline))?.pid;
  };
  /** The console's own words, read the way a host reads them. */
  const read = async (): Promise<Sample> => {
    const { page } = c;
    const goLive = panel(page, 'Go Live');
    const status = panel(page, 'Status');
    const cell = (label: string) => goLive.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
    const text = async (l: ReturnType<typeof cell>) => ((await l.count()) ? ((await l.first().textContent()) ?? '') : '');
    return {
      t: Date.now(),
      goLive: (await goLive.getByRole('status').first().textContent()) ?? '',
      studio: (await panel(page, 'Local studio').getByRole('status', { name: 'Studio state' }).textContent()) ?? '',
      roomLive: await status.getByRole('radio', { name: 'Live' }).isChecked(),
      roomPaused: await status.getByRole('radio', { name: 'Paused' }).isChecked(),
      auto: (await status.getByRole('status', { name: 'Automatic status' }).textContent()) ?? '',
      liveForS: seconds(await text(cell('Live for'))),
      offAir: await text(cell('Off air')),
    };
  };
  /** The page's own video: where playback is, and whether this is still the first document. */
  const video = () =>
    viewer.evaluate(() => {
      const v = document.querySelector('video')!;
      return {
        t: v.currentTime,
        same: (window as unknown as { sameDocument?: boolean }).sameDocument === true,
        playback: document.querySelector('.stage')?.getAttribute('data-playback'),
        badge: document.querySelector('.status')?.getAttribute('data-status'),
      };
    });
  const advancing = async (by: number, timeout: number) => {
    const from = (await video()).t;
    await expect.poll(async () => (await video()).t - from, { timeout, interval: 200 }).toBeGreaterThan(by);
  };
  /** The push the console runs is on the address the console shows, and that studio has it on the air. */
  const pushOnCurrentAddress = async () => {
    const shown = (await panel(c.page, 'Local studio').locator('code').first().textContent()) ?? '';
    // The ffmpeg that pushes over RTMP: the encoder itself, or (with the stream clock) the pusher the
    // encoder's FLV is piped through; either way a descendant of the web process with the URL in its argv.
    const pushing = () => descendants(c.web.child.pid!).find((p) => /ffmpeg/.test(p.cmdline) && /rtmp:\/\//.test(p.cmdline));
    await expect.poll(() => pushing()?.pid, { timeout: 20_000 }).toBeGreaterThan(0);
    const target = /rtmp:\/\/[^\s|\]]+/.exec(pushing()!.cmdline)?.[0] ?? '';
    expect(new URL(target).host).toBe(new URL(shown).host);
    const rest = new URL(viewerUrl).origin;
    await expect.poll(async () => ((await (await fetch(`${rest}/healthz`)).json()) as { onAir?: string[] }).onAir ?? [], { timeout: 20_000 }).toContain('demo');
  };

  beforeAll(async () => {
    c = await openConsole(chromiumPath!, 'stageside-faults-e2e-');
  });

  afterAll(async () => {
    sampling = false;
    await sampler;
    if (c) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await c.page.screenshot({ path: path.join(ARTIFACTS, 'faults-console-last.png') }).catch(() => undefined);
      await viewer?.screenshot({ path: path.join(ARTIFACTS, 'faults-viewer-last.png') }).catch(() => undefined);
      fs.writeFileSync(path.join(ARTIFACTS, 'faults-web-output.log'), c.web.output());
      // The data folder goes with close(): keep its logs for a failure's diagnosis.
      fs.cpSync(path.join(c.dataDir, 'logs'), path.join(ARTIFACTS, 'faults-logs'), { recursive: true, force: true });
      // Any process still stopped by a failed run is continued, so the web process can end it.
      const stopped = ingestPid();
      if (stopped) process.kill(stopped, 'SIGCONT');
    }
    await c?.close();
  });

  it('goes live on the studio with the viewer page playing', async () => {
    const { page } = c;
    await expect.poll(() => page.getByRole('status', { name: 'Room connection' }).textContent(), { timeout: 60_000 }).toMatch(/In the room/);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('textbox', { name: 'Pause after (seconds without a push)' }).fill('1');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    viewerUrl = (await studioOf(page)).viewerUrl;
    await goLiveOnStudio(page);
    await expect.poll(() => panel(c.page, 'Status').getByRole('radio', { name: 'Live' }).isChecked(), { timeout: 10_000 }).toBe(true);
    viewer = await c.browser.newPage({ viewport: { width: 1000, height: 700 } });
    await viewer.goto(`${viewerUrl}&user=faults_viewer&nick=Faults&lang=en`);
    await viewer.waitForSelector('body[data-ready=true]', { timeout: 30_000 });
    await advancing(1, 30_000);
    // A reload (or a navigation) would lose this.
    await viewer.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await pushOnCurrentAddress();
    sampler = (async () => {
      while (sampling) {
        samples.push(await read().catch(() => samples.at(-1)!));
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
  });

  const faults: Array<{ name: string; fire: () => Promise<() => void>; trouble?: RegExp; timeoutMs: number }> = [
    {
      name: 'ffmpeg killed',
      fire: async () => {
        process.kill(ffmpegPid()!, 'SIGKILL');
        return () => undefined;
      },
      timeoutMs: 45_000,
    },
    {
      name: 'the ingest killed',
      fire: async () => {
        process.kill(ingestPid()!, 'SIGKILL');
        return () => undefined;
      },
      trouble: /^RTMP ingest down — restarting it/,
      timeoutMs: 45_000,
    },
    {
      name: 'the studio restarted',
      fire: async () => {
        await panel(c.page, 'Local studio').getByRole('button', { name: 'Restart studio' }).click();
        return () => undefined;
      },
      trouble: /^(Starting…|Restarting after a crash…)$/,
      timeoutMs: 60_000,
    },
    {
      // Stopped, not killed: the process stays, its sockets stay open and nothing answers. Held for
      // up to 60 s; the studio's watchdog replaces a silent ingest after 8 s, so the outage is shorter.
      name: 'the ingest stopped for 60 s',
      fire: async () => {
        const pid = ingestPid()!;
        process.kill(pid, 'SIGSTOP');
        const until = Date.now() + 60_000;
        const resume = setInterval(() => {
          if (Date.now() < until && procInfo(pid)) return;
          clearInterval(resume);
          try {
            process.kill(pid, 'SIGCONT');
          } catch {
            // replaced (killed) by the studio meanwhile
          }
        }, 500);
        return () => clearInterval(resume);
      },
      trouble: /^RTMP ingest down — restarting it.*stopped answering for \d+ s; killed$/,
      timeoutMs: 100_000,
    },
  ];

  faults.forEach((f, index) => {
    it(`${f.name}: the viewer plays again without a reload, the push is on the current address, Paused then Live, the console truthful`, { timeout: f.timeoutMs + 60_000 }, async () => {
      const before = await read();
      expect(before.goLive).toBe('LIVE');
      expect(before.roomLive).toBe(true);
      const at = Date.now();
      const done = await f.fire();
      try {
        const goLive = panel(c.page, 'Go Live');
        const status = panel(c.page, 'Status');
        // Paused during the outage (the console's Status panel, and the viewers' badge)...
        await expect.poll(() => status.getByRole('radio', { name: 'Paused' }).isChecked(), { timeout: f.timeoutMs }).toBe(true);
        await expect.poll(() => status.getByRole('status', { name: 'Automatic status' }).textContent(), { timeout: 10_000 }).toMatch(/^Paused automatically: push lost at \d\d:\d\d:\d\d$/);
        // ... and Live after, by itself.
        await expect.poll(() => goLive.getByRole('status').first().textContent(), { timeout: f.timeoutMs }).toBe('LIVE');
        await expect.poll(() => status.getByRole('radio', { name: 'Live' }).isChecked(), { timeout: 20_000 }).toBe(true);
        await expect.poll(() => status.getByRole('status', { name: 'Automatic status' }).textContent(), { timeout: 10_000 }).toMatch(/^Live again automatically at \d\d:\d\d:\d\d$/);
        await expect.poll(() => panel(c.page, 'Local studio').getByRole('status', { name: 'Studio state' }).textContent(), { timeout: 30_000 }).toBe('Running on this computer');

        // The viewer page: playing again, the same document, the room badge Live.
        await expect.poll(async () => (await video()).playback, { timeout: 30_000 }).toBe('playing');
        await advancing(1, 30_000);
        const v = await video();
        expect(v.same).toBe(true);
        expect(v.badge).toBe('live');

        await pushOnCurrentAddress();
      } finally {
        done();
      }

      // The console throughout (sampled every 250 ms): it noticed the outage, never showed a dead end,
      // showed the studio's own trouble where there was some, and kept counting the show.
      await new Promise((r) => setTimeout(r, 600));
      const during = samples.filter((s) => s.t >= at);
      expect(during.some((s) => s.goLive === 'Reconnecting')).toBe(true);
      expect(during.filter((s) => /^(Ended|Stopped by an error|Could not go live|Not live)$/.test(s.goLive))).toEqual([]);
      if (f.trouble) expect(during.map((s) => s.studio).filter((s) => f.trouble!.test(s)).length).toBeGreaterThan(0);
      const liveFor = during.map((s) => s.liveForS).filter((x): x is number => x !== null);
      expect(liveFor.length).toBeGreaterThan(0);
      for (let i = 1; i < liveFor.length; i++) expect(liveFor[i]!).toBeGreaterThanOrEqual(liveFor[i - 1]!);
      expect(liveFor[0]!).toBeGreaterThanOrEqual(before.liveForS ?? 0);
      const outages = index + 1;
      expect(during.at(-1)!.offAir).toMatch(new RegExp(`\\(${outages} outages?\\)$`));
      expect(c.errors).toEqual([]);
    });
  });
});
