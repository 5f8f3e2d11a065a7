// Double-press protection for launches and the 1–9 hotkeys: a second launch of the same product
// within the window, or any launch while one is in flight, is ignored.
export const LAUNCH_REPEAT_MS = 1_500;

export interface LaunchGuard {
  /** True when this launch may go ahead (and marks it in flight). */
  tryStart(id: string): boolean;
  finish(): void;
  readonly inFlight: string | null;
}

export function createLaunchGuard(now: () => number = Date.now, windowMs = LAUNCH_REPEAT_MS): LaunchGuard {
  let inFlight: string | null = null;
  const last = new Map<string, number>();
  return {
    tryStart(id) {
      if (inFlight !== null) return false;
      const t = now();
      const prev = last.get(id);
      if (prev !== undefined && t - prev < windowMs) return false;
      last.set(id, t);
      inFlight = id;
      return true;
    },
    finish() {
      inFlight = null;
    },
    get inFlight() {
      return inFlight;
    },
  };
}

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat?: boolean;
  target: unknown;
}

/** Text fields keep their digits: hotkeys only fire when focus is elsewhere. */
export function isEditable(target: unknown): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string } | null;
  if (!el || typeof el.tagName !== 'string') return false;
  const tag = el.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable === true) return true;
  if (tag !== 'INPUT') return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes((el.type ?? 'text').toLowerCase());
}

/** 0–8 for keys 1–9 without modifiers outside text fields; null otherwise. */
export function hotkeyIndex(e: KeyLike): number | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return null;
  if (!/^[1-9]$/.test(e.key)) return null;
  if (isEditable(e.target)) return null;
  return Number(e.key) - 1;
}
