// A show's timeline as written next to its recording (`<name>.show.json`) and charted in the show
// report: the broadcast's health, the room's counters and the viewer delay as time series, and
// every operator or automatic event as a mark. One zod schema reads it back (the console's list of
// past shows, the report page), so a damaged or foreign file is refused, never half-read.
import { z } from 'zod';

export const SHOW_DATA_VERSION = 1;

/** Show ids are file-name safe: the console asks for a report by id, never by path. */
export const SHOW_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;
export const showIdSchema = z.string().regex(SHOW_ID_PATTERN, 'not a show id');

export const SHOW_EVENT_KINDS = ['goLive', 'launch', 'status', 'announcement', 'pushLost', 'reconnected', 'autoPause', 'autoResume', 'stop'] as const;
export type ShowEventKind = (typeof SHOW_EVENT_KINDS)[number];

const time = z.number().min(0).max(8.64e15);
const count = z.number().min(0).max(Number.MAX_SAFE_INTEGER);
const nullableNumber = z.number().nullable();

export const showEventSchema = z.object({
  at: time,
  kind: z.enum(SHOW_EVENT_KINDS),
  /** What happened, as the operator would say it: the product's title, the status, the text. */
  label: z.string().max(400),
});
export type ShowEvent = z.infer<typeof showEventSchema>;

export const healthPointSchema = z.object({ at: time, kbps: nullableNumber, fps: nullableNumber, drops: count });
/** Cumulative room counters as read at `at` (differences make the rates). */
export const counterPointSchema = z.object({ at: time, messages: count, likes: count, gifts: count, purchases: count });
export type CounterPoint = z.infer<typeof counterPointSchema>;

export const chapteredPartSchema = z.object({
  file: z.string().max(4096),
  /** Wall-clock time of the part's first frame (when the run that wrote it started). */
  startedAt: time,
  endedAt: time,
  chapters: z.number().int().min(0),
  /** Null: the chapters are in the file; else why not (the original was kept as it was). */
  error: z.string().max(1000).nullable(),
});
export type ChapteredPart = z.infer<typeof chapteredPartSchema>;

export const showDataSchema = z.object({
  v: z.literal(SHOW_DATA_VERSION),
  id: showIdSchema,
  startedAt: time,
  endedAt: time,
  /** How the broadcast ended: `ended` (a stop) or `failed` (with its code). */
  outcome: z.object({ kind: z.enum(['ended', 'failed']), code: z.string().max(64).nullable() }),
  target: z.string().max(2048).nullable(),
  recording: z.array(chapteredPartSchema),
  events: z.array(showEventSchema),
  series: z.object({
    health: z.array(healthPointSchema),
    viewerDelay: z.array(z.object({ at: time, ms: nullableNumber })),
    online: z.array(z.object({ at: time, count })),
    counters: z.array(counterPointSchema),
  }),
});
export type ShowData = z.infer<typeof showDataSchema>;

/** One line of the console's list of past shows. */
export interface ShowSummary {
  id: string;
  startedAt: number;
  endedAt: number;
  outcome: ShowData['outcome']['kind'];
  launches: number;
  events: number;
  peakOnline: number | null;
  recordingParts: number;
}

export function summarise(d: ShowData): ShowSummary {
  const peak = d.series.online.reduce<number | null>((m, p) => (m === null || p.count > m ? p.count : m), null);
  return {
    id: d.id,
    startedAt: d.startedAt,
    endedAt: d.endedAt,
    outcome: d.outcome.kind,
    launches: d.events.filter((e) => e.kind === 'launch').length,
    events: d.events.length,
    peakOnline: peak,
    recordingParts: d.recording.length,
  };
}

/** The report's panels, in order; every chart shares the show's time axis. */
export interface ChartPanel {
  id: 'bitrate' | 'fps' | 'drops' | 'viewerDelay' | 'online' | 'messages' | 'perMinute';
  title: string;
  unit: string;
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

/** The report's charts from the show's data: one panel per figure, all on the show's time axis. */
export function chartPanels(d: ShowData): ChartPanel[] {
  const h = d.series.health;
  const rates = counterRates(d.series.counters, d.startedAt, d.endedAt);
  return [
    { id: 'bitrate', title: 'Bitrate', unit: 'kbit/s', x: h.map((p) => secs(p.at)), series: [{ label: 'Bitrate', values: h.map((p) => p.kbps) }], bars: false },
    { id: 'fps', title: 'Frames per second', unit: 'fps', x: h.map((p) => secs(p.at)), series: [{ label: 'fps', values: h.map((p) => p.fps) }], bars: false },
    { id: 'drops', title: 'Dropped frames', unit: 'frames/s', x: h.map((p) => secs(p.at)), series: [{ label: 'Dropped', values: h.map((p) => p.drops) }], bars: false },
    {
      id: 'viewerDelay',
      title: 'Viewer delay',
      unit: 's',
      x: d.series.viewerDelay.map((p) => secs(p.at)),
      series: [{ label: 'Delay', values: d.series.viewerDelay.map((p) => (p.ms === null ? null : p.ms / 1000)) }],
      bars: false,
    },
    { id: 'online', title: 'Viewers online', unit: 'viewers', x: d.series.online.map((p) => secs(p.at)), series: [{ label: 'Online', values: d.series.online.map((p) => p.count) }], bars: false },
    {
      id: 'messages',
      title: 'Messages per second',
      unit: 'msg/s',
      x: rates.messages.map((p) => secs(p.at)),
      series: [{ label: 'Messages/s', values: rates.messages.map((p) => p.perSecond) }],
      bars: false,
    },
    {
      id: 'perMinute',
      title: 'Likes, gifts and purchases per minute',
      unit: 'per minute',
      x: rates.minutes.map((p) => secs(p.at)),
      series: [
        { label: 'Likes', values: rates.minutes.map((p) => p.likes) },
        { label: 'Gifts', values: rates.minutes.map((p) => p.gifts) },
        { label: 'Purchases', values: rates.minutes.map((p) => p.purchases) },
      ],
      bars: true,
    },
  ];
}
