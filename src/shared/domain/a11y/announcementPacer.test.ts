import { describe, expect, it } from 'vitest';
import { AnnouncementPacer } from './announcementPacer';

describe('AnnouncementPacer', () => {
  it('says the first line at once, then at most one announcement per interval', () => {
    const p = new AnnouncementPacer({ intervalMs: 3000, maxLines: 2 });
    p.push('a');
    expect(p.take(0)).toEqual({ lines: ['a'], more: 0 });
    p.push('b');
    expect(p.take(1000)).toBeNull();
    expect(p.take(2999)).toBeNull();
    expect(p.take(3000)).toEqual({ lines: ['b'], more: 0 });
    expect(p.take(9000)).toBeNull();
  });

  it('keeps the newest lines and counts the rest', () => {
    const p = new AnnouncementPacer({ intervalMs: 1000, maxLines: 3 });
    p.push(...Array.from({ length: 138 }, (_, i) => `line ${i}`));
    expect(p.take(0)).toEqual({ lines: ['line 135', 'line 136', 'line 137'], more: 135 });
  });

  it('a flood over 10 s makes at most one announcement per interval', () => {
    const p = new AnnouncementPacer({ intervalMs: 3000, maxLines: 3 });
    let said = 0;
    for (let t = 0; t <= 10_000; t += 50) {
      p.push(`msg ${t}`);
      if (p.take(t)) said++;
    }
    expect(said).toBe(4);
  });

  it('paused, keeps nothing: resuming does not read out the backlog', () => {
    const p = new AnnouncementPacer({ intervalMs: 1000, maxLines: 3 });
    p.push('before');
    p.setPaused(true);
    p.push('during');
    expect(p.take(0)).toBeNull();
    p.setPaused(false);
    expect(p.take(0)).toBeNull();
    p.push('after', '');
    expect(p.take(0)).toEqual({ lines: ['after'], more: 0 });
  });

  it('refuses a zero interval or no lines', () => {
    expect(() => new AnnouncementPacer({ intervalMs: 0, maxLines: 1 })).toThrow(RangeError);
    expect(() => new AnnouncementPacer({ intervalMs: 1, maxLines: 0 })).toThrow(RangeError);
  });
});
