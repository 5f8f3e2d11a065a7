// Where the host pushes and where viewers watch, for the room in settings (reference §5.2): the
// studio's ingest, LVB signed with the push key, or a plain RTMP server + stream key. The real push
// URL is built here in the Node side only; the renderer gets it masked (or on an explicit copy).
import { AppError } from '../../shared/errors';
import type { Clock, CryptoPort } from '../../shared/domain/cryptoPort';
import { buildPlayUrls, buildPushUrls, maskSecretsInUrl } from '../../shared/domain/lvbAuth';
import { streamNameForRoom } from '../../shared/domain/liveCommerce';
import type { RoomUrls } from '../../shared/roomContract';
import { maskSecret, type SecretStore } from '../../shared/secrets';
import type { Settings } from '../../shared/settings';

/** Push URLs are signed for 24 h so reconnects keep working (reference §5.1). */
export const PUSH_VALID_SECONDS = 86400;

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

/** The stream of a room: the LVB stream name from settings, else one derived from the group id. */
export function streamNameOf(settings: Settings, groupId: string): string {
  return (settings.mode === 'tencent' && settings.lvb.streamName) || streamNameForRoom(groupId);
}

export async function resolvePush(d: UrlDeps, groupId: string, target?: 'lvb' | 'rtmp'): Promise<ResolvedPush> {
  const s = d.settings;
  const streamName = streamNameOf(s, groupId);
  const expiresAt = Math.floor(d.clock.now() / 1000) + PUSH_VALID_SECONDS;
  if (s.mode === 'studio' && !target) {
    if (!d.studio) throw new AppError('ROOM_NOT_READY', 'The local studio ingest is not running');
    const u = new URL(d.studio.rtmpIngestUrl);
    const urls = buildPushUrls(d.crypto, {
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
    return { target: 'rtmp', url: `${server}/${key}`, obsServer: `${server}/`, streamKey: key, expiresAt: null };
  }
  if (!s.lvb.pushDomain) throw new AppError('SETTINGS_INVALID', 'Set the LVB push domain in Settings first');
  const key = await d.secrets.get('lvb.pushKey');
  if (!key) throw new AppError('SECRET_MISSING', 'Set the LVB push key in Settings first');
  try {
    const urls = buildPushUrls(d.crypto, { domain: s.lvb.pushDomain, appName: s.lvb.appName, streamName, key, expiresAt });
    return { target: 'lvb', url: urls.rtmp, obsServer: urls.obsServer, streamKey: urls.obsStreamKey, expiresAt };
  } catch (e) {
    throw new AppError('SETTINGS_INVALID', (e as Error).message);
  }
}

/** A push URL or stream key with every secret part masked. */
export function maskPush(p: ResolvedPush): { maskedUrl: string; maskedStreamKey: string } {
  if (p.target === 'rtmp') {
    return { maskedUrl: `${p.obsServer}${maskSecret(p.streamKey)}`, maskedStreamKey: maskSecret(p.streamKey) };
  }
  return { maskedUrl: maskSecretsInUrl(p.url), maskedStreamKey: maskSecretsInUrl(p.streamKey) };
}

export async function playUrls(d: UrlDeps, groupId: string): Promise<Pick<RoomUrls, 'play' | 'playProblem'>> {
  const s = d.settings;
  const streamName = streamNameOf(s, groupId);
  if (s.mode === 'studio') {
    if (!d.studio?.playBaseUrl) return { play: null, playProblem: 'The local studio ingest is not running' };
    return {
      play: { flv: `${d.studio.playBaseUrl}/${streamName}.flv`, hls: null, webrtc: null, rtmp: null, signed: false, expiresAt: null },
      playProblem: null,
    };
  }
  if (s.lvb.target === 'rtmp') {
    return { play: null, playProblem: 'Pushing to a plain RTMP server: its playback address comes from that service' };
  }
  if (!s.lvb.playDomain) return { play: null, playProblem: 'Set the LVB playback domain in Settings to see viewer URLs' };
  const key = await d.secrets.get('lvb.playKey');
  const expiresAt = key ? Math.floor(d.clock.now() / 1000) + PUSH_VALID_SECONDS : undefined;
  try {
    const u = buildPlayUrls(d.crypto, {
      domain: s.lvb.playDomain,
      appName: s.lvb.appName,
      streamName,
      ...(key ? { key, expiresAt } : {}),
    });
    return { play: { flv: u.flv, hls: u.hls, webrtc: u.webrtc, rtmp: u.rtmp, signed: Boolean(key), expiresAt: expiresAt ?? null }, playProblem: null };
  } catch (e) {
    return { play: null, playProblem: (e as Error).message };
  }
}
