// The contract suite, run once per transport: Electron IPC (through a fake ipcMain/ipcRenderer
// pair that serialises like Electron) and web mode (a real WebSocket server on loopback).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { IpcMainInvokeEvent } from 'electron';
import { bindIpc, WindowEventSink } from '../../src/main/ipc';
import type { StagesideApi } from '../../src/shared/rpc';
import { apiFromBridge, buildPreloadBridge, type IpcRendererLike } from '../../src/shared/transport/ipcClient';
import { WsClient, type WebSocketCtor } from '../../src/shared/transport/wsClient';
import { CLOSE_UNAUTHORIZED } from '../../src/shared/transport/wsProtocol';
import { defaultSettings } from '../../src/shared/settings';
import { tempDir } from '../support/tempDir';
import { patiently } from '../support/waitFor';
import { FileSecretStore } from '../../src/node/infra/fileSecretStore';
import { silentLogger } from '../../src/node/infra/logger';
import { createNodeServices, type NodeServices } from '../../src/node/services';
import { startWeb, type RunningWeb } from '../../src/node/web/startWeb';

const APP_URL = 'file:///app/out/renderer/index.html';

interface Harness {
  api: StagesideApi;
  close(): Promise<void>;
}

/** Fake Electron IPC: handlers keyed by channel; arguments and results pass structuredClone. */
function fakeElectronPair(services: NodeServices, frame = { url: APP_URL, parent: null as unknown }) {
  const handlers = new Map<string, (e: IpcMainInvokeEvent, a: unknown) => unknown>();
  const listeners = new Map<string, Set<(e: unknown, p: unknown) => void>>();
  const ipcMain = {
    handle: (ch: string, fn: (e: IpcMainInvokeEvent, a: unknown) => unknown) => void handlers.set(ch, fn),
    removeHandler: (ch: string) => void handlers.delete(ch),
  };
  const ipcRenderer: IpcRendererLike = {
    async invoke(ch, arg) {
      const h = handlers.get(ch);
      if (!h) throw new Error(`No handler registered for '${ch}'`);
      return structuredClone(await h({ senderFrame: frame } as unknown as IpcMainInvokeEvent, structuredClone(arg)));
    },
    on(ch, l) {
      let s = listeners.get(ch);
      if (!s) listeners.set(ch, (s = new Set()));
      s.add(l);
    },
    removeListener(ch, l) {
      listeners.get(ch)?.delete(l);
    },
  };
  const webContents = {
    isDestroyed: () => false,
    send: (ch: string, p: unknown) => listeners.get(ch)?.forEach((l) => l({}, structuredClone(p))),
  };
  const unbind = bindIpc(ipcMain, services.dispatcher, (u) => u === APP_URL);
  const removeSink = services.events.add(new WindowEventSink(() => [webContents]));
  return { api: apiFromBridge(buildPreloadBridge(ipcRenderer)), unbind, removeSink };
}

const transports: Array<[string, (dataDir: string) => Promise<Harness>]> = [
  [
    'electron (fake ipc pair)',
    async (dataDir) => {
      const services = await createNodeServices({
        dataDir,
        transport: 'electron',
        secrets: new FileSecretStore(dataDir),
        openFolder: async () => true,
        log: silentLogger(),
      });
      const pair = fakeElectronPair(services);
      return { api: pair.api, close: async () => (pair.unbind(), pair.removeSink()) };
    },
  ],
  [
    'web mode (WebSocket)',
    async (dataDir) => {
      const web = await startWeb({ dataDir, host: '127.0.0.1', port: 0, log: silentLogger(), studio: false });
      const client = new WsClient({ url: wsUrl(web), WebSocket: WebSocket as unknown as WebSocketCtor });
      return { api: client, close: async () => (client.close(), await web.close()) };
    },
  ],
];

const wsUrl = (web: RunningWeb, token = web.token) => `ws://127.0.0.1:${web.port}/ws?token=${encodeURIComponent(token)}`;

describe.each(transports)('contract over %s', (_name, make) => {
  let h: Harness;
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    tmp = tempDir();
    h = await make(tmp.dir);
  });
  afterEach(async () => {
    await h.close();
    tmp.cleanup();
  });

  it('returns the default settings from a fresh data dir', async () => {
    const r = await h.api.call('settings:get', {});
    expect(r).toEqual({ ok: true, value: { settings: defaultSettings(), problems: [] } });
  });

  it('saves settings, announces the snapshot as an event, and reads them back', async () => {
    const seen: string[] = [];
    h.api.on('settings:changed', (s) => seen.push(s.settings.profileName));
    const next = { ...defaultSettings(), profileName: 'Evening show', language: 'ja' as const };
    const saved = await h.api.call('settings:save', next);
    expect(saved.ok && saved.value.settings.profileName).toBe('Evening show');
    const back = await h.api.call('settings:get', {});
    expect(back.ok && back.value.settings.language).toBe('ja');
    await expect.poll(() => seen, patiently).toEqual(['Evening show']);
  });

  it('rejects malformed arguments with BAD_REQUEST naming the field', async () => {
    const bad = { ...defaultSettings(), im: { ...defaultSettings().im, sdkAppId: 'abc' } };
    const r = await h.api.call('settings:save', bad as never);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('BAD_REQUEST');
    expect(r.error.message).toMatch(/im\.sdkAppId/);
    const extra = await h.api.call('settings:get', { sneaky: 1 } as never);
    expect(!extra.ok && extra.error.code).toBe('BAD_REQUEST');
  });

  it('refuses a malformed broadcast:start at the dispatcher with BAD_REQUEST naming the field', async () => {
    const refused: Array<[unknown, RegExp]> = [
      [{ spec: { layout: 'test', target: { kind: 'ftp' } } }, /spec\.target\.kind/],
      [{ spec: { target: { kind: 'studio' } } }, /spec\.layout/],
      [{ spec: { layout: 'test', target: { kind: 'server', server: 'rtmp://live.example.com/app' } } }, /spec\.target\.key/],
      [{ spec: { layout: 'test', target: { kind: 'lvb', domain: 'push.example.com', streamName: 'room1' } } }, /spec\.target: Unrecognized keys: "domain", "streamName"/],
      [{ spec: { layout: 'test', target: { kind: 'studio' } }, extra: 1 }, /Unrecognized key: "extra"/],
      [{}, /spec: /],
    ];
    for (const [arg, field] of refused) {
      const r = await h.api.call('broadcast:start', arg as never);
      expect(!r.ok && r.error.code, JSON.stringify(arg)).toBe('BAD_REQUEST');
      expect(!r.ok && r.error.message, JSON.stringify(arg)).toMatch(field);
    }
    const state = await h.api.call('broadcast:getState', {});
    expect(state.ok && state.value.state.kind).toBe('idle');
  });

  it('answers an unknown command with UNKNOWN_COMMAND', async () => {
    const r = await h.api.call('nope:nothing' as never, {} as never);
    expect(!r.ok && r.error.code).toBe('UNKNOWN_COMMAND');
  });

  it('stores a secret without ever returning its value', async () => {
    const value = 'e12c46f2612d5106e2034781ab261ca3';
    const events: string[] = [];
    h.api.on('secrets:changed', (list) => events.push(JSON.stringify(list)));
    const r = await h.api.call('secrets:set', { name: 'lvb.pushKey', value });
    expect(r).toEqual({ ok: true, value: { name: 'lvb.pushKey', set: true, masked: '••••••1ca3' } });
    const list = await h.api.call('secrets:list', {});
    expect(JSON.stringify(list)).not.toContain(value);
    expect(list.ok && list.value.find((s) => s.name === 'lvb.pushKey')?.set).toBe(true);
    await expect.poll(() => events.length, patiently).toBe(1);
    expect(events.join()).not.toContain(value);
  });

  it('previews a push URL with the signature masked, or says what is missing', async () => {
    // Local studio mode previews the studio's address (none here: no studio is managed by this process).
    const studio = await h.api.call('lvb:previewPushUrl', {});
    expect(!studio.ok && studio.error.code).toBe('ROOM_NOT_READY');
    const tencent = { ...defaultSettings(), mode: 'tencent' as const, im: { ...defaultSettings().im, sdkAppId: 1400000001 } };
    const saved = await h.api.call('settings:save', tencent);
    expect(saved.ok && saved.value.settings.mode, JSON.stringify(saved)).toBe('tencent');
    const missing = await h.api.call('lvb:previewPushUrl', {});
    expect(!missing.ok && missing.error.code).toBe('SETTINGS_INVALID');
    await h.api.call('settings:save', {
      ...tencent,
      lvb: { ...defaultSettings().lvb, pushDomain: 'push.example.com', appName: 'live', streamName: 'room1', playDomain: '' },
    });
    const noKey = await h.api.call('lvb:previewPushUrl', {});
    expect(!noKey.ok && noKey.error.code).toBe('SECRET_MISSING');
    await h.api.call('secrets:set', { name: 'lvb.pushKey', value: 'e12c46f2612d5106e2034781ab261ca3' });
    const r = await h.api.call('lvb:previewPushUrl', { validHours: 48 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.maskedUrl).toMatch(/^rtmp:\/\/push\.example\.com\/live\/room1\?txSecret=\*+&txTime=[0-9A-F]{8}$/);
    expect(r.value.expiresAt - Math.floor(Date.now() / 1000)).toBeGreaterThan(47 * 3600);
  });
});

describe('electron transport security', () => {
  it('refuses calls from a frame that is not our top-level page', async () => {
    const tmp = tempDir();
    const services = await createNodeServices({
      dataDir: tmp.dir,
      transport: 'electron',
      secrets: new FileSecretStore(tmp.dir),
      openFolder: async () => true,
      log: silentLogger(),
    });
    const iframe = fakeElectronPair(services, { url: APP_URL, parent: {} });
    const r = await iframe.api.call('settings:get', {});
    expect(!r.ok && r.error.code).toBe('FORBIDDEN_SENDER');
    iframe.unbind();
    const foreign = fakeElectronPair(services, { url: 'https://evil.example/', parent: null });
    const r2 = await foreign.api.call('settings:get', {});
    expect(!r2.ok && r2.error.code).toBe('FORBIDDEN_SENDER');
    foreign.unbind();
    tmp.cleanup();
  });
});

describe('web mode access token', () => {
  let web: RunningWeb;
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    tmp = tempDir();
    web = await startWeb({ dataDir: tmp.dir, host: '127.0.0.1', port: 0, log: silentLogger(), studio: false });
  });
  afterEach(async () => {
    await web.close();
    tmp.cleanup();
  });

  /** Opens a raw socket and collects every frame until the server closes it. */
  function rawSession(url: string, send?: string[]): Promise<{ code: number; frames: string[] }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const frames: string[] = [];
      ws.on('open', () => send?.forEach((s) => ws.send(s)));
      ws.on('message', (d) => {
        frames.push(String(d));
        if (send && frames.length > send.length) ws.close();
      });
      ws.on('close', (code) => resolve({ code, frames }));
      ws.on('error', reject);
    });
  }

  it.each([
    ['no token', (w: RunningWeb) => `ws://127.0.0.1:${w.port}/ws`],
    ['a wrong token', (w: RunningWeb) => wsUrl(w, 'not-the-token')],
    ['a token prefix', (w: RunningWeb) => wsUrl(w, w.token.slice(0, 10))],
  ])('refuses a connection with %s before sending any data', async (_n, url) => {
    const settingsCall = JSON.stringify({ t: 'call', id: 1, name: 'settings:get', arg: {} });
    const r = await rawSession(url(web), [settingsCall]);
    expect(r.code).toBe(CLOSE_UNAUTHORIZED);
    expect(r.frames).toEqual([]);
  });

  it('reports unauthorized to the client instead of retrying forever', async () => {
    const client = new WsClient({ url: wsUrl(web, 'wrong'), WebSocket: WebSocket as unknown as WebSocketCtor });
    await expect.poll(() => client.state, patiently).toBe('unauthorized');
    const r = await client.call('settings:get', {});
    expect(!r.ok && r.error.code).toBe('UNAUTHORIZED');
    client.close();
  });

  it('answers malformed frames with an error frame and keeps serving the socket', async () => {
    const frames = [
      'not json',
      JSON.stringify({ t: 'call', id: 'x', name: 'settings:get' }),
      JSON.stringify({ t: 'call', id: 7, name: 'settings:save', arg: { version: 99 } }),
      JSON.stringify({ t: 'call', id: 8, name: 'settings:get', arg: {} }),
    ];
    const r = await rawSession(wsUrl(web), frames);
    // Events (the host's overview of connected consoles) may come between answers: only answers count here.
    const parsed = r.frames.map((f) => JSON.parse(f)).filter((f: { t: string }) => f.t !== 'event');
    expect(parsed[0]).toMatchObject({ t: 'hello', transport: 'web' });
    expect(parsed[1]).toMatchObject({ t: 'error', error: { code: 'BAD_REQUEST', message: /not valid JSON/ } });
    expect(parsed[2]).toMatchObject({ t: 'error', error: { code: 'BAD_REQUEST' } });
    expect(parsed[3]).toMatchObject({ t: 'result', id: 7, result: { ok: false, error: { code: 'BAD_REQUEST' } } });
    expect(parsed[4]).toMatchObject({ t: 'result', id: 8, result: { ok: true } });
  });

  it('serves no page data over HTTP besides the static app', async () => {
    const res = await fetch(`http://127.0.0.1:${web.port}/../settings.json`);
    expect([403, 404]).toContain(res.status);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
