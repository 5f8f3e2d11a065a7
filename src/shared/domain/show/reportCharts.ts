// The report's charts from a show's data (pure): one panel per figure on the show's time axis,
// with the counters turned into rates — messages per second between readings, likes, gifts and
// purchases per minute of the show.
import { reportText, type ReportText } from './reportText';
import type { ChartId, CounterPoint, ShowData } from './showData';

/** The report's panels, in order; every chart shares the show's time axis. */
export interface ChartPanel {
  id: ChartId;
  title: string;
  /** Seconds since the epoch (uPlot's time axis), then one array per series. */
  x: number[];
  series: { label: string; values: (number | null)[] }[];
  /** Drawn as bars (per-minute counts) rather than lines. */
  bars: boolean;
}

export const MINUTE_MS = 60_000;

/**
 * Counter rates: messages per second between consecutive readings, and likes, gifts and purchases
 * per minute of the show (bucketed from its start). A counter that goes down (the console switched
 * rooms, or started a fresh room state) starts a new baseline instead of counting negative.
 */
export function counterRates(points: readonly CounterPoint[], startedAt: number, endedAt: number): { messages: { at: number; perSecond: number }[]; minutes: { at: number; likes: number; gifts: number; purchases: number }[] } {
  const messages: { at: number; perSecond: number }[] = [];
  const minutes = Array.from({ length: Math.max(1, Math.ceil((endedAt - startedAt) / MINUTE_MS)) }, (_, i) => ({ at: startedAt + i * MINUTE_MS, likes: 0, gifts: 0, purchases: 0 }));
  const sorted = [...points].sort((a, b) => a.at - b.at);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as CounterPoint;
    const b = sorted[i] as CounterPoint;
    const dt = (b.at - a.at) / 1000;
    if (dt <= 0) continue;
    const reset = b.messages < a.messages || b.likes < a.likes || b.gifts < a.gifts || b.purchases < a.purchases;
    if (reset) continue;
    messages.push({ at: b.at, perSecond: Math.round(((b.messages - a.messages) / dt) * 100) / 100 });
    const minute = minutes[Math.min(minutes.length - 1, Math.max(0, Math.floor((b.at - startedAt) / MINUTE_MS)))];
    if (!minute) continue;
    minute.likes += b.likes - a.likes;
    minute.gifts += b.gifts - a.gifts;
    minute.purchases += b.purchases - a.purchases;
  }
  return { messages, minutes };
}

const secs = (ms: number): number => ms / 1000;

/** A gap longer than this between samples (an outage, a stopped probe) breaks the line. */
export const GAP_MS = 5000;

/** Points in time order with a null between two that are more than GAP_MS apart, so uPlot draws no line across the gap. */
export function withGaps(points: readonly { at: number; value: number | null }[]): { x: number[]; values: (number | null)[] } {
  const x: number[] = [];
  const values: (number | null)[] = [];
  points.forEach((p, i) => {
    const prev = points[i - 1];
    if (prev && p.at - prev.at > GAP_MS) {
      x.push(secs((prev.at + p.at) / 2));
      values.push(null);
    }
    x.push(secs(p.at));
    values.push(p.value);
  });
  return { x, values };
}

/** The report's charts from the show's data: one panel per figure, all on the show's time axis. */
export function chartPanels(d: ShowData, t: ReportText = reportText('en')): ChartPanel[] {
  const h = d.series.health;
  const rates = counterRates(d.series.counters, d.startedAt, d.endedAt);
  const mx = rates.minutes.map((p) => secs(p.at));
  const line = (id: ChartPanel['id'], points: { at: number; value: number | null }[], gaps: boolean): ChartPanel => {
    const { x, values } = gaps ? withGaps(points) : { x: points.map((p) => secs(p.at)), values: points.map((p) => p.value) };
    return { id, title: t.panels[id], x, series: [{ label: t.panels[id], values }], bars: false };
  };
  // Health and delay come once a second while live: a longer gap is an outage, drawn as one.
  return [
    line('bitrate', h.map((p) => ({ at: p.at, value: p.kbps })), true),
    line('fps', h.map((p) => ({ at: p.at, value: p.fps })), true),
    line('drops', h.map((p) => ({ at: p.at, value: p.drops })), true),
    line('viewerDelay', d.series.viewerDelay.map((p) => ({ at: p.at, value: p.ms === null ? null : p.ms / 1000 })), true),
    line('online', d.series.online.map((p) => ({ at: p.at, value: p.count })), false),
    line('messages', rates.messages.map((p) => ({ at: p.at, value: p.perSecond })), false),
    {
      id: 'perMinute',
      title: t.panels.perMinute,
      x: mx,
      series: [
        { label: t.series.likes, values: rates.minutes.map((p) => p.likes) },
        { label: t.series.gifts, values: rates.minutes.map((p) => p.gifts) },
        { label: t.series.purchases, values: rates.minutes.map((p) => p.purchases) },
      ],
      bars: true,
    },
  ];
}
