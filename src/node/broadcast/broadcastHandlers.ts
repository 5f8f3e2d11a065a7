// Contract handlers for the broadcast engine, plus the targets main resolves: `studio` (the local
// studio's ingest signed with its key for the room's stream, 24 h) and `savedServer` (Settings'
// plain RTMP server with the stream key from the SecretStore).
import { AppError, type ErrorCode } from '../../shared/errors';
import { broadcastSpecSchema } from '../../shared/domain/broadcast/spec';
import type { BroadcastTarget } from '../../shared/domain/broadcast/spec';
import { isSavedServerTarget, isStudioTarget } from '../../shared/broadcastContract';
import { describeIssues } from '../../shared/settings';
import type { Handlers } from '../../shared/rpc';
import type { BroadcastService } from './broadcastService';

type BroadcastCommand = Extract<keyof Handlers, `broadcast:${string}`>;

/** Targets main resolves from settings and secrets (the renderer never holds their keys). */
export interface TargetResolver {
  (kind: 'studio' | 'savedServer' | 'lvbStreamName'): Promise<BroadcastTarget | string>;
}

export function broadcastHandlers(service: BroadcastService, deps: { resolveTarget: TargetResolver }): Pick<Handlers, BroadcastCommand> {
  const checked = async <T>(r: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string; hint?: string } }>): Promise<T> => {
    const v = await r;
    if (v.ok) return v.value;
    throw new AppError(v.error.code as ErrorCode, v.error.message, { hint: v.error.hint });
  };
  return {
    'broadcast:getState': () => service.getState(),
    'broadcast:probe': () => checked(service.probe()),
    'broadcast:listDevices': () => checked(service.listDevices()),
    'broadcast:start': async ({ spec }) => {
      let input = spec;
      if (isStudioTarget(spec)) input = { ...(spec as object), target: await deps.resolveTarget('studio') };
      else if (isSavedServerTarget(spec)) input = { ...(spec as object), target: await deps.resolveTarget('savedServer') };
      else if (isLvbWithoutStream(spec)) {
        // No stream name in settings: the room's own (the same one room:urls shows viewers).
        const target = (spec as { target: object }).target;
        input = { ...(spec as object), target: { ...target, streamName: await deps.resolveTarget('lvbStreamName') } };
      }
      const parsed = broadcastSpecSchema.safeParse(input);
      if (!parsed.success) throw new AppError('BAD_SPEC', `Invalid broadcast: ${describeIssues(parsed.error).join('; ')}`);
      return service.start(parsed.data);
    },
    'broadcast:stop': () => service.stop(),
    'broadcast:retryNow': () => service.retryNow(),
  };
}

function isLvbWithoutStream(spec: unknown): boolean {
  const t = (spec as { target?: { kind?: unknown; streamName?: unknown } } | null)?.target;
  return t?.kind === 'lvb' && (t.streamName === undefined || t.streamName === '');
}
