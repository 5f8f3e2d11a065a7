// Answers that are not a Tencent envelope: HTML pages, gateway errors, JSON of the wrong shape, and a
// UserSig provider that fails before anything is sent.
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { captureServer, client, closeAll, failureOf, GROUP, OK } from './imRestClient.testkit';

afterEach(closeAll);

describe('responses that are not a Tencent envelope', () => {
  it('a UserSig that cannot be had (endpoint refused) fails as itself: nothing sent, nothing retried', async () => {
    const srv = await captureServer();
    let asked = 0;
    const refused = new AppError('USERSIG_ENDPOINT_FAILED', 'UserSig endpoint https://sig.example.com: HTTP 401');
    const c = client(srv.baseUrl, { userSig: { get: async () => (asked++, Promise.reject(refused)) } });
    await expect(c.call('group_open_http_svc/get_online_member_num', { GroupId: GROUP })).rejects.toBe(refused);
    expect(asked).toBe(1);
    expect(srv.captured).toHaveLength(0);
  });

  it('an HTML page with HTTP 200 (proxy, captive portal) is not retried and says what came back', async () => {
    const srv = await captureServer([{ status: 200, text: '<html>\n  <title>Sign in to Wi-Fi</title></html>' }]);
    const e = await failureOf(client(srv.baseUrl, { retries: 3 }).call('group_open_http_svc/get_online_member_num', { GroupId: GROUP }));
    expect(e.errorCode).toBe(-1);
    expect(e.errorInfo).toMatch(/^Response is not JSON \(HTTP 200, [^)]*\): <html> <title>Sign in to Wi-Fi<\/title><\/html>$/);
    expect(srv.captured).toHaveLength(1);
  });

  it('an HTTP 502 gateway page is a network fault: retried, then a clear error naming the status', async () => {
    const page = { status: 502, text: '<html><body>502 Bad Gateway</body></html>' };
    const srv = await captureServer([page, page, page]);
    const e = await failureOf(client(srv.baseUrl, { retries: 2 }).call('group_open_http_svc/destroy_group', { GroupId: GROUP }));
    expect(e.errorCode).toBe(-2);
    expect(e.errorInfo).toBe(`Network error: HTTP 502 from ${new URL(srv.baseUrl).host}: <html><body>502 Bad Gateway</body></html>`);
    expect(srv.captured).toHaveLength(3);
  });

  it('an HTTP 502 followed by a good answer succeeds', async () => {
    const srv = await captureServer([{ status: 502, text: 'Bad Gateway' }, { json: { ...OK, OnlineMemberNum: 5 } }]);
    const r = await client(srv.baseUrl).call('group_open_http_svc/get_online_member_num', { GroupId: GROUP });
    expect(r.OnlineMemberNum).toBe(5);
    expect(srv.captured).toHaveLength(2);
  });

  it('a non-JSON HTTP 200 body gives an error that says the answer was not JSON', async () => {
    const srv = await captureServer([{ status: 200, text: '<html>captive portal</html>' }]);
    const e = await failureOf(client(srv.baseUrl, { retries: 0 }).call('group_open_http_svc/destroy_group', { GroupId: GROUP }));
    expect(e.command).toBe('group_open_http_svc/destroy_group');
    expect(e.errorCode).toBeLessThan(0);
    expect(e.errorInfo).toMatch(/JSON/);
    expect(srv.captured).toHaveLength(1);
  });

  it('JSON without the envelope fails the zod parse: errorCode -1, not retried, the body kept', async () => {
    const srv = await captureServer([{ json: { hello: 'world' } }]);
    const e = await failureOf(client(srv.baseUrl).call('group_open_http_svc/destroy_group', { GroupId: GROUP }));
    expect(e.errorCode).toBe(-1);
    expect(e.errorInfo).toMatch(/^Unexpected response shape/);
    expect(e.response).toEqual({ hello: 'world' });
    expect(srv.captured).toHaveLength(1);
  });

  it('a success field of the wrong type fails the parse (OnlineMemberNum as a string)', async () => {
    const srv = await captureServer([{ json: { ...OK, OnlineMemberNum: '12' } }]);
    const e = await failureOf(client(srv.baseUrl).call('group_open_http_svc/get_online_member_num', { GroupId: GROUP }));
    expect(e.errorCode).toBe(-1);
    expect(srv.captured).toHaveLength(1);
  });

  it('an ActionStatus outside OK/FAIL fails the parse', async () => {
    const srv = await captureServer([{ json: { ActionStatus: 'MAYBE', ErrorCode: 0, ErrorInfo: '' } }]);
    const e = await failureOf(client(srv.baseUrl).call('group_open_http_svc/destroy_group', { GroupId: GROUP }));
    expect(e.errorCode).toBe(-1);
  });
});
