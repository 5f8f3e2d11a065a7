import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { genUserSig, verifyUserSig } from '../../shared/domain/userSig';
import { nodeCrypto } from '../infra/nodeCrypto';
import { endpointIssuer, secretKeyIssuer } from './userSigIssuer';

const SDKAPPID = 1400000001;
const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
const TOKEN = 'tok-7f3a9c1d2e4b';
const now = 1_800_000_000;
const clock = { now: () => now * 1000 };

interface Seen {
  method: string;
  auth: string | undefined;
  type: string | undefined;
  body: unknown;
}

describe('UserSig issuers', () => {
  let server: http.Server;
  let base = '';
  const seen: Seen[] = [];
  /** What the fake endpoint answers, per test. */
  let answer: (body: { sdkAppId: number; userId: string; expireSeconds: number }) => { status: number; text: string; delayMs?: number };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const body = JSON.parse(raw);
        seen.push({ method: req.method!, auth: req.headers.authorization, type: req.headers['content-type'], body });
        const a = answer(body);
        setTimeout(() => res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.text), a.delayMs ?? 0);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/usersig`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const sign = (identifier: string, sdkAppId = SDKAPPID, expireSeconds = 86400, nowSeconds = now) =>
    genUserSig(nodeCrypto, { sdkAppId, secretKey: KEY, identifier, expireSeconds, nowSeconds });
  const issuer = (token: string | null = TOKEN, timeoutMs?: number) =>
    endpointIssuer({ url: base, token: token ?? undefined, sdkAppId: SDKAPPID, crypto: nodeCrypto, clock, ...(timeoutMs ? { timeoutMs } : {}) });
  const failure = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('USERSIG_ENDPOINT_FAILED');
    expect((e as AppError).message).not.toContain(TOKEN);
    return e as AppError;
  };

  it('signs locally with the SecretKey: a sig Tencent would verify, expiring when it says', async () => {
    const r = await secretKeyIssuer(nodeCrypto, clock, SDKAPPID, KEY).issue('host', 3600);
    expect(r.expiresAt).toBe(now + 3600);
    expect(verifyUserSig(nodeCrypto, { sdkAppId: SDKAPPID, secretKey: KEY, userSig: r.userSig, identifier: 'host', nowSeconds: now + 10 })).toMatchObject({ ok: true });
  });

  it('POSTs the documented JSON with the bearer token and takes the expiry from the sig itself', async () => {
    answer = (b) => ({ status: 200, text: JSON.stringify({ userSig: sign(b.userId, b.sdkAppId, 7200, now - 100), expireAt: 1 }) });
    seen.length = 0;
    const r = await issuer().issue('host', 86400);
    expect(seen).toEqual([
      { method: 'POST', auth: `Bearer ${TOKEN}`, type: 'application/json', body: { sdkAppId: SDKAPPID, userId: 'host', expireSeconds: 86400 } },
    ]);
    expect(r.expiresAt).toBe(now - 100 + 7200);
    expect(verifyUserSig(nodeCrypto, { sdkAppId: SDKAPPID, secretKey: KEY, userSig: r.userSig, identifier: 'host', nowSeconds: now })).toMatchObject({ ok: true });
  });

  it('sends no Authorization header without a token', async () => {
    answer = (b) => ({ status: 200, text: JSON.stringify({ userSig: sign(b.userId) }) });
    seen.length = 0;
    await issuer(null).issue('administrator', 600);
    expect(seen[0]!.auth).toBeUndefined();
  });

  it('reports HTTP errors with the status, and hints at the token on 401/403', async () => {
    answer = () => ({ status: 401, text: '{"error":"no"}' });
    const e = await failure(issuer().issue('host', 60));
    expect(e.message).toMatch(/HTTP 401.*token/);
    expect(e.details).toMatchObject({ status: 401, kind: 'answer' });
    answer = () => ({ status: 502, text: 'bad gateway' });
    const gateway = await failure(issuer().issue('host', 60));
    expect(gateway.message).toMatch(/HTTP 502/);
    expect(gateway.details).toMatchObject({ status: 502, kind: 'network' });
  });

  it('refuses answers that are not JSON, lack userSig, or are not a TLS sig v2', async () => {
    answer = () => ({ status: 200, text: '<html>login</html>' });
    expect((await failure(issuer().issue('host', 60))).message).toMatch(/not JSON/);
    answer = () => ({ status: 200, text: '{"sig":"x"}' });
    expect((await failure(issuer().issue('host', 60))).message).toMatch(/no "userSig"/);
    answer = () => ({ status: 200, text: JSON.stringify({ userSig: 'eJw' + 'A'.repeat(40) }) });
    expect((await failure(issuer().issue('host', 60))).message).toMatch(/not a TLS sig v2/);
    answer = () => ({ status: 200, text: JSON.stringify({ userSig: 'short' }) });
    expect((await failure(issuer().issue('host', 60))).message).toMatch(/not a TLS sig v2/);
  });

  it('refuses a sig for another user, another SDKAppID, or one already expired', async () => {
    answer = () => ({ status: 200, text: JSON.stringify({ userSig: sign('someone_else') }) });
    const other = await failure(issuer().issue('host', 60));
    expect(other.message).toMatch(/for "someone_else", not "host"/);
    expect(other.details).toMatchObject({ kind: 'answer' });
    answer = (b) => ({ status: 200, text: JSON.stringify({ userSig: sign(b.userId, 1400000002) }) });
    expect((await failure(issuer().issue('host', 60))).message).toMatch(/SDKAppID 1400000002/);
    answer = (b) => ({ status: 200, text: JSON.stringify({ userSig: sign(b.userId, SDKAPPID, 60, now - 3600) }) });
    expect((await failure(issuer().issue('host', 60))).message).toMatch(/expired/);
  });

  it('times out a silent endpoint and names an unreachable one without its query', async () => {
    answer = (b) => ({ status: 200, text: JSON.stringify({ userSig: sign(b.userId) }), delayMs: 1500 });
    expect((await failure(issuer(TOKEN, 200).issue('host', 60))).message).toMatch(/^UserSig endpoint http:\/\/127\.0\.0\.1:\d+\/usersig: No answer from 127\.0\.0\.1:\d+ within 200 ms$/);
    const dead = endpointIssuer({ url: 'http://127.0.0.1:1/secret-path?k=v', token: TOKEN, sdkAppId: SDKAPPID, crypto: nodeCrypto, clock });
    const e = await failure(dead.issue('host', 60));
    expect(e.message).toMatch(/^UserSig endpoint http:\/\/127\.0\.0\.1:1\/secret-path: Could not reach 127\.0\.0\.1:1: /);
    expect(e.message).not.toContain('k=v');
    expect(e.details).toMatchObject({ kind: 'network' });
  });
});
