import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { describeFetchError } from './httpErrors';

const failed = (code: string, message = 'x') => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(message), { code }) });

describe('describeFetchError', () => {
  it('names the host (never the path or query) and a cause a user can act on', () => {
    const url = 'https://console.tim.qq.com/v4/x?usersig=SECRET';
    expect(describeFetchError(failed('ENOTFOUND'), url)).toBe('Could not reach console.tim.qq.com: DNS lookup failed (ENOTFOUND)');
    expect(describeFetchError(failed('ECONNREFUSED'), 'http://127.0.0.1:9/x')).toBe('Could not reach 127.0.0.1:9: connection refused (ECONNREFUSED)');
    expect(describeFetchError(failed('CERT_HAS_EXPIRED'), url)).toMatch(/^Could not reach console\.tim\.qq\.com: TLS certificate problem \(CERT_HAS_EXPIRED\)/);
    expect(describeFetchError(failed('EWHATEVER', 'odd failure'), url)).toBe('Could not reach console.tim.qq.com: odd failure (EWHATEVER)');
    expect(describeFetchError(Object.assign(new Error('t'), { name: 'TimeoutError' }), url, 5000)).toBe('No answer from console.tim.qq.com within 5000 ms');
    for (const code of ['ENOTFOUND', 'CERT_HAS_EXPIRED', 'EWHATEVER']) expect(describeFetchError(failed(code), url)).not.toContain('SECRET');
  });

  it('reads a real refused connection from fetch', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    await new Promise<void>((r) => server.close(() => r()));
    const e = await fetch(url).then(() => undefined, (err: unknown) => err);
    expect(describeFetchError(e, url)).toBe(`Could not reach ${new URL(url).host}: connection refused (ECONNREFUSED)`);
  });
});
