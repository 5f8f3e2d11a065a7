// Paces what a busy feed says to a screen reader: at most one announcement per interval, holding
// the newest few lines and counting the rest ("… and 12 more"), so a live room reads as a steady
// trickle rather than a flood (a polite live region re-read on every chat line cannot keep up).
// Used by the console's chat log and the studio's viewer page; the clock is the caller's.

export interface Announcement {
  /** The newest lines since the last announcement, oldest first. */
  lines: string[];
  /** Lines that arrived since the last announcement and are not in `lines`. */
  more: number;
}

export interface PacerOptions {
  intervalMs: number;
  /** How many of the newest lines one announcement reads out. */
  maxLines: number;
}

export class AnnouncementPacer {
  private pending: string[] = [];
  private dropped = 0;
  private lastAt = -Infinity;
  private paused = false;

  constructor(private readonly opts: PacerOptions) {
    if (!(opts.intervalMs > 0) || !(opts.maxLines >= 1)) throw new RangeError('AnnouncementPacer needs intervalMs > 0 and maxLines >= 1');
  }

  /** Paused, lines are not kept: resuming does not read out what came meanwhile. */
  setPaused(paused: boolean): void {
    this.paused = paused;
    if (paused) this.clear();
  }

  push(...lines: string[]): void {
    if (this.paused) return;
    for (const line of lines) {
      if (!line) continue;
      this.pending.push(line);
      if (this.pending.length > this.opts.maxLines) {
        this.pending.shift();
        this.dropped += 1;
      }
    }
  }

  /** The announcement due at `now`, or null (nothing new, or too soon after the last one). */
  take(now: number): Announcement | null {
    if (this.pending.length === 0 || now - this.lastAt < this.opts.intervalMs) return null;
    const out = { lines: this.pending, more: this.dropped };
    this.lastAt = now;
    this.clear();
    return out;
  }

  private clear(): void {
    this.pending = [];
    this.dropped = 0;
  }
}
