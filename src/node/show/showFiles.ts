// Where show reports live and how they are found again: `<name>.show.json` and `<name>.show.html`
// beside the recording (the recording's session name), or in the recordings folder when the show
// recorded nothing. The console reaches them by id only: an id is file-name safe by pattern, and a
// path is only ever built from the folder and an id that a listing found.
import fs from 'node:fs';
import path from 'node:path';
import { defaultSessionName } from '../broadcast/recording';
import { SHOW_ID_PATTERN, showDataSchema, summarise, type ShowData, type ShowSummary } from '../../shared/domain/show/showData';
import { reportText, type ReportText } from '../../shared/domain/show/reportText';
import { writeFileAtomic } from '../infra/atomicFile';
import { renderReport } from './reportHtml';

export const JSON_SUFFIX = '.show.json';
export const HTML_SUFFIX = '.show.html';
/** The console lists the latest shows only. */
export const MAX_LISTED = 100;

export interface WrittenShow {
  id: string;
  jsonPath: string;
  htmlPath: string;
  data: ShowData;
}

/** The recording's session name (`name.part1.mkv` → `name`), made file-name safe; else one from the start time. */
export function showIdFor(firstPart: string | null, startedAt: number): string {
  if (firstPart) {
    const base = path.basename(firstPart).replace(/\.part\d+\.[A-Za-z0-9]+$/, '').replace(/\.[A-Za-z0-9]+$/, '');
    const safe = base.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[^A-Za-z0-9]+/, '').slice(0, 100);
    if (SHOW_ID_PATTERN.test(safe)) return safe;
  }
  return defaultSessionName(startedAt);
}

/** Writes the JSON and the HTML (never over an earlier show's: `-2`, `-3` … when the name is taken). */
export async function writeShow(recordingsDir: string, firstPart: string | null, data: ShowData, text: ReportText = reportText('en')): Promise<WrittenShow & { summary: ShowSummary }> {
  const dir = firstPart ? path.dirname(firstPart) : recordingsDir;
  await fs.promises.mkdir(dir, { recursive: true });
  let id = data.id;
  for (let n = 2; fs.existsSync(path.join(dir, id + JSON_SUFFIX)); n++) id = `${data.id}-${n}`;
  const final = { ...data, id };
  const jsonPath = path.join(dir, id + JSON_SUFFIX);
  const htmlPath = path.join(dir, id + HTML_SUFFIX);
  writeFileAtomic(htmlPath, renderReport(final, text));
  writeFileAtomic(jsonPath, JSON.stringify(final, null, 1));
  return { id, jsonPath, htmlPath, data: final, summary: summarise(final) };
}

/** The shows in a folder, newest first; files that do not parse as show data are left out. */
export async function listShows(dir: string): Promise<ShowSummary[]> {
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    return [];
  }
  const out: ShowSummary[] = [];
  for (const name of names) {
    if (!name.endsWith(JSON_SUFFIX) || !SHOW_ID_PATTERN.test(name.slice(0, -JSON_SUFFIX.length))) continue;
    const data = await readShow(dir, name.slice(0, -JSON_SUFFIX.length));
    if (data) out.push(summarise(data));
  }
  return out.sort((a, b) => b.startedAt - a.startedAt).slice(0, MAX_LISTED);
}

export async function readShow(dir: string, id: string): Promise<ShowData | null> {
  if (!SHOW_ID_PATTERN.test(id)) return null;
  try {
    const parsed = showDataSchema.safeParse(JSON.parse(await fs.promises.readFile(path.join(dir, id + JSON_SUFFIX), 'utf8')));
    return parsed.success && parsed.data.id === id ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The report page of a listed show (its JSON parses, its HTML exists), else null. */
export async function reportFile(dir: string, id: string): Promise<string | null> {
  if (!(await readShow(dir, id))) return null;
  const file = path.join(dir, id + HTML_SUFFIX);
  return fs.existsSync(file) ? file : null;
}
