// The one owner of push targets on the Node side: where the host pushes (the local studio's ingest,
// LVB signed with the push key, a plain RTMP server + stream key) for Go Live, the Room dialog,
// Copy, Test connection, the LVB preview and the CLI. The only caller of the LVB push signer
// (shared/domain/lvbAuth.ts `buildPushUrls`); every other module asks here.
import { broadcastError } from '../../shared/domain/broadcast/errors';
import type { BroadcastError } from '../../shared/domain/broadcast/errors';
import type { BroadcastTarget } from '../../shared/domain/broadcast/spec';
import type { GoLiveTarget } from '../../shared/broadcastContract';
import type { Clock, CryptoPort } from '../../shared/domain/cryptoPort';
import { buildPushUrls, type PushUrlInput, type PushUrls } from '../../shared/domain/lvbAuth';
import { streamNameForRoom } from '../../shared/domain/liveCommerce';
import { AppError } from '../../shared/errors';
import type { SecretStore } from '../../shared/secrets';
import type { Settings } from '../../shared/settings';

/** Push URLs are signed for 24 h so reconnects keep working. */
export const PUSH_VALID_SECONDS = 86400;

/** Unix seconds `seconds` after `nowMs`. */
export const expiresAfter = (nowMs: number, seconds: number): number => Math.floor(nowMs / 1000) + Math.round(seconds);

/** Signs an LVB-style push (Tencent CSS, or the local studio's ingest, which checks the same txSecret). */
export function signLvbPush(crypto: CryptoPort, input: PushUrlInput): PushUrls {
  return buildPushUrls(crypto, input);
}

/** OBS style: server + stream key joined as `<server>/<key>`. */
export function joinServerKey(server: string, key: string): string {
  return `${server.replace(/\/+$/, '')}/${key.replace(/^\/+/, '')}`;
}

/** The stream of a room: the LVB stream name from settings, else one derived from the group id. */
export function streamNameOf(settings: Settings, groupId: string): string {
  return (settings.mode === 'tencent' && settings.lvb.streamName) || streamNameForRoom(groupId);
}

export interface StudioIngest {
  rtmpIngestUrl: string;
  pushKey: string;
  playBaseUrl: string | null;
}

export interface ResolvedPush {
  target: 'studio' | 'lvb' | 'rtmp';
  url: string;
  /** OBS style split: server and stream key. */
  obsServer: string;
  streamKey: string;
  expiresAt: number | null;
}

export interface UrlDeps {
  settings: Settings;
  secrets: SecretStore;
  /** The studio's ingest while in studio mode. */
  studio: StudioIngest | undefined;
  crypto: CryptoPort;
  clock: Clock;
}

/** The room's push as settings say (studio mode: the ingest; else LVB or the saved RTMP server). */
export async function resolvePush(d: UrlDeps, groupId: string, target?: 'lvb' | 'rtmp'): Promise<ResolvedPush> {
  const s = d.settings;
  const streamName = streamNameOf(s, groupId);
  const expiresAt = expiresAfter(d.clock.now(), PUSH_VALID_SECONDS);
  if (s.mode === 'studio' && !target) {
    if (!d.studio) throw new AppError('ROOM_NOT_READY', 'The local studio ingest is not running');
    const u = new URL(d.studio.rtmpIngestUrl);
    const urls = signLvbPush(d.crypto, {
      domain: u.host,
      appName: u.pathname.replace(/^\//, '') || 'live',
      streamName,
      key: d.studio.pushKey,
      expiresAt,
    });
    return { target: 'studio', url: urls.rtmp, obsServer: urls.obsServer, streamKey: urls.obsStreamKey, expiresAt };
  }
  if ((target ?? s.lvb.target) === 'rtmp') {
    if (!s.lvb.rtmpServer) throw new AppError('SETTINGS_INVALID', 'Set the RTMP server in Settings first');
    const key = await d.secrets.get('rtmp.streamKey');
    if (!key) throw new AppError('SECRET_MISSING', 'Set the RTMP stream key in Settings first');
    const server = s.lvb.rtmpServer.replace(/\/+$/, '');
    return { target: 'rtmp', url: joinServerKey(server, key), obsServer: `${server}/`, streamKey: key, expiresAt: null };
  }
  if (!s.lvb.pushDomain) throw new AppError('SETTINGS_INVALID', 'Set the LVB push domain in Settings first');
  const key = await d.secrets.get('lvb.pushKey');
  if (!key) throw new AppError('SECRET_MISSING', 'Set the LVB push key in Settings first');
  try {
    const urls = signLvbPush(d.crypto, { domain: s.lvb.pushDomain, appName: s.lvb.appName, streamName, key, expiresAt });
    return { target: 'lvb', url: urls.rtmp, obsServer: urls.obsServer, streamKey: urls.obsStreamKey, expiresAt };
  } catch (e) {
    throw new AppError('SETTINGS_INVALID', (e as Error).message);
  }
}

/** The room's Go Live pushes (RoomService.pushTarget): the studio's or the saved server's, or the room's stream name. */
export type RoomPushResolver = (kind: 'studio' | 'savedServer' | 'lvbStreamName') => Promise<BroadcastTarget | string>;

export interface GoLiveTargetDeps {
  settings(): Settings;
  room: RoomPushResolver;
}

/** A Go Live request's target as the BroadcastTarget main pushes to; LVB details come from settings. */
export async function goLiveTarget(t: GoLiveTarget, d: GoLiveTargetDeps): Promise<BroadcastTarget> {
  switch (t.kind) {
    case 'server':
      return t;
    case 'studio':
    case 'savedServer':
      return asTarget(await d.room(t.kind));
    case 'lvb': {
      const { lvb } = d.settings();
      if (!lvb.pushDomain) throw new AppError('SETTINGS_INVALID', 'Set the LVB push domain in Settings first');
      // Without a stream name of its own, the room's (the one room:urls shows viewers).
      const streamName = lvb.streamName || asName(await d.room('lvbStreamName'));
      return { kind: 'lvb', domain: lvb.pushDomain, appName: lvb.appName || 'live', streamName, expiresInHours: PUSH_VALID_SECONDS / 3600 };
    }
  }
}

/** A target asked for when a connect attempt begins, or why there is none now. */
export type TargetNow = { ok: true; value: BroadcastTarget } | { ok: false; error: BroadcastError };

/**
 * Where the next connect attempt pushes, asked again for every attempt (the first, each reconnect,
 * Retry now): a restarted studio's current address, a changed setting, LVB from settings now.
 */
export type TargetSource = () => Promise<TargetNow>;

/** A Go Live request's target as a source for every attempt; its failures in the broadcast's words. */
export function goLiveTargetSource(t: GoLiveTarget, d: GoLiveTargetDeps): TargetSource {
  return async () => {
    try {
      return { ok: true, value: await goLiveTarget(t, d) };
    } catch (e) {
      return { ok: false, error: targetError(e) };
    }
  };
}

/**
 * A studio that is not running (restarting, say) is a server not reachable now: retried like a
 * refused port. A missing setting or key fails every attempt the same way: not retried.
 */
function targetError(e: unknown): BroadcastError {
  const message = e instanceof Error ? e.message : String(e);
  if (!(e instanceof AppError)) return broadcastError('UNKNOWN', message, message);
  if (e.code === 'ROOM_NOT_READY') return broadcastError('INGEST_UNREACHABLE', message, message);
  if (e.code === 'SETTINGS_INVALID' || e.code === 'SECRET_MISSING') return broadcastError('BAD_SPEC', message, message);
  return broadcastError('UNKNOWN', message, message);
}

function asTarget(v: BroadcastTarget | string): BroadcastTarget {
  if (typeof v === 'string') throw new AppError('INTERNAL', 'the room gave a stream name for a push target');
  return v;
}

function asName(v: BroadcastTarget | string): string {
  if (typeof v !== 'string') throw new AppError('INTERNAL', 'the room gave a push target for a stream name');
  return v;
}

export interface SignDeps {
  crypto: CryptoPort;
  clock: Clock;
  /** The LVB push key from the secret store, for `lvb` targets without an inline key. */
  pushKey?: () => Promise<string | undefined>;
}

export type SignedTarget = { ok: true; value: string | null } | { ok: false; error: BroadcastError };

/** The URL ffmpeg pushes to for a target; null when recording only. LVB is signed now, valid ≥ 24 h. */
export async function signTarget(target: BroadcastTarget, d: SignDeps): Promise<SignedTarget> {
  switch (target.kind) {
    case 'none':
      return { ok: true, value: null };
    case 'url':
      return { ok: true, value: target.url };
    case 'server':
      return { ok: true, value: joinServerKey(target.server, target.key) };
    case 'lvb': {
      const key = target.key ?? (await d.pushKey?.());
      if (!key) return { ok: false, error: broadcastError('BAD_SPEC', 'no LVB push key: set it in Settings → Secrets') };
      try {
        const expiresAt = expiresAfter(d.clock.now(), target.expiresInHours * 3600);
        return { ok: true, value: signLvbPush(d.crypto, { domain: target.domain, appName: target.appName, streamName: target.streamName, key, expiresAt }).rtmp };
      } catch (e) {
        return { ok: false, error: broadcastError('BAD_SPEC', e instanceof Error ? e.message : String(e)) };
      }
    }
  }
}
