// The console's CSP per mode: only the hosts the mode uses, never an https: wildcard for images.
import { describe, expect, it } from 'vitest';
import { buildConsoleCsp } from './csp';
import { defaultSettings } from './settings';

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `))?.split(' ').slice(1) ?? [];

describe('buildConsoleCsp', () => {
  it('studio mode: loopback only', () => {
    const csp = buildConsoleCsp(defaultSettings());
    expect(directive(csp, 'connect-src')).toEqual(["'self'", 'http://127.0.0.1:*', 'ws://127.0.0.1:*', 'http://localhost:*', 'ws://localhost:*']);
    expect(csp).not.toMatch(/qcloud|https:(?!\/\/)/);
  });

  it('Tencent mode: the IM hosts and the play domain from settings, nothing else', () => {
    const s = { ...defaultSettings(), mode: 'tencent' as const };
    s.lvb = { ...s.lvb, playDomain: 'play.shop.example.com' };
    const csp = buildConsoleCsp(s);
    const connect = directive(csp, 'connect-src');
    expect(connect).toEqual(expect.arrayContaining(['https://*.qcloud.com', 'wss://*.qcloud.com', 'https://play.shop.example.com']));
    expect(connect).not.toContain('http://127.0.0.1:*');
    expect(connect.filter((c) => /^(https?|wss?):$/.test(c))).toEqual([]);
    expect(directive(csp, 'media-src')).toContain('https://play.shop.example.com');
  });

  it('never allows images from any https host', () => {
    for (const mode of ['studio', 'tencent'] as const) {
      const img = directive(buildConsoleCsp({ ...defaultSettings(), mode }), 'img-src');
      expect(img).not.toContain('https:');
      expect(img).not.toContain('http:');
    }
  });
});
