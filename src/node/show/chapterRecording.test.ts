import { describe, expect, it } from 'vitest';
import { chapteredTemp, clampChapters, parseDuration } from './chapterRecording';

describe('chapters within the part', () => {
  it("reads the Duration of ffmpeg's input banner, or null for N/A", () => {
    expect(parseDuration('Input #0, matroska,webm, from \'a.mkv\':\n  Duration: 00:02:00.02, start: 0.000000, bitrate: 1471 kb/s')).toBe(120_020);
    expect(parseDuration('  Duration: 01:00:05.5, start: 0')).toBe(3_605_500);
    expect(parseDuration('  Duration: N/A, start: 0.000000, bitrate: N/A')).toBeNull();
  });

  it('clamps chapter ends to the real length and drops chapters that would start after it', () => {
    const c = [
      { startMs: 0, endMs: 4000, title: 'Show start' },
      { startMs: 4000, endMs: 10_400, title: 'A' },
      { startMs: 10_200, endMs: 10_400, title: 'B' },
    ];
    expect(clampChapters(c, 10_000)).toEqual([
      { startMs: 0, endMs: 4000, title: 'Show start' },
      { startMs: 4000, endMs: 10_000, title: 'A' },
    ]);
    expect(clampChapters(c, null)).toEqual(c);
  });

  it('writes beside the part with its extension, so ffmpeg picks the same muxer', () => {
    expect(chapteredTemp('/r/show.part2.mp4')).toBe('/r/show.part2.chaptering.mp4');
  });
});
