// "Test connection": runs each check in order and reports every outcome, so a user sees all that is
// wrong at once. A check that depends on a failed one is skipped and says which.
import type { Clock } from '../../shared/domain/cryptoPort';
import { DEFAULT_CUSTOM_FIELDS } from '../../shared/domain/liveCommerce';
import { maskSecretsInUrl } from '../../shared/domain/lvbAuth';
import { AppError } from '../../shared/errors';
import type { ConnectionCheck, ConnectionCheckId, ConnectionDetail, ConnectionDetailKey, ConnectionReport, RoomInfo } from '../../shared/roomContract';
import type { Settings } from '../../shared/settings';
import type { Target } from './roomTarget';
import { playUrls, resolvePush, type UrlDeps } from './roomUrls';

/**
 * What a check returns: a detail line when it passed, or a reason to skip it; either with the same
 * text by key (`message`) when main composed it, so the renderer can word it in the UI language.
 */
export type CheckOutcome = string | { ok: string; message?: ConnectionDetail } | { skip: string; message?: ConnectionDetail };

export const detail = (key: ConnectionDetailKey, params: ConnectionDetail['params'] = {}): ConnectionDetail => ({ key, params });

export interface CheckStep {
  id: ConnectionCheckId;
  needs?: ConnectionCheckId[];
  run(): Promise<CheckOutcome>;
  /** The failure's cause by key, for the common ones main knows (a missing setting or secret). */
  failure?(e: unknown): ConnectionDetail | undefined;
}

export async function runChecks(steps: CheckStep[]): Promise<ConnectionCheck[]> {
  const results: ConnectionCheck[] = [];
  const byId = new Map<ConnectionCheckId, ConnectionCheck>();
  for (const step of steps) {
    const blocker = step.needs?.map((n) => byId.get(n)).find((c) => c && c.status !== 'ok');
    let result: ConnectionCheck;
    if (blocker) {
      result = { id: step.id, status: 'skip', detail: `needs the ${blocker.id} check to pass first`, blockedBy: blocker.id };
    } else {
      try {
        const out = await step.run();
        if (typeof out === 'string') result = { id: step.id, status: 'ok', detail: out };
        else if ('ok' in out) result = { id: step.id, status: 'ok', detail: out.ok };
        else result = { id: step.id, status: 'skip', detail: out.skip };
        if (typeof out !== 'string' && out.message) result.message = out.message;
      } catch (e) {
        result = { id: step.id, status: 'fail', detail: (e as Error).message || String(e) };
        const code = errorCodeOf(e);
        if (code !== undefined) result.errorCode = code;
        const message = step.failure?.(e);
        if (message) result.message = message;
      }
    }
    results.push(result);
    byId.set(step.id, result);
  }
  return results;
}

function errorCodeOf(e: unknown): number | undefined {
  if (!(e instanceof AppError)) return undefined;
  const d = e.details as { errorCode?: unknown } | undefined;
  return typeof d?.errorCode === 'number' ? d.errorCode : undefined;
}

/** Checks the shape of a signed LVB push URL (txSecret/txTime) and that it is valid ≥ 24 h. */
export function checkSignedPushUrl(url: string, nowSeconds: number): { ok: string; message: ConnectionDetail } {
  const u = new URL(url);
  if (u.protocol !== 'rtmp:') throw new Error(`expected rtmp://, got ${u.protocol}//`);
  const parts = u.pathname.split('/').filter(Boolean);
  if (parts.length !== 2) throw new Error('expected rtmp://<domain>/<AppName>/<StreamName>');
  const txSecret = u.searchParams.get('txSecret') ?? '';
  const txTime = u.searchParams.get('txTime') ?? '';
  if (!/^[0-9a-f]{32}$/.test(txSecret)) throw new Error('txSecret is not a lowercase md5 hex');
  if (!/^[0-9A-F]{8}$/.test(txTime)) throw new Error('txTime is not 8 uppercase hex digits');
  const hours = (parseInt(txTime, 16) - nowSeconds) / 3600;
  if (hours < 23.9) throw new Error(`txTime is only ${hours.toFixed(1)} h ahead (use ≥ 24 h so reconnects work)`);
  const shown = `rtmp://${u.host}/${parts[0]}/${parts[1]}`;
  return { ok: `${shown}, txTime ${txTime} (${Math.round(hours)} h)`, message: detail('pushUrl.signed', { url: shown, txTime, hours: Math.round(hours) }) };
}

/** What the test needs from the room service (its target, REST, room info and URLs). */
export interface ConnectionTestContext {
  settings: Settings;
  clock: Clock;
  target(): Promise<Target>;
  /** get_group_info on one id; resolves when Tencent answered OK at the top level. */
  pingRest(t: Target, groupId: string): Promise<unknown>;
  readInfo(t: Target, groupId: string): Promise<RoomInfo>;
  urlDeps(): UrlDeps;
  streamKnown(groupId: string): boolean;
  probeCallbacks?: () => Promise<CheckOutcome>;
}

const appCode = (e: unknown): string | undefined => (e instanceof AppError ? e.code : undefined);

/** settings → UserSig → REST → room → custom fields, and push URL, play URLs, callbacks. */
export async function testConnection(c: ConnectionTestContext): Promise<ConnectionReport> {
  const s = c.settings;
  let t: Target | undefined;
  // '' until a room is chosen: everything but the room itself can still be checked.
  let groupId = s.room.groupId;
  let info: RoomInfo | undefined;
  const nowSeconds = () => Math.floor(c.clock.now() / 1000);
  const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
    const start = performance.now();
    const v = await f();
    return [v, Math.round(performance.now() - start)];
  };
  const noStream = { skip: 'no stream name yet: choose a room or set the LVB stream name', message: detail('pushUrl.noStream') };
  const checks = await runChecks([
    {
      id: 'settings',
      run: async () => {
        t = await c.target();
        groupId = s.room.groupId || t.defaultGroupId;
        const studio = t.mode === 'studio';
        const where = studio ? 'local studio' : `SDKAppID ${t.sdkAppId}`;
        const rest = new URL(t.restBaseUrl).host;
        const params = { admin: t.adminIdentifier, rest, ...(studio ? {} : { sdkAppId: t.sdkAppId }), ...(groupId ? { room: groupId } : {}) };
        const key = studio ? (groupId ? 'settings.studio' : 'settings.studioNoRoom') : groupId ? 'settings.tencent' : 'settings.tencentNoRoom';
        return { ok: `${where}, admin ${t.adminIdentifier}, room ${groupId || '(none chosen yet)'}, REST ${rest}`, message: detail(key, params) };
      },
      // The causes RoomService.target() names (a missing setting or secret), by key.
      failure: (e) => {
        const code = appCode(e);
        if (code === 'ROOM_NOT_READY') return detail(s.mode === 'studio' ? 'settings.studioOff' : 'settings.noSdkAppId');
        if (code === 'SECRET_MISSING') return detail('settings.noSecretKey');
        if (code === 'SETTINGS_INVALID' && s.im.userSigSource === 'endpoint' && !s.im.userSigEndpoint) return detail('settings.noUserSigEndpoint');
        return undefined;
      },
    },
    {
      id: 'usersig',
      needs: ['settings'],
      run: async () => {
        const [sig, ms] = await timed(() => t!.issuer.issue(t!.adminIdentifier, 86400));
        const hours = Math.round((sig.expiresAt - nowSeconds()) / 3600);
        const ok = `${t!.issuer.describe} for ${t!.adminIdentifier} (${ms} ms), valid ${hours} h`;
        const params = { admin: t!.adminIdentifier, ms, hours };
        if (t!.mode === 'tencent' && s.im.userSigSource === 'endpoint') {
          return { ok, message: detail('usersig.endpoint', { ...params, endpoint: endpointShown(s.im.userSigEndpoint) }) };
        }
        return { ok, message: detail('usersig.secretKey', params) };
      },
    },
    {
      id: 'rest',
      needs: ['usersig'],
      run: async () => {
        // Without a room a made-up id still proves the admin account and UserSig (the group itself answers 10010).
        const probe = groupId || 'stageside-connection-check';
        const [, ms] = await timed(() => c.pingRest(t!, probe));
        const host = new URL(t!.restBaseUrl).host;
        return {
          ok: `get_group_info answered OK by ${host} in ${ms} ms${groupId ? '' : ' (asked about a made-up room: no room chosen yet)'}`,
          message: detail(groupId ? 'rest.ok' : 'rest.okNoRoom', { host, ms }),
        };
      },
    },
    {
      id: 'room',
      needs: ['rest'],
      run: async () => {
        if (!groupId) return { skip: 'no room chosen yet: create one or use an existing group (Room management)', message: detail('room.noRoom') };
        info = await c.readInfo(t!, groupId);
        if (info.type !== 'AVChatRoom') throw new AppError('BAD_REQUEST', `${groupId} is a ${info.type} group; a live room must be an AVChatRoom`);
        const owner = info.hostIsOwner ? 'owned by the host' : `owner ${info.owner || '(none)'}, not the host (UserID ${s.room.hostUserId})`;
        const params: ConnectionDetail['params'] = { name: info.name };
        if (info.online !== null) params.online = info.online;
        if (!info.hostIsOwner) Object.assign(params, { owner: info.owner || '—', host: s.room.hostUserId });
        const key = info.hostIsOwner ? (info.online === null ? 'room.hostOwner' : 'room.hostOwnerOnline') : info.online === null ? 'room.otherOwner' : 'room.otherOwnerOnline';
        return { ok: `AVChatRoom "${info.name}", ${owner}${info.online === null ? '' : `, ${info.online} online`}`, message: detail(key, params) };
      },
      failure: (e) => (appCode(e) === 'BAD_REQUEST' && info && info.type !== 'AVChatRoom' ? detail('room.notLiveRoom', { groupId, type: info.type }) : undefined),
    },
    {
      id: 'customFields',
      needs: ['room'],
      run: async () => {
        const present = DEFAULT_CUSTOM_FIELDS.filter((k) => k in info!.fields);
        const missing = DEFAULT_CUSTOM_FIELDS.filter((k) => !(k in info!.fields));
        if (!missing.length) return { ok: `${present.join(', ')} set on the room`, message: detail('customFields.set', { fields: present.join(', ') }) };
        return {
          skip: `not on the room yet: ${missing.join(', ')} (written on first use; they must be configured in the IM console, docs/tencent-setup.md)`,
          message: detail('customFields.missing', { fields: missing.join(', ') }),
        };
      },
    },
    {
      id: 'pushUrl',
      run: async () => {
        if (!c.streamKnown(groupId)) return noStream;
        const p = await resolvePush(c.urlDeps(), groupId);
        if (p.target === 'rtmp') {
          if (!/^rtmps?:\/\/[^/\s]+/.test(p.url)) throw new Error('the RTMP server is not an rtmp:// URL');
          const host = new URL(p.obsServer).host;
          return { ok: `plain RTMP server ${host} with a stream key (not signed by Stageside)`, message: detail('pushUrl.rtmp', { host }) };
        }
        return checkSignedPushUrl(p.url, nowSeconds());
      },
      // The causes resolvePush names (roomUrls.ts), by key; a malformed domain keeps its text.
      failure: (e) => {
        const code = appCode(e);
        const rtmp = s.mode === 'tencent' && s.lvb.target === 'rtmp';
        if (code === 'ROOM_NOT_READY' && s.mode === 'studio') return detail('pushUrl.studioOff');
        if (code === 'SECRET_MISSING') return detail(rtmp ? 'pushUrl.noStreamKey' : 'pushUrl.noPushKey');
        if (code === 'SETTINGS_INVALID' && rtmp && !s.lvb.rtmpServer) return detail('pushUrl.noRtmpServer');
        if (code === 'SETTINGS_INVALID' && !rtmp && !s.lvb.pushDomain) return detail('pushUrl.noPushDomain');
        return undefined;
      },
    },
    {
      id: 'playUrl',
      run: async () => {
        if (!c.streamKnown(groupId)) return { ...noStream, message: detail('playUrl.noStream') };
        const { play, playProblem } = await playUrls(c.urlDeps(), groupId);
        if (!play) return { skip: playProblem ?? 'no playback address', ...playSkipMessage(s) };
        const url = maskSecretsInUrl(play.flv);
        return { ok: `${url}${play.signed ? ' (signed with the play key)' : ''}`, message: detail(play.signed ? 'playUrl.signedUrl' : 'playUrl.url', { url }) };
      },
    },
    { id: 'callbacks', run: () => c.probeCallbacks?.() ?? Promise.resolve({ skip: 'no callbacks service configured', message: detail('callbacks.none') }) },
  ]);
  return { mode: s.mode, at: c.clock.now(), checks };
}

/** Why playUrls had no address, by key: the same settings it decides on (roomUrls.ts); other causes keep their text. */
function playSkipMessage(s: Settings): { message?: ConnectionDetail } {
  if (s.mode === 'studio') return { message: detail('playUrl.studioOff') };
  if (s.lvb.target === 'rtmp') return { message: detail('playUrl.rtmp') };
  if (!s.lvb.playDomain) return { message: detail('playUrl.noPlayDomain') };
  return {};
}

/** The endpoint as the issuer names it: origin and path, never a query (it could carry a token). */
function endpointShown(url: string): string {
  try {
    const u = new URL(url);
    return u.origin + u.pathname;
  } catch {
    return '(invalid URL)';
  }
}
