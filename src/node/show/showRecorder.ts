// The show recorder: collects one show's timeline while the broadcast runs and, when it stops,
// writes the show report next to the recording and chapters into the recording's parts. It is fed
// through a small input interface (ShowInputs) so every source stays where it is today:
//
//   broadcast(snapshot)       every `broadcast:state` snapshot: starts and ends the show, gives the
//                             health samples (bitrate, fps, drops), push lost / back live, the
//                             recording's parts and when each began
//   admin(action, at)         a product launch, a status change or an announcement that succeeded
//                             (RoomService's acknowledged admin actions)
//   autoPause(snapshot)       `room:autoPause` snapshots: new `paused` / `resumed` journal entries
//   roomCounters(at, c)       the room's cumulative messages, likes, gifts and purchases
//   viewersOnline(at, n)      viewers online (get_online_member_num)
//   viewerDelay(at, ms)       measured viewer delay in ms, null when it cannot be measured
//
// Samples outside a show are ignored. Nothing here reads a clock of its own for data: every input
// carries its time.
import type { StreamSnapshot } from '../../shared/domain/broadcast/snapshot';
import type { RoomStatus } from '../../shared/domain/liveCommerce';
import { SHOW_DATA_VERSION, type CounterPoint, type ShowData, type ShowEvent, type ShowSummary } from '../../shared/domain/show/showData';
import type { AutoPauseSnapshot } from '../../shared/roomContract';
import { reportText } from '../../shared/domain/show/reportText';
import type { Language } from '../../shared/settings';
import type { Logger } from '../infra/logger';
import { chapterParts, type ChapterRunner } from './chapterRecording';
import { showIdFor, writeShow, type WrittenShow } from './showFiles';

export type AdminShowAction = { kind: 'launch'; title: string } | { kind: 'status'; status: RoomStatus } | { kind: 'announcement'; text: string };

/** The recorder's input interface (documented at the top of this file). */
export interface ShowInputs {
  broadcast(s: StreamSnapshot): void;
  admin(action: AdminShowAction, at: number): void;
  autoPause(s: AutoPauseSnapshot): void;
  roomCounters(at: number, c: Omit<CounterPoint, 'at'>): void;
  viewersOnline(at: number, count: number): void;
  viewerDelay(at: number, ms: number | null): void;
}

export interface ShowRecorderDeps {
  /** Where reports go when the show recorded nothing (else beside the recording). */
  recordingsDir: string;
  log: Logger;
  /** Writes chapters into the recording's parts (ffmpeg as a supervised child); omitted: no chapters. */
  chapters?: ChapterRunner;
  /** The report's and the chapters' language when the show stops (settings.language; default English). */
  language?: () => Language;
  /** The report is on disk. */
  onWritten?(show: WrittenShow & { summary: ShowSummary }): void;
}

/** A show longer than this many samples per series keeps only the latest (a day at one a second). */
export const MAX_SERIES_POINTS = 86_400;
const LABEL_MAX = 400;

interface Part {
  file: string;
  startedAt: number;
  /** startedAt is the run's first frames (live), not yet only when the file appeared. */
  framesSeen: boolean;
}

interface Show {
  startedAt: number;
  wentLive: boolean;
  lastKind: string;
  target: string | null;
  parts: Part[];
  events: ShowEvent[];
  health: ShowData['series']['health'];
  viewerDelay: ShowData['series']['viewerDelay'];
  online: ShowData['series']['online'];
  counters: CounterPoint[];
  seenAutoPause: Set<number>;
}

const push = <T>(list: T[], item: T): void => {
  list.push(item);
  if (list.length > MAX_SERIES_POINTS) list.splice(0, list.length - MAX_SERIES_POINTS);
};

export class ShowRecorder implements ShowInputs {
  private show: Show | null = null;
  /** Journal entries that existed before the show began are not its events. */
  private autoPauseSeen = new Set<number>();
  private writing: Promise<void> = Promise.resolve();
  private readonly quitting = new AbortController();
  private readonly chapters: ChapterRunner | undefined;

  constructor(private readonly d: ShowRecorderDeps) {
    this.chapters = d.chapters ? { ...d.chapters, signal: this.quitting.signal } : undefined;
  }

  /** Resolves once the reports decided so far are written (tests, the CLI). */
  settled(): Promise<void> {
    return this.writing;
  }

  /**
   * Shutdown: chapters still being written after `graceMs` are stopped (the parts kept as they
   * were, the reason in the report), then the reports are finished, so quitting never waits on
   * a long remux nor leaves an ffmpeg behind.
   */
  async dispose(graceMs = 5000): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.writing, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    this.quitting.abort();
    await this.writing;
  }

  get recording(): boolean {
    return this.show !== null;
  }

  broadcast(s: StreamSnapshot): void {
    const kind = s.state.kind;
    if (!this.show) {
      if (kind !== 'preparing' && kind !== 'connecting' && kind !== 'live') return;
      this.show = {
        startedAt: s.at,
        wentLive: false,
        lastKind: 'idle',
        target: null,
        parts: [],
        events: [],
        health: [],
        viewerDelay: [],
        online: [],
        counters: [],
        seenAutoPause: new Set(this.autoPauseSeen),
      };
    }
    const show = this.show;
    show.target = s.target ?? show.target;
    for (const file of s.recording?.files ?? []) if (!show.parts.some((p) => p.file === file)) show.parts.push({ file, startedAt: s.at, framesSeen: false });
    // A part's clock starts with its run's first frames (the push live), not at its spawn: ffmpeg's
    // start-up (a second or more on a loaded machine) is not in the file.
    const latest = show.parts.at(-1);
    if (kind === 'live' && latest && !latest.framesSeen) {
      latest.startedAt = s.at;
      latest.framesSeen = true;
    }
    for (const h of s.health?.samples ?? []) {
      const last = show.health.at(-1);
      if (last && h.at === last.at) show.health[show.health.length - 1] = { ...h };
      else if (!last || h.at > last.at) push(show.health, { ...h });
    }
    const was = show.lastKind;
    if (kind !== was) {
      // Labels are facts (reportText words them): a code, a count, nothing.
      if (kind === 'live' && !show.wentLive) this.event({ at: s.at, kind: 'goLive', label: '' });
      else if (kind === 'live') this.event({ at: s.at, kind: 'reconnected', label: String(s.state.kind === 'live' ? s.state.session.reconnects : 0) });
      if (kind === 'reconnecting' && was === 'live') this.event({ at: s.at, kind: 'pushLost', label: s.state.lastError.code });
      if (kind === 'stopping' && show.wentLive) this.event({ at: s.at, kind: 'stop', label: '' });
      if (kind === 'live') show.wentLive = true;
      show.lastKind = kind;
    }
    if (kind === 'ended' || kind === 'failed' || kind === 'idle') this.finish(s);
  }

  admin(action: AdminShowAction, at: number): void {
    if (!this.show) return;
    const label = action.kind === 'launch' ? action.title : action.kind === 'status' ? action.status : action.text;
    this.event({ at, kind: action.kind, label });
  }

  autoPause(s: AutoPauseSnapshot): void {
    for (const e of s.entries) {
      if (this.autoPauseSeen.has(e.id)) continue;
      this.autoPauseSeen.add(e.id);
      if (!this.show) continue;
      if (e.kind === 'paused') this.event({ at: e.at, kind: 'autoPause', label: '' });
      else if (e.kind === 'resumed') this.event({ at: e.at, kind: 'autoResume', label: '' });
    }
  }

  roomCounters(at: number, c: Omit<CounterPoint, 'at'>): void {
    if (this.show) push(this.show.counters, { at, ...c });
  }

  viewersOnline(at: number, count: number): void {
    if (this.show) push(this.show.online, { at, count });
  }

  viewerDelay(at: number, ms: number | null): void {
    if (this.show) push(this.show.viewerDelay, { at, ms });
  }

  private event(e: ShowEvent): void {
    this.show?.events.push({ ...e, label: e.label.slice(0, LABEL_MAX) });
  }

  private finish(s: StreamSnapshot): void {
    const show = this.show;
    if (!show) return;
    if (s.state.kind === 'failed') this.event({ at: s.at, kind: 'stop', label: s.state.error.code });
    else if (!show.events.some((e) => e.kind === 'stop')) this.event({ at: s.at, kind: 'stop', label: '' });
    this.show = null;
    if (!show.wentLive) {
      this.d.log.info({ state: s.state.kind }, 'show report: the broadcast never went live; nothing written');
      return;
    }
    const endedAt = s.at;
    const failed = s.state.kind === 'failed' ? s.state.error.code : null;
    const parts = show.parts.map((p, i) => ({ file: p.file, startedAt: p.startedAt, endedAt: show.parts[i + 1]?.startedAt ?? endedAt }));
    const id = showIdFor(parts[0]?.file ?? null, show.startedAt);
    const text = reportText(this.d.language?.());
    const task = async (): Promise<void> => {
      const recording = this.chapters ? await chapterParts(this.chapters, parts, show.events, text, this.d.log) : parts.map((p) => ({ ...p, chapters: 0, error: 'chapters not written' }));
      const data: ShowData = {
        v: SHOW_DATA_VERSION,
        id,
        startedAt: show.startedAt,
        endedAt,
        outcome: { kind: failed ? 'failed' : 'ended', code: failed },
        target: show.target,
        recording,
        events: [...show.events].sort((a, b) => a.at - b.at),
        series: { health: show.health, viewerDelay: show.viewerDelay, online: show.online, counters: show.counters },
      };
      const written = await writeShow(this.d.recordingsDir, parts[0]?.file ?? null, data, text);
      this.d.log.info({ id: written.id, json: written.jsonPath, html: written.htmlPath, events: data.events.length }, 'show report written');
      this.d.onWritten?.(written);
    };
    this.writing = this.writing.then(task).catch((e: unknown) => this.d.log.error({ err: e }, 'show report: writing failed'));
  }
}
