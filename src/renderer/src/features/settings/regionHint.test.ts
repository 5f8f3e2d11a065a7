// The Region hint: Automatic names the region and host the SDKAppID maps to (as main resolves it),
// a chosen region its host, and the REST domain override wins over both.
import { describe, expect, it } from 'vitest';
import { regionHint } from './regionHint';

describe('regionHint', () => {
  const auto = (sdkAppId: string) => regionHint({ sdkAppId, region: 'auto', restDomain: '' });

  it('shows what Automatic picks for the SDKAppID', () => {
    expect(auto('1400000001')).toEqual({ kind: 'auto', region: 'china', host: 'console.tim.qq.com' });
    expect(auto(' 20000001 ')).toEqual({ kind: 'auto', region: 'singapore', host: 'adminapisgp.im.qcloud.com' });
    expect(auto('1720000000')).toEqual({ kind: 'auto', region: 'singapore', host: 'adminapisgp.im.qcloud.com' });
    expect(auto('70000001')).toEqual({ kind: 'auto', region: 'usa', host: 'adminapiusa.im.qcloud.com' });
  });

  it('asks for the SDKAppID while it is empty or not a valid one', () => {
    for (const id of ['', '  ', '14e5', '0', '4294967296']) expect(auto(id)).toEqual({ kind: 'autoNeedsAppId' });
  });

  it('names the chosen region’s host, and the override above all', () => {
    expect(regionHint({ sdkAppId: '1400000001', region: 'germany', restDomain: '' })).toEqual({ kind: 'fixed', host: 'adminapiger.im.qcloud.com' });
    expect(regionHint({ sdkAppId: '1400000001', region: 'auto', restDomain: ' adminapisgp.im.qcloud.com ' })).toEqual({
      kind: 'override',
      host: 'adminapisgp.im.qcloud.com',
    });
  });
});
