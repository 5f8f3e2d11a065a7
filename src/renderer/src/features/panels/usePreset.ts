// Host or assistant layout: which panels are large. The choice is kept in localStorage; until
// one is made, the desktop app opens as the host's console and a browser as the assistant's.
import { useCallback, useState } from 'react';

export const PRESETS = ['host', 'assistant'] as const;
export type Preset = (typeof PRESETS)[number];
export const PRESET_KEY = 'stageside.layout.v1';

function stored(): Preset | null {
  try {
    const v = globalThis.localStorage?.getItem(PRESET_KEY);
    return v === 'host' || v === 'assistant' ? v : null;
  } catch {
    return null;
  }
}

export function usePreset(fallback: Preset): [Preset, (p: Preset) => void] {
  const [chosen, setChosen] = useState<Preset | null>(stored);
  const choose = useCallback((p: Preset) => {
    setChosen(p);
    try {
      globalThis.localStorage?.setItem(PRESET_KEY, p);
    } catch {
      // Not persisted; the choice still holds for this window.
    }
  }, []);
  return [chosen ?? fallback, choose];
}
