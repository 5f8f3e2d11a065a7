// Who may enter a lucky bag, from what the room's callbacks report: keyword comments (after-send
// text), follows (the viewer's own ATTENTION / CANCELATTENTION) and watch time (after-join /
// after-exit). Bounded per room; evaluated against a bag's conditions at the draw.
import { canonicalEntrants, type LuckyBag } from '../../shared/domain/promotions';

const MAX_TEXTS = 50_000;
const MAX_USERS = 100_000;

interface Watch {
  acc: number;
  since: number | undefined;
}

export class RoomEntries {
  /** Recent texts (lowercased) with their sender and time, oldest first. */
  private texts: { userId: string; at: number; text: string }[] = [];
  private readonly follows = new Map<string, boolean>();
  private readonly watch = new Map<string, Watch>();

  constructor(private readonly excluded: ReadonlySet<string>) {}

  text(userId: string, text: string, at: number): void {
    if (this.excluded.has(userId)) return;
    this.texts.push({ userId, at, text: text.toLowerCase() });
    if (this.texts.length > MAX_TEXTS) this.texts = this.texts.slice(this.texts.length - MAX_TEXTS / 2);
  }

  follow(userId: string, following: boolean): void {
    if (this.excluded.has(userId) || (!this.follows.has(userId) && this.follows.size >= MAX_USERS)) return;
    this.follows.set(userId, following);
  }

  joined(userId: string, at: number): void {
    if (this.excluded.has(userId)) return;
    const w = this.watch.get(userId);
    if (w) w.since ??= at;
    else if (this.watch.size < MAX_USERS) this.watch.set(userId, { acc: 0, since: at });
  }

  exited(userId: string, at: number): void {
    const w = this.watch.get(userId);
    if (w?.since === undefined) return;
    w.acc += Math.max(0, at - w.since);
    w.since = undefined;
  }

  /** Milliseconds `userId` has been in the room up to `at`. */
  watchedMs(userId: string, at: number): number {
    const w = this.watch.get(userId);
    return w ? w.acc + (w.since !== undefined ? Math.max(0, at - w.since) : 0) : 0;
  }

  /**
   * The entrants of a bag at `at` (its draw, or now if earlier), canonical (sorted, distinct): every
   * condition it sets must hold — a text containing the keyword sent between its start and the
   * draw, following the host, and the watch time.
   */
  entrants(bag: LuckyBag, at: number): string[] {
    const until = Math.min(at, bag.drawAt);
    let candidates: Iterable<string>;
    if (bag.keyword !== undefined) {
      const kw = bag.keyword.toLowerCase();
      candidates = this.texts.filter((t) => t.at >= bag.startsAt && t.at <= until && t.text.includes(kw)).map((t) => t.userId);
    } else if (bag.followHost) {
      candidates = [...this.follows].filter(([, f]) => f).map(([u]) => u);
    } else {
      candidates = this.watch.keys();
    }
    const out: string[] = [];
    for (const u of new Set(candidates)) {
      if (bag.followHost && this.follows.get(u) !== true) continue;
      if (bag.watchedMinutes !== undefined && this.watchedMs(u, until) < bag.watchedMinutes * 60_000) continue;
      out.push(u);
    }
    return canonicalEntrants(out);
  }
}
