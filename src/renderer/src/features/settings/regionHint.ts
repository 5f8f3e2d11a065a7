// What the Region choice resolves to, shown under the dropdown: the REST host Automatic picks for
// the SDKAppID typed so far (the same rule main uses, shared/tencent/regions.ts), the chosen
// region's host, or the override that wins over both.
import { REST_DOMAINS, regionForSdkAppId, type ConcreteRegion } from '../../../../shared/tencent/regions';
import type { SettingsDraft } from './settingsDraft';

export type RegionHint =
  | { kind: 'override'; host: string }
  | { kind: 'auto'; region: ConcreteRegion; host: string }
  | { kind: 'autoNeedsAppId' }
  | { kind: 'fixed'; host: string };

const MAX_APP_ID = 4294967295;

export function regionHint(d: Pick<SettingsDraft, 'sdkAppId' | 'region' | 'restDomain'>): RegionHint {
  const override = d.restDomain.trim();
  if (override) return { kind: 'override', host: override };
  if (d.region !== 'auto') return { kind: 'fixed', host: REST_DOMAINS[d.region].primary };
  const text = d.sdkAppId.trim();
  const id = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(id >= 1 && id <= MAX_APP_ID)) return { kind: 'autoNeedsAppId' };
  const region = regionForSdkAppId(id);
  return { kind: 'auto', region, host: REST_DOMAINS[region].primary };
}
