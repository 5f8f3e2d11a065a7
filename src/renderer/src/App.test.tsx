// Renders the UI to static markup (no DOM needed) to pin the accessible structure tests and
// screen readers rely on, in English and after a language switch.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { defaultSettings, type Language } from '../../shared/settings';
import { App } from './App';
import { createRoomStore } from './features/room/roomStore';
import { SettingsDialog } from './features/settings/SettingsDialog';
import { createI18n } from './i18n/i18n';
import type { AppSnapshot, AppStore } from './store/appStore';
import { StoreProvider } from './store/StoreContext';

// mpegts.js (the Go Live preview) touches `self` at import; there is no video in static markup.
vi.mock('mpegts.js', () => ({ default: { isSupported: () => false } }));

const snapshot = (patch: Partial<AppSnapshot> = {}): AppSnapshot => ({
  connection: 'connected',
  reconnecting: false,
  settings: { settings: { ...defaultSettings(), profileName: 'Evening show' }, problems: [] },
  secrets: [{ name: 'lvb.pushKey', set: true, masked: '••••••3b5e' }],
  info: null,
  studio: null,
  loadError: null,
  ...patch,
});

// Commands never answer and no event comes: what the window shows before any reply.
const staticStore = (snap: AppSnapshot): AppStore =>
  ({ getSnapshot: () => snap, subscribe: () => () => undefined, api: { call: () => new Promise(() => undefined), on: () => () => undefined } }) as unknown as AppStore;

function render(node: ReactNode, snap = snapshot(), language: Language = 'en'): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreProvider store={staticStore(snap)}>{node}</StoreProvider>
    </I18nextProvider>,
  );
}

describe('main window', () => {
  it('shows profile, mode, connection states and the console panels', () => {
    const html = render(<App />);
    expect(html).toContain('Evening show');
    expect(html).toContain('Local studio');
    expect(html).toMatch(/role="status" aria-label="Connected"/);
    expect(html).toMatch(/role="status" aria-label="Room connection"[^>]*>Room not open/);
    for (const [id, title] of [
      ['goLive', 'Go Live'],
      ['chat', 'Chat'],
      ['counters', 'Counters'],
      ['products', 'Products'],
      ['gifts', 'Gifts'],
      ['announcement', 'Announcement'],
      ['roomStatus', 'Status'],
      ['room', 'Local studio'],
    ]) {
      expect(html).toMatch(new RegExp(`<section class="panel panel-${id}( panel-auto)?" aria-labelledby="panel-${id}-title"`));
      expect(html).toContain(`id="panel-${id}-title" class="panel-title">${title}</h2>`);
    }
    expect(html).toMatch(/role="group" aria-label="Layout"/);
    expect(html).toMatch(/<button[^>]*>Settings<\/button>/);
  });

  it('shows a reconnecting banner while the connection is lost', () => {
    const html = render(<App />, snapshot({ connection: 'connecting', reconnecting: true }));
    expect(html).toContain('reconnecting…');
    expect(html).toMatch(/role="status" aria-label="Reconnecting…"/);
  });

  it('shows the settings problems with a dismiss button', () => {
    const problems = [{ kind: 'invalid-file' as const, message: 'Settings file is not valid JSON', backupPath: '/d/s.bak' }];
    const html = render(<App />, snapshot({ settings: { settings: defaultSettings(), problems } }));
    expect(html).toContain('Settings file is not valid JSON');
    expect(html).toContain('/d/s.bak');
    expect(html).toContain('aria-label="Dismiss settings warning"');
  });

  it('shows nothing but the refusal when the token is refused', () => {
    const html = render(<App />, snapshot({ connection: 'unauthorized' }));
    expect(html).toContain('Access token refused');
    expect(html).toContain('<code>stageside web</code>');
    expect(html).not.toContain('Evening show');
    expect(html).not.toContain('Settings');
  });

  it('shows the Tencent room and a way to manage it where the studio panel would say "Off"', () => {
    const base = defaultSettings();
    const tencent = { ...base, mode: 'tencent' as const, im: { ...base.im, sdkAppId: 1400000001 }, room: { ...base.room, groupId: 'spring-sale' } };
    const html = render(<App />, snapshot({ settings: { settings: tencent, problems: [] } }));
    expect(html).toContain('id="panel-room-title" class="panel-title">Tencent Cloud room</h2>');
    expect(html).toContain('data-testid="tencent-room">spring-sale</dd>');
    expect(html).toMatch(/<button[^>]*aria-haspopup="dialog"[^>]*>Open Room management<\/button>/);
    expect(html).not.toContain('Viewer view');
    // The header names the configured room before any session has it.
    expect(html).toMatch(/aria-label="Room connection"[^>]*>spring-sale: Room not open/);
    const none = render(<App />, snapshot({ settings: { settings: { ...tencent, room: { ...tencent.room, groupId: '' } }, problems: [] } }));
    expect(none).toMatch(/aria-label="Room connection"[^>]*>No room chosen: Room not open/);
    expect(none).toContain('data-testid="tencent-room">No room chosen</dd>');
  });

  it('spells out a room error under the header, with what happens next and Rejoin', () => {
    const room = createRoomStore({ schedule: () => undefined });
    room.setConnection('error', 'Set the IM SecretKey in Settings first (or use a UserSig endpoint)', null);
    const base = defaultSettings();
    const tencent = snapshot({ settings: { settings: { ...base, mode: 'tencent', im: { ...base.im, sdkAppId: 1400000001 } }, problems: [] } });
    const html = render(<App roomStore={room} />, tencent);
    expect(html).toContain('<p id="room-problem-text" class="room-problem-message">Room unavailable: Set the IM SecretKey in Settings first (or use a UserSig endpoint)</p>');
    expect(html).toContain('Not retried by itself');
    expect(html.match(/>Rejoin room<\/button>/g)).toHaveLength(1);
    room.setConnection('error', 'Could not reach console.tim.qq.com', Date.now() + 20_000);
    expect(render(<App roomStore={room} />, tencent)).toMatch(/Trying again by itself in (19|20) s\./);
    // A local studio that is still starting is no problem to shout about: the header says it.
    room.setConnection('error', 'The local studio is not running (starting)', null);
    expect(render(<App roomStore={room} />, snapshot({ studio: { state: 'starting', restarts: 0 } }))).not.toContain('room-problem-text');
  });

  it('renders in the chosen language', () => {
    const html = render(<App />, snapshot(), 'zh-CN');
    expect(html).toContain('>设置</button>');
    expect(html).toContain('本地演播室');
  });
});

describe('settings dialog', () => {
  const html = render(
    <SettingsDialog settings={defaultSettings()} secrets={snapshot().secrets!} info={null} onClose={() => undefined} />,
  );

  it('is a modal dialog named by its heading', () => {
    expect(html).toContain('role="dialog" aria-modal="true" aria-labelledby="settings-title"');
    expect(html).toContain('<h2 id="settings-title">Settings</h2>');
  });

  it('labels every field', () => {
    for (const [id, label] of [
      ['profileName', 'Profile name'],
      ['language', 'Language'],
      ['sdkAppId', 'SDKAppID'],
      ['region', 'Region'],
      ['restDomain', 'REST domain override'],
      ['adminIdentifier', 'Admin identifier'],
      ['pushDomain', 'Push domain'],
      ['appName', 'AppName'],
      ['streamName', 'Stream name'],
      ['playDomain', 'Play domain'],
      ['userSigSource', 'UserSig source'],
      ['lvbTarget', 'Go Live target'],
      ['rtmpServer', 'RTMP server'],
      ['callbacksAdminUrl', 'Admin API URL'],
    ]) {
      expect(html).toContain(`<label for="settings-${id}">${label}</label>`);
      expect(html).toContain(`id="settings-${id}"`);
    }
    expect(html).toContain('>English</option>');
    expect(html).toContain('>简体中文</option>');
    expect(html).toContain('>Plain RTMP server + stream key</option>');
    // The endpoint URL only appears once "UserSig endpoint" is the source.
    expect(html).not.toContain('id="settings-userSigEndpoint"');
    const endpoint = render(
      <SettingsDialog
        settings={{ ...defaultSettings(), im: { ...defaultSettings().im, userSigSource: 'endpoint' } }}
        secrets={[]}
        info={null}
        onClose={() => undefined}
      />,
    );
    expect(endpoint).toContain('<label for="settings-userSigEndpoint">UserSig endpoint URL</label>');
  });

  it('lists every secret with what it is for', () => {
    for (const name of ['UserSig endpoint token', 'RTMP stream key', 'Callbacks admin token']) expect(html).toContain(`aria-label="Set ${name}"`);
    expect(html).toContain('Optional bearer token sent to your UserSig endpoint.');
    expect(html).toMatch(/aria-describedby="secret-rtmp-streamKey-status secret-rtmp-streamKey-hint"/);
  });

  it('shows secret statuses but never a secret value', () => {
    expect(html).toContain('Set (••••••3b5e)');
    expect(html).toContain('aria-label="Clear LVB push key"');
    expect(html).toContain('aria-label="Set IM SecretKey"');
    expect(html).not.toMatch(/type="password"[^>]*value="[^"]+"/);
  });

  it('marks the SDKAppID optional only in studio mode, and says what Automatic picks', () => {
    expect(html).toMatch(/id="settings-sdkAppId"[^>]*placeholder="optional"/);
    expect(html).toContain('Automatic: enter the SDKAppID to see which region it picks.');
    const base = defaultSettings();
    const tencent = render(
      <SettingsDialog settings={{ ...base, mode: 'tencent', im: { ...base.im, sdkAppId: 1400000001 } }} secrets={[]} info={null} onClose={() => undefined} />,
    );
    expect(tencent).not.toMatch(/id="settings-sdkAppId"[^>]*placeholder=/);
    expect(tencent).toMatch(/aria-describedby="settings-region-hint"/);
    expect(tencent).toContain('<p id="settings-region-hint" class="field-hint">Automatic → Chinese mainland (console.tim.qq.com)</p>');
  });

  it('flags the push URL preview as LVB-only when Go Live pushes to a plain RTMP server', () => {
    expect(html).not.toContain('is not where it pushes');
    const base = defaultSettings();
    const rtmp = { ...base, mode: 'tencent' as const, lvb: { ...base.lvb, target: 'rtmp' as const } };
    const tools = render(<SettingsDialog settings={rtmp} secrets={[]} info={null} onClose={() => undefined} />, snapshot({ settings: { settings: rtmp, problems: [] } }));
    expect(tools).toContain('so this Tencent LVB URL is not where it pushes.');
  });

  it('has Save, Cancel and the tools', () => {
    for (const name of ['Save', 'Cancel', 'Open logs folder', 'Push URL preview']) {
      expect(html).toMatch(new RegExp(`<button[^>]*>${name}</button>`));
    }
  });
});

describe('studio card', () => {
  const info = {
    restBaseUrl: 'http://127.0.0.1:5180',
    realtimeUrl: 'ws://127.0.0.1:5180/realtime',
    rtmpIngestUrl: 'rtmp://127.0.0.1:1935/live',
    playBaseUrl: 'http://127.0.0.1:8000/live',
    viewerUrl: 'http://127.0.0.1:5180/viewer/?room=demo',
    sdkAppId: 1400000001,
    adminIdentifier: 'administrator',
    demoRoomId: 'demo',
    callbacksUrl: null,
  };

  it('links the viewer page and shows the ingest while running', () => {
    const html = render(<App />, snapshot({ studio: { state: 'running', info, restarts: 0 } }));
    expect(html).toContain('href="http://127.0.0.1:5180/viewer/?room=demo"');
    expect(html).toContain('Open viewer page');
    expect(html).toContain('rtmp://127.0.0.1:1935/live');
    expect(html).toContain('Running on this computer');
  });

  it('says why it stopped', () => {
    const html = render(<App />, snapshot({ studio: { state: 'failed', lastError: 'studio exited (3)', restarts: 6 } }));
    expect(html).toContain('Stopped: studio exited (3)');
    expect(html).not.toContain('Open viewer page');
  });
});
