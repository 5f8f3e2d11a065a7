// In-page measurement for bench:chat: a long-task observer and a requestAnimationFrame counter
// installed before any page script runs, and heap figures from CDP after a forced GC.
import type { CDPSession, Page } from 'playwright-core';

/** Runs in the page before its own scripts (page.addInitScript). */
export const PROBE_SCRIPT = `(() => {
  const b = { longTasks: [], frames: 0 };
  Object.defineProperty(window, '__chatBench', { value: b });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch { b.noLongTasks = true; }
  const tick = () => { b.frames++; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})();`;

export interface Mark {
  at: number;
  frames: number;
}

export interface LongTaskStats {
  count: number;
  maxMs: number;
  /** Sum of (duration − 50 ms): Lighthouse's total blocking time. */
  blockingMs: number;
}

export async function mark(page: Page): Promise<Mark> {
  return page.evaluate(() => {
    const b = (window as unknown as { __chatBench: { frames: number } }).__chatBench;
    return { at: performance.now(), frames: b.frames };
  });
}

export async function longTasksBetween(page: Page, from: number, to: number): Promise<LongTaskStats> {
  const tasks = await page.evaluate(() => (window as unknown as { __chatBench: { longTasks: [number, number][] } }).__chatBench.longTasks);
  const inside = tasks.filter(([start]) => start >= from && start <= to);
  return {
    count: inside.length,
    maxMs: inside.reduce((m, [, d]) => Math.max(m, d), 0),
    blockingMs: inside.reduce((s, [, d]) => s + Math.max(0, d - 50), 0),
  };
}

/** Used JS heap in MB; with `gc`, after HeapProfiler.collectGarbage (twice, to settle weak refs). */
export async function heapMb(cdp: CDPSession, gc: boolean): Promise<number> {
  if (gc) {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
  }
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 2 ** 20;
}
