// Test kit for the IM REST client tests: a local HTTP server that captures each request and answers
// from a script, a client pointed at it, and checks of Tencent's common query and JSON POST.
import http from 'node:http';
import type net from 'node:net';
import { expect } from 'vitest';
import { silentLogger } from '../infra/logger';
import { ImRestClient, ImRestError } from './imRestClient';

export type Answer =
  /** HTTP 200 with this JSON, optionally after a delay. */
  | { json: unknown; delayMs?: number }
  /** Any status with a raw body (gateway pages, non-JSON). */
  | { status: number; text: string; contentType?: string }
  /** Never answer (client timeout). */
  | 'hang'
  /** Drop the connection without a response. */
  | 'reset';

export interface Captured {
  method: string;
  path: string;
  /** Every query parameter with all its values. */
  query: Record<string, string[]>;
  rawQuery: string;
  contentType: string | undefined;
  raw: string;
  body: unknown;
  /** Index of the TCP connection the request came on (keep-alive check). */
  connection: number;
  connectionHeader: string | undefined;
}

export const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' } as const;
export const fail = (code: number, info: string, extra: object = {}) => ({ json: { ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: info, ...extra } });

/** Answers each request with the next scripted answer (then plain OK envelopes). */
export async function captureServer(answers: Answer[] = []) {
  const captured: Captured[] = [];
  const sockets: net.Socket[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      const query: Record<string, string[]> = {};
      for (const k of new Set(url.searchParams.keys())) query[k] = url.searchParams.getAll(k);
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      captured.push({
        method: req.method ?? '',
        path: url.pathname,
        query,
        rawQuery: url.search.slice(1),
        contentType: req.headers['content-type'],
        raw,
        body,
        connection: sockets.indexOf(req.socket),
        connectionHeader: req.headers.connection,
      });
      const next = answers.shift() ?? { json: OK };
      if (next === 'hang') return;
      if (next === 'reset') return void req.socket.destroy();
      if ('status' in next) {
        res.writeHead(next.status, { 'Content-Type': next.contentType ?? 'text/html' }).end(next.text);
        return;
      }
      const send = () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(next.json));
      if (next.delayMs) setTimeout(send, next.delayMs);
      else send();
    });
  });
  server.on('connection', (s) => sockets.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const close = () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r())));
  closers.push(close);
  return { captured, baseUrl: `http://127.0.0.1:${port}`, close };
}

export const closers: Array<() => Promise<void> | void> = [];
/** Closes the capture servers and other resources the test registered (run after each test). */
export async function closeAll(): Promise<void> {
  for (const c of closers.splice(0)) await c();
}

/** A UserSig issued by the official tls-sig-api-v2@1.0.2 (a fixed test vector): it contains `*`, `-` and `_`. */
export const REF_USERSIG =
  'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStDEwMogMiUZOamKlkZmqOKplYUZBaBxE1NTY3gosWZ6UpWSj5ljuYp*p7l5unBxXnF2WVhVU4uAf7Ozi5JpX7O5SbuHuUhzgZJmQXaTia2SrUAohcx8g__';

export function client(baseUrl: string, extra: Partial<ConstructorParameters<typeof ImRestClient>[0]> = {}) {
  return new ImRestClient({
    baseUrl,
    sdkAppId: 1400000000,
    adminIdentifier: 'administrator',
    userSig: { get: async () => REF_USERSIG },
    log: silentLogger(),
    sleep: async () => undefined,
    ...extra,
  });
}

const UINT32 = /^(0|[1-9][0-9]{0,9})$/;

/** The REST API's common query: exactly sdkappid, identifier, usersig, random (uint32), contenttype=json — each once. */
export function expectTencentQuery(c: Captured, want: { sdkappid: string; identifier: string; usersig?: string }): number {
  expect(Object.keys(c.query).sort()).toEqual(['contenttype', 'identifier', 'random', 'sdkappid', 'usersig']);
  for (const values of Object.values(c.query)) expect(values).toHaveLength(1);
  expect(c.query.sdkappid![0]).toBe(want.sdkappid);
  expect(c.query.identifier![0]).toBe(want.identifier);
  if (want.usersig !== undefined) expect(c.query.usersig![0]).toBe(want.usersig);
  expect(c.query.contenttype![0]).toBe('json');
  const random = c.query.random![0]!;
  expect(random).toMatch(UINT32);
  expect(Number(random)).toBeLessThanOrEqual(4294967295);
  return Number(random);
}

/** POST, JSON content type, and a body that is valid JSON equal to `body`. */
export function expectJsonPost(c: Captured, command: string, body: unknown): void {
  expect(c.method).toBe('POST');
  expect(c.path).toBe(`/v4/${command}`);
  expect(c.contentType).toMatch(/^application\/json\b/);
  expect(() => JSON.parse(c.raw)).not.toThrow();
  expect(c.body).toEqual(body);
}

export async function failureOf(p: Promise<unknown>): Promise<ImRestError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ImRestError);
  return e as ImRestError;
}

export const GROUP = 'live_20240501_001';
