// Renders the console with a room in a known state (react-dom/server, no DOM) and pins what the
// operator sees and what tests and screen readers find: names, badges, counters, checked status.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { initialRoomState, reduceRoom, type RoomEvent } from '../../../../shared/domain/room';
import { defaultSettings, type Language } from '../../../../shared/settings';
import { App } from '../../App';
import { createI18n } from '../../i18n/i18n';
import type { AppSnapshot, AppStore } from '../../store/appStore';
import { StoreProvider } from '../../store/StoreContext';
import { createRoomStore } from '../room/roomStore';

// mpegts.js (the Go Live preview) touches `self` at import; there is no video in static markup.
vi.mock('mpegts.js', () => ({ default: { isSupported: () => false } }));

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const who = (userId: string, nick: string, avatar = '') => ({ userId, nick, avatar });

const events: RoomEvent[] = [
  { kind: 'levels', levels: { u1: 3 } },
  { kind: 'join', at: NOW - 5000, id: 'j1', userIds: ['u1'], total: 1, ...who('u1', 'Alice') },
  { kind: 'text', at: NOW - 4000, id: 't1', text: 'Is the lipstick in stock?', fromAdmin: false, ...who('u1', 'Alice', 'https://cdn.example.com/a.png') },
  { kind: 'like', at: NOW - 3000, id: 'l1', count: 5, ...who('u2', 'Bob') },
  { kind: 'gift', at: NOW - 2500, id: 'g1', giftId: 'rose', name: 'Rose', unitValue: 100, count: 2, verified: false, onBehalf: false, ...who('u2', 'Bob') },
  { kind: 'gift', at: NOW - 2000, id: 'g2', giftId: 'rocket', name: 'Rocket', unitValue: 5000, count: 1, verified: true, onBehalf: true, ...who('u1', 'Alice') },
  { kind: 'follow', at: NOW - 1500, id: 'f1', ...who('u2', 'Bob') },
  {
    kind: 'roomFields',
    at: NOW - 1000,
    status: 'live',
    product: { id: 'A1', title: 'Red lipstick', price: 19900, currency: 'CNY' },
    giftCatalog: [{ id: 'tulip', name: 'Tulip', value: 200, icon: '🌷' }],
    announcement: 'Free shipping tonight',
  },
];

function roomWithShow() {
  const room = createRoomStore({ now: () => NOW, schedule: () => undefined });
  room.replaceState(reduceRoom(initialRoomState(), events, NOW));
  room.setConnection('connected');
  room.setOnline(42);
  room.setSession({
    mode: 'studio',
    sdkAppId: 1400000001,
    realtimeUrl: 'ws://127.0.0.1:5180/realtime',
    groupId: 'demo',
    userId: 'host_assistant',
    userSig: 'sig',
    userSigExpiresAt: 0,
    adminIdentifier: 'administrator',
    viewerUrl: 'http://127.0.0.1:5180/viewer/?room=demo',
  });
  return room;
}

const snapshot: AppSnapshot = {
  connection: 'connected',
  reconnecting: false,
  settings: { settings: defaultSettings(), problems: [] },
  secrets: [],
  info: null,
  studio: null,
  loadError: null,
};
const staticStore = { getSnapshot: () => snapshot, subscribe: () => () => undefined, api: { call: () => new Promise(() => undefined), on: () => () => undefined } } as unknown as AppStore;

function render(node: ReactNode, language: Language = 'en'): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreProvider store={staticStore}>{node}</StoreProvider>
    </I18nextProvider>,
  );
}

describe('console panels with a live room', () => {
  const html = render(<App roomStore={roomWithShow()} />);

  it('shows the room connection in the header', () => {
    expect(html).toMatch(/role="status" aria-label="Room connection"[^>]*>demo: In the room</);
  });

  it('lists feed lines with avatar, level badge, verified marks, merged likes and per-user actions', () => {
    expect(html).toContain('role="region" aria-label="Chat messages"');
    expect(html).toContain('<img class="avatar" src="https://cdn.example.com/a.png" alt=""');
    expect(html).toContain('<span aria-hidden="true">Lv3</span><span class="visually-hidden">Level 3</span>');
    expect(html).toContain('Is the lipstick in stock?');
    expect(html).toContain('<span aria-hidden="true">⋯</span><span class="visually-hidden">Actions for Alice</span>');
    expect(html).toContain('+5 likes');
    expect(html).toContain('sent Rose ×2 (2.00)');
    expect(html).toMatch(/sent Rocket ×1 \(50\.00\)<\/span><span class="verify-badge is-verified">Verified/);
    expect(html).toMatch(/is-unverified">Unverified/);
    expect(html).toContain('followed the host');
    expect(html).toContain('aria-label="Message as host"');
  });

  it('counts viewers, likes, gifts (verified apart), followers and the message budget', () => {
    const stat = (label: string) => new RegExp(`>${label}</span><span class="stat-value">([^<]*)<`).exec(html)?.[1];
    expect(stat('Viewers online')).toBe('42');
    expect(stat('Likes')).toBe('5');
    expect(stat('Gifts')).toBe('3 · 52.00');
    expect(html).toContain('verified 1 · 50.00 · unverified 2 · 2.00');
    expect(stat('Followers gained')).toBe('1');
    expect(html).toContain('aria-label="Share of the 40 messages/s group budget"');
    expect(html).toMatch(/role="img" aria-label="Messages per second, last 10 seconds: /);
  });

  it('shows the launched product, the current status, announcement and gift catalog', () => {
    expect(html).toContain('Now showing: A1 Red lipstick');
    expect(html).toMatch(/<input type="radio" name="room-status" checked="" value="live"\/><span>Live<\/span>/);
    expect(html).toContain('aria-label="Name, gift 1" aria-invalid="false" value="Tulip"');
    expect(html).toContain('Free shipping tonight');
    expect(html).toContain('🌷 Tulip · 2.00');
    expect(html).toContain('<h3 id="leaderboard-title">Top senders</h3>');
    expect(html).toMatch(/<strong>Alice<\/strong> 1 gift · verified 50.00 · unverified 0.00/);
    expect(html).toContain('0 / 300 bytes');
    expect(html).toMatch(/<button type="button" class="button"[^>]*>Viewer view<\/button>/);
    expect(html).toContain('aria-label="Import products (CSV or JSON)"');
  });

  it('names the panels in the chosen language', () => {
    const zh = render(<App roomStore={roomWithShow()} />, 'zh-CN');
    for (const title of ['聊天', '数据', '商品', '礼物', '公告', '直播状态', '本地演播室']) expect(zh).toContain(`class="panel-title">${title}</h2>`);
    expect(zh).toContain('观众视角');
    expect(zh).toContain('+5 个赞');
  });
});
