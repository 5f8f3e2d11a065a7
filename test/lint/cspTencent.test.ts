// The renderer's CSP must let tim-js-sdk (Tencent mode) reach every host it has hard-coded; a
// blocked host would only show up on a real account, so check it against the SDK's own source.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConsoleCsp } from '../../src/shared/csp';
import { defaultSettings } from '../../src/shared/settings';

const repo = path.resolve(__dirname, '../..');

function connectSrc(): string[] {
  const html = fs.readFileSync(path.join(repo, 'src/renderer/index.html'), 'utf8');
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
  const directive = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src ')) ?? '';
  return directive.split(/\s+/).slice(1);
}

/** CSP source-expression match for scheme-only and `scheme://*.domain` / `scheme://host` sources. */
function allowed(url: URL, sources: string[]): boolean {
  return sources.some((src) => {
    if (src === `${url.protocol}`) return true;
    const m = /^([a-z]+:)\/\/(\*\.)?([^:/]+)(?::\*)?$/.exec(src);
    if (!m || m[1] !== url.protocol) return false;
    return m[2] ? url.hostname.endsWith(`.${m[3]}`) : url.hostname === m[3];
  });
}

describe('renderer CSP and tim-js-sdk', () => {
  const sdk = fs.readFileSync(path.join(repo, 'node_modules/tim-js-sdk/tim-js.js'), 'utf8');
  const hosts = [...new Set(sdk.match(/(?:https|wss):\/\/[A-Za-z0-9.-]+\.(?:com|cn)/g) ?? [])].map((u) => new URL(u));

  it('finds the SDK hosts (the scan itself works)', () => {
    expect(hosts.map((u) => u.host)).toEqual(expect.arrayContaining(['wss.im.qcloud.com', 'events.im.qcloud.com', 'apisgp.my-imcloud.com']));
  });

  it('allows every host tim-js-sdk connects to', () => {
    const sources = connectSrc();
    expect(sources.length).toBeGreaterThan(0);
    expect(hosts.filter((u) => !allowed(u, sources)).map((u) => u.href)).toEqual([]);
  });

  it("allows them in Tencent mode's header policy too (buildConsoleCsp), and no other https or wss host", () => {
    const csp = buildConsoleCsp({ ...defaultSettings(), mode: 'tencent' });
    const sources = (csp.split('; ').find((d) => d.startsWith('connect-src ')) ?? '').split(' ').slice(1);
    expect(hosts.filter((u) => !allowed(u, sources)).map((u) => u.href)).toEqual([]);
    expect(allowed(new URL('https://evil.example.com'), sources)).toBe(false);
    expect(allowed(new URL('wss://evil.example.com'), sources)).toBe(false);
  });

  it('would notice a missing source', () => {
    expect(allowed(new URL('https://events.im.qcloud.com'), ["'self'", 'wss:'])).toBe(false);
    expect(allowed(new URL('https://events.im.qcloud.com'), ['https://*.qcloud.com'])).toBe(true);
  });
});
