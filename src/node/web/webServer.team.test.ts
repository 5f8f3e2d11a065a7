// Web mode with the team console: an invite link becomes a session cookie that names its operator
// on every call; a revoked invite's consoles are closed at once (4403) and its cookie stops
// working; the host's overview reaches only host consoles; the per-launch token stays the host's.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createDispatcher, type CallContext, type Handlers } from '../../shared/rpc';
import type { ConsoleConnection, Operator } from '../../shared/teamContract';
import { CLOSE_REVOKED } from '../../shared/transport/wsProtocol';
import { tempDir } from '../../../test/support/tempDir';
import { waitFor } from '../../../test/support/waitFor';
import { silentLogger } from '../infra/logger';
import { Invites } from '../team/invites';
import { SESSION_COOKIE, WebServer, cookieValue } from './webServer';

const TOKEN = 'tok_'.padEnd(32, 'x');

describe('web mode with invites', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: WebServer;
  let port: number;
  let invites: Invites;
  let connections: Map<string, ConsoleConnection>;

  beforeEach(async () => {
    tmp = tempDir();
    fs.writeFileSync(path.join(tmp.dir, 'index.html'), '<!doctype html><title>Stageside</title>');
    invites = new Invites({ dir: path.join(tmp.dir, 'team'), clock: { now: () => Date.now() }, userIdOf: (o) => o.id });
    connections = new Map();
    const dispatcher = createDispatcher({ 'team:whoami': (_a: unknown, ctx: CallContext) => ({ operator: ctx.operator, connectionId: ctx.connectionId }) } as unknown as Handlers);
    server = new WebServer({
      dispatcher,
      token: TOKEN,
      host: '127.0.0.1',
      port: 0,
      log: silentLogger(),
      version: 'test',
      staticDir: tmp.dir,
      team: {
        verifyInvite: (t) => invites.verify(t),
        inviteValid: (id) => invites.isValid(id),
        connected: (c) => connections.set(c.connectionId, c),
        disconnected: (id) => connections.delete(id),
      },
    });
    port = (await server.listen()).port;
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
  });

  const getPage = (p: string): Promise<{ status: number; cookie: string; location: string }> =>
    new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: p }, (res) => {
        res.resume();
        const setCookie = (res.headers['set-cookie'] ?? []).join(';');
        resolve({ status: res.statusCode ?? 0, cookie: cookieValue(setCookie, SESSION_COOKIE), location: String(res.headers.location ?? '') });
      }).on('error', reject);
    });

  interface Open {
    ws: WebSocket;
    events: string[];
    closed: Promise<number>;
    whoami(): Promise<{ operator: Operator; connectionId: string }>;
  }
  const open = (sid: string): Promise<Open> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { Cookie: `${SESSION_COOKIE}=${sid}` } });
      const events: string[] = [];
      const pending = new Map<number, (v: unknown) => void>();
      const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
      ws.on('message', (d) => {
        const f = JSON.parse(String(d)) as { t: string; id?: number; name?: string; result?: { value: unknown } };
        if (f.t === 'event') events.push(f.name ?? '');
        if (f.t === 'result') pending.get(f.id ?? -1)?.(f.result?.value);
        if (f.t === 'hello')
          resolve({
            ws,
            events,
            closed,
            whoami: () => new Promise((r) => (pending.set(1, r as never), ws.send(JSON.stringify({ t: 'call', id: 1, name: 'team:whoami', arg: {} })))),
          });
      });
      ws.on('error', reject);
    });

  it('an invite link signs its operator in; the token stays the host', async () => {
    const { token } = invites.issue({ name: 'Mia', role: 'moderator', validHours: 1 });
    const page = await getPage(`/?invite=${encodeURIComponent(token)}&lang=en`);
    expect(page).toMatchObject({ status: 303, location: '/?lang=en' });
    const mia = await open(page.cookie);
    const who = await mia.whoami();
    expect(who.operator).toEqual({ id: 'a1', name: 'Mia', role: 'moderator' });
    expect(connections.get(who.connectionId)).toMatchObject({ operatorId: 'a1', role: 'moderator', from: '127.0.0.1' });

    const host = await open((await getPage(`/?token=${TOKEN}`)).cookie);
    expect((await host.whoami()).operator).toMatchObject({ id: 'host', role: 'host' });
    // Host-only events skip Mia's console.
    server.emit('team:overview', { invites: [], connections: [] });
    server.emit('settings:changed', {} as never);
    await waitFor(() => host.events.length === 2 && mia.events.length === 1);
    expect(mia.events).toEqual(['settings:changed']);
    host.ws.close();
    mia.ws.close();
  });

  it('a forged or revoked invite gets a 403 page; revoking closes its consoles at once (4403) and its cookie stops working', async () => {
    expect((await getPage('/?invite=a1.1.xxxx')).status).toBe(403);
    const { token } = invites.issue({ name: 'Bo', role: 'assistant', validHours: 1 });
    const { cookie } = await getPage(`/?invite=${encodeURIComponent(token)}`);
    const a = await open(cookie);
    const b = await open(cookie);
    invites.revoke('a1');
    expect(server.disconnectOperator('a1')).toBe(2);
    expect(await a.closed).toBe(CLOSE_REVOKED);
    expect(await b.closed).toBe(CLOSE_REVOKED);
    await waitFor(() => connections.size === 0);
    expect((await getPage(`/?invite=${encodeURIComponent(token)}`)).status).toBe(403);
    const again = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { Cookie: `${SESSION_COOKIE}=${cookie}` } });
    expect(await new Promise((r) => again.on('close', (code) => r(code)))).toBe(4401);
  });
});
