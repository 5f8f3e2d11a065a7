import { describe, expect, it } from 'vitest';
import type { BroadcastTarget } from '../../shared/domain/broadcast/spec';
import { verifyLvbQuery } from '../../shared/domain/lvbAuth';
import type { SecretName, SecretStore } from '../../shared/secrets';
import { defaultSettings, type Settings } from '../../shared/settings';
import { nodeCrypto } from '../infra/nodeCrypto';
import { AppError } from '../../shared/errors';
import { goLiveTarget, goLiveTargetSource, joinServerKey, PUSH_VALID_SECONDS, resolvePush, signLvbPush, signTarget, type UrlDeps } from './pushTargets';

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);
const clock = { now: () => NOW };
const nowSeconds = Math.floor(NOW / 1000);

function secrets(values: Partial<Record<SecretName, string>>): SecretStore {
  return {
    get: async (name) => values[name],
    set: async () => undefined,
    delete: async () => undefined,
    protection: 'test (in memory)',
  };
}

function tencent(lvb: Partial<Settings['lvb']> = {}): Settings {
  const d = defaultSettings();
  return { ...d, mode: 'tencent', lvb: { ...d.lvb, pushDomain: 'push.example.com', ...lvb } };
}

const deps = (settings: Settings, values: Partial<Record<SecretName, string>> = {}, studio?: UrlDeps['studio']): UrlDeps => ({
  settings,
  secrets: secrets(values),
  studio,
  crypto: nodeCrypto,
  clock,
});

/** The signature checks out the way the ingest checks it, and expires at `expiresAt`. */
function verified(url: string, key: string, streamName: string): number | null {
  const r = verifyLvbQuery(nodeCrypto, { key, streamName, query: new URL(url).searchParams, nowSeconds });
  return r.ok ? r.expiresAt : null;
}

describe('push targets', () => {
  it('signs an LVB push for OBS and ffmpeg', () => {
    const urls = signLvbPush(nodeCrypto, { domain: 'push.example.com', appName: 'live', streamName: 'room1', key: 'k', expiresAt: nowSeconds + 60 });
    expect(urls.rtmp).toMatch(/^rtmp:\/\/push\.example\.com\/live\/room1\?txSecret=[0-9a-f]{32}&txTime=[0-9A-F]{8}$/);
    expect(verified(urls.rtmp, 'k', 'room1')).toBe(nowSeconds + 60);
    expect(joinServerKey('rtmp://live.example.com/app//', '/abc')).toBe('rtmp://live.example.com/app/abc');
  });

  it('resolves the room push: the studio ingest, LVB from settings, or the saved RTMP server', async () => {
    const studio = { rtmpIngestUrl: 'rtmp://127.0.0.1:1935/live', pushKey: 'studio-key', playBaseUrl: null };
    const s = await resolvePush(deps(defaultSettings(), {}, studio), '@TGS#room');
    expect(s).toMatchObject({ target: 'studio', obsServer: 'rtmp://127.0.0.1:1935/live/', expiresAt: nowSeconds + PUSH_VALID_SECONDS });
    expect(verified(s.url, 'studio-key', 'TGS-room')).toBe(nowSeconds + PUSH_VALID_SECONDS);

    const lvb = await resolvePush(deps(tencent({ streamName: 'show' }), { 'lvb.pushKey': 'push-key' }), 'g1');
    expect(lvb.url.startsWith('rtmp://push.example.com/live/show?')).toBe(true);
    expect(verified(lvb.url, 'push-key', 'show')).toBe(nowSeconds + PUSH_VALID_SECONDS);

    const rtmp = await resolvePush(deps(tencent({ target: 'rtmp', rtmpServer: 'rtmp://live.example.com/app/' }), { 'rtmp.streamKey': 'sk' }), 'g1');
    expect(rtmp).toEqual({ target: 'rtmp', url: 'rtmp://live.example.com/app/sk', obsServer: 'rtmp://live.example.com/app/', streamKey: 'sk', expiresAt: null });
  });

  it('names what is missing for the room push', async () => {
    await expect(resolvePush(deps(defaultSettings()), 'g1')).rejects.toMatchObject({ code: 'ROOM_NOT_READY' });
    await expect(resolvePush(deps(tencent({ pushDomain: '' })), 'g1')).rejects.toMatchObject({ code: 'SETTINGS_INVALID' });
    await expect(resolvePush(deps(tencent()), 'g1')).rejects.toMatchObject({ code: 'SECRET_MISSING' });
    await expect(resolvePush(deps(tencent({ target: 'rtmp' })), 'g1')).rejects.toMatchObject({ code: 'SETTINGS_INVALID' });
    await expect(resolvePush(deps(tencent({ pushDomain: 'rtmp://push.example.com' }), { 'lvb.pushKey': 'k' }), 'g1')).rejects.toMatchObject({ code: 'SETTINGS_INVALID' });
  });

  it('turns a Go Live request target into the target main pushes to', async () => {
    const asked: string[] = [];
    const room = async (kind: 'studio' | 'savedServer' | 'lvbStreamName'): Promise<BroadcastTarget | string> => {
      asked.push(kind);
      return kind === 'lvbStreamName' ? 'room-stream' : { kind: 'url', url: `rtmp://${kind}.example.com/live/s` };
    };
    const d = (settings: Settings) => ({ settings: () => settings, room });
    expect(await goLiveTarget({ kind: 'server', server: 'rtmp://a.example.com/app', key: 'k' }, d(tencent()))).toEqual({ kind: 'server', server: 'rtmp://a.example.com/app', key: 'k' });
    expect(await goLiveTarget({ kind: 'studio' }, d(tencent()))).toEqual({ kind: 'url', url: 'rtmp://studio.example.com/live/s' });
    expect(await goLiveTarget({ kind: 'savedServer' }, d(tencent()))).toEqual({ kind: 'url', url: 'rtmp://savedServer.example.com/live/s' });
    expect(await goLiveTarget({ kind: 'lvb' }, d(tencent({ appName: 'app2', streamName: 'show' })))).toEqual({
      kind: 'lvb', domain: 'push.example.com', appName: 'app2', streamName: 'show', expiresInHours: 24,
    });
    expect(asked).toEqual(['studio', 'savedServer']);
    // Without a stream name of its own, the room's.
    expect(await goLiveTarget({ kind: 'lvb' }, d(tencent()))).toMatchObject({ streamName: 'room-stream' });
    await expect(goLiveTarget({ kind: 'lvb' }, d(tencent({ pushDomain: '' })))).rejects.toMatchObject({ code: 'SETTINGS_INVALID' });
  });

  it("asked again for each connect attempt: the room's answer now, or why there is none in the broadcast's words", async () => {
    let answer: () => BroadcastTarget = () => ({ kind: 'url', url: 'rtmp://127.0.0.1:41000/live/demo' });
    const source = goLiveTargetSource({ kind: 'studio' }, { settings: () => tencent(), room: async () => answer() });
    expect(await source()).toEqual({ ok: true, value: { kind: 'url', url: 'rtmp://127.0.0.1:41000/live/demo' } });
    answer = () => ({ kind: 'url', url: 'rtmp://127.0.0.1:42000/live/demo' });
    expect(await source()).toEqual({ ok: true, value: { kind: 'url', url: 'rtmp://127.0.0.1:42000/live/demo' } });
    // The studio restarting: retried like an ingest that cannot be reached now.
    answer = () => {
      throw new AppError('ROOM_NOT_READY', 'The local studio is not running (restarting)');
    };
    expect(await source()).toMatchObject({ ok: false, error: { code: 'INGEST_UNREACHABLE', message: 'The local studio is not running (restarting)' } });
    answer = () => {
      throw new AppError('SECRET_MISSING', 'Set the RTMP stream key in Settings first');
    };
    expect(await source()).toMatchObject({ ok: false, error: { code: 'BAD_SPEC', message: 'Set the RTMP stream key in Settings first' } });
    // LVB from the settings of the moment: a push domain removed meanwhile is not retried.
    const lvb = goLiveTargetSource({ kind: 'lvb' }, { settings: () => tencent({ pushDomain: '', streamName: 's' }), room: async () => 's' });
    expect(await lvb()).toMatchObject({ ok: false, error: { code: 'BAD_SPEC', message: 'Set the LVB push domain in Settings first' } });
  });

  it('gives ffmpeg its URL: nothing, as given, joined, or LVB signed now with the stored key', async () => {
    const sd = { crypto: nodeCrypto, clock, pushKey: async () => 'stored' };
    expect(await signTarget({ kind: 'none' }, sd)).toEqual({ ok: true, value: null });
    expect(await signTarget({ kind: 'url', url: 'rtmp://a/live/s' }, sd)).toEqual({ ok: true, value: 'rtmp://a/live/s' });
    expect(await signTarget({ kind: 'server', server: 'rtmp://a/live/', key: 'k' }, sd)).toEqual({ ok: true, value: 'rtmp://a/live/k' });
    const lvb = { kind: 'lvb' as const, domain: 'push.example.com', appName: 'live', streamName: 's', expiresInHours: 48 };
    const signed = await signTarget(lvb, sd);
    expect(signed.ok && verified(signed.value!, 'stored', 's')).toBe(nowSeconds + 48 * 3600);
    const inline = await signTarget({ ...lvb, key: 'inline' }, sd);
    expect(inline.ok && verified(inline.value!, 'inline', 's')).toBe(nowSeconds + 48 * 3600);
    expect(await signTarget(lvb, { crypto: nodeCrypto, clock })).toMatchObject({ ok: false, error: { code: 'BAD_SPEC', detail: expect.stringMatching(/push key/) } });
    expect(await signTarget({ ...lvb, streamName: 's.flv' }, sd)).toMatchObject({ ok: false, error: { code: 'BAD_SPEC' } });
  });
});
