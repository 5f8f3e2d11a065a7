// The console page's Content-Security-Policy for the mode in settings: it may connect only to the
// hosts that mode uses — the local studio on loopback, or Tencent IM's hosts (those tim-js-sdk
// has built in) and the LVB play domain named in settings — and load images only from itself and
// those hosts: no `https:` wildcard, so a viewer's avatar URL cannot ping the host's machine from
// anywhere on the internet. Web mode sends it as a header; the page's meta policy is the outer bound.
import type { Settings } from './settings';

/** tim-js-sdk's hosts, by domain (checked against the SDK's own source in a test). */
export const TENCENT_IM_SOURCES = [
  'https://*.qcloud.com',
  'wss://*.qcloud.com',
  'https://*.my-imcloud.com',
  'wss://*.my-imcloud.com',
  'https://*.qq.com',
  'wss://*.qq.com',
] as const;

const LOOPBACK = ['http://127.0.0.1:*', 'ws://127.0.0.1:*', 'http://localhost:*', 'ws://localhost:*'];
const LOOPBACK_HTTP = ['http://127.0.0.1:*', 'http://localhost:*'];

export function buildConsoleCsp(s: Pick<Settings, 'mode' | 'lvb'>): string {
  const play = s.mode === 'tencent' && s.lvb.playDomain ? [`https://${s.lvb.playDomain}`, `http://${s.lvb.playDomain}`] : [];
  const connect = s.mode === 'tencent' ? [...TENCENT_IM_SOURCES, ...play] : LOOPBACK;
  const media = s.mode === 'tencent' ? play : LOOPBACK_HTTP;
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${[...LOOPBACK_HTTP, ...play].join(' ')}`,
    `media-src 'self' blob: ${media.join(' ')}`.trim(),
    `connect-src 'self' ${connect.join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ];
  return directives.join('; ');
}
