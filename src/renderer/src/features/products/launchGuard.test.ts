import { describe, expect, it } from 'vitest';
import { createLaunchGuard, hotkeyIndex, isEditable } from './launchGuard';
import { fitLaunch } from './launchFit';

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

describe('fitLaunch', () => {
  const base = { id: 'A1', title: 'Red lipstick', price: 19900, currency: 'CNY' };
  it('launches the whole product when it fits 512 bytes', () => {
    const r = fitLaunch({ ...base, image: 'https://img.example.com/a.png' });
    expect(r).toEqual({ ok: true, product: { ...base, image: 'https://img.example.com/a.png' }, dropped: [] });
  });

  it('drops the link, then the image, to fit', () => {
    const long = `https://example.com/${'x'.repeat(280)}`;
    const r1 = fitLaunch({ ...base, image: long, link: long });
    expect(r1.ok && r1.dropped).toEqual(['link']);
    const r2 = fitLaunch({ ...base, title: '长'.repeat(100), image: long, link: long });
    expect(r2.ok && r2.dropped).toEqual(['link', 'image']);
  });

  it('fails with the size when even the bare product is too big', () => {
    const r = fitLaunch({ ...base, title: '长'.repeat(120), id: '长'.repeat(64) });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.bytes).toBeGreaterThan(512);
  });
});
