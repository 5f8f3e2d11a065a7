import { describe, expect, it } from 'vitest';
import type { FeedItem } from '../../../../shared/domain/room';
import { arrivalsLastMinute, isBusy, safeAvatar, visibleFeed } from './feedView';

const who = { userId: 'u', nick: 'U', avatar: '' };
const join = (seq: number, at: number, others = 0): FeedItem => ({ seq, at, collapsible: true, kind: 'join', others, ...who });
const leave = (seq: number, at: number): FeedItem => ({ seq, at, collapsible: true, kind: 'leave', others: 0, ...who });
const text = (seq: number, at: number): FeedItem => ({ seq, at, collapsible: false, kind: 'text', text: 'hi', fromAdmin: false, ...who });

describe('arrivalsLastMinute', () => {
  it('counts joiners (with the others a tip names) and leavers in the last 60 s', () => {
    const now = 100_000;
    const feed = [join(1, 10_000), join(2, 50_000, 4), text(3, 60_000), leave(4, 70_000), join(5, 99_000)];
    expect(arrivalsLastMinute(feed, now)).toEqual({ joined: 6, left: 1 });
  });

  it('is busy above the threshold only', () => {
    expect(isBusy({ joined: 20, left: 0 })).toBe(false);
    expect(isBusy({ joined: 21, left: 0 })).toBe(true);
  });
});

describe('visibleFeed', () => {
  const feed = [join(1, 1), text(2, 2), leave(3, 3)];
  it('keeps every line when not collapsed and only non-collapsible ones when collapsed', () => {
    expect(visibleFeed(feed, false)).toHaveLength(3);
    expect(visibleFeed(feed, true).map((i) => i.seq)).toEqual([2]);
  });
});

describe('safeAvatar', () => {
  it.each([
    ['https://cdn.example.com/a.png', 'https://cdn.example.com/a.png'],
    ['http://127.0.0.1:5180/a.png', 'http://127.0.0.1:5180/a.png'],
    ['javascript:alert(1)', null],
    ['data:image/png;base64,AAAA', null],
    ['', null],
    ['https://x/" onerror="x', null],
  ])('%s → %s', (url, expected) => {
    expect(safeAvatar(url)).toBe(expected);
  });
});
