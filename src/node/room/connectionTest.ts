// "Test connection": runs each check in order and reports every outcome, so a user sees all that is
// wrong at once. A check that depends on a failed one is skipped and says which.
import type { Clock } from '../../shared/domain/cryptoPort';
import { DEFAULT_CUSTOM_FIELDS } from '../../shared/domain/liveCommerce';
import { maskSecretsInUrl } from '../../shared/domain/lvbAuth';
import { AppError } from '../../shared/errors';
import type { ConnectionCheck, ConnectionCheckId, ConnectionReport, RoomInfo } from '../../shared/roomContract';
import type { Settings } from '../../shared/settings';
import type { Target } from './roomService';
import { playUrls, resolvePush, type UrlDeps } from './roomUrls';

/** What a check returns: a detail line when it passed, or a reason to skip it. */
export type CheckOutcome = string | { skip: string };

export interface CheckStep {
  id: ConnectionCheckId;
  needs?: ConnectionCheckId[];
  run(): Promise<CheckOutcome>;
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
        result = typeof out === 'string' ? { id: step.id, status: 'ok', detail: out } : { id: step.id, status: 'skip', detail: out.skip };
      } catch (e) {
        result = { id: step.id, status: 'fail', detail: (e as Error).message || String(e) };
        const code = errorCodeOf(e);
        if (code !== undefined) result.errorCode = code;
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

/** Checks the shape of a signed LVB push URL (reference §5.1/§5.2) and that it is valid ≥ 24 h. */
export function checkSignedPushUrl(url: string, nowSeconds: number): string {
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
  return `rtmp://${u.host}/${parts[0]}/${parts[1]}, txTime ${txTime} (${Math.round(hours)} h)`;
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
  const checks = await runChecks([
    {
      id: 'settings',
      run: async () => {
        t = await c.target();
        groupId = s.room.groupId || t.defaultGroupId;
        const where = t.mode === 'studio' ? 'local studio' : `SDKAppID ${t.sdkAppId}`;
        return `${where}, admin ${t.adminIdentifier}, room ${groupId || '(none chosen yet)'}, REST ${new URL(t.restBaseUrl).host}`;
      },
    },
    {
      id: 'usersig',
      needs: ['settings'],
      run: async () => {
        const [sig, ms] = await timed(() => t!.issuer.issue(t!.adminIdentifier, 86400));
        const hours = Math.round((sig.expiresAt - nowSeconds()) / 3600);
        return `${t!.issuer.describe} for ${t!.adminIdentifier} (${ms} ms), valid ${hours} h`;
      },
    },
    {
      id: 'rest',
      needs: ['usersig'],
      run: async () => {
        // Without a room a made-up id still proves the admin account and UserSig (the group itself answers 10010).
        const probe = groupId || 'stageside-connection-check';
        const [, ms] = await timed(() => c.pingRest(t!, probe));
        return `get_group_info answered OK by ${new URL(t!.restBaseUrl).host} in ${ms} ms${groupId ? '' : ' (asked about a made-up room: no room chosen yet)'}`;
      },
    },
    {
      id: 'room',
      needs: ['rest'],
      run: async () => {
        if (!groupId) return { skip: 'no room chosen yet: create one or use an existing group (Room management)' };
        info = await c.readInfo(t!, groupId);
        if (info.type !== 'AVChatRoom') throw new AppError('BAD_REQUEST', `${groupId} is a ${info.type} group; a live room must be an AVChatRoom`);
        const owner = info.hostIsOwner ? 'owned by the host' : `owner ${info.owner || '(none)'}, not the host ${s.room.hostUserId}`;
        return `AVChatRoom "${info.name}", ${owner}${info.online === null ? '' : `, ${info.online} online`}`;
      },
    },
    {
      id: 'customFields',
      needs: ['room'],
      run: async () => {
        const present = DEFAULT_CUSTOM_FIELDS.filter((k) => k in info!.fields);
        const missing = DEFAULT_CUSTOM_FIELDS.filter((k) => !(k in info!.fields));
        if (!missing.length) return `${present.join(', ')} set on the room`;
        return {
          skip: `not on the room yet: ${missing.join(', ')} (written on first use; they must be configured in the IM console, docs/tencent-setup.md)`,
        };
      },
    },
    {
      id: 'pushUrl',
      run: async () => {
        if (!c.streamKnown(groupId)) return { skip: 'no stream name yet: choose a room or set the LVB stream name' };
        const p = await resolvePush(c.urlDeps(), groupId);
        if (p.target === 'rtmp') {
          if (!/^rtmps?:\/\/[^/\s]+/.test(p.url)) throw new Error('the RTMP server is not an rtmp:// URL');
          return `plain RTMP server ${new URL(p.obsServer).host} with a stream key (not signed by Stageside)`;
        }
        return checkSignedPushUrl(p.url, nowSeconds());
      },
    },
    {
      id: 'playUrl',
      run: async () => {
        if (!c.streamKnown(groupId)) return { skip: 'no stream name yet: choose a room or set the LVB stream name' };
        const { play, playProblem } = await playUrls(c.urlDeps(), groupId);
        if (!play) return { skip: playProblem ?? 'no playback address' };
        return `${maskSecretsInUrl(play.flv)}${play.signed ? ' (signed with the play key)' : ''}`;
      },
    },
    { id: 'callbacks', run: () => c.probeCallbacks?.() ?? Promise.resolve({ skip: 'no callbacks service configured' }) },
  ]);
  return { mode: s.mode, at: c.clock.now(), checks };
}

