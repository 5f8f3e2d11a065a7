// Tencent IM REST domains per region and the SDKAppID → region rule the Web SDK uses, so a
// console can pick the right host from the SDKAppID alone. Hosts: the REST API overview
// (https://www.tencentcloud.com/document/product/1047/34620) and the per-API pages, which list
// Tokyo as adminapijpn.im.qcloud.com (e.g. https://trtc.io/document/34953).
import type { ImRegion } from '../settings';

export type ConcreteRegion = Exclude<ImRegion, 'auto'>;

export const REST_DOMAINS: Record<ConcreteRegion, { primary: string; backup?: string }> = {
  china: { primary: 'console.tim.qq.com', backup: 'adminapi.my-imcloud.com' },
  singapore: { primary: 'adminapisgp.im.qcloud.com', backup: 'adminapisgp.my-imcloud.com' },
  korea: { primary: 'adminapikr.im.qcloud.com', backup: 'adminapikr.my-imcloud.com' },
  germany: { primary: 'adminapiger.im.qcloud.com', backup: 'adminapiger.my-imcloud.com' },
  usa: { primary: 'adminapiusa.im.qcloud.com', backup: 'adminapiusa.my-imcloud.com' },
  indonesia: { primary: 'adminapiidn.im.qcloud.com', backup: 'adminapiidn.my-imcloud.com' },
  // No backup host is documented for Mumbai or Tokyo.
  india: { primary: 'adminapiind.im.qcloud.com' },
  japan: { primary: 'adminapijpn.im.qcloud.com' },
};

const within = (n: number, lo: number, hi: number) => n >= lo && n <= hi;

/** Region from the SDKAppID ranges in tim-js-sdk 2.27.6 (Jakarta has none: choose it explicitly). */
export function regionForSdkAppId(id: number): ConcreteRegion {
  if (within(id, 20000000, 29999999) || within(id, 1720000000, 1729999999)) return 'singapore';
  if (within(id, 30000000, 39999999) || within(id, 1730000000, 1739999999)) return 'korea';
  if (within(id, 40000000, 49999999) || within(id, 1740000000, 1749999999)) return 'germany';
  if (within(id, 50000000, 59999999) || within(id, 1750000000, 1759999999)) return 'india';
  if (within(id, 60000000, 69999999) || within(id, 1760000000, 1769999999)) return 'japan';
  if (within(id, 70000000, 79999999) || within(id, 1770000000, 1779999999)) return 'usa';
  return 'china';
}

/** The REST base URL from settings: explicit domain > chosen region > derived from SDKAppID. */
export function restBaseUrl(opts: { restDomain: string; region: ImRegion; sdkAppId: number }): string {
  if (opts.restDomain) return /^https?:\/\//.test(opts.restDomain) ? opts.restDomain : `https://${opts.restDomain}`;
  const region = opts.region === 'auto' ? regionForSdkAppId(opts.sdkAppId) : opts.region;
  return `https://${REST_DOMAINS[region].primary}`;
}
