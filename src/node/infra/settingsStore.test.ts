import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { defaultSettings } from '../../shared/settings';
import { tempDir } from '../../../test/support/tempDir';
import { SETTINGS_FILE, SettingsStore } from './settingsStore';

describe('SettingsStore', () => {
  let tmp: ReturnType<typeof tempDir>;
  let file: string;
  const fixedNow = () => Date.UTC(2026, 10, 23, 12, 0, 0);
  beforeEach(() => {
    tmp = tempDir();
    file = path.join(tmp.dir, SETTINGS_FILE);
  });
  afterEach(() => tmp.cleanup());

  it('starts from defaults and persists a save across instances', () => {
    const s = new SettingsStore(tmp.dir);
    expect(s.get()).toEqual({ settings: defaultSettings(), problems: [] });
    s.save({ ...defaultSettings(), profileName: 'Night market', mode: 'tencent', im: { ...defaultSettings().im, sdkAppId: 1400000000 } });
    const again = new SettingsStore(tmp.dir).get();
    expect(again.settings.profileName).toBe('Night market');
    expect(again.settings.im.sdkAppId).toBe(1400000000);
    expect(again.problems).toEqual([]);
  });

  it('refuses invalid settings with every issue listed and keeps the old file', () => {
    const s = new SettingsStore(tmp.dir);
    s.save(defaultSettings());
    const before = fs.readFileSync(file, 'utf8');
    let err: unknown;
    try {
      s.save({ ...defaultSettings(), profileName: '', lvb: { ...defaultSettings().lvb, pushDomain: 'rtmp://x/y' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('SETTINGS_INVALID');
    expect((err as AppError).message).toMatch(/profileName/);
    expect((err as AppError).message).toMatch(/lvb\.pushDomain/);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it.each([
    ['not JSON', '{ "version": 1, profileName: oops'],
    ['a wrong type', JSON.stringify({ ...defaultSettings(), mode: 'cloud' })],
    ['an array', '[]'],
  ])('backs up and reports a file that is %s, then uses defaults', (_n, content) => {
    fs.writeFileSync(file, content);
    const state = new SettingsStore(tmp.dir, fixedNow).get();
    expect(state.settings).toEqual(defaultSettings());
    expect(state.problems).toHaveLength(1);
    const p = state.problems[0]!;
    expect(p.kind).toBe('invalid-file');
    expect(p.backupPath).toBe(`${file}.invalid-2026-11-23T12-00-00-000Z`);
    expect(fs.readFileSync(p.backupPath!, 'utf8')).toBe(content);
    expect(p.message).toContain(p.backupPath!);
  });

  it('reports a file from a newer version instead of overwriting it silently', () => {
    fs.writeFileSync(file, JSON.stringify({ ...defaultSettings(), version: 7 }));
    const state = new SettingsStore(tmp.dir, fixedNow).get();
    expect(state.problems[0]?.kind).toBe('newer-version');
    expect(fs.existsSync(state.problems[0]!.backupPath!)).toBe(true);
  });

  it('fills fields missing from an older file with defaults, keeping the user values', () => {
    fs.writeFileSync(file, JSON.stringify({ version: 1, profileName: 'Old', mode: 'studio', language: 'ko', im: { sdkAppId: 20000001 } }));
    const state = new SettingsStore(tmp.dir).get();
    expect(state.problems).toEqual([]);
    expect(state.settings.profileName).toBe('Old');
    expect(state.settings.language).toBe('ko');
    expect(state.settings.im).toEqual({ ...defaultSettings().im, sdkAppId: 20000001 });
  });

  it('gives a file from before auto-pause the default (on, 5 s), and keeps a half-written one\'s values', () => {
    const { broadcast: _none, ...before } = { ...defaultSettings(), profileName: 'Before auto-pause' };
    fs.writeFileSync(file, JSON.stringify(before));
    expect(new SettingsStore(tmp.dir).get()).toMatchObject({ problems: [], settings: { profileName: 'Before auto-pause', broadcast: { autoPause: { enabled: true, afterSeconds: 5 } } } });
    fs.writeFileSync(file, JSON.stringify({ ...before, broadcast: { autoPause: { enabled: false } } }));
    expect(new SettingsStore(tmp.dir).get().settings.broadcast.autoPause).toEqual({ enabled: false, afterSeconds: 5 });
  });
});
