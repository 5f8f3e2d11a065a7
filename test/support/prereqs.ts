// Tests that need something outside Node — ffmpeg, Chromium, Xvfb, PostgreSQL, Linux, an
// Electron binary, cloud credentials — are skipped with the reason in the suite's name (so it is
// in every reporter's output and in vitest's JSON report) and printed once on the console: never
// silently.
//
//   describeWith([ffmpeg(), chromium()])('Go Live from the console', () => { … });
//   → "Go Live from the console (skipped: no ffmpeg at /usr/bin/ffmpeg — apt-get install ffmpeg)"
import fs from 'node:fs';
import { describe, it } from 'vitest';

/** What a suite needs, and in words why it cannot run where it is missing. */
export interface Prereq {
  ok: boolean;
  reason: string;
}

const CHROMIUM_CANDIDATES = () => [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const ffmpeg = (): Prereq => ({
  ok: fs.existsSync('/usr/bin/ffmpeg') || Boolean(process.env.FFMPEG_PATH),
  reason: 'no ffmpeg at /usr/bin/ffmpeg and FFMPEG_PATH unset — apt-get install ffmpeg',
});

export const ffprobe = (): Prereq => ({
  ok: fs.existsSync('/usr/bin/ffprobe'),
  reason: 'no ffprobe at /usr/bin/ffprobe — apt-get install ffmpeg',
});

export const chromium = (): Prereq => ({
  ok: CHROMIUM_CANDIDATES().some((c) => Boolean(c && fs.existsSync(c))),
  reason: 'no Chromium (CHROMIUM_PATH, /usr/bin/chromium) — apt-get install chromium',
});

export const xvfb = (): Prereq => ({ ok: fs.existsSync('/usr/bin/Xvfb'), reason: 'no Xvfb at /usr/bin/Xvfb — apt-get install xvfb' });

export const linux = (): Prereq => ({ ok: process.platform === 'linux', reason: `needs Linux (this is ${process.platform})` });

export const built = (...files: string[]): Prereq => ({
  ok: files.every((f) => fs.existsSync(f)),
  reason: `no build (${files.filter((f) => !fs.existsSync(f)).join(', ')} missing) — npm run build`,
});

export const envVar = (name: string, hint: string): Prereq => ({ ok: Boolean(process.env[name]), reason: `${name} is not set — ${hint}` });

/** A prerequisite of the test's own making, e.g. "Electron is installed here". */
export const when = (ok: boolean, reason: string): Prereq => ({ ok, reason });

/** The reasons that stop a suite, joined; empty when it can run. */
export function missing(prereqs: Prereq[]): string {
  return prereqs
    .filter((p) => !p.ok)
    .map((p) => p.reason)
    .join('; ');
}

function titled(title: string, prereqs: Prereq[]): { skip: boolean; title: string } {
  const why = missing(prereqs);
  if (!why) return { skip: false, title };
  console.warn(`SKIPPED ${title}: ${why}`);
  return { skip: true, title: `${title} (skipped: ${why})` };
}

/** `describe`, or a skipped `describe` whose name says what is missing. */
export function describeWith(prereqs: Prereq[]) {
  return (title: string, fn: () => void): void => {
    const t = titled(title, prereqs);
    describe.skipIf(t.skip)(t.title, fn);
  };
}

/** `it`, or a skipped `it` whose name says what is missing. */
export function itWith(prereqs: Prereq[]) {
  return (title: string, fn: () => Promise<void> | void, timeout?: number): void => {
    const t = titled(title, prereqs);
    it.skipIf(t.skip)(t.title, fn, timeout);
  };
}
