// What restarts the room session: a new session for the room-defining settings; any other setting
// or a replaced secret (by its masked tail) only for a session that failed (configKey).
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../../shared/settings';
import type { AppSnapshot } from '../../store/appStore';
import { configKey, sessionKey } from './useRoomSession';

const snap = (patch: Partial<AppSnapshot> = {}): AppSnapshot => ({
  connection: 'connected',
  reconnecting: false,
  settings: { settings: { ...defaultSettings(), mode: 'tencent' }, problems: [] },
  secrets: [{ name: 'im.secretKey', set: false, masked: '' }],
  info: { version: '0', transport: 'web', dataDir: '/d' } as never,
  studio: null,
  loadError: null,
  ...patch,
});

describe('session keys', () => {
  const s = snap().settings!.settings;
  const withIm = (im: Partial<typeof s.im>) => snap({ settings: { settings: { ...s, im: { ...s.im, ...im } }, problems: [] } });

  it('starts a new session for a new room, mode or SDKAppID, not for the UserSig source', () => {
    expect(sessionKey(withIm({ sdkAppId: 1400000002 }))).not.toBe(sessionKey(snap()));
    expect(sessionKey(withIm({ userSigSource: 'endpoint' }))).toBe(sessionKey(snap()));
    expect(sessionKey(snap({ connection: 'connecting' }))).toBeNull();
  });

  it('notices a fixed setting or a secret set, which a failed session waits for', () => {
    expect(configKey(withIm({ userSigEndpoint: 'https://sig.example.com/usersig' }))).not.toBe(configKey(snap()));
    expect(configKey(snap({ secrets: [{ name: 'im.secretKey', set: true, masked: '••••••3b5e' }] }))).not.toBe(configKey(snap()));
    expect(configKey(snap({ secrets: [{ name: 'im.secretKey', set: true, masked: '••••••9a01' }] }))).not.toBe(
      configKey(snap({ secrets: [{ name: 'im.secretKey', set: true, masked: '••••••3b5e' }] })),
    );
    expect(configKey(snap())).toBe(configKey(snap()));
  });
});
