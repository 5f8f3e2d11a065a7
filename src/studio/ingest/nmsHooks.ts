// Puts the CSS-style gate and push reporting onto node-media-server. NMS v4 has no reject hook, so
// the gate grants NMS's own internal `sign` to admitted sessions and withholds it from the rest.
import { type CryptoPort } from '../../shared/domain/cryptoPort';
import { maskSecretsInUrl } from '../../shared/domain/lvbAuth';
import { checkIngestRequest, type GateConfig, type IngestAction } from './ingestGate';
import { type NmsQuery, type NmsSession, type NodeMediaServer } from './nmsSurface';
import { type ChildLogLevel, type PushEvent } from './protocol';
import {
  clientAddress,
  type PushEventKeys,
  type PushSession,
  pushInterruptEvent,
  pushStartEvent,
  streamParamOf,
} from './pushEvents';

export interface IngestHookDeps {
  crypto: CryptoPort;
  gate: GateConfig;
  keys: PushEventKeys;
  /** The ingest's address, reported as `node`. */
  node: string;
  /** NMS's `auth.secret`: random per child, never leaves it. */
  nmsSecret: string;
  nowMs: () => number;
  newSequence: () => string;
  emit: (event: PushEvent) => void;
  log: (level: ChildLogLevel, msg: string, fields?: Record<string, string | number | boolean>) => void;
}

/** How long a refused connection stays open so the RTMP error status reaches the client. */
const REFUSE_LINGER_MS = 200;

export function attachIngestHooks(nms: NodeMediaServer, deps: IngestHookDeps): { livePushes(): number } {
  const { crypto, gate, keys } = deps;
  const live = new Map<string, PushSession>();
  const pushQuery = new WeakMap<NmsSession, NmsQuery>();

  /** NMS's own URL signature (broadcast_server.js verifyAuth): `exp-md5(path-exp-secret)`. */
  const nmsSign = (streamPath: string): string => {
    const exp = Math.floor(deps.nowMs() / 1000) + 60;
    return `${exp}-${crypto.md5Hex(`${streamPath}-${exp}-${deps.nmsSecret}`)}`;
  };

  /** Drops the session's media, tells an RTMP client why, and closes the connection. */
  const shut = (session: NmsSession, action: IngestAction, reason: string): void => {
    if (session.rtmp) {
      // NMS keeps parsing a refused socket and feeds its packets to the stream's broadcast.
      session.rtmp.onPacketCallback = () => {};
      const code = action === 'publish' ? 'NetStream.Publish.BadName' : 'NetStream.Play.Failed';
      try {
        session.rtmp.sendStatusMessage(session.rtmp.streamId, 'error', code, `${action} refused: ${reason}`);
      } catch {
        // the socket may already be gone
      }
    }
    const res = session.res;
    if (res && typeof res.statusCode === 'number' && res.headersSent === false) res.statusCode = 403;
    const socket = session.socket ?? session.req?.socket;
    setTimeout(() => socket?.destroy(), REFUSE_LINGER_MS).unref();
  };

  const refuse = (session: NmsSession, action: IngestAction, reason: string, query: NmsQuery): void => {
    const path = session.streamPath || `/${session.streamApp}/${session.streamName}`;
    const qs = streamParamOf(query);
    deps.log('warn', `Ingest refused ${action}`, {
      reason,
      url: maskSecretsInUrl(qs ? `${path}?${qs}` : path),
      client: clientAddress(session.ip),
      protocol: session.protocol,
    });
    shut(session, action, reason);
  };

  /**
   * Runs on prePublish/prePlay, which NMS emits synchronously inside BroadcastServer.postPublish/
   * postPlay just before its own verifyAuth (auth.publish/play are on). A listener cannot veto,
   * but a missing `sign` makes verifyAuth fail: NMS then refuses before the session takes the
   * publisher slot or emits postPublish, and ends the socket.
   */
  const admit = (session: NmsSession, action: IngestAction): void => {
    const query: NmsQuery = { ...(session.streamQuery ?? {}) };
    // Only the gate may grant NMS's signature; a client-supplied one is discarded.
    if (session.streamQuery) delete session.streamQuery.sign;
    else session.streamQuery = {};
    const decision = checkIngestRequest(crypto, gate, {
      action,
      app: session.streamApp,
      streamName: session.streamName,
      query,
      nowSeconds: Math.floor(deps.nowMs() / 1000),
    });
    if (!decision.ok) {
      refuse(session, action, decision.reason, query);
      return;
    }
    session.streamQuery.sign = nmsSign(session.streamPath);
    if (action === 'publish') pushQuery.set(session, query);
  };

  /**
   * A CDN ends its pulls when the push behind them stops; NMS keeps them attached across publish gaps
   * and later feeds them the next publish mid-stream (timestamps restarting at 0, no headers), which
   * a player can only stall on. Ending them lets every player reconnect at once and start the next
   * publish cleanly from its headers (a play attached while no one publishes waits for the push).
   */
  const endPlayers = (publisher: NmsSession): void => {
    for (const player of publisher.broadcast?.subscribers.values() ?? []) {
      try {
        player.close?.();
      } catch {
        // a socket that is already gone
      }
    }
  };

  nms.on('prePublish', (session) => admit(session, 'publish'));
  nms.on('prePlay', (session) => admit(session, 'play'));

  nms.on('postPublish', (session) => {
    const broadcast = session.broadcast;
    // NMS emits postPublish before it notices the path already has a publisher, then refuses.
    if (broadcast?.publisher && broadcast.publisher !== session) {
      refuse(session, 'publish', 'already-publishing', pushQuery.get(session) ?? {});
      return;
    }
    // CSS reports an interrupt when the push stops; NMS would hold the path for 30 s first.
    if (broadcast) broadcast.publishGraceMs = 0;
    const push: PushSession = {
      sequence: deps.newSequence(),
      domain: session.streamHost || deps.node,
      appName: session.streamApp,
      streamId: session.streamName,
      node: deps.node,
      userIp: clientAddress(session.ip),
      streamParam: streamParamOf(pushQuery.get(session) ?? {}),
      startedAtMs: deps.nowMs(),
    };
    live.set(session.id, push);
    deps.emit(pushStartEvent(crypto, keys, push, push.startedAtMs));
  });

  nms.on('donePublish', (session) => {
    const push = live.get(session.id);
    if (!push) return;
    live.delete(session.id);
    endPlayers(session);
    const endedAt = session.endTime > 0 ? session.endTime : deps.nowMs();
    deps.emit(
      pushInterruptEvent(crypto, keys, push, endedAt, { width: session.videoWidth, height: session.videoHeight }),
    );
  });

  return { livePushes: () => live.size };
}
