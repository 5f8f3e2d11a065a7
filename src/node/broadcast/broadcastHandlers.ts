// Contract handlers for the broadcast engine, plus the `studio` target: the local studio's ingest
// signed with its push key for the room's stream (24 h, so reconnects keep working).
import { AppError, type ErrorCode } from '../../shared/errors';
import { broadcastSpecSchema } from '../../shared/domain/broadcast/spec';
import { buildPushUrls } from '../../shared/domain/lvbAuth';
import type { Clock, CryptoPort } from '../../shared/domain/cryptoPort';
import { isStudioTarget } from '../../shared/broadcastContract';
import { describeIssues } from '../../shared/settings';
import type { Handlers } from '../../shared/rpc';
import type { BroadcastService } from './broadcastService';

type BroadcastCommand = Extract<keyof Handlers, `broadcast:${string}`>;

export interface StudioIngest {
  rtmpIngestUrl: string;
  pushKey: string;
  streamName: string;
}

export function broadcastHandlers(
  service: BroadcastService,
  deps: { studioIngest: () => StudioIngest | undefined; crypto: CryptoPort; clock: Clock },
): Pick<Handlers, BroadcastCommand> {
  const checked = async <T>(r: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string; hint?: string } }>): Promise<T> => {
    const v = await r;
    if (v.ok) return v.value;
    throw new AppError(v.error.code as ErrorCode, v.error.message, { hint: v.error.hint });
  };
  return {
    'broadcast:getState': () => service.getState(),
    'broadcast:probe': () => checked(service.probe()),
    'broadcast:listDevices': () => checked(service.listDevices()),
    'broadcast:start': ({ spec }) => {
      let input = spec;
      if (isStudioTarget(spec)) {
        const ingest = deps.studioIngest();
        if (!ingest) throw new AppError('ROOM_NOT_READY', 'The local studio ingest is not running');
        const u = new URL(ingest.rtmpIngestUrl);
        const urls = buildPushUrls(deps.crypto, {
          domain: u.host,
          appName: u.pathname.replace(/^\//, '') || 'live',
          streamName: ingest.streamName,
          key: ingest.pushKey,
          expiresAt: Math.floor(deps.clock.now() / 1000) + 86400,
        });
        input = { ...(spec as object), target: { kind: 'url', url: urls.rtmp } };
      }
      const parsed = broadcastSpecSchema.safeParse(input);
      if (!parsed.success) throw new AppError('BAD_SPEC', `Invalid broadcast: ${describeIssues(parsed.error).join('; ')}`);
      return service.start(parsed.data);
    },
    'broadcast:stop': () => service.stop(),
    'broadcast:retryNow': () => service.retryNow(),
  };
}
