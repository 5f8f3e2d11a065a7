// Where viewers watch the room in settings (the studio's HTTP-FLV, or LVB play URLs signed with the
// play key), and the push URL as the Room dialog shows it: masked. The push itself is resolved and
// signed in node/pushTargets.ts, the one owner of push URLs; its room-facing names are re-exported.
import { buildPlayUrls, maskSecretsInUrl } from '../../shared/domain/lvbAuth';
import type { RoomUrls } from '../../shared/roomContract';
import { maskSecret } from '../../shared/secrets';
import { expiresAfter, PUSH_VALID_SECONDS, streamNameOf, type ResolvedPush, type UrlDeps } from '../broadcast/pushTargets';

export { PUSH_VALID_SECONDS, resolvePush, streamNameOf, type ResolvedPush, type StudioIngest, type UrlDeps } from '../broadcast/pushTargets';

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
  const expiresAt = key ? expiresAfter(d.clock.now(), PUSH_VALID_SECONDS) : undefined;
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
