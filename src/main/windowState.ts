// Persists the main window's bounds in the user data dir and restores them on launch.
import path from 'node:path';
import type { BrowserWindow, Screen } from 'electron';
import { fitWindowState, type WindowState } from '../shared/domain/windowState';
import { readFileIfExists, writeFileAtomic } from '../node/infra/atomicFile';

export function loadWindowState(dataDir: string, screen: Screen): WindowState {
  let saved: unknown;
  try {
    saved = JSON.parse(readFileIfExists(path.join(dataDir, 'window-state.json')) ?? 'null');
  } catch {
    saved = null;
  }
  return fitWindowState(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
    screen.getPrimaryDisplay().workArea,
  );
}

export function trackWindowState(win: BrowserWindow, dataDir: string): void {
  const save = () => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    const state: WindowState = { ...b, maximized: win.isMaximized() };
    writeFileAtomic(path.join(dataDir, 'window-state.json'), JSON.stringify(state));
  };
  win.on('close', save);
}
