// Which failures are retried (60007, 60011, 10002 and network faults) with what backoff, which are
// not, and the log line each attempt leaves.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { captureServer, client, closeAll, fail, failureOf, GROUP, OK, REF_USERSIG } from './imRestClient.testkit';

afterEach(closeAll);

describe('retries (only 60007 / 60011 / 10002 and network faults)', () => {
  it.each([
    [60007, 'REST API call frequency exceeds limit'],
    [60011, 'SDKAppID request frequency exceeds limit'],
    [10002, 'system error, please try again'],
  ])('retries ErrorCode %i with backoff and a fresh random, then succeeds', async (code, info) => {
    const srv = await captureServer([fail(code, info), { json: { ...OK, OnlineMemberNum: 9 } }]);
    const sleeps: number[] = [];
    const r = await client(srv.baseUrl, { sleep: async (ms) => void sleeps.push(ms) }).call('group_open_http_svc/get_online_member_num', { GroupId: GROUP });
    expect(r.OnlineMemberNum).toBe(9);
    expect(srv.captured).toHaveLength(2);
    expect(srv.captured[1]!.body).toEqual(srv.captured[0]!.body);
    expect(srv.captured[1]!.query.random).not.toEqual(srv.captured[0]!.query.random);
    expect(sleeps).toHaveLength(1);
  });

  it('backs off exponentially (base × 2^attempt × jitter) and gives up after `retries`, keeping the last ErrorCode', async () => {
    const busy = fail(60007, 'REST API call frequency exceeds limit');
    const srv = await captureServer([busy, busy, busy, busy]);
    const sleeps: number[] = [];
    const e = await failureOf(
      client(srv.baseUrl, { retries: 3, backoffBaseMs: 300, random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) }).call(
        'group_open_http_svc/destroy_group',
        { GroupId: GROUP },
      ),
    );
    expect(e.errorCode).toBe(60007);
    expect(e.errorInfo).toBe('REST API call frequency exceeds limit');
    expect(srv.captured).toHaveLength(4);
    // jitter factor 0.5 + 0.5/2 = 0.75
    expect(sleeps).toEqual([225, 450, 900]);
  });

  it.each([
    [10015, 'invalid group id'],
    [10010, 'group does not exist'],
    [70001, 'UserSig expired'],
    [70009, 'UserSig verification failed'],
    [10004, 'invalid parameter'],
    [60010, 'identifier is not admin'],
    [10016, 'rejected by app backend callback'],
    [10017, 'sender is muted'],
    [80001, 'dirty word'],
    [40009, 'Tag not found'],
  ])('never retries ErrorCode %i', async (code, info) => {
    const srv = await captureServer([fail(code, info)]);
    const sleeps: number[] = [];
    const e = await failureOf(client(srv.baseUrl, { sleep: async (ms) => void sleeps.push(ms) }).call('group_open_http_svc/destroy_group', { GroupId: GROUP }));
    expect([e.errorCode, e.errorInfo]).toEqual([code, info]);
    expect(srv.captured).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a dropped connection and a timeout, then gives up with a clear network error', async () => {
    const srv = await captureServer(['reset', 'hang', { status: 500, text: '' }]);
    const e = await failureOf(client(srv.baseUrl, { retries: 2, timeoutMs: 300 }).call('group_open_http_svc/destroy_group', { GroupId: GROUP }));
    expect(e.errorCode).toBe(-2);
    expect(e.errorInfo).toBe(`Network error: HTTP 500 from ${new URL(srv.baseUrl).host}`);
    expect(srv.captured).toHaveLength(3);
  });

  it('a timeout says how long it waited', async () => {
    const srv = await captureServer(['hang']);
    const e = await failureOf(client(srv.baseUrl, { retries: 0, timeoutMs: 250 }).call('group_open_http_svc/destroy_group', { GroupId: GROUP }));
    expect(e.errorInfo).toBe(`Network error: No answer from ${new URL(srv.baseUrl).host} within 250 ms`);
  });

  it('a refused connection is retried like any network error', async () => {
    const srv = await captureServer();
    const url = srv.baseUrl;
    await srv.close();
    const sleeps: number[] = [];
    const e = await failureOf(client(url, { retries: 2, sleep: async (ms) => void sleeps.push(ms) }).call('group_open_http_svc/destroy_group', { GroupId: GROUP }));
    expect(e.errorCode).toBe(-2);
    expect(e.errorInfo).toBe(`Network error: Could not reach ${new URL(url).host}: connection refused (ECONNREFUSED)`);
    expect(sleeps).toHaveLength(2);
  });
});

describe('logging', () => {
  it('logs every attempt with its command and ErrorCode, never the UserSig', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(s) });
    const srv = await captureServer([fail(60007, 'busy'), { json: OK }, fail(10010, 'gone')]);
    const c = client(srv.baseUrl, { log });
    await c.call('group_open_http_svc/destroy_group', { GroupId: GROUP });
    await c.call('group_open_http_svc/destroy_group', { GroupId: GROUP }).catch(() => undefined);
    const records = lines.map((l) => JSON.parse(l) as { command: string; errorCode: number; attempt: number; ms: number });
    expect(records.map((r) => [r.command, r.errorCode, r.attempt])).toEqual([
      ['group_open_http_svc/destroy_group', 60007, 0],
      ['group_open_http_svc/destroy_group', 0, 1],
      ['group_open_http_svc/destroy_group', 10010, 0],
    ]);
    for (const r of records) expect(typeof r.ms).toBe('number');
    expect(lines.join('')).not.toContain(REF_USERSIG);
    expect(lines.join('')).not.toContain('usersig');
  });
});
