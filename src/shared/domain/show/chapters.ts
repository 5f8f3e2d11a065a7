// Chapters of a recording part from the show's events: one per product launch (titled with the
// product) and one per room status change, as ffmpeg's FFMETADATA text (ffmpeg -i part -i meta
// -map_chapters 1 -c copy). A part starts mid-show after a reconnect: its first chapter carries on
// the product or status that was current when it began, so every second of every part is titled.
import { fill, reportText, type ReportText } from './reportText';
import type { ShowEvent } from './showData';

export interface Chapter {
  /** Milliseconds from the part's start. */
  startMs: number;
  endMs: number;
  title: string;
}

/** The events that open a chapter, and how the chapter is titled (a launch: the product as typed). */
export function chapterTitle(e: ShowEvent, t: ReportText = reportText('en')): string | null {
  switch (e.kind) {
    case 'launch':
      return e.label;
    case 'status':
      return fill(t.chapterStatus, { status: t.status[e.label as keyof ReportText['status']] ?? e.label });
    case 'autoPause':
      return t.chapterAutoPause;
    case 'autoResume':
      return t.chapterAutoResume;
    default:
      return null;
  }
}

/**
 * A part spans [startedAt, endedAt) of wall-clock time; chapters are relative to its start. The
 * first part opens with "Show start", a later one with the chapter current when it began.
 */
export function partChapters(events: readonly ShowEvent[], part: { startedAt: number; endedAt: number }, index: number, t: ReportText = reportText('en')): Chapter[] {
  const length = Math.max(1, Math.round(part.endedAt - part.startedAt));
  const firstTitle = index === 0 ? t.chapterShowStart : fill(t.chapterPart, { n: index + 1 });
  const title = (e: ShowEvent): string | null => chapterTitle(e, t);
  const marks = [...events].filter((e) => title(e) !== null).sort((a, b) => a.at - b.at);
  const before = marks.filter((e) => e.at <= part.startedAt).at(-1);
  const opening = before ? fill(t.chapterContinued, { title: title(before) ?? firstTitle }) : firstTitle;
  const starts: { ms: number; title: string }[] = [{ ms: 0, title: opening }];
  for (const e of marks) {
    if (e.at <= part.startedAt || e.at >= part.endedAt) continue;
    const ms = Math.round(e.at - part.startedAt);
    const last = starts.at(-1);
    // Two events in the same millisecond: the later one names the chapter.
    if (last && last.ms === ms) last.title = title(e) ?? last.title;
    else starts.push({ ms, title: title(e) ?? '' });
  }
  return starts.map((s, i) => ({ startMs: s.ms, endMs: starts[i + 1]?.ms ?? length, title: s.title }));
}

/** FFMETADATA escapes `=`, `;`, `#`, `\` and newlines with a backslash. */
export const escapeMetadata = (s: string): string => s.replace(/[=;#\\\n]/g, (c) => `\\${c}`);

export function ffmetadata(chapters: readonly Chapter[], title?: string): string {
  const lines = [';FFMETADATA1'];
  if (title) lines.push(`title=${escapeMetadata(title)}`);
  for (const c of chapters) lines.push('[CHAPTER]', 'TIMEBASE=1/1000', `START=${c.startMs}`, `END=${c.endMs}`, `title=${escapeMetadata(c.title)}`);
  return lines.join('\n') + '\n';
}
