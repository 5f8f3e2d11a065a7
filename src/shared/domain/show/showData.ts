// A show's timeline as written next to its recording (`<name>.show.json`) and charted in the show
// report: the broadcast's health, the room's counters and the viewer delay as time series, and
// every operator or automatic event as a mark. One zod schema reads it back (the console's list of
// past shows, the report page), so a damaged or foreign file is refused, never half-read.
import { z } from 'zod';

export const SHOW_DATA_VERSION = 1;

/** Show ids are file-name safe: the console asks for a report by id, never by path. */
export const SHOW_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;
export const showIdSchema = z.string().regex(SHOW_ID_PATTERN, 'not a show id');

/** The report's charts, in order. */
export const CHART_IDS = ['bitrate', 'fps', 'drops', 'viewerDelay', 'online', 'messages', 'perMinute'] as const;
export type ChartId = (typeof CHART_IDS)[number];

export const SHOW_EVENT_KINDS = ['goLive', 'launch', 'status', 'announcement', 'pushLost', 'reconnected', 'autoPause', 'autoResume', 'stop'] as const;
export type ShowEventKind = (typeof SHOW_EVENT_KINDS)[number];

const time = z.number().min(0).max(8.64e15);
const count = z.number().min(0).max(Number.MAX_SAFE_INTEGER);
const nullableNumber = z.number().nullable();

export const showEventSchema = z.object({
  at: time,
  kind: z.enum(SHOW_EVENT_KINDS),
  /**
   * The fact, not its wording: the product's title (launch), the status (status), the text
   * (announcement), the error code (pushLost; stop after a failure), the reconnect attempts
   * (reconnected); empty otherwise. The report words it in its language (reportText.ts).
   */
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

