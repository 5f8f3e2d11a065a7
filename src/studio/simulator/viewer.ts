// One simulated viewer (and the observer): its own TIM-compatible client and socket, and a
// per-viewer queue so join, actions and leave run in plan order even when a join is slow.
import { sharedFrameParser } from '../../tim/connection';
import { createTimCompat, TYPES, type TimInstance, type WebSocketCtor } from '../../tim/timCompat';
import type { TimMessage } from '../../tim/timTypes';
import type { StudioTarget } from './locate';
import type { Outgoing } from './wire';

export interface ClientDeps {
  target: StudioTarget;
  WebSocket: WebSocketCtor;
  /** One for all the run's clients: the studio sends them the same events frames (sharedFrameParser). */
  parseFrame?: ReturnType<typeof sharedFrameParser>;
}

export { sharedFrameParser };

/**
 * A fresh client. tim-js-sdk's `create()` hands back one instance per SDKAppID (and so does
 * createTimCompat per namespace), so each simulated viewer gets a namespace of its own.
 */
export function newClient(deps: ClientDeps): TimInstance {
  return createTimCompat({
    endpoint: deps.target.realtimeUrl,
    WebSocket: deps.WebSocket,
    ...(deps.parseFrame ? { parseFrame: deps.parseFrame } : {}),
  }).create({ SDKAppID: deps.target.sdkAppId });
}

/** The code a failure is tallied under: the TIM/server code, else the error's name. */
export function failureCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'number' || (typeof code === 'string' && code !== '')) return String(code);
  return e instanceof Error ? e.name : 'error';
}

/** Logs in, sets the nick (so join tips and messages carry it), joins the room. */
export async function enterRoom(tim: TimInstance, target: StudioTarget, userID: string, nick: string): Promise<void> {
  await tim.login({ userID, userSig: await target.userSig(userID) });
  await tim.updateMyProfile({ nick });
  await tim.joinGroup({ groupID: target.room, type: TYPES.GRP_AVCHATROOM });
}

export function buildMessage(tim: TimInstance, room: string, out: Exclude<Outgoing, { type: 'skip' }>): TimMessage {
  const common = { to: room, conversationType: TYPES.CONV_GROUP, priority: out.priority };
  return out.type === 'text'
    ? tim.createTextMessage({ ...common, payload: { text: out.text } })
    : tim.createCustomMessage({ ...common, payload: { data: out.data, description: '', extension: out.extension } });
}

export class SimViewer {
  tim: TimInstance | undefined;
  online = false;
  leaveQueued = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly userID: string,
    readonly nick: string,
  ) {}

  /** Runs `task` after everything queued before it; tasks report their own failures. */
  enqueue(task: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(task).catch(() => undefined);
    return this.chain;
  }

  idle(): Promise<void> {
    return this.chain;
  }
}
