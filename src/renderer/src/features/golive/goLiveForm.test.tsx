import { describe, expect, it } from 'vitest';
import { specIssues } from '../../../../shared/domain/broadcast/spec';
import { startRequestSchema } from '../../../../shared/broadcastContract';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { CaptureDevice } from '../../../../shared/domain/broadcast/devices';
import type { Language } from '../../../../shared/settings';
import { createI18n } from '../../i18n/i18n';
import { currentError, defaultForm, defaultTarget, deviceProblems, toSpec, type GoLiveForm } from './goLiveForm';
import { GoLiveSetup } from './GoLiveSetup';
import { goLiveText } from './goLiveText';
import { messages } from '../../i18n/resources';

/** The request as the dispatcher parses it. */
const request = (spec: unknown) => startRequestSchema.safeParse({ spec });
const now = new Date('2026-11-23T12:00:00Z');

describe('Go Live form', () => {
  it('builds a studio test-pattern spec that main resolves', () => {
    const spec = toSpec(defaultForm('studio'), now);
    expect(spec).toMatchObject({ layout: 'test', target: { kind: 'studio' }, record: { name: 'stageside-2026-11-23-12-00-00' } });
  });

  it('builds valid specs for LVB and OBS-style targets', () => {
    const f = { ...defaultForm('tencent'), layout: 'pip' as const, camera: '/dev/video0', screen: ':0.0', mic: 'default' };
    expect(request(toSpec(f, now)).success).toBe(true);
    const server = { ...f, target: 'server' as const, server: 'rtmp://live.example.com/app', streamKey: 'abc' };
    expect(startRequestSchema.parse({ spec: toSpec(server, now) }).spec.target).toEqual({ kind: 'server', server: 'rtmp://live.example.com/app', key: 'abc' });
  });

  it('names LVB only: main fills the domain, AppName and stream name from settings', () => {
    const spec = toSpec(defaultForm('tencent'), now);
    expect(spec.target).toEqual({ kind: 'lvb' });
    expect(request({ ...spec, target: { kind: 'lvb', domain: 'push.example.com', streamName: 'room1' } }).success).toBe(false);
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
    const spec = toSpec(f, now);
    expect(spec.target).toEqual({ kind: 'savedServer' });
    expect(request(spec).data?.spec.target.kind).toBe('savedServer');
    expect(request(spec).data?.spec.target.kind).not.toBe('studio');
    expect(JSON.stringify(spec)).not.toContain('typed-but-unused');
  });

  it('leaves a missing camera for the schema to report', () => {
    const f = { ...defaultForm('tencent'), layout: 'camera' as const };
    const r = request(toSpec(f, now));
    expect(r.success && specIssues(r.data.spec).length === 0).toBe(false);
  });

  it('has the same keys and no empty strings in every language', () => {
    const goLiveTables = Object.fromEntries(Object.entries(messages).map(([lang, m]) => [lang, m.golive]));
    const keys = Object.keys(goLiveTables.en!).sort();
    for (const [lang, table] of Object.entries(goLiveTables)) {
      expect(Object.keys(table).sort(), lang).toEqual(keys);
      for (const v of Object.values(table)) expect(v.trim().length, lang).toBeGreaterThan(0);
    }
  });
});

// Issue 13 item 13: with no camera found, Go Live used to answer `layout "camera" needs a camera`.
describe('capture devices the source needs, said before Go Live', () => {
  const camera: CaptureDevice = { id: '/dev/video0', kind: 'camera', label: 'USB camera', formats: [] };
  const screen: CaptureDevice = { id: ':0.0', kind: 'screen', label: 'Display :0', formats: [] };
  const mic: CaptureDevice = { id: 'default', kind: 'microphone', label: 'Default', formats: [] };
  const form = (layout: GoLiveForm['layout'], chosen: Partial<GoLiveForm> = {}): GoLiveForm => ({ ...defaultForm('studio'), layout, ...chosen });

  it.each([
    ['camera', [mic], {}, ['noCamera']],
    ['screen', [], {}, ['noScreen']],
    ['pip', [mic], {}, ['noCamera', 'noScreen']],
    ['camera', [camera], {}, ['chooseCamera']],
    ['side-by-side', [camera, screen], { camera: '/dev/video0' }, ['chooseScreen']],
    ['pip', [camera, screen], { camera: '/dev/video0', screen: ':0.0' }, []],
    ['test', [], {}, []],
  ] as const)('%s with %j found, %j chosen → %j', (layout, devices, chosen, problems) => {
    expect(deviceProblems(form(layout, chosen), devices)).toEqual(problems);
  });

  it('says nothing before the first device listing has answered', () => {
    expect(deviceProblems(form('camera'), null)).toEqual([]);
  });

  it('the form says "No camera found" under the camera picker, in every language', () => {
    const render = (language: Language) =>
      renderToStaticMarkup(
        <I18nextProvider i18n={createI18n(language)}>
          <GoLiveSetupInLanguage layout="camera" />
        </I18nextProvider>,
      );
    expect(render('en')).toContain('No camera found: connect one and press Refresh devices, or choose another source.');
    for (const l of ['zh-CN', 'ja', 'ko'] as const) expect(render(l)).not.toContain('golive.');
  });
});

function GoLiveSetupInLanguage({ layout }: { layout: GoLiveForm['layout'] }) {
  const { t } = useTranslation();
  const f = { ...defaultForm('studio'), layout };
  return <GoLiveSetup form={f} set={() => undefined} devices={[]} problems={deviceProblems(f, [])} tg={goLiveText(t)} studioAvailable savedServer="" />;
}

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
