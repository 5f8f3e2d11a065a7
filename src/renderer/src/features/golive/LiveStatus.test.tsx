// Issue 14 item 6: "Live for" counted from the last reconnect, Bitrate said "–" with recording on,
// and 22.7 fps at 0.8× warned nobody. The panel, rendered from snapshots as main sends them.
import { useTranslation } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { broadcastError } from '../../../../shared/domain/broadcast/errors';
import type { BroadcastHealth, HealthSample } from '../../../../shared/domain/broadcast/health';
import type { StreamSnapshot } from '../../../../shared/domain/broadcast/snapshot';
import type { LiveStats, Session, StreamState } from '../../../../shared/domain/broadcast/stateMachine';
import { LANGUAGES, type Language } from '../../../../shared/settings';
import { renderStatic, staticStore } from '../../store/staticRender';
import { goLiveText } from './goLiveText';
import { LiveStatus } from './LiveStatus';

const T0 = 1_700_000_000_000;
/** On air at T0; dropped at +11 s, back at +15 s; dropped at +40 s, back at +46 s. */
const session: Session = {
  startedAt: T0 - 2000, reconnects: 3, outages: 2, liveMs: 36_000, wentLive: true, firstLiveAt: T0,
  outageSpans: [{ from: T0 + 11_000, to: T0 + 15_000 }, { from: T0 + 40_000, to: T0 + 46_000 }],
};
const stats: LiveStats = { frames: 400, fps: 29.9, bitrateKbps: 2719.4, bitrateEstimated: false, speed: 1, dropFrames: 0, dupFrames: 0, outTimeMs: 14_000, cpuPercent: 80, memoryMb: 120 };
const samples: HealthSample[] = Array.from({ length: 60 }, (_, i) => ({ at: T0 + i * 1000, kbps: i > 10 && i < 16 ? null : 2700, fps: 30, drops: 0 }));
const health = (over: Partial<BroadcastHealth> = {}): BroadcastHealth => ({ target: { fps: 30, kbps: 2628 }, samples, warnings: [], droppedTotal: 4, recentDrops: 0, ...over });
const snap = (state: StreamState, at: number, h: BroadcastHealth | null = health()): StreamSnapshot => ({
  state, target: 'rtmp://127.0.0.1:1935/live/demo?txSecret=***', encoder: 'libx264', recording: { files: ['/rec/show.part3.mkv'], error: null }, previewPath: null, health: h, at,
});
const live = (at: number, s: Partial<LiveStats> = {}, h?: BroadcastHealth): StreamSnapshot => snap({ kind: 'live', session, attempt: 1, since: T0 + 46_000, stats: { ...stats, ...s } }, at, h);

function Panel({ snapshot }: { snapshot: StreamSnapshot }) {
  const { t } = useTranslation();
  return <LiveStatus snapshot={snapshot} receivedAt={Date.now()} tg={goLiveText(t)} onRetry={() => undefined} />;
}
const html = (s: StreamSnapshot, language: Language = 'en') => renderStatic(staticStore(), <Panel snapshot={s} />, language);
const text = (s: StreamSnapshot, language: Language = 'en') => html(s, language).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const alerts = (s: StreamSnapshot) => [...html(s).matchAll(/role="alert"[^>]*>([^<]*)</g)].map((m) => m[1]);

describe('the Go Live panel while on air', () => {
  it('"Live for" is the whole show across two reconnects, with the time off air apart', () => {
    // 1 min after first going live: 10 s of it off air, in 2 outages (not "14 s" since the last reconnect).
    const t = text(live(T0 + 60_000));
    expect(t).toContain('Live for 1:00');
    expect(t).toContain('Off air 0:10 (2 outages)');
  });

  it('keeps counting while reconnecting, the outage growing', () => {
    const reconnecting: StreamState = {
      kind: 'reconnecting', session: { ...session, liveMs: 36_000 + 14_000, outages: 3, outageSpans: [...session.outageSpans, { from: T0 + 60_000, to: null }] },
      attempt: 1, maxAttempts: 10, nextAt: T0 + 63_000, lastError: broadcastError('CONNECTION_LOST'),
    };
    const t = text(snap(reconnecting, T0 + 62_000));
    expect(t).toContain('Live for 1:02');
    expect(t).toContain('Off air 0:12 (3 outages)');
    expect(t).toMatch(/attempt 1 of 10, next try in 1 s/);
  });

  it('shows the measured bitrate with recording on, and an estimate marked as one before it is measured', () => {
    expect(text(live(T0 + 60_000))).toContain('Bitrate 2719 kbps');
    expect(text(live(T0 + 60_000, { bitrateKbps: 2607.2, bitrateEstimated: true }))).toContain('Bitrate ≈2607 kbps (estimated)');
    expect(text(live(T0 + 60_000))).toContain('Frames/s 29.9 of 30');
    expect(text(live(T0 + 60_000))).toContain('Dropped 4');
  });

  it('draws the last 10 minutes of bitrate, fps and drops with both outages marked', () => {
    const h = html(live(T0 + 60_000));
    expect(h).toContain('aria-label="Bitrate, frames/s and dropped frames over the last 10 minutes; 2 outages marked"');
    expect(h.match(/class="health-outage"/g)).toHaveLength(2);
    // The bitrate breaks where it is unknown (the outage); fps is one line.
    expect(h.match(/health-bitrate/g)).toHaveLength(2);
    expect(h.match(/health-fps/g)).toHaveLength(1);
  });

  it("warns of an overloaded encoder with the issue's figures, as an alert that stays one sentence", () => {
    const s = live(T0 + 60_000, { fps: 22.7, speed: 0.8 }, health({ warnings: ['overloaded'] }));
    expect(alerts(s)).toEqual(['Encoder overloaded: choose a lighter preset']);
    expect(text(s)).toContain('22.7 of 30 frames/s at 0.8× speed for more than 5 s.');
  });

  it('warns when dropped frames climb', () => {
    const s = live(T0 + 60_000, {}, health({ warnings: ['dropping'], recentDrops: 7, droppedTotal: 11 }));
    expect(alerts(s)).toEqual(['Frames are being dropped: close other apps or choose a lighter preset']);
    expect(text(s)).toContain('7 frames dropped in the last 10 s.');
  });

  it('says nothing alarming when healthy', () => {
    expect(alerts(live(T0 + 60_000))).toEqual([]);
  });

  it.each(LANGUAGES)('%s: every health string is translated', (language) => {
    const s = live(T0 + 60_000, { bitrateEstimated: true }, health({ warnings: ['overloaded', 'dropping'], recentDrops: 1 }));
    const t = html(s, language);
    expect(t).not.toMatch(/golive\.|\{\{/);
    expect(t.match(/role="alert"/g)).toHaveLength(2);
  });
});
