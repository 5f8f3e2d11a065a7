// The studio's realtime endpoint: WebSocket sessions at /realtime on an existing HTTP server,
// each speaking the protocol of src/shared/realtime/protocol.ts to the IM engine. Owns upgrades
// for its path only, heartbeats, per-user instance limits, the batched fan-out, back-pressure on
// new logins while the studio is busy, and handing memory back once a crowd has left.
import crypto from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { writeFramed, wsTextFrame } from './wsFrame';
import type { Logger } from '../../node/infra/logger';
import { MAX_FRAME_BYTES, REALTIME_PATH, WIRE_ERROR, type KickedType } from '../../shared/realtime/protocol';
import type { GroupChannel, ImEngineApi } from '../im/engineApi';
import type { LoadGauge } from '../loadGauge';
import { Fanout, type FanoutPacing } from './fanout';
import { RealtimeSession, type SessionSocket } from './session';

export interface RealtimeOptions {
  log: Logger;
  path?: string;
  /** Server ping interval; a socket that has not answered by the next tick is terminated. */
  heartbeatMs?: number;
  /**
   * Slow-consumer threshold: while a socket holds more unsent bytes than this, event batches for
   * it are dropped (counted in stats and per session) rather than buffered without bound.
   */
  maxBufferedBytes?: number;
  /**
   * Concurrent logins per UserID before the oldest is kicked with `multipleAccount`
   * (Tencent's default allows one Web instance). 0 = unlimited.
   */
  maxInstancesPerUser?: number;
  /** Clock in ms (UserSig expiry, ping answers). */
  now?: () => number;
  /** While it reads busy, logins are answered BUSY with its retryAfterMs (default: never busy). */
  load?: LoadGauge;
  /** How fan-out flushes are paced (fanout.ts). */
  fanoutPacing?: Partial<FanoutPacing>;
  /**
   * Called once the sessions have fallen to `remaining` (a fraction, default 0.1) of a peak of at
   * least `afterPeak` (default 500) and stayed there for `quietMs` (default 2 s): the crowd has
   * left (the host may well still be there), and the studio gives memory back.
   */
  reclaim?: { run(): void; afterPeak?: number; remaining?: number; quietMs?: number };
}

export interface RealtimeStats {
  sessions: number;
  framesSent: number;
  droppedFrames: number;
  droppedEvents: number;
  badFrames: number;
  /** Logins answered BUSY (back-pressure) since start. */
  busyRefusals: number;
}

export interface RealtimeHandle {
  close(): Promise<void>;
  sessionCount(): number;
  stats(): RealtimeStats;
  /** Cuts a session's socket as a network drop would (tests, admin tools). */
  terminate(sessionId: string): boolean;
  /** Ends every login of a user with a KICKED_OUT of this type; returns how many. */
  kickUser(userId: string, type: KickedType): number;
}

/** ws closes the socket above this; between MAX_FRAME_BYTES and this the client gets an error ack. */
const HARD_PAYLOAD_LIMIT = 4 * MAX_FRAME_BYTES;

export function attachRealtime(server: http.Server, engine: ImEngineApi, opts: RealtimeOptions): RealtimeHandle {
  const path = opts.path ?? REALTIME_PATH;
  const now = opts.now ?? Date.now;
  const log = opts.log;
  const maxPerUser = opts.maxInstancesPerUser ?? 1;
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_PAYLOAD_LIMIT, perMessageDeflate: false, clientTracking: false });
  // Event frames are framed once for every socket that gets them (wsFrame.ts).
  const fanout = new Fanout(opts.maxBufferedBytes ?? 2 * 1024 * 1024, opts.fanoutPacing, wsTextFrame);
  const sockets = new Map<WebSocket, RealtimeSession>();
  const byUser = new Map<string, RealtimeSession[]>();
  let badFrames = 0;
  let busyRefusals = 0;
  let closed = false;
  // The engine publishes each group event here once; the fan-out hands it to every subscribed socket.
  const channel: GroupChannel = {
    publish(groupId, events, except) {
      fanout.publish(groupId, events, except);
      if (events.some((e) => e.kind === 'system' && e.operationType === 5)) for (const s of sockets.values()) s.groupDismissed(groupId);
    },
  };
  const loginWait = (): number | undefined => {
    if (!opts.load?.busy()) return undefined;
    busyRefusals++;
    return opts.load.retryAfterMs();
  };

  // A crowd that has left leaves its garbage behind, and V8 keeps the heap it grew to; once the
  // sessions stay low for a moment, the studio asks for it back.
  const reclaim = opts.reclaim;
  let peak = 0;
  let reclaimTimer: ReturnType<typeof setTimeout> | undefined;
  const sessionsChanged = (): void => {
    if (!reclaim || closed) return;
    peak = Math.max(peak, sockets.size);
    if (sockets.size > peak * (reclaim.remaining ?? 0.1)) {
      if (reclaimTimer) clearTimeout(reclaimTimer);
      reclaimTimer = undefined;
      return;
    }
    if (peak < (reclaim.afterPeak ?? 500) || reclaimTimer) return;
    reclaimTimer = setTimeout(() => {
      reclaimTimer = undefined;
      peak = sockets.size;
      try {
        reclaim.run();
      } catch (err) {
        log.warn({ err }, 'realtime: reclaiming memory failed');
      }
    }, reclaim.quietMs ?? 2000);
    reclaimTimer.unref();
  };

  const loggedIn = (s: RealtimeSession): void => {
    const id = s.userId;
    if (id === undefined) return;
    const list = [...(byUser.get(id) ?? []), s];
    byUser.set(id, list);
    if (maxPerUser <= 0) return;
    // Oldest first; kick() reports back through loggedOut, which rewrites the map entry.
    for (const old of list.slice(0, Math.max(0, list.length - maxPerUser))) old.kick('multipleAccount');
  };
  const loggedOut = (s: RealtimeSession): void => {
    const id = s.userId;
    if (id === undefined) return;
    const list = byUser.get(id)?.filter((x) => x !== s) ?? [];
    if (list.length) byUser.set(id, list);
    else byUser.delete(id);
  };

  const accept = (ws: WebSocket, req: http.IncomingMessage): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const appId = url.searchParams.get('sdkappid');
    let warnedSlow = false;
    const socket: SessionSocket = {
      bufferedAmount: () => ws.bufferedAmount,
      write: (frame) => writeFramed(ws, frame),
      sendText: (text) => {
        if (ws.readyState === ws.OPEN) ws.send(text);
      },
      dropped: (n) => {
        session.droppedEvents += n;
        if (!warnedSlow) {
          warnedSlow = true;
          log.warn({ session: session.id, buffered: ws.bufferedAmount }, 'realtime: slow consumer, dropping event batches');
        }
      },
    };
    const session = new RealtimeSession({
      id: crypto.randomUUID(),
      engine,
      log,
      socket,
      fanout,
      channel,
      now,
      appIdOk: appId === null || appId === String(engine.sdkAppId),
      loggedIn,
      loggedOut,
      loginWait,
      badFrame: () => {
        badFrames++;
      },
    });
    sockets.set(ws, session);
    sessionsChanged();
    log.debug({ session: session.id, remote: req.socket.remoteAddress }, 'realtime: connected');

    ws.on('message', (data: RawData, isBinary: boolean) => {
      session.alive = true;
      const bytes = rawLength(data);
      if (isBinary || bytes > MAX_FRAME_BYTES) {
        badFrames++;
        const message = isBinary ? 'binary frames are not accepted' : `frame exceeds ${MAX_FRAME_BYTES} bytes`;
        socket.sendText(JSON.stringify({ t: 'ack', seq: -1, ok: false, code: WIRE_ERROR.BAD_FRAME, message }));
        return;
      }
      const text = rawText(data);
      session.handle(text);
    });
    ws.on('pong', () => {
      session.alive = true;
    });
    ws.on('error', (err) => log.debug({ err, session: session.id }, 'realtime: socket error'));
    ws.on('close', () => {
      sockets.delete(ws);
      session.dispose();
      sessionsChanged();
      log.debug({ session: session.id, droppedEvents: session.droppedEvents }, 'realtime: disconnected');
    });
  };

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (closed) return;
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return;
    }
    // Other paths belong to other WebSocket endpoints on the same server: leave them alone.
    if (pathname !== path) return;
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, req));
  };
  server.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const [ws, session] of sockets) {
      if (!session.alive) {
        log.debug({ session: session.id }, 'realtime: no pong, terminating');
        ws.terminate();
        continue;
      }
      session.alive = false;
      try {
        ws.ping();
      } catch {
        ws.terminate();
      }
    }
  }, opts.heartbeatMs ?? 15_000);
  heartbeat.unref();

  return {
    sessionCount: () => sockets.size,
    stats: () => ({ sessions: sockets.size, ...fanout.stats, badFrames, busyRefusals }),
    kickUser(userId, type) {
      const list = [...(byUser.get(userId) ?? [])];
      for (const s of list) s.kick(type);
      return list.length;
    },
    terminate(sessionId) {
      for (const [ws, session] of sockets) {
        if (session.id !== sessionId) continue;
        ws.terminate();
        return true;
      }
      return false;
    },
    async close() {
      if (closed) return;
      closed = true;
      server.off('upgrade', onUpgrade);
      clearInterval(heartbeat);
      if (reclaimTimer) clearTimeout(reclaimTimer);
      for (const [ws, session] of sockets) {
        session.dispose();
        ws.terminate();
      }
      sockets.clear();
      fanout.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function rawLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}
