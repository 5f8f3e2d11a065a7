// The only module of the renderer that touches a transport. In Electron, preload has put the
// contract's named functions on `window.stageside`; in web mode we speak the same contract over a
// WebSocket to the host that served this page, authenticated by the token in the URL.
import type { StagesideApi } from '../../shared/rpc';
import { apiFromBridge, type PreloadBridge } from '../../shared/transport/ipcClient';
import { WsClient, type ConnectionState, type WebSocketCtor } from '../../shared/transport/wsClient';
import { WS_PATH } from '../../shared/transport/wsProtocol';

export type { ConnectionState };

export interface ApiConnection {
  api: StagesideApi;
  getState(): ConnectionState;
  onState(listener: (s: ConnectionState) => void): () => void;
}

declare global {
  interface Window {
    stageside?: PreloadBridge;
  }
}

/** Reads the web-mode access token from `?token=` or `#token=`. */
export function tokenFromLocation(loc: Pick<Location, 'search' | 'hash'>): string {
  const fromQuery = new URLSearchParams(loc.search).get('token');
  if (fromQuery) return fromQuery;
  return new URLSearchParams(loc.hash.replace(/^#/, '')).get('token') ?? '';
}

/** The page address without its access token (query or fragment). */
export function withoutToken(loc: Pick<Location, 'pathname' | 'search' | 'hash'>): string {
  const q = new URLSearchParams(loc.search);
  q.delete('token');
  const h = new URLSearchParams(loc.hash.replace(/^#/, ''));
  const hadHashToken = h.has('token');
  h.delete('token');
  const search = q.toString();
  const hash = hadHashToken ? h.toString() : loc.hash.replace(/^#/, '');
  return `${loc.pathname}${search ? `?${search}` : ''}${hash ? `#${hash}` : ''}`;
}

export function connectApi(): ApiConnection {
  if (window.stageside) {
    const api = apiFromBridge(window.stageside);
    return { api, getState: () => 'connected', onState: () => () => undefined };
  }
  // Web mode: the server normally exchanges `?token=` for a session cookie before the page loads;
  // a token still in the address (e.g. `#token=`) is kept in memory only and removed from the bar.
  const token = tokenFromLocation(window.location);
  if (token) window.history.replaceState(null, '', withoutToken(window.location));
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${window.location.host}${WS_PATH}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  const client = new WsClient({ url, WebSocket: window.WebSocket as unknown as WebSocketCtor });
  return { api: client, getState: () => client.state, onState: (l) => client.onState(l) };
}
