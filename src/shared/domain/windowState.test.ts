import { describe, expect, it } from 'vitest';
import { fitWindowState } from './windowState';

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const right = { x: 1920, y: 0, width: 1280, height: 1000 };

describe('fitWindowState', () => {
  it.each([
    ['kept on the primary display', { x: 100, y: 50, width: 1400, height: 800, maximized: true }, [primary], true],
    ['kept on a second display', { x: 2000, y: 10, width: 1100, height: 700, maximized: false }, [primary, right], true],
    ['reset when its display is gone', { x: 2000, y: 10, width: 1100, height: 700, maximized: false }, [primary], false],
    ['reset when the title bar is above the screen', { x: 100, y: -400, width: 1100, height: 700, maximized: false }, [primary], false],
    ['reset when garbage', { x: 'a' }, [primary], false],
    ['reset when absurdly small', { x: 0, y: 0, width: 10, height: 10, maximized: false }, [primary], false],
  ])('%s', (_n, saved, areas, kept) => {
    const r = fitWindowState(saved, areas, primary);
    if (kept) expect(r).toEqual(saved);
    else expect(r).toEqual({ x: 277, y: 136, width: 1366, height: 768, maximized: false });
  });

  it('never exceeds a small primary display', () => {
    expect(fitWindowState(null, [], { x: 0, y: 0, width: 1280, height: 720 })).toEqual({ x: 0, y: 0, width: 1280, height: 720, maximized: false });
  });
});
