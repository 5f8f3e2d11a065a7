// Web mode's HTTP and WebSocket surfaces under hostile input: malformed paths, headers and
// upgrades get a 4xx and the server goes on; the token is exchanged for a session cookie and
// leaves the address bar; a foreign Origin cannot open the socket.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createDispatcher, type Handlers } from '../../shared/rpc';
import { mulberry32 } from '../../shared/prng';
import { tempDir } from '../../../test/support/tempDir';
import { silentLogger } from '../infra/logger';
import { SESSION_COOKIE, WebServer, cookieValue } from './webServer';

const TOKEN = 'tok_'.padEnd(32, 'x');
let server: WebServer;
let port: number;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  tmp = tempDir();
  fs.writeFileSync(path.join(tmp.dir, 'index.html'), '<!doctype html><title>Stageside</title>');
  const dispatcher = createDispatcher({ 'app:getInfo': async () => ({ name: 'Stageside' }) } as unknown as Handlers);
  server = new WebServer({ dispatcher, token: TOKEN, host: '127.0.0.1', port: 0, log: silentLogger(), version: 'test', staticDir: tmp.dir });
  port = (await server.listen()).port;
});
afterEach(async () => {
  await server.close();
  tmp.cleanup();
});

/** Sends raw bytes and returns the status line's code (0 when the server closed without one). */
function raw(request: string): Promise<number> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(request, 'latin1'));
    let got = '';
    const done = () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(got)?.[1] ?? 0));
    s.on('data', (d) => {
      got += d.toString('latin1');
      // The status line is all we need (a 101 would otherwise wait for the close handshake).
      if (/^HTTP\/1\.1 \d{3}/.test(got)) {
        done();
        s.destroy();
      }
    });
    s.on('end', done);
    s.on('error', done);
    s.on('close', done);
    s.setTimeout(10_000, () => s.destroy());
  });
}
const get = (p: string, headers = '') => raw(`GET ${p} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${headers}Connection: close\r\n\r\n`);
const alive = async () => expect(await get('/')).toBe(200);

describe('malformed requests get a 4xx and the server goes on', () => {
  it.each(['/%ff', '/%E0%A4%A', '/%', '/a%00b', '/..%2f..%2fetc%2fpasswd', '//[', '/?%ff=%ff', '/%ff?token=%ff', `/${'a'.repeat(10_000)}`])(
    'GET %s',
    async (p) => {
      const code = await get(p);
      expect(code).toBeGreaterThanOrEqual(200);
      expect(code).toBeLessThan(500);
      await alive();
    },
  );

  it('survives 400 random paths, headers and upgrade attempts', async () => {
    const rnd = mulberry32(7);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
    const bytes = (n: number) => Array.from({ length: n }, () => String.fromCharCode(Math.floor(rnd() * 256))).join('');
    const paths = ['/', '/ws', '/index.html', '/%', '/%ff', '//[', '/ws?token=%ff', '/\x01', `/${bytes(8)}`];
    const codes: number[] = [];
    for (let i = 0; i < 400; i++) {
      const p = pick(paths).replace(/[\r\n ]/g, '_');
      const extra = pick([
        '',
        `Cookie: ${bytes(20).replace(/[\r\n]/g, '')}\r\n`,
        `Origin: ${bytes(12).replace(/[\r\n]/g, '')}\r\n`,
        'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n',
        `X-${bytes(4).replace(/[\r\n:]/g, '')}: ${bytes(30).replace(/[\r\n]/g, '')}\r\n`,
        `Host: ${bytes(6).replace(/[\r\n]/g, '')}\r\n`,
      ]);
      codes.push(await raw(`${pick(['GET', 'POST', 'HEAD', 'BREW'])} ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}Connection: close\r\n\r\n`));
    }
    expect(codes.filter((c) => c >= 500)).toEqual([]);
    await alive();
  }, 60_000);
});

describe('the token leaves the address bar', () => {
  it('exchanges ?token= for an HttpOnly, SameSite=Strict session cookie and redirects without it', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/?token=${TOKEN}&lang=ja`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/?lang=ja');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[\\w-]{20,}; HttpOnly; SameSite=Strict; Path=/$`));
    expect(cookie).not.toContain(TOKEN);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('sends the page with the Content-Security-Policy of the current settings', async () => {
    const csp = "default-src 'self'; connect-src 'self' http://127.0.0.1:*";
    const withCsp = new WebServer({ dispatcher: createDispatcher({} as Handlers), token: TOKEN, host: '127.0.0.1', port: 0, log: silentLogger(), version: 'test', staticDir: tmp.dir, csp: () => csp });
    const p = (await withCsp.listen()).port;
    const res = await fetch(`http://127.0.0.1:${p}/`);
    expect(res.headers.get('content-security-policy')).toBe(csp);
    await withCsp.close();
  });

  it('serves the page without a cookie for a wrong token', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/?token=wrong`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});

describe('the socket', () => {
  const open = (url: string, headers: Record<string, string> = {}) =>
    new Promise<{ hello?: boolean; close?: number; refused?: number }>((resolve) => {
      const ws = new WebSocket(url, { headers });
      ws.on('message', (d) => {
        if (JSON.parse(String(d)).t !== 'hello') return;
        resolve({ hello: true });
        ws.close();
      });
      ws.on('close', (code) => resolve({ close: code }));
      ws.on('unexpected-response', (_req, res) => (resolve({ refused: res.statusCode ?? 0 }), ws.terminate()));
      ws.on('error', () => undefined);
    });
  const sessionCookie = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/?token=${TOKEN}`, { redirect: 'manual' });
    return `${SESSION_COOKIE}=${cookieValue(res.headers.get('set-cookie') ?? '', SESSION_COOKIE)}`;
  };

  it('accepts the session cookie instead of the token, and refuses neither', async () => {
    const cookie = await sessionCookie();
    expect(await open(`ws://127.0.0.1:${port}/ws`, { Cookie: cookie })).toEqual({ hello: true });
    expect(await open(`ws://127.0.0.1:${port}/ws`)).toEqual({ close: 4401 });
    expect(await open(`ws://127.0.0.1:${port}/ws`, { Cookie: `${SESSION_COOKIE}=forged` })).toEqual({ close: 4401 });
  });

  it("refuses a browser Origin other than the page's own", async () => {
    const cookie = await sessionCookie();
    expect(await open(`ws://127.0.0.1:${port}/ws`, { Cookie: cookie, Origin: 'https://evil.example' })).toEqual({ refused: 403 });
    expect(await open(`ws://127.0.0.1:${port}/ws?token=${TOKEN}`, { Origin: 'https://evil.example' })).toEqual({ refused: 403 });
    expect(await open(`ws://127.0.0.1:${port}/ws`, { Cookie: cookie, Origin: `http://127.0.0.1:${port}` })).toEqual({ hello: true });
  });

  it('answers malformed frames with an error frame and keeps working', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${TOKEN}`);
    const frames: { t: string }[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(String(d))));
    await new Promise((r) => ws.once('open', r));
    const rnd = mulberry32(3);
    for (let i = 0; i < 200; i++) ws.send(Array.from({ length: 40 }, () => String.fromCharCode(32 + Math.floor(rnd() * 95))).join(''));
    ws.send(JSON.stringify({ t: 'call', id: 9, name: 'nope:nope', arg: {} }));
    await expect.poll(() => frames.filter((f) => f.t === 'error').length).toBeGreaterThanOrEqual(200);
    await expect.poll(() => frames.some((f) => f.t === 'result')).toBe(true);
    ws.close();
    await alive();
  });
});

describe('cookieValue', () => {
  it('reads one cookie among others and ignores malformed parts', () => {
    expect(cookieValue('a=1; stageside_session=abc; b=2', SESSION_COOKIE)).toBe('abc');
    expect(cookieValue('stageside_session', SESSION_COOKIE)).toBe('');
    expect(cookieValue(undefined, SESSION_COOKIE)).toBe('');
  });
});

describe('show reports', () => {
  it('serves a listed report by id to the session only, with its own CSP, and nothing else under /shows/', async () => {
    const report = path.join(tmp.dir, 'report.html');
    fs.writeFileSync(report, '<!doctype html><title>Show report</title>');
    const asked: string[] = [];
    const withShows = new WebServer({
      dispatcher: createDispatcher({} as Handlers),
      token: TOKEN,
      host: '127.0.0.1',
      port: 0,
      log: silentLogger(),
      version: 'test',
      staticDir: tmp.dir,
      showReport: async (id) => (asked.push(id), id === 'stageside-20260101-100000' ? report : null),
      team: {
        verifyInvite: (t) => (t === 'mod' ? { id: 'm1', name: 'Mia', role: 'moderator' } : t === 'asst' ? { id: 'a1', name: 'Bo', role: 'assistant' } : null),
        inviteValid: () => true,
        connected: () => undefined,
        disconnected: () => undefined,
      },
    });
    const p = (await withShows.listen()).port;
    try {
      const login = await fetch(`http://127.0.0.1:${p}/?token=${TOKEN}`, { redirect: 'manual' });
      const cookie = `${SESSION_COOKIE}=${cookieValue(login.headers.get('set-cookie') ?? '', SESSION_COOKIE)}`;
      const res = await fetch(`http://127.0.0.1:${p}/shows/stageside-20260101-100000`, { headers: { Cookie: cookie } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Show report');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'");
      // No session: refused before anything is looked up.
      expect((await fetch(`http://127.0.0.1:${p}/shows/stageside-20260101-100000`)).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${p}/shows/stageside-20260101-100000`, { headers: { Cookie: `${SESSION_COOKIE}=forged` } })).status).toBe(401);
      // Paths and names that are not an id never reach the lookup.
      for (const bad of ['/shows/..%2findex.html', '/shows/a/b', '/shows/', '/shows/.hidden', '/shows/report.html%00']) {
        expect([400, 404]).toContain((await fetch(`http://127.0.0.1:${p}${bad}`, { headers: { Cookie: cookie } })).status);
      }
      expect((await fetch(`http://127.0.0.1:${p}/shows/unknown`, { headers: { Cookie: cookie } })).status).toBe(404);
      expect(asked).toEqual(['stageside-20260101-100000', 'unknown']);
      // Invited operators: an assistant may open reports, a moderator may not (show:open's role).
      const invited = async (invite: string) => {
        const r = await fetch(`http://127.0.0.1:${p}/?invite=${invite}`, { redirect: 'manual' });
        return `${SESSION_COOKIE}=${cookieValue(r.headers.get('set-cookie') ?? '', SESSION_COOKIE)}`;
      };
      expect((await fetch(`http://127.0.0.1:${p}/shows/stageside-20260101-100000`, { headers: { Cookie: await invited('asst') } })).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${p}/shows/stageside-20260101-100000`, { headers: { Cookie: await invited('mod') } })).status).toBe(403);
    } finally {
      await withShows.close();
    }
  });
});
