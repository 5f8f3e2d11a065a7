// Static markup of the Room dialog and its parts: the names tests and screen readers rely on, the
// host-is-not-owner note, masked push values only, and connection-test rows that say their outcome
// in words.
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { CONNECTION_DETAIL_KEYS, type ConnectionReport, type RoomInfo, type RoomUrls } from '../../../../shared/roomContract';
import { messages } from '../../i18n/resources';
import { defaultSettings, type Language } from '../../../../shared/settings';
import { App } from '../../App';
import { renderStatic, staticStore } from '../../store/staticRender';
import { SettingsDialog } from '../settings/SettingsDialog';
import { ConnectionChecks, ReportTable } from './ConnectionChecks';
import { PlayUrlsSection } from './PlayUrlsSection';
import { PushSection } from './PushSection';
import { RoomDialog } from './RoomDialog';
import { RoomInfoSection } from './RoomInfoSection';

vi.mock('mpegts.js', () => ({ default: { isSupported: () => false } }));

const store = staticStore({ ...defaultSettings(), room: { groupId: 'show-1', hostUserId: 'host' } });
const render = (node: ReactNode, language: Language = 'en'): string => renderStatic(store, node, language);

const loaded = <T,>(value: T) => ({ value, error: null, reason: null, busy: false });

const info: RoomInfo = {
  groupId: 'show-1',
  type: 'AVChatRoom',
  name: 'Evening show',
  owner: 'administrator',
  notification: '',
  createdAt: null,
  online: 3,
  fields: { room_status: 'live', add_goods: '{}' },
  hostIsOwner: false,
};

const urls: RoomUrls = {
  mode: 'tencent',
  streamName: 'show-1',
  play: {
    flv: 'https://play.example.com/live/show-1.flv?txSecret=p1&txTime=6A000000',
    hls: 'https://play.example.com/live/show-1.m3u8?txSecret=p1&txTime=6A000000',
    webrtc: null,
    rtmp: null,
    signed: true,
    expiresAt: 1_780_000_000,
  },
  playProblem: null,
  push: {
    target: 'lvb',
    maskedUrl: 'rtmp://push.example.com/live/show-1?txSecret=••••••&txTime=6A000000',
    obsServer: 'rtmp://push.example.com/live/',
    maskedStreamKey: 'show-1?txSecret=••••••&txTime=6A000000',
    expiresAt: 1_780_000_000,
  },
  pushProblem: null,
  viewerPage: null,
};

describe('Room dialog', () => {
  it('is a labelled modal with the room, the two forms, URLs, push and the connection test', () => {
    const html = render(<RoomDialog onClose={() => undefined} />);
    expect(html).toMatch(/role="dialog" aria-modal="true" aria-labelledby="room-admin-title"/);
    // Not "Room"/"Close room": that reads as ending the live room.
    expect(html).toContain('<h2 id="room-admin-title">Room management</h2>');
    expect(html).toContain('<span aria-hidden="true">×</span><span class="visually-hidden">Close Room management</span>');
    for (const [id, title] of [
      ['room-info-title', 'Current room'],
      ['room-create-title', 'Create a room'],
      ['room-use-title', 'Use an existing group'],
      ['room-play-title', 'Viewer playback'],
      ['room-push-title', 'Push (OBS or another encoder)'],
      ['room-test-title', 'Connection test'],
    ]) {
      expect(html).toContain(`aria-labelledby="${id}"`);
      expect(html).toContain(`id="${id}" class="section-title">${title}</h3>`);
    }
    for (const label of ['Group ID (optional)', 'Room name', 'Welcome notification (optional)', 'Existing group ID']) {
      expect(html).toMatch(new RegExp(`<label for="room-(create|use)-[a-zA-Z]+">${label.replace(/[()]/g, '\\$&')}</label>`));
    }
    expect(html).toMatch(/<button type="submit"[^>]*>Create room<\/button>/);
    expect(html).toMatch(/<button type="submit"[^>]*>Use group<\/button>/);
    expect(html).toMatch(/<button[^>]*>Test connection<\/button>/);
    expect(html).toContain('aria-live="polite"');
    expect(render(<RoomDialog onClose={() => undefined} />, 'ja')).toContain('<h2 id="room-admin-title">ルーム管理</h2>');
    expect(render(<RoomDialog onClose={() => undefined} />, 'zh-CN')).toContain('<span class="visually-hidden">关闭直播间管理</span>');
  });

  it('gives every named control and status its own name', () => {
    const html = render(<RoomDialog onClose={() => undefined} />);
    const names = [...html.matchAll(/aria-label="([^"]+)"/g)].map((m) => m[1]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(html).toMatch(/<button id="room-info-refresh"[^>]*aria-label="Refresh room info"[^>]*>Refresh<\/button>/);
    expect(html).toMatch(/aria-label="Refresh playback URLs"[^>]*>Refresh<\/button>/);
    expect(html).toContain('role="status" aria-label="Create room result"');
    expect(html).toContain('role="status" aria-label="Use group result"');
  });

  it('says the studio does not sign play URLs, and lets the server assign an id (mode-neutral)', () => {
    const studio = render(<PlayUrlsSection urls={loaded({ ...urls, mode: 'studio', play: { ...urls.play!, signed: false, expiresAt: null } })} onRefresh={() => undefined} />);
    expect(studio).toContain('The local studio does not sign play URLs');
    expect(studio).not.toContain('no play key');
    const tencent = render(<PlayUrlsSection urls={loaded({ ...urls, play: { ...urls.play!, signed: false, expiresAt: null } })} onRefresh={() => undefined} />);
    expect(tencent).toContain('Not signed (no play key)');
    expect(render(<RoomDialog onClose={() => undefined} />)).toContain('Leave empty to let the server assign one (@TGS#…).');
  });

  it('says why Push has nothing to copy when the URLs could not be loaded at all', () => {
    const failed = { value: null, error: 'Failed: No room chosen yet: create a room or use an existing group here.', reason: 'No room chosen yet: create a room or use an existing group here.', busy: false };
    const html = render(<PushSection urls={failed} />);
    expect(html).toContain('<p id="room-push-problem" class="room-problem">Push URL unavailable: No room chosen yet: create a room or use an existing group here.</p>');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*aria-describedby="room-push-problem"[^>]*>Copy push URL<\/button>/);
    expect(render(<PlayUrlsSection urls={failed} onRefresh={() => undefined} />)).toContain('role="alert" class="text-error">Failed: No room chosen yet');
  });

  it('shows the room facts and notes when the host is not the owner', () => {
    const html = render(<RoomInfoSection info={loaded(info)} onRefresh={() => undefined} />);
    expect(html).toMatch(/<dt>Type<\/dt><dd class="mono">AVChatRoom<\/dd>/);
    expect(html).toMatch(/<dt>Owner<\/dt><dd class="mono">administrator<\/dd>/);
    expect(html).toMatch(/<dt>Online now<\/dt><dd>3<\/dd>/);
    expect(html).toContain('room_status, add_goods');
    expect(html).toContain('The host UserID (host) is not the owner');
    expect(render(<RoomInfoSection info={loaded({ ...info, hostIsOwner: true })} onRefresh={() => undefined} />)).not.toContain('is not the owner');
  });

  it('offers play URLs with copy buttons, and only masked push values', () => {
    const play = render(<PlayUrlsSection urls={loaded(urls)} onRefresh={() => undefined} />);
    expect(play).toContain('value="https://play.example.com/live/show-1.flv?txSecret=p1&amp;txTime=6A000000"');
    expect(play).toContain('aria-label="Copy FLV URL"');
    expect(play).toMatch(/aria-label="Copy WebRTC URL"[^>]*disabled|disabled[^>]*aria-label="Copy WebRTC URL"/);
    expect(play).toContain('Signed with the play key, expires');
    const push = render(<PushSection urls={loaded(urls)} />);
    expect(push).toContain('Target: Tencent LVB');
    expect(push).toContain('value="rtmp://push.example.com/live/"');
    expect(push).not.toMatch(/txSecret=(?!•)/);
    expect(push).toMatch(/<button[^>]*>Copy push URL<\/button>/);
    expect(push).toMatch(/<button[^>]*>Copy stream key<\/button>/);
    const problem = render(<PushSection urls={loaded({ ...urls, push: null, pushProblem: 'Set the LVB push key in Settings → Secrets' })} />);
    expect(problem).toContain('Push URL unavailable: Set the LVB push key');
    expect(problem).toMatch(/<button[^>]*disabled=""[^>]*>Copy push URL<\/button>/);
  });
});

describe('connection test', () => {
  const report: ConnectionReport = {
    mode: 'tencent',
    at: Date.UTC(2026, 10, 23, 12, 0, 0),
    checks: [
      { id: 'rest', status: 'ok', detail: 'console.tim.qq.com answered' },
      { id: 'room', status: 'fail', detail: 'Group not found', errorCode: 10010 },
      { id: 'callbacks', status: 'skip', detail: 'No admin URL set' },
    ],
  };

  it('shows each check with its outcome in words, the detail and the ErrorCode', () => {
    const html = render(<ReportTable report={report} />);
    expect(html).toContain('aria-label="Connection test results"');
    expect(html).toMatch(/Tencent Cloud, \d\d:\d\d:\d\d: 1 OK, 1 failed, 1 skipped/);
    expect(html).toMatch(/<th scope="row">IM REST API<\/th><td><span class="check-status check-status-ok"><span aria-hidden="true">✓ <\/span>OK<\/span><\/td><td class="connection-detail">console.tim.qq.com answered<\/td>/);
    expect(html).toMatch(/<th scope="row">Room \(group\)<\/th>.*Failed.*Group not found<span class="mono"> \(ErrorCode 10010\)<\/span>/);
    expect(html).toMatch(/<th scope="row">Callbacks service<\/th>.*Skipped/);
    expect(render(<ReportTable report={report} />, 'zh-CN')).toContain('<th scope="row">回调服务</th>');
  });

  it('names the check a skipped row waits for by its label, in the UI language', () => {
    const blocked: ConnectionReport = { ...report, checks: [{ id: 'pushUrl', status: 'skip', detail: 'needs the settings check to pass first', blockedBy: 'settings' }] };
    expect(render(<ReportTable report={blocked} />)).toMatch(/<td class="connection-detail">Needs “Settings” to pass first<\/td>/);
    expect(render(<ReportTable report={{ ...blocked, checks: [{ ...blocked.checks[0]!, blockedBy: 'rest' }] }} />, 'zh-CN')).toContain('需要先通过“IM REST API”');
    expect(render(<ReportTable report={blocked} />)).not.toContain('needs the settings check');
    // A skip without a blocker keeps main's reason.
    expect(render(<ReportTable report={report} />)).toContain('No admin URL set');
  });

  it('words the details main sent by key in the UI language; error texts stay as main sent them', () => {
    const structured: ConnectionReport = {
      ...report,
      checks: [
        {
          id: 'usersig',
          status: 'ok',
          detail: 'signed locally with the SecretKey for administrator (3 ms), valid 24 h',
          message: { key: 'usersig.secretKey', params: { admin: 'administrator', ms: 3, hours: 24 } },
        },
        {
          id: 'room',
          status: 'ok',
          detail: 'AVChatRoom "Spring Sale", owned by the host, 3 online',
          message: { key: 'room.hostOwnerOnline', params: { name: 'Spring Sale', online: 3 } },
        },
        {
          id: 'pushUrl',
          status: 'fail',
          detail: 'Set the LVB push key in Settings first',
          message: { key: 'pushUrl.noPushKey', params: {} },
        },
        { id: 'rest', status: 'fail', detail: 'Network error: Could not reach console.tim.qq.com' },
      ],
    };
    const zh = render(<ReportTable report={structured} />, 'zh-CN');
    expect(zh).toContain('<td class="connection-detail">已在本机用 SecretKey 为 administrator 签发（耗时 3 毫秒），有效期 24 小时</td>');
    expect(zh).toContain('<td class="connection-detail">AVChatRoom“Spring Sale”，群主为主播，3 人在线</td>');
    expect(zh).not.toContain('signed locally');
    expect(zh).not.toContain('owned by the host');
    // A failure worded here keeps main's English under it (for support); an error text is shown as it came.
    expect(zh).toContain('请先在设置中填写 LVB 推流密钥<span class="connection-detail-source" lang="en">Set the LVB push key in Settings first</span>');
    expect(zh).toContain('Network error: Could not reach console.tim.qq.com');
    expect(render(<ReportTable report={structured} />, 'ja')).toContain('AVChatRoom「Spring Sale」、オーナーはホスト、3 人がオンライン');
    const en = render(<ReportTable report={structured} />);
    expect(en).toContain('Signed locally with the SecretKey for administrator in 3 ms, valid for 24 h');
    expect(en).not.toContain('connection-detail-source');
  });

  it('has English words for exactly the detail keys main sends (the other languages follow English)', () => {
    const details = messages.en.connectionTest.details as Record<string, Record<string, string>>;
    const table = Object.entries(details).flatMap(([group, keys]) => Object.keys(keys).map((k) => `${group}.${k}`));
    expect(table.sort()).toEqual([...CONNECTION_DETAIL_KEYS].sort());
  });

  it('offers "Save and test" while Settings has unsaved changes, instead of a disabled button', () => {
    const html = render(<ConnectionChecks before={{ label: 'Save and test', hint: 'You have unsaved changes', run: async () => true }} />);
    expect(html).toMatch(/<button type="button" class="button"[^>]*>Save and test<\/button>/);
    expect(html).not.toContain('disabled');
    expect(html).toContain('You have unsaved changes');
    expect(render(<ConnectionChecks />)).toMatch(/<button[^>]*>Test connection<\/button>/);
  });

  it('is in Settings, enabled for the saved settings', () => {
    const html = render(<SettingsDialog settings={store.getSnapshot().settings!.settings} secrets={[]} info={null} onClose={() => undefined} />);
    expect(html).toContain('id="settings-connection-title" class="section-title">Connection test</h3>');
    expect(html).toMatch(/<button type="button" class="button"[^>]*aria-busy="false"[^>]*>Test connection<\/button>/);
    expect(html).not.toMatch(/disabled=""[^>]*>Test connection/);
  });

  it('puts a Room button in the header', () => {
    expect(render(<App />)).toMatch(/<button type="button" class="button" aria-haspopup="dialog">Room<\/button>/);
  });
});
