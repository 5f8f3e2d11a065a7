// The group Notification limit is 300 bytes of UTF-8 (reference §2.6): a CJK character costs 3.
import { byteLength } from '../../../../shared/domain/liveCommerce';

export const ANNOUNCEMENT_MAX_BYTES = 300;

export function announcementBudget(text: string): { bytes: number; max: number; over: boolean } {
  const bytes = byteLength(text);
  return { bytes, max: ANNOUNCEMENT_MAX_BYTES, over: bytes > ANNOUNCEMENT_MAX_BYTES };
}
