// The Local studio panel never says "Running" while the studio's RTMP ingest is down: it says the
// ingest is being restarted (which attempt, when the next try is) or that it gave up, and why.
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../../../shared/settings';
import type { IngestStatus, StudioStatus } from '../../../../shared/studioStatus';
import type { AppStore } from '../../store/appStore';
import { renderStatic, staticStore } from '../../store/staticRender';
import { StudioCard } from './StudioCard';

const info = {
  restBaseUrl: 'http://127.0.0.1:5180',
  realtimeUrl: 'ws://127.0.0.1:5180/realtime',
  rtmpIngestUrl: 'rtmp://127.0.0.1:38057/live',
  playBaseUrl: 'http://127.0.0.1:45483/live',
  viewerUrl: 'http://127.0.0.1:5180/viewer/?room=demo',
  sdkAppId: 1400000001,
  adminIdentifier: 'administrator',
  demoRoomId: 'demo',
  callbacksUrl: null,
};

function card(ingest: IngestStatus | null | undefined, language: Language = 'en'): string {
  const base = staticStore();
  const studio: StudioStatus = { state: 'running', info, restarts: 0, ...(ingest !== undefined ? { ingest } : {}) };
  const store = { ...base, getSnapshot: () => ({ ...base.getSnapshot(), studio }) } as AppStore;
  const html = renderStatic(store, <StudioCard />, language);
  return /aria-label="[^"]*"[^>]*>([^<]*)</.exec(html)?.[1] ?? html;
}

const restarting = (nextTryAt: number | null): IngestStatus => ({
  state: 'restarting',
  attempt: 2,
  maxAttempts: 5,
  nextTryAt,
  lastError: 'ingest process killed by SIGKILL',
});

describe('the Local studio panel and the ingest', () => {
  it('says Running while the studio and its ingest (or a studio without one) run', () => {
    expect(card({ state: 'running', restarts: 1 })).toBe('Running on this computer');
    expect(card(null)).toBe('Running on this computer');
    expect(card(undefined)).toBe('Running on this computer');
  });

  it('says the ingest is down and being restarted, with the attempt, the next try and the reason', () => {
    const text = card(restarting(Date.now() + 4000));
    expect(text).not.toMatch(/Running/);
    expect(text).toMatch(/^RTMP ingest down — restarting it \(attempt 2 of 5, next try in [34] s\): ingest process killed by SIGKILL$/);
    expect(card(restarting(null))).toBe('RTMP ingest down — restarting it now (attempt 2 of 5): ingest process killed by SIGKILL');
  });

  it('says the ingest stopped, and why, after a give-up', () => {
    const text = card({ state: 'failed', lastError: 'ingest process exited with code 1; gave up after 5 restarts' });
    expect(text).not.toMatch(/Running/);
    expect(text).toBe('RTMP ingest stopped: ingest process exited with code 1; gave up after 5 restarts. Chat and room actions still work; Restart studio to push again.');
  });

  it.each(LANGUAGES)('%s: the ingest states are translated and keep their details', (language) => {
    const running = card({ state: 'running', restarts: 0 }, language);
    for (const text of [card(restarting(Date.now() + 4000), language), card(restarting(null), language), card({ state: 'failed', lastError: 'boom' }, language)]) {
      expect(text).not.toBe(running);
      expect(text).not.toMatch(/studio\.|\{\{/);
    }
    expect(card(restarting(null), language)).toContain('ingest process killed by SIGKILL');
  });
});
