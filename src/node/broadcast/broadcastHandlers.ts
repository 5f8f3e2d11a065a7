// Contract handlers for the broadcast engine. `broadcast:start` arrives parsed by the dispatcher
// (a typed GoLiveSpec); its target becomes the push main signs (node/pushTargets.ts), so the keys
// of the studio, LVB and the saved RTMP server stay in main. The service asks for it again at every
// connect attempt (reconnects, Retry now), so a restarted studio's new address is picked up.
import { AppError, type ErrorCode } from '../../shared/errors';
import { specIssues } from '../../shared/domain/broadcast/spec';
import type { Handlers } from '../../shared/rpc';
import type { Settings } from '../../shared/settings';
import { goLiveTarget, goLiveTargetSource, type RoomPushResolver } from './pushTargets';
import type { BroadcastService } from './broadcastService';

type BroadcastCommand = Extract<keyof Handlers, `broadcast:${string}`>;

/** The room's pushes (RoomService.pushTarget), resolved where the keys are. */
export type TargetResolver = RoomPushResolver;

export interface BroadcastHandlerDeps {
  resolveTarget: TargetResolver;
  /** The saved settings, for the LVB push domain, AppName and stream name. */
  settings(): Settings;
}

export function broadcastHandlers(service: BroadcastService, deps: BroadcastHandlerDeps): Pick<Handlers, BroadcastCommand> {
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
      const issues = specIssues(spec);
      if (issues.length) throw new AppError('BAD_SPEC', `Invalid broadcast: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const targetDeps = { settings: deps.settings, room: deps.resolveTarget };
      // Resolved here first, so a target that cannot be had (no push domain, the studio not running)
      // is this command's error, as the console expects; each attempt then asks the source again.
      const target = await goLiveTarget(spec.target, targetDeps);
      return service.start({ ...spec, target }, goLiveTargetSource(spec.target, targetDeps));
    },
    'broadcast:stop': () => service.stop(),
    'broadcast:retryNow': () => service.retryNow(),
  };
}
