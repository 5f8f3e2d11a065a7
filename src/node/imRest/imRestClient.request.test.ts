// The request around the body: Tencent's common query (sdkappid, identifier, usersig, random,
// contenttype), the base URL, pooled keep-alive connections and the client's patience.
import { afterEach, describe, expect, it } from 'vitest';
import { captureServer, client, closeAll, expectTencentQuery, fail, GROUP, OK, REF_USERSIG } from './imRestClient.testkit';

afterEach(closeAll);

describe('query parameters (REST API common query)', () => {
  it('random is a uint32 in decimal and different on every call', async () => {
    const srv = await captureServer();
    const c = client(srv.baseUrl);
    for (let i = 0; i < 12; i++) await c.call('group_open_http_svc/get_online_member_num', { GroupId: GROUP });
    const randoms = srv.captured.map((x) => expectTencentQuery(x, { sdkappid: '1400000000', identifier: 'administrator' }));
    expect(new Set(randoms).size).toBe(12);
  });

  it('random spans 0 … 4294967295 (drawn from the injected source)', async () => {
    const srv = await captureServer();
    const draws = [0, 0.5, 0.9999999999];
    const c = client(srv.baseUrl, { random: () => draws.shift()! });
    for (let i = 0; i < 3; i++) await c.call('group_open_http_svc/destroy_group', { GroupId: GROUP });
    expect(srv.captured.map((x) => x.query.random)).toEqual([['0'], ['2147483648'], ['4294967295']]);
  });

  it('the UserSig travels intact (its * - _ characters are not mangled) and the identifier is the admin', async () => {
    const srv = await captureServer();
    await client(srv.baseUrl, { sdkAppId: 20000001, adminIdentifier: 'ops_admin' }).call('group_open_http_svc/destroy_group', { GroupId: GROUP });
    expectTencentQuery(srv.captured[0]!, { sdkappid: '20000001', identifier: 'ops_admin', usersig: REF_USERSIG });
    expect(srv.captured[0]!.rawQuery).toContain(`usersig=${REF_USERSIG}`);
  });

  it('asks the UserSig provider on each attempt for a sig valid at least 60 s more', async () => {
    const srv = await captureServer([fail(10002, 'internal error')]);
    const asked: number[] = [];
    let n = 0;
    await client(srv.baseUrl, { userSig: { get: async (min) => (asked.push(min), `sig-${++n}`) } }).call('group_open_http_svc/destroy_group', { GroupId: GROUP });
    expect(asked).toEqual([60, 60]);
    expect(srv.captured.map((x) => x.query.usersig)).toEqual([['sig-1'], ['sig-2']]);
  });

  it('a base URL with a trailing slash does not double the slash', async () => {
    const srv = await captureServer();
    await client(`${srv.baseUrl}/`).call('group_open_http_svc/destroy_group', { GroupId: GROUP });
    expect(srv.captured[0]!.path).toBe('/v4/group_open_http_svc/destroy_group');
  });
});

describe('transport', () => {
  it('keeps connections alive: sequential calls share pooled connections', async () => {
    const srv = await captureServer();
    const c = client(srv.baseUrl);
    for (let i = 0; i < 4; i++) await c.call('group_open_http_svc/get_online_member_num', { GroupId: GROUP });
    // The pool may open a second socket while the first is being released; a client without
    // keep-alive would open one per call.
    expect(new Set(srv.captured.map((x) => x.connection)).size).toBeLessThan(4);
    for (const x of srv.captured) expect(x.connectionHeader).not.toBe('close');
  });

  it('waits longer than Tencent’s 3 s server timeout by default', async () => {
    const srv = await captureServer([{ json: { ...OK, OnlineMemberNum: 3 }, delayMs: 3200 }]);
    const r = await client(srv.baseUrl).call('group_open_http_svc/get_online_member_num', { GroupId: GROUP });
    expect(r.OnlineMemberNum).toBe(3);
    expect(srv.captured).toHaveLength(1);
  }, 10_000);
});
