// Window bounds to restore: the saved ones when they still fit on a connected display,
// otherwise a default size centred on the primary display (monitors get unplugged).
import { z } from 'zod';

export const windowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1366, height: 768 };

/** At least this much of the title bar must be on a display for the bounds to be kept. */
const MIN_VISIBLE = 64;

export function fitWindowState(saved: unknown, workAreas: Rect[], primary: Rect): WindowState {
  const parsed = windowStateSchema.safeParse(saved);
  if (parsed.success) {
    const s = parsed.data;
    const visible = workAreas.some(
      (a) =>
        s.x + s.width - MIN_VISIBLE >= a.x &&
        s.x + MIN_VISIBLE <= a.x + a.width &&
        s.y >= a.y &&
        s.y + MIN_VISIBLE <= a.y + a.height,
    );
    if (visible) return s;
  }
  const width = Math.min(DEFAULT_SIZE.width, primary.width);
  const height = Math.min(DEFAULT_SIZE.height, primary.height);
  return {
    x: Math.round(primary.x + (primary.width - width) / 2),
    y: Math.round(primary.y + (primary.height - height) / 2),
    width,
    height,
    maximized: false,
  };
}
