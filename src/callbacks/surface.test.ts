// The callback endpoint answers every request in Tencent's shape — HTTP 200 with
// {ActionStatus, ErrorCode, ErrorInfo} — whatever the method, an undecodable path or an over-long
// request line; the admin API and /healthz keep their own HTTP statuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, requestFor } from '../../test/support/rawHttp';
import { makeKit } from './callbacks.testkit';

let kit: Awaited<ReturnType<typeof makeKit>>;
let port: number;
beforeAll(async () => {
  kit = await makeKit({ token: 'tok' });
  await kit.app.listen({ port: 0, host: '127.0.0.1' });
  port = (kit.app.server.address() as { port: number }).port;
});
afterAll(async () => {
  await kit?.close();
});

const envelope = (body: string) => JSON.parse(body) as { ActionStatus: string; ErrorCode: number; ErrorInfo: string };

describe('the callback endpoint', () => {
  it.each(['GET', 'PUT', 'DELETE'])('answers %s /callback with HTTP 200 and a FAIL envelope', async (method) => {
    const r = await kit.app.inject({ method: method as 'GET', url: '/callback?SdkAppid=1' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: expect.stringContaining('POST') });
  });

  it('answers an undecodable query and an over-long request line with HTTP 200', async () => {
    for (const path of ['/callback?CallbackCommand=%ff', `/callback?SdkAppid=1&pad=${'p'.repeat(40_000)}`]) {
      const r = await rawRequest(port, requestFor('POST', path, '{}'));
      expect(r.status).toBe(200);
      expect(envelope(r.body)).toMatchObject({ ErrorCode: expect.any(Number), ActionStatus: expect.stringMatching(/^(OK|FAIL)$/) });
    }
    expect((await rawRequest(port, requestFor('GET', '/healthz'))).status).toBe(200);
  });

  it('leaves other paths their own statuses', async () => {
    expect((await kit.app.inject({ method: 'GET', url: '/admin/lists' })).statusCode).toBe(401);
    expect((await kit.app.inject({ method: 'GET', url: '/nope' })).statusCode).toBe(404);
  });
});
