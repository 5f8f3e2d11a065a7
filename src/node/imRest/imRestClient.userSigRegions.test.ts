// The UserSig cache the client signs with (reuse, expiry, one re-sign on 70001) and the regional
// base URL derived from the SDKAppID.
import { afterEach, describe, expect, it } from 'vitest';
import { regionForSdkAppId, restBaseUrl } from '../../shared/tencent/regions';
import { CachedUserSig } from './imRestClient';
import { captureServer, client, closeAll, failureOf, GROUP, OK } from './imRestClient.testkit';

afterEach(closeAll);

describe('CachedUserSig', () => {
  it('signs once and again only near expiry', async () => {
    let now = 1_000_000;
    let signs = 0;
    const p = new CachedUserSig(async () => ({ userSig: `sig${++signs}`, expiresAt: now + 3600 }), () => now);
    expect(await p.get(60)).toBe('sig1');
    now += 3000;
    expect(await p.get(60)).toBe('sig1');
    now += 400;
    expect(await p.get(60)).toBe('sig2');
  });

  it('shares one signing between concurrent callers, and signs afresh after invalidate()', async () => {
    let signs = 0;
    const p = new CachedUserSig(async () => (await new Promise((r) => setTimeout(r, 20)), { userSig: `sig${++signs}`, expiresAt: 2_000_000_000 }));
    expect(await Promise.all([p.get(60), p.get(60), p.get(60)])).toEqual(['sig1', 'sig1', 'sig1']);
    p.invalidate();
    expect(await p.get(60)).toBe('sig2');
  });

  it('a UserSig Tencent refuses as expired (70001) is signed afresh once; a wrong key (70009) is not retried', async () => {
    const expired = { ActionStatus: 'FAIL', ErrorCode: 70001, ErrorInfo: 'usersig expired' };
    const srv = await captureServer([{ json: expired }, { json: OK }]);
    let signs = 0;
    const sig = new CachedUserSig(async () => ({ userSig: `sig${++signs}`, expiresAt: 2_000_000_000 }));
    await client(srv.baseUrl, { userSig: sig }).call('group_open_http_svc/destroy_group', { GroupId: GROUP });
    expect(srv.captured.map((c) => c.query.usersig![0])).toEqual(['sig1', 'sig2']);
    const again = await captureServer([{ json: expired }, { json: expired }, { json: OK }]);
    const e = await failureOf(client(again.baseUrl, { userSig: new CachedUserSig(async () => ({ userSig: 's', expiresAt: 2_000_000_000 })) }).call('group_open_http_svc/destroy_group', { GroupId: GROUP }));
    expect(e.errorCode).toBe(70001);
    expect(again.captured).toHaveLength(2);
    const wrongKey = await captureServer([{ json: { ActionStatus: 'FAIL', ErrorCode: 70009, ErrorInfo: 'verify failed' } }]);
    expect((await failureOf(client(wrongKey.baseUrl, { userSig: sig }).call('group_open_http_svc/destroy_group', { GroupId: GROUP }))).errorCode).toBe(70009);
    expect(wrongKey.captured).toHaveLength(1);
  });
});

describe('regions', () => {
  it.each([
    [1400000000, 'china'],
    [20000001, 'singapore'],
    [1730000001, 'korea'],
    [40000001, 'germany'],
    [1770000001, 'usa'],
  ] as const)('derives the region of %i', (id, region) => {
    expect(regionForSdkAppId(id)).toBe(region);
  });

  it('builds the base URL from an override, a region, or the SDKAppID', () => {
    expect(restBaseUrl({ restDomain: '', region: 'auto', sdkAppId: 1400000000 })).toBe('https://console.tim.qq.com');
    expect(restBaseUrl({ restDomain: '', region: 'germany', sdkAppId: 1400000000 })).toBe('https://adminapiger.im.qcloud.com');
    expect(restBaseUrl({ restDomain: 'http://127.0.0.1:5180', region: 'auto', sdkAppId: 1 })).toBe('http://127.0.0.1:5180');
  });
});
