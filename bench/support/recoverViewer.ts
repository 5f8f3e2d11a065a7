// The viewer side of bench:recover: an in-page sampler of the page's own <video> (currentTime, the
// end of what is buffered, which element and which media source) every 100 ms, the Node-side reader
// of those samples, the rule that says when the video is advancing again after a fault, and the
// baseline's plain mpegts.js page (no recovery of any kind) served on loopback.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** Sampling period of the page's video, in ms. */
export const SAMPLE_MS = 100;

/**
 * Runs in the page before its own scripts (page.addInitScript), top frame only. A sample is
 * [Date.now(), currentTime, buffered end (-1: nothing buffered), element id, currentSrc]; the
 * element id changes when the page replaces its <video>, currentSrc when a player attaches a new
 * MediaSource. Date.now() is the machine's clock, the same one the benchmark stamps faults with.
 */
export const SAMPLER_SCRIPT = `(() => {
  if (window.top !== window) return;
  const b = { samples: [], ids: new WeakMap(), next: 1 };
  Object.defineProperty(window, '__recoverBench', { value: b });
  setInterval(() => {
    const v = document.querySelector('video');
    if (!v) { b.samples.push([Date.now(), -1, -1, 0, '']); return; }
    let id = b.ids.get(v);
    if (!id) { id = b.next++; b.ids.set(v, id); }
    const r = v.buffered;
    b.samples.push([Date.now(), v.currentTime, r.length ? r.end(r.length - 1) : -1, id, v.currentSrc || v.src || '']);
  }, ${SAMPLE_MS});
})();`;

export interface Sample {
  /** Wall clock, ms (Date.now() in the page). */
  t: number;
  /** video.currentTime in s; -1 while the page has no <video>. */
  ct: number;
  /** End of the last buffered range in s; -1 when nothing is buffered. */
  end: number;
  el: number;
  src: string;
}

/** Media time (s) that must play beyond what was already there for the video to count as advancing. */
export const MIN_ADVANCE_S = 0.5;

/**
 * A new stretch of playback begins: another element, another media source, media time going back,
 * or jumping ahead faster than playback (1.5× the wall time passed, plus 0.25 s): a seek to the live
 * edge shows new media, but only playing on from there is watching again.
 */
const breaks = (prev: Sample, s: Sample): boolean =>
  s.el !== prev.el || s.src !== prev.src || s.ct < prev.ct - 0.05 || s.ct - prev.ct > (1.5 * (s.t - prev.t)) / 1000 + 0.25;

/**
 * When the video was advancing again after a fault at `faultAt` (the sample's wall time), or
 * undefined. "Advancing" = `MIN_ADVANCE_S` of media played that was not yet in the player at the
 * fault, and still moving: in the stretch that was playing at the fault, currentTime must pass the
 * end of what was buffered then (a player keeps playing its buffer for a moment after its source
 * dies; that is not recovery) by 0.5 s; in a new stretch (the page replaced its player or its media
 * source, or its media time restarted or jumped ahead) it must gain 0.5 s from where that stretch was
 * first seen.
 * Either way the sample must show time moving since the one before.
 */
export function advancingAgain(samples: readonly Sample[], faultAt: number, minAdvance = MIN_ADVANCE_S): number | undefined {
  let i = samples.findLastIndex((s) => s.t <= faultAt);
  const base = samples[i];
  let prev: Sample | undefined = base && base.ct >= 0 ? base : undefined;
  let threshold = prev ? Math.max(prev.ct, prev.end) + minAdvance : Infinity;
  for (i += 1; i < samples.length; i++) {
    const s = samples[i] as Sample;
    if (s.ct < 0) {
      prev = undefined;
      continue;
    }
    if (!prev || breaks(prev, s)) {
      threshold = s.ct + minAdvance;
      prev = s;
      continue;
    }
    if (s.ct >= threshold && s.ct > prev.ct) return s.t;
    prev = s;
  }
  return undefined;
}

/**
 * Playing steadily: one stretch of samples covers the last `windowMs` and its media time grew by at
 * least `minAdvance` s over it (the state every fault starts from).
 */
export function playingNow(samples: readonly Sample[], windowMs = 2000, minAdvance = 1.5): boolean {
  const last = samples.at(-1);
  if (!last || last.ct < 0 || Date.now() - last.t > 1000) return false;
  let first = last;
  for (let i = samples.length - 2; i >= 0; i--) {
    const s = samples[i] as Sample;
    if (breaks(s, first)) break;
    first = s;
    if (s.t <= last.t - windowMs) break;
  }
  return first.t <= last.t - windowMs && last.ct - first.ct >= minAdvance;
}

/** Collects one page's samples into Node (they are drained from the page on each pull). */
export class ViewerProbe {
  samples: Sample[] = [];
  /** Page errors seen (uncaught exceptions), for the report. */
  readonly errors: string[] = [];

  constructor(
    readonly label: string,
    private page: Page,
  ) {
    page.on('pageerror', (e) => this.errors.push(e.message));
  }

  static async open(label: string, page: Page, url: string): Promise<ViewerProbe> {
    await page.addInitScript(SAMPLER_SCRIPT);
    const probe = new ViewerProbe(label, page);
    await page.goto(url);
    return probe;
  }

  /** Navigates again (the harness restoring a frozen page between faults; never inside a measurement). */
  async reload(url: string): Promise<void> {
    await this.pull();
    await this.page.goto(url);
  }

  async pull(): Promise<void> {
    try {
      const fresh = await this.page.evaluate(() => {
        const b = (window as unknown as { __recoverBench?: { samples: [number, number, number, number, string][] } }).__recoverBench;
        return b ? b.samples.splice(0) : [];
      });
      for (const [t, ct, end, el, src] of fresh) this.samples.push({ t, ct, end, el, src });
    } catch {
      // The page is navigating: the next pull reads the new document's samples.
    }
    // Ten minutes of samples are plenty for any fault's window.
    if (this.samples.length > 6000) this.samples.splice(0, this.samples.length - 6000);
  }

  advancingAgain(faultAt: number): number | undefined {
    return advancingAgain(this.samples, faultAt);
  }

  playing(): boolean {
    return playingNow(this.samples);
  }

  /** The newest sample in words, for a harness that waited in vain. */
  lastSampleText(): string {
    const s = this.samples.at(-1);
    return s ? `${Math.round((Date.now() - s.t) / 100) / 10} s ago: currentTime ${s.ct.toFixed(2)}, buffered to ${s.end.toFixed(2)}` : 'none';
  }
}

/** The baseline viewer: mpegts.js on one FLV URL, the viewer page's player options, and nothing else. */
export interface PlainPageServer {
  /** The page for a stream's FLV URL. */
  urlFor(flvUrl: string): string;
  close(): Promise<void>;
}

export async function startPlainPage(): Promise<PlainPageServer> {
  const mpegtsJs = fs.readFileSync(createRequire(import.meta.url).resolve('mpegts.js/dist/mpegts.js'), 'utf8');
  // No ERROR handler, no retry, no stall watch: what a page that just embeds the player does.
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench:recover baseline player</title></head>
<body style="margin:0;background:#000"><video muted playsinline autoplay style="width:640px;height:360px"></video>
<script src="/mpegts.js"></script><script>
const url = new URLSearchParams(location.search).get('flv');
const player = mpegts.createPlayer({ type: 'flv', isLive: true, url }, { enableStashBuffer: false, liveBufferLatencyChasing: true });
player.attachMediaElement(document.querySelector('video'));
player.load();
Promise.resolve(player.play()).catch(() => {});
</script></body></html>`;
  const server = http.createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://localhost').pathname;
    const hit = p === '/' ? ['text/html; charset=utf-8', html] : p === '/mpegts.js' ? ['text/javascript; charset=utf-8', mpegtsJs] : undefined;
    if (!hit) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': hit[0] as string, 'cache-control': 'no-store' }).end(hit[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urlFor: (flvUrl) => `http://127.0.0.1:${port}/?flv=${encodeURIComponent(flvUrl)}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
