import { describe, expect, it } from 'vitest';
import { escapeMetadata, ffmetadata, partChapters } from './chapters';
import { reportText } from './reportText';
import type { ShowEvent } from './showData';

const ev = (at: number, kind: ShowEvent['kind'], label: string): ShowEvent => ({ at, kind, label });

describe('partChapters', () => {
  const events = [
    ev(1000, 'goLive', 'Live'),
    ev(5000, 'launch', 'Red lipstick'),
    ev(7000, 'announcement', 'Free shipping'),
    ev(9000, 'status', 'paused'),
    ev(12_000, 'launch', 'Blue scarf'),
    ev(14_000, 'autoPause', 'x'),
  ];

  it('opens a chapter at each launch (titled with the product) and status change, from the part start', () => {
    expect(partChapters(events, { startedAt: 1000, endedAt: 13_000 }, 0)).toEqual([
      { startMs: 0, endMs: 4000, title: 'Show start' },
      { startMs: 4000, endMs: 8000, title: 'Red lipstick' },
      { startMs: 8000, endMs: 11_000, title: 'Status: Paused' },
      { startMs: 11_000, endMs: 12_000, title: 'Blue scarf' },
    ]);
  });

  it('a later part carries on the chapter current at its start, and counts from its own start', () => {
    expect(partChapters(events, { startedAt: 13_000, endedAt: 20_000 }, 1)).toEqual([
      { startMs: 0, endMs: 1000, title: 'Blue scarf (continued)' },
      { startMs: 1000, endMs: 7000, title: 'Status: paused (push lost)' },
    ]);
  });

  it('two events in the same millisecond: one chapter, named by the later', () => {
    const c = partChapters([ev(2000, 'launch', 'A'), ev(2000, 'launch', 'B')], { startedAt: 0, endedAt: 5000 }, 0);
    expect(c.map((x) => x.title)).toEqual(['Show start', 'B']);
  });

  it('titles in the report language; products stay as typed', () => {
    const c = partChapters(events, { startedAt: 13_000, endedAt: 20_000 }, 1, reportText('zh-CN'));
    expect(c.map((x) => x.title)).toEqual(['Blue scarf（续）', '状态：暂停（推流中断）']);
    expect(partChapters([ev(3000, 'status', 'live')], { startedAt: 0, endedAt: 5000 }, 0, reportText('ja')).map((x) => x.title)).toEqual(['配信開始', 'ステータス：配信中']);
    expect(partChapters([], { startedAt: 0, endedAt: 5000 }, 2, reportText('ko'))[0]?.title).toBe('파트 3: 재연결 후');
  });
});

describe('ffmetadata', () => {
  it('escapes the characters FFMETADATA reserves', () => {
    expect(escapeMetadata('a=b;c#d\\e\nf')).toBe('a\\=b\\;c\\#d\\\\e\\\nf');
  });

  it('writes a header and one [CHAPTER] block per chapter in milliseconds', () => {
    expect(ffmetadata([{ startMs: 0, endMs: 1500, title: 'Lip=stick' }])).toBe(';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1500\ntitle=Lip\\=stick\n');
  });
});
