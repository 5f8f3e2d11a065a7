// `--smoke`, every benchmark's short mode: the same code path with tiny sizes and durations (a few
// seconds), printing every figure, so `npm test` can run each benchmark once
// (test/e2e/benchSmoke.e2e.ts) and a benchmark cannot silently rot. A flag given on the command
// line still wins over the smoke size. A benchmark that needs a binary this machine lacks (Chromium,
// ffmpeg) prints `skipped: <reason>` and exits with SKIPPED_EXIT, which the smoke run reports as
// skipped rather than failed.

/** Exit code of a benchmark that could not run here for a missing binary (automake's "skipped"). */
export const SKIPPED_EXIT = 77;

/** The header line a smoke run prints, so its output is never read as a measurement. */
export const SMOKE_LINE = 'smoke     --smoke: tiny sizes and durations that run every step and print every figure; they prove the run, not the performance';

/** Prints why a benchmark cannot run on this machine and returns SKIPPED_EXIT. */
export function skipped(reason: string): number {
  console.log(`skipped: ${reason}`);
  return SKIPPED_EXIT;
}

/** A flag's value: as given on the command line, else the smoke size in a smoke run, else the full default. */
export const sized = (given: string | undefined, full: string, smokeValue: string, smoke: boolean): string => given ?? (smoke ? smokeValue : full);
