// `stageside push-url`: prints a signed CSS/LVB push URL (and optional playback URLs) for OBS,
// ffmpeg or scripts, signed by the app's own push signer (node/pushTargets.ts).
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import { signLvbPush } from '../../node/broadcast/pushTargets';
import { parseExpiry } from '../../shared/domain/expiry';
import { buildPlayUrls } from '../../shared/domain/lvbAuth';
import { parseFlags, readSecret, requireFlag, UsageError, type CliCommand, type CliIo } from '../io';

const PUSH_KEY_ENV = 'STAGESIDE_LVB_PUSH_KEY';
const PLAY_KEY_ENV = 'STAGESIDE_LVB_PLAY_KEY';

const usage = `Usage: stageside push-url --domain HOST --stream NAME [flags]

Prints the signed RTMP push URL on the first line, then labelled OBS server, OBS stream key,
WebRTC push URL, expiry and (with --play-domain) playback URLs.

Flags:
  --domain HOST        push domain, e.g. 123456.push.tlivecloud.com (no scheme, optional :port)
  --app NAME           AppName (default: live)
  --stream NAME        bare StreamName, no extension (e.g. room1, not room1.flv)
  --key KEY            push auth key; "-" reads it from stdin; default: $${PUSH_KEY_ENV}
  --expires WHEN       Unix seconds, ISO date/time (UTC unless an offset is given),
                       or relative +24h / +90m / +7d / +3600s (default: +24h)
  --play-domain HOST   also print playback URLs (RTMP, HTTP-FLV, HLS, WebRTC) on this domain
  --play-key KEY       playback auth key ("-" reads stdin; default: $${PLAY_KEY_ENV});
                       without one, playback URLs are unsigned
  --json               print one JSON object with every URL and expiresAt instead
  -h, --help           show this help

Exit codes: 0 printed, 2 bad or missing flags.`;

/** Turns a domain validation error (bad domain, stream name, expiry) into a usage error. */
function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

async function optionalPlayKey(flag: string | undefined, io: CliIo): Promise<string | undefined> {
  if (flag === '-' || (flag !== undefined && flag.trim() !== '')) return readSecret(flag, PLAY_KEY_ENV, '--play-key', io);
  if (flag !== undefined) throw new UsageError('--play-key must not be empty');
  return io.env[PLAY_KEY_ENV]?.trim() || undefined;
}

export const pushUrlCommand: CliCommand = {
  summary: 'Print a signed CSS/LVB push URL (RTMP, WebRTC, OBS) and playback URLs',
  usage,
  async run(argv, io) {
    const flags = parseFlags(argv, {
      domain: { type: 'string' },
      app: { type: 'string', default: 'live' },
      stream: { type: 'string' },
      key: { type: 'string' },
      expires: { type: 'string', default: '+24h' },
      'play-domain': { type: 'string' },
      'play-key': { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const domain = requireFlag(flags.domain, '--domain');
    const streamName = requireFlag(flags.stream, '--stream');
    const appName = requireFlag(flags.app, '--app');
    const playDomain = flags['play-domain']?.trim();
    if (flags['play-domain'] !== undefined && !playDomain) throw new UsageError('--play-domain must not be empty');
    if (flags['play-key'] !== undefined && !playDomain) throw new UsageError('--play-key needs --play-domain');
    if (flags.key === '-' && flags['play-key'] === '-') {
      throw new UsageError('Only one of --key and --play-key can read stdin; use an environment variable for the other');
    }
    // A past expiry is allowed (it reproduces published vectors) but said loudly: LVB rejects it.
    const expiresAt = asUsage(() => parseExpiry(flags.expires, io.now(), { allowPast: true }));
    if (expiresAt * 1000 <= io.now()) {
      io.stderr(`warning: expiry ${new Date(expiresAt * 1000).toISOString()} is in the past; the ingest will reject this URL`);
    }
    const key = await readSecret(flags.key, PUSH_KEY_ENV, '--key', io);
    const push = asUsage(() => signLvbPush(nodeCrypto, { domain, appName, streamName, key, expiresAt }));
    const playKey = playDomain ? await optionalPlayKey(flags['play-key'], io) : undefined;
    const play = playDomain
      ? asUsage(() =>
          buildPlayUrls(nodeCrypto, {
            domain: playDomain,
            appName,
            streamName,
            ...(playKey === undefined ? {} : { key: playKey, expiresAt }),
          }),
        )
      : undefined;

    if (flags.json) {
      io.stdout(JSON.stringify({ push, ...(play ? { play: { ...play, signed: playKey !== undefined } } : {}), expiresAt }));
      return 0;
    }
    io.stdout(push.rtmp);
    io.stdout(`OBS server:     ${push.obsServer}`);
    io.stdout(`OBS stream key: ${push.obsStreamKey}`);
    io.stdout(`WebRTC push:    ${push.webrtc}`);
    io.stdout(`Expires:        ${new Date(expiresAt * 1000).toISOString()} (txTime ${push.txTime})`);
    if (play) {
      io.stdout(`Play RTMP:      ${play.rtmp}`);
      io.stdout(`Play FLV:       ${play.flv}`);
      io.stdout(`Play HLS:       ${play.hls}`);
      io.stdout(`Play WebRTC:    ${play.webrtc}`);
      if (playKey === undefined) io.stdout('(playback URLs are unsigned: no --play-key or $' + PLAY_KEY_ENV + ')');
    }
    return 0;
  },
};
