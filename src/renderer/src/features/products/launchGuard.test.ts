import { describe, expect, it } from 'vitest';
import { createLaunchGuard, hotkeyIndex, isEditable } from './launchGuard';

describe('createLaunchGuard', () => {
  it('ignores a second launch of the same product within 1.5 s, and any launch while one is in flight', () => {
    let t = 0;
    const g = createLaunchGuard(() => t);
    expect(g.tryStart('A1')).toBe(true);
    expect(g.tryStart('A2')).toBe(false); // in flight
    g.finish();
    t = 1000;
    expect(g.tryStart('A1')).toBe(false); // double press
    expect(g.tryStart('A2')).toBe(true);
    g.finish();
    t = 1600;
    expect(g.tryStart('A1')).toBe(true);
  });
});

describe('hotkeyIndex', () => {
  const key = (k: string, patch: Partial<Parameters<typeof hotkeyIndex>[0]> = {}) =>
    hotkeyIndex({ key: k, ctrlKey: false, metaKey: false, altKey: false, target: { tagName: 'BODY' }, ...patch });

  it.each([
    ['1', 0],
    ['9', 8],
    ['0', null],
    ['a', null],
  ])('key %s → %s', (k, idx) => {
    expect(key(k)).toBe(idx);
  });

  it('ignores modified, repeated and text-field presses', () => {
    expect(key('1', { ctrlKey: true })).toBeNull();
    expect(key('1', { metaKey: true })).toBeNull();
    expect(key('1', { altKey: true })).toBeNull();
    expect(key('1', { repeat: true })).toBeNull();
    expect(key('1', { target: { tagName: 'INPUT', type: 'text' } })).toBeNull();
    expect(key('1', { target: { tagName: 'TEXTAREA' } })).toBeNull();
    expect(key('1', { target: { tagName: 'DIV', isContentEditable: true } })).toBeNull();
    expect(key('1', { target: { tagName: 'BUTTON' } })).toBe(0);
    expect(isEditable({ tagName: 'INPUT', type: 'radio' })).toBe(false);
  });
});
