// Chapters into a finished recording: for each part, an FFMETADATA file of its chapters and one
// `ffmpeg -i part -i meta -map 0 -map_metadata 0 -map_chapters 1 -c copy` (no re-encode) into a
// temporary file beside it, run as a supervised child; only a run that exits 0 with a non-empty
// output replaces the part (a rename in the same folder). Anything else keeps the original as it
// was and says why in the show's data. Each part is chaptered on its own (docs/broadcasting.md).
import fs from 'node:fs';
import path from 'node:path';
import { ffmetadata, partChapters } from '../../shared/domain/show/chapters';
import type { ReportText } from '../../shared/domain/show/reportText';
import type { ChapteredPart, ShowEvent } from '../../shared/domain/show/showData';
import type { Logger } from '../infra/logger';
import { SupervisedChild, terminateThenKill, type Spawner } from '../process/supervisedChild';

export interface ChapterRunner {
  /** The ffmpeg binary the broadcast used (null: none found, chapters are skipped). */
  ffmpegPath(): Promise<string | null>;
  spawner?: Spawner;
  /** A remux that takes longer is stopped (TERM, then KILL) and the original kept (default 10 min). */
  timeoutMs?: number;
  /** Aborted (the app quits): a remux under way is stopped and the original kept. */
  signal?: AbortSignal;
}

/** Enough for an input banner (its Duration line) and the last error lines. */
const STDERR_KEEP = 8000;

/** Runs ffmpeg once under supervision; resolves with its exit code (null: signal or spawn failure) and stderr's tail. */
function runFfmpeg(file: string, args: string[], r: ChapterRunner): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    let stderr = '';
    const child = new SupervisedChild({
      file,
      args,
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(r.spawner ? { spawner: r.spawner } : {}),
      stop: terminateThenKill(2000),
      attach: (c) => {
        c.stderr?.setEncoding('utf8');
        c.stderr?.on('data', (d: string) => (stderr = (stderr + d).slice(-STDERR_KEEP)));
      },
      onSpawn: () => child.markReady(),
      onExit: (exit) => {
        clearTimeout(timer);
        resolve({ code: exit.spawnError ? null : exit.code, stderr: exit.spawnError ? exit.spawnError.message : exit.startTimedOut ? 'timed out' : stderr });
      },
    });
    const stop = (why: string) => {
      stderr += `\n(${why}: stopped)`;
      void child.stop();
    };
    const timer = setTimeout(() => stop('timed out'), r.timeoutMs ?? 10 * 60_000);
    if (r.signal?.aborted) stop('the app is quitting');
    r.signal?.addEventListener('abort', () => stop('the app is quitting'), { once: true });
    child.start();
  });
}

/** `Duration: 00:01:02.50` in ffmpeg's input banner, in ms; null when ffmpeg says N/A (a part cut short by a kill). */
export function parseDuration(stderr: string): number | null {
  const m = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(stderr);
  return m ? Math.round((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000) : null;
}

/**
 * Chapters within the part's real length: the wall-clock span overshoots it by ffmpeg's start-up,
 * and an MP4's chapter track would stretch the file's duration to the last chapter's end.
 */
export function clampChapters<T extends { startMs: number; endMs: number }>(chapters: readonly T[], durationMs: number | null): T[] {
  if (durationMs === null || durationMs <= 0) return [...chapters];
  return chapters.filter((c, i) => i === 0 || c.startMs < durationMs).map((c) => ({ ...c, endMs: Math.min(c.endMs, durationMs) }));
}

/** The temporary output: same folder (so the rename is atomic) and extension (so ffmpeg picks the muxer). */
export const chapteredTemp = (file: string): string => {
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.chaptering${ext}`);
};

export async function chapterPart(r: ChapterRunner, part: { file: string; startedAt: number; endedAt: number }, events: readonly ShowEvent[], index: number, t: ReportText, log: Logger): Promise<ChapteredPart> {
  const planned = partChapters(events, part, index, t);
  const base = { file: part.file, startedAt: part.startedAt, endedAt: part.endedAt };
  const fail = (error: string): ChapteredPart => {
    log.warn({ file: part.file, error }, 'chapters not written; the recording is kept as it was');
    return { ...base, chapters: 0, error };
  };
  let size = 0;
  try {
    size = (await fs.promises.stat(part.file)).size;
  } catch {
    return fail('the part is missing');
  }
  if (size === 0) return fail('the part is empty');
  const ffmpeg = await r.ffmpegPath();
  if (!ffmpeg) return fail('ffmpeg not found');
  const meta = `${part.file}.chapters.txt`;
  const temp = chapteredTemp(part.file);
  try {
    // ffmpeg with an input and no output prints the banner (and exits 1 by design): its Duration.
    const banner = await runFfmpeg(ffmpeg, ['-hide_banner', '-nostdin', '-i', part.file], r);
    const chapters = clampChapters(planned, parseDuration(banner.stderr));
    await fs.promises.writeFile(meta, ffmetadata(chapters), 'utf8');
    const args = ['-hide_banner', '-nostdin', '-v', 'error', '-y', '-i', part.file, '-f', 'ffmetadata', '-i', meta, '-map', '0', '-map_metadata', '0', '-map_chapters', '1', '-c', 'copy', temp];
    const run = await runFfmpeg(ffmpeg, args, r);
    if (run.code !== 0) return fail(`ffmpeg exited ${run.code ?? 'by a signal'}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    const out = await fs.promises.stat(temp).catch(() => null);
    if (!out || out.size === 0) return fail('ffmpeg wrote nothing');
    await fs.promises.rename(temp, part.file);
    return { ...base, chapters: chapters.length, error: null };
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  } finally {
    await fs.promises.rm(meta, { force: true });
    await fs.promises.rm(temp, { force: true });
  }
}

/** Each part in turn (one remux at a time: they are disk-bound). */
export async function chapterParts(r: ChapterRunner, parts: readonly { file: string; startedAt: number; endedAt: number }[], events: readonly ShowEvent[], t: ReportText, log: Logger): Promise<ChapteredPart[]> {
  const out: ChapteredPart[] = [];
  for (const [i, p] of parts.entries()) out.push(await chapterPart(r, p, events, i, t, log));
  return out;
}
