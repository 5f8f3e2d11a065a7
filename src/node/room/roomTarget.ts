// Where the room lives: the running local studio, or Tencent Cloud from settings + secrets, with
// the UserSig issuer that goes with it (the SecretKey, or the team's endpoint).
import type { Clock, CryptoPort } from '../../shared/domain/cryptoPort';
import { AppError } from '../../shared/errors';
import type { SecretStore } from '../../shared/secrets';
import type { Settings } from '../../shared/settings';
import { restBaseUrl } from '../../shared/tencent/regions';
import { endpointIssuer, secretKeyIssuer, type UserSigIssuer } from '../imRest/userSigIssuer';
import type { StudioSupervisor } from '../studio/studioSupervisor';

export interface Target {
  mode: 'studio' | 'tencent';
  sdkAppId: number;
  adminIdentifier: string;
  issuer: UserSigIssuer;
  /** Identifies the issuer's inputs (never the secret itself) so clients are rebuilt on change. */
  issuerKey: string;
  restBaseUrl: string;
  realtimeUrl: string | null;
  viewerUrl: string | null;
  /** The studio's demo room; '' in Tencent mode (the room must be chosen). */
  defaultGroupId: string;
}

export interface TargetDeps {
  settings: Settings;
  secrets: SecretStore;
  studio: StudioSupervisor | undefined;
  crypto: CryptoPort;
  clock: Clock;
  fetch?: typeof fetch;
}

export async function resolveTarget(d: TargetDeps): Promise<Target> {
  const s = d.settings;
  if (s.mode === 'studio') {
    const status = d.studio?.get();
    const creds = d.studio?.credentials();
    if (!status?.info || status.state !== 'running' || !creds) {
      throw new AppError('ROOM_NOT_READY', `The local studio is not running (${status?.state ?? 'not managed here'})`);
    }
    return {
      mode: 'studio',
      sdkAppId: status.info.sdkAppId,
      adminIdentifier: status.info.adminIdentifier,
      issuer: secretKeyIssuer(d.crypto, d.clock, status.info.sdkAppId, creds.secretKey),
      issuerKey: `studio:${fingerprint(creds.secretKey)}`,
      restBaseUrl: status.info.restBaseUrl,
      realtimeUrl: status.info.realtimeUrl,
      viewerUrl: status.info.viewerUrl,
      defaultGroupId: status.info.demoRoomId,
    };
  }
  const sdkAppId = s.im.sdkAppId;
  if (!sdkAppId) throw new AppError('ROOM_NOT_READY', 'Set the SDKAppID in Settings first');
  let issuer: UserSigIssuer;
  let issuerKey: string;
  if (s.im.userSigSource === 'endpoint') {
    if (!s.im.userSigEndpoint) throw new AppError('SETTINGS_INVALID', 'Set the UserSig endpoint URL in Settings first');
    const token = await d.secrets.get('im.userSigToken');
    issuer = endpointIssuer({ url: s.im.userSigEndpoint, token, sdkAppId, crypto: d.crypto, clock: d.clock, ...(d.fetch ? { fetch: d.fetch } : {}) });
    issuerKey = `endpoint:${s.im.userSigEndpoint}|${fingerprint(token ?? '')}`;
  } else {
    const secretKey = await d.secrets.get('im.secretKey');
    if (!secretKey) throw new AppError('SECRET_MISSING', 'Set the IM SecretKey in Settings first (or use a UserSig endpoint)');
    issuer = secretKeyIssuer(d.crypto, d.clock, sdkAppId, secretKey);
    issuerKey = `key:${fingerprint(secretKey)}`;
  }
  return {
    mode: 'tencent',
    sdkAppId,
    adminIdentifier: s.im.adminIdentifier,
    issuer,
    issuerKey,
    restBaseUrl: restBaseUrl({ restDomain: s.im.restDomain, region: s.im.region, sdkAppId }),
    realtimeUrl: null,
    viewerUrl: null,
    defaultGroupId: '',
  };
}

/** A short non-reversible tag of a secret, to notice that it changed. */
function fingerprint(secret: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < secret.length; i++) h = Math.imul(h ^ secret.charCodeAt(i), 0x01000193) >>> 0;
  return `${secret.length}:${h.toString(16)}`;
}
