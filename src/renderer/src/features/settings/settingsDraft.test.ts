import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../../shared/settings';
import { isDirty, toDraft, validateDraft, type FieldErrors, type SettingsDraft } from './settingsDraft';

const draft = (patch: Partial<SettingsDraft> = {}): SettingsDraft => ({ ...toDraft(defaultSettings()), ...patch });

describe('settings draft', () => {
  it('round-trips the defaults', () => {
    const r = validateDraft(draft());
    expect(r).toEqual({ ok: true, settings: defaultSettings() });
  });

  it('turns an empty SDKAppID into null and digits into a number', () => {
    const set = validateDraft(draft({ sdkAppId: ' 1400000001 ' }));
    expect(set.ok && set.settings.im.sdkAppId).toBe(1400000001);
    const empty = validateDraft(draft({ sdkAppId: '  ' }));
    expect(empty.ok && empty.settings.im.sdkAppId).toBeNull();
  });

  it('trims text fields the way the schema does', () => {
    const r = validateDraft(draft({ profileName: '  Evening show ', pushDomain: ' push.example.com ' }));
    expect(r.ok && [r.settings.profileName, r.settings.lvb.pushDomain]).toEqual(['Evening show', 'push.example.com']);
  });

  const cases: [string, Partial<SettingsDraft>, FieldErrors][] = [
    ['empty profile name', { profileName: '   ' }, { profileName: 'profileName' }],
    ['SDKAppID with letters', { sdkAppId: '14e5' }, { sdkAppId: 'sdkAppId' }],
    ['SDKAppID zero', { sdkAppId: '0' }, { sdkAppId: 'sdkAppId' }],
    ['SDKAppID too large', { sdkAppId: '4294967296' }, { sdkAppId: 'sdkAppId' }],
    ['push domain with scheme', { pushDomain: 'rtmp://push.example.com' }, { pushDomain: 'hostname' }],
    ['REST domain with path', { restDomain: 'console.tim.qq.com/v4' }, { restDomain: 'hostname' }],
    ['admin with space', { adminIdentifier: 'ad min' }, { adminIdentifier: 'adminIdentifier' }],
    ['empty AppName', { appName: '' }, { appName: 'appName' }],
    ['stream name with slash', { streamName: 'a/b' }, { streamName: 'streamName' }],
    ['UserSig endpoint over plain http', { userSigSource: 'endpoint', userSigEndpoint: 'http://sig.example.com/usersig' }, { userSigEndpoint: 'httpUrl' }],
    ['RTMP server with an https scheme', { lvbTarget: 'rtmp', rtmpServer: 'https://live.example.com/app' }, { rtmpServer: 'rtmpServer' }],
    ['RTMP server with a query', { rtmpServer: 'rtmp://live.example.com/app?key=1' }, { rtmpServer: 'rtmpServer' }],
    ['callbacks admin URL that is not a URL', { callbacksAdminUrl: 'callbacks.example.com' }, { callbacksAdminUrl: 'httpUrl' }],
    ['auto-pause after no seconds', { autoPauseAfter: '' }, { autoPauseAfter: 'autoPauseAfter' }],
    ['auto-pause after 0 s', { autoPauseAfter: '0' }, { autoPauseAfter: 'autoPauseAfter' }],
    ['auto-pause after 2.5 s', { autoPauseAfter: '2.5' }, { autoPauseAfter: 'autoPauseAfter' }],
    ['auto-pause after 601 s', { autoPauseAfter: '601' }, { autoPauseAfter: 'autoPauseAfter' }],
    [
      'two bad fields',
      { profileName: '', playDomain: 'http://x' },
      { profileName: 'profileName', playDomain: 'hostname' },
    ],
  ];
  it('maps the Tencent-mode fields into their sections', () => {
    const r = validateDraft(
      draft({
        userSigSource: 'endpoint',
        userSigEndpoint: ' https://sig.example.com/usersig ',
        lvbTarget: 'rtmp',
        rtmpServer: 'rtmp://live.example.com/app',
        callbacksAdminUrl: 'http://localhost:8787',
      }),
    );
    expect(r.ok && [r.settings.im, r.settings.lvb.target, r.settings.lvb.rtmpServer, r.settings.callbacks]).toEqual([
      { ...defaultSettings().im, userSigSource: 'endpoint', userSigEndpoint: 'https://sig.example.com/usersig' },
      'rtmp',
      'rtmp://live.example.com/app',
      { adminUrl: 'http://localhost:8787' },
    ]);
  });

  const tencent = (patch: Partial<SettingsDraft> = {}) => draft({ mode: 'tencent', sdkAppId: '1400000001', ...patch });

  it('checks the save-time rules of Tencent mode on the field they concern, before saving', () => {
    expect(validateDraft(tencent()).ok).toBe(true);
    const rules: [Partial<SettingsDraft>, FieldErrors][] = [
      [{ sdkAppId: '' }, { sdkAppId: 'sdkAppIdRequired' }],
      // In Tencent mode a bad SDKAppID gets the "required" text too: "or leave empty" would be wrong.
      [{ sdkAppId: '14e5' }, { sdkAppId: 'sdkAppIdRequired' }],
      [{ userSigSource: 'endpoint', userSigEndpoint: '' }, { userSigEndpoint: 'userSigEndpointRequired' }],
      [{ userSigSource: 'endpoint', userSigEndpoint: 'http://sig.example.com/x' }, { userSigEndpoint: 'httpUrl' }],
      [{ lvbTarget: 'rtmp', rtmpServer: '' }, { rtmpServer: 'rtmpServerRequired' }],
      [{ hostUserId: 'h'.repeat(23) }, { hostUserId: 'hostUserId' }],
      [{ sdkAppId: '', lvbTarget: 'rtmp', rtmpServer: '', profileName: '' }, { sdkAppId: 'sdkAppIdRequired', rtmpServer: 'rtmpServerRequired', profileName: 'profileName' }],
    ];
    for (const [patch, errors] of rules) expect(validateDraft(tencent(patch)), JSON.stringify(patch)).toEqual({ ok: false, errors, unmapped: [] });
  });

  it('keeps those fields optional in studio mode, except the host UserID length', () => {
    expect(validateDraft(draft({ sdkAppId: '', userSigSource: 'endpoint', userSigEndpoint: '', lvbTarget: 'rtmp', rtmpServer: '' })).ok).toBe(true);
    expect(validateDraft(draft({ hostUserId: 'h'.repeat(22) })).ok).toBe(true);
    expect(validateDraft(draft({ hostUserId: 'h'.repeat(23) }))).toEqual({ ok: false, errors: { hostUserId: 'hostUserId' }, unmapped: [] });
    expect(validateDraft(draft({ sdkAppId: '14e5' }))).toEqual({ ok: false, errors: { sdkAppId: 'sdkAppId' }, unmapped: [] });
  });

  it('maps the auto-pause switch and its seconds into broadcast.autoPause', () => {
    expect(toDraft(defaultSettings())).toMatchObject({ autoPauseEnabled: true, autoPauseAfter: '5' });
    const r = validateDraft(draft({ autoPauseEnabled: false, autoPauseAfter: ' 12 ' }));
    expect(r.ok && r.settings.broadcast).toEqual({ autoPause: { enabled: false, afterSeconds: 12 }, alignPopups: true });
    expect(isDirty(draft({ autoPauseEnabled: false }), defaultSettings())).toBe(true);
  });

  it('maps "align pop-ups to the video" (on by default) into broadcast.alignPopups', () => {
    expect(toDraft(defaultSettings())).toMatchObject({ alignPopups: true });
    const r = validateDraft(draft({ alignPopups: false }));
    expect(r.ok && r.settings.broadcast.alignPopups).toBe(false);
    expect(isDirty(draft({ alignPopups: false }), defaultSettings())).toBe(true);
  });

  it('is dirty only while the form differs from the saved settings', () => {
    const saved = defaultSettings();
    expect(isDirty(toDraft(saved), saved)).toBe(false);
    expect(isDirty(draft({ lvbTarget: 'rtmp' }), saved)).toBe(true);
    expect(isDirty(draft({ callbacksAdminUrl: 'https://cb.example.com' }), saved)).toBe(true);
    expect(isDirty(draft({ groupId: 'room-2' }), { ...saved, room: { ...saved.room, groupId: 'room-2' } })).toBe(false);
  });

  it.each(cases)('reports %s on its field', (_name, patch, errors) => {
    expect(validateDraft(draft(patch))).toEqual({ ok: false, errors, unmapped: [] });
  });
});
