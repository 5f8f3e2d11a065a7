// What the chat list shows: join/leave lines fold into a summary when the room is busy, so chat
// stays readable during a rush (Douyin-style "12 joined" instead of twelve lines).
import type { FeedItem } from '../../../../shared/domain/room';

/** More joins than this in the last minute makes the room "busy". */
export const BUSY_JOINS_PER_MINUTE = 20;
const MINUTE_MS = 60_000;

export interface Arrivals {
  joined: number;
  left: number;
}

/** Joiners and leavers in the minute before `now` (a line may name several users). */
export function arrivalsLastMinute(feed: readonly FeedItem[], now: number): Arrivals {
  let joined = 0;
  let left = 0;
  for (let i = feed.length - 1; i >= 0; i--) {
    const item = feed[i];
    if (!item || item.at < now - MINUTE_MS) break;
    if (item.kind === 'join') joined += 1 + item.others;
    else if (item.kind === 'leave') left += 1 + item.others;
  }
  return { joined, left };
}

export const isBusy = (a: Arrivals): boolean => a.joined > BUSY_JOINS_PER_MINUTE;

/** The lines to list: everything, or without the collapsible join/leave lines. */
export function visibleFeed(feed: readonly FeedItem[], collapse: boolean): readonly FeedItem[] {
  return collapse ? feed.filter((item) => !item.collapsible) : feed;
}

/** Avatars are only shown from http(s) URLs (no data:, javascript: or file: sources). */
export const safeAvatar = (url: string): string | null => (/^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : null);
