// Console e2e helpers: find the studio the console runs (from the Local studio panel's viewer link), play
// a simulated audience into its demo room, and save panel screenshots.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { WebSocket } from 'ws';
import { runAudience, type AudienceSummary } from '../../../src/studio/simulator';
import { docShot } from './docShots';

export interface ConsoleStudio {
  restBaseUrl: string;
  viewerUrl: string;
}

/** The studio started by web mode, as the Local studio panel links it. */
export async function studioOf(page: Page): Promise<ConsoleStudio> {
  const room = page.getByRole('region', { name: 'Local studio', exact: true });
  const viewerUrl = await room.getByRole('link', { name: 'Open viewer page' }).getAttribute('href', { timeout: 45_000 });
  if (!viewerUrl) throw new Error('the Local studio panel has no viewer link');
  return { restBaseUrl: new URL(viewerUrl).origin, viewerUrl };
}

export function playAudience(restBaseUrl: string, durationSec: number, log: (line: string) => void): Promise<AudienceSummary> {
  return runAudience({
    studioUrl: restBaseUrl,
    WebSocket: WebSocket as never,
    viewers: 10,
    chatRate: 3,
    likeRate: 3,
    giftRate: 1,
    buyRate: 0,
    durationSec,
    seed: 1,
    followProbability: 0.5,
    log,
  });
}

export const panel = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });

/** A panel's screenshot as the docs' image `file` (docShot). */
export async function shootPanel(page: Page, name: string, file: string): Promise<void> {
  await panel(page, name).screenshot({ path: docShot(file) });
}

/** The figure of a Counters tile ("Likes" → "37"). */
export async function statValue(page: Page, label: string): Promise<string> {
  return (await panel(page, 'Counters').getByRole('group', { name: label, exact: true }).locator('.stat-value').textContent()) ?? '';
}

/** Go Live with the test pattern on the local studio, from the Go Live panel; resolves once it says LIVE. */
export async function goLiveOnStudio(page: Page): Promise<Locator> {
  const goLive = panel(page, 'Go Live');
  await goLive.getByRole('combobox', { name: 'Destination' }).selectOption('studio');
  await goLive.getByRole('combobox', { name: 'Source' }).selectOption('test');
  await goLive.getByRole('button', { name: 'Go Live' }).click();
  await expect.poll(() => goLive.getByRole('status').first().textContent(), { timeout: 30_000 }).toBe('LIVE');
  return goLive;
}

