import { describe, expect, it } from 'vitest';
import { broadcastSpecSchema } from '../../../../shared/domain/broadcast/spec';
import { isSavedServerTarget, isStudioTarget } from '../../../../shared/broadcastContract';
import { currentError, defaultForm, defaultTarget, pushSample, toSpec } from './goLiveForm';
import { goLiveTables } from './goLiveText';

const lvb = { pushDomain: 'push.example.com', appName: 'live', streamName: 'room1' };
const now = new Date('2026-11-23T12:00:00Z');

describe('Go Live form', () => {
  it('builds a studio test-pattern spec that main resolves', () => {
    const spec = toSpec(defaultForm('studio'), lvb, now) as { target: unknown; record: unknown; layout: string };
    expect(spec).toMatchObject({ layout: 'test', target: { kind: 'studio' }, record: { name: 'stageside-2026-11-23-12-00-00' } });
  });

  it('builds valid specs for LVB and OBS-style targets', () => {
    const f = { ...defaultForm('tencent'), layout: 'pip' as const, camera: '/dev/video0', screen: ':0.0', mic: 'default' };
    expect(broadcastSpecSchema.safeParse(toSpec(f, lvb, now)).success).toBe(true);
    const server = { ...f, target: 'server' as const, server: 'rtmp://live.example.com/app', streamKey: 'abc' };
    expect(broadcastSpecSchema.parse(toSpec(server, lvb, now)).target).toEqual({ kind: 'server', server: 'rtmp://live.example.com/app', key: 'abc' });
  });

  it('defaults to the studio in studio mode, and to the Settings target in Tencent mode', () => {
    expect(defaultForm('studio', 'rtmp').target).toBe('studio');
    expect(defaultForm('tencent').target).toBe('lvb');
    expect(defaultForm('tencent', 'lvb').target).toBe('lvb');
    expect(defaultForm('tencent', 'rtmp').target).toBe('savedServer');
    expect(defaultTarget('tencent', 'rtmp')).toBe('savedServer');
  });

  it('sends the saved RTMP server as {kind:"savedServer"} for main to resolve, never a key', () => {
    const f = { ...defaultForm('tencent', 'rtmp'), streamKey: 'typed-but-unused', server: 'rtmp://ignored' };
    const spec = toSpec(f, lvb, now) as { target: unknown };
    expect(spec.target).toEqual({ kind: 'savedServer' });
    expect(isSavedServerTarget(spec)).toBe(true);
    expect(isStudioTarget(spec)).toBe(false);
    expect(JSON.stringify(spec)).not.toContain('typed-but-unused');
  });

  it('leaves a missing camera for the schema to report', () => {
    const f = { ...defaultForm('tencent'), layout: 'camera' as const };
    const r = broadcastSpecSchema.safeParse(toSpec(f, lvb, now));
    expect(r.success).toBe(false);
  });

  it('keeps the last minute of bitrate samples and skips unknown ones', () => {
    let h: number[] = [];
    for (let i = 0; i < 70; i++) h = pushSample(h, i);
    h = pushSample(h, null);
    expect(h).toHaveLength(60);
    expect(h[0]).toBe(10);
  });

  it('has the same keys and no empty strings in every language', () => {
    const keys = Object.keys(goLiveTables.en!).sort();
    for (const [lang, table] of Object.entries(goLiveTables)) {
      expect(Object.keys(table).sort(), lang).toEqual(keys);
      for (const v of Object.values(table)) expect(v.trim().length, lang).toBeGreaterThan(0);
    }
  });
});

describe('Go Live error', () => {
  it('is shown for the settings it was made with, and dropped once they change', () => {
    const before = { mode: 'tencent' };
    const after = { mode: 'tencent' };
    const e = { message: 'UserSig endpoint https://sig.example.com/usersig: the answer has no "userSig" string', settings: before };
    expect(currentError(e, before)).toBe(e.message);
    expect(currentError(e, after)).toBeNull();
    expect(currentError(null, before)).toBeNull();
  });
});
