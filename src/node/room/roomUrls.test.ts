import { describe, expect, it } from 'vitest';
import type { SecretName, SecretStore } from '../../shared/secrets';
import { defaultSettings, type Settings } from '../../shared/settings';
import { nodeCrypto } from '../infra/nodeCrypto';
import { maskPush, playUrls, resolvePush, type UrlDeps } from './roomUrls';

const clock = { now: () => Date.UTC(2026, 0, 2) };
const store = (values: Partial<Record<SecretName, string>>): SecretStore => ({
  get: async (name) => values[name],
  set: async () => undefined,
  delete: async () => undefined,
  protection: 'test (in memory)',
});
const deps = (settings: Settings, values: Partial<Record<SecretName, string>> = {}, studio?: UrlDeps['studio']): UrlDeps => ({
  settings,
  secrets: store(values),
  studio,
  crypto: nodeCrypto,
  clock,
});
const tencent = (lvb: Partial<Settings['lvb']>): Settings => ({ ...defaultSettings(), mode: 'tencent', lvb: { ...defaultSettings().lvb, ...lvb } });

describe('room URLs', () => {
  it('shows the push masked: the signature of a signed URL, the stream key of a plain server', async () => {
    const lvb = await resolvePush(deps(tencent({ pushDomain: 'push.example.com', streamName: 'show' }), { 'lvb.pushKey': 'k' }), 'g1');
    expect(maskPush(lvb)).toEqual({
      maskedUrl: expect.stringMatching(/^rtmp:\/\/push\.example\.com\/live\/show\?txSecret=\*\*\*&txTime=[0-9A-F]+$/),
      maskedStreamKey: expect.stringMatching(/^show\?txSecret=\*\*\*&txTime=[0-9A-F]+$/),
    });
    const rtmp = await resolvePush(deps(tencent({ target: 'rtmp', rtmpServer: 'rtmp://live.example.com/app' }), { 'rtmp.streamKey': 'secret-stream-key' }), 'g1');
    const masked = maskPush(rtmp);
    expect(masked.maskedUrl.startsWith('rtmp://live.example.com/app/')).toBe(true);
    expect(JSON.stringify(masked)).not.toContain('secret-stream-key');
  });

  it('gives viewer URLs for the studio and LVB, and says why there are none otherwise', async () => {
    const studio = { rtmpIngestUrl: 'rtmp://127.0.0.1:1935/live', pushKey: 'p', playBaseUrl: 'http://127.0.0.1:8000/live' };
    expect((await playUrls(deps(defaultSettings(), {}, studio), 'demo')).play?.flv).toBe('http://127.0.0.1:8000/live/demo.flv');
    expect((await playUrls(deps(defaultSettings()), 'demo')).playProblem).toMatch(/not running/);
    expect((await playUrls(deps(tencent({ target: 'rtmp' })), 'g1')).playProblem).toMatch(/plain RTMP/);
    expect((await playUrls(deps(tencent({})), 'g1')).playProblem).toMatch(/playback domain/);
    const signed = await playUrls(deps(tencent({ playDomain: 'play.example.com', streamName: 'show' }), { 'lvb.playKey': 'pk' }), 'g1');
    expect(signed.play).toMatchObject({ signed: true, flv: expect.stringMatching(/^https:\/\/play\.example\.com\/live\/show\.flv\?txSecret=/) });
  });
});
