import { afterEach, describe, expect, it } from 'vitest';
import { FLV_TAG_VIDEO, writeTag } from '../../shared/domain/streamClock/flv';
import { buildClockSei } from '../../shared/domain/streamClock/sei';
import { waitFor } from '../../../test/support/waitFor';
import { ViewerDelayProbe } from './viewerDelayProbe';

const header = Uint8Array.from([0x46, 0x4c, 0x56, 1, 1, 0, 0, 0, 9, 0, 0, 0, 0]);
const avcConfig = Uint8Array.from([0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1f, 0xff, 0xe1, 0, 0]);
const lp = (nal: Uint8Array): number[] => [0, 0, (nal.length >> 8) & 0xff, nal.length & 0xff, ...nal];
function frame(pts: number, key: boolean, markT: number | null): Uint8Array {
  const nals = [...(markT !== null ? lp(buildClockSei({ t: markT })) : []), ...lp(Uint8Array.of(key ? 0x65 : 0x41, 0x88, 0x80))];
  return writeTag(FLV_TAG_VIDEO, pts, Uint8Array.from([key ? 0x17 : 0x27, 1, 0, 0, 0, ...nals]));
}

/** A fake play URL: frames pushed in real time by the test, the capture clock `lagMs` behind. */
function liveStream(withClock: boolean, lagMs: number) {
  let ctrl!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (ctrl = c) });
  let timer: NodeJS.Timeout | undefined;
  const t0 = Date.now();
  const fetchFn = (async (_url: string, init?: RequestInit) => {
    init?.signal?.addEventListener('abort', () => {
      clearInterval(timer);
      ctrl.error(new DOMException('aborted', 'AbortError'));
    });
    ctrl.enqueue(header);
    ctrl.enqueue(writeTag(FLV_TAG_VIDEO, 0, avcConfig));
    let pts = 0;
    timer = setInterval(() => {
      const key = pts % 1000 === 0;
      try {
        ctrl.enqueue(frame(pts, key, withClock && key ? t0 + pts - lagMs : null));
      } catch {
        clearInterval(timer);
      }
      pts += 40;
    }, 40);
    return new Response(body, { status: 200 });
  }) as unknown as typeof fetch;
  return { fetchFn, stop: () => clearInterval(timer) };
}

const stops: (() => unknown)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});

describe('ViewerDelayProbe', () => {
  it('measures the delay from the SEI clock without decoding: edge ≈ the lag, viewer = edge + the page buffer', async () => {
    const live = liveStream(true, 1000);
    const probe = new ViewerDelayProbe({ clock: { now: () => Date.now() }, playUrl: async () => ({ url: 'http://play.test/live/x.flv' }), fetch: live.fetchFn, sampleMs: 50 });
    const samples: number[] = [];
    const off = probe.onSample((s) => s.status === 'ok' && s.viewerS !== null && samples.push(s.viewerS));
    stops.push(live.stop, () => probe.stop(), off);
    probe.start();
    await waitFor(() => samples.length >= 10, { timeoutMs: 15_000 });
    const v = probe.view();
    expect(v?.status).toBe('ok');
    // Frames arrive when produced: the edge is the capture lag, give or take a loaded machine's timer jitter.
    expect(v?.edgeS).toBeGreaterThan(0.9);
    expect(v?.edgeS).toBeLessThan(1.4);
    expect(v?.viewerS).toBeGreaterThanOrEqual((v?.edgeS ?? 0) - 0.05);
    expect(v?.viewerS).toBeLessThan((v?.edgeS ?? 0) + 0.6);
    expect(v?.trend.filter((x) => x !== null).length).toBeGreaterThanOrEqual(10);
  }, 30_000);

  it('says "no-sei" when video arrives without the clock, instead of guessing', async () => {
    const live = liveStream(false, 0);
    const probe = new ViewerDelayProbe({ clock: { now: () => Date.now() }, playUrl: async () => ({ url: 'http://play.test/x.flv' }), fetch: live.fetchFn, sampleMs: 50, noSeiAfterMs: 300 });
    stops.push(live.stop, () => probe.stop());
    probe.start();
    await waitFor(() => probe.view()?.status === 'no-sei', { timeoutMs: 10_000 });
    expect(probe.view()).toMatchObject({ viewerS: null, edgeS: null, problem: expect.stringMatching(/no stream clock/) });
  }, 30_000);

  it('reports an unreachable play URL, and no URL at all, with the reason', async () => {
    const refused = (async () => {
      throw new TypeError('fetch failed: ECONNREFUSED');
    }) as unknown as typeof fetch;
    const probe = new ViewerDelayProbe({ clock: { now: () => Date.now() }, playUrl: async () => ({ url: 'http://127.0.0.1:9/x.flv' }), fetch: refused, sampleMs: 50 });
    stops.push(() => probe.stop());
    probe.start();
    await waitFor(() => probe.view()?.status === 'unreachable', { timeoutMs: 10_000 });
    expect(probe.view()?.problem).toMatch(/ECONNREFUSED/);
    await probe.stop();
    const none = new ViewerDelayProbe({ clock: { now: () => Date.now() }, playUrl: async () => ({ url: null, problem: 'Set the LVB playback domain' }), sampleMs: 50 });
    stops.push(() => none.stop());
    none.start();
    await waitFor(() => none.view()?.status === 'unreachable', { timeoutMs: 10_000 });
    expect(none.view()?.problem).toBe('Set the LVB playback domain');
  });
});
