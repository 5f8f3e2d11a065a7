// The slice of node-media-server 4.4.x the ingest child relies on, typed in one place: the package
// ships no types, and a few of the members used here are internals (named so an upgrade is checked).
import { createRequire } from 'node:module';

export type NmsQuery = Record<string, string | string[] | undefined>;

/** node-media-server's NmsConfig (src/core/context.js), only the sections the studio sets. */
export interface NmsConfig {
  bind: string;
  rtmp: { port: number };
  http: { port: number };
  auth: { publish: boolean; play: boolean; secret: string };
  webadmin: { enable: boolean };
  store: { path: string };
}

interface Listenable {
  once(event: 'listening', cb: () => void): unknown;
  address(): { port: number } | string | null;
}

/** A BroadcastServer (src/server/broadcast_server.js): one per stream path. */
export interface NmsBroadcast {
  publisher: NmsSession | null;
  /** Internal: how long a disconnected publisher may resume (30 s by default). */
  publishGraceMs: number;
  /** Internal: the players attached to this path, by session id (they stay across publish gaps). */
  subscribers: Map<string, NmsSession>;
}

/** BaseSession plus the protocol-specific members the ingest touches. */
export interface NmsSession {
  id: string;
  /** `addr:port`; empty for internal sessions (record, relay). */
  ip: string;
  protocol: string;
  streamHost: string;
  streamApp: string;
  streamName: string;
  streamPath: string;
  streamQuery: NmsQuery;
  endTime: number;
  videoWidth: number;
  videoHeight: number;
  broadcast?: NmsBroadcast;
  /** Ends the session (FlvSession: ends the HTTP response or closes the WebSocket; RtmpSession: closes the socket). */
  close?: () => void;
  /** RtmpSession only. */
  socket?: { end(): void; destroy(): void };
  /** RtmpSession only: the protocol parser (src/protocol/rtmp.js). */
  rtmp?: {
    streamId: number;
    onPacketCallback: (packet: unknown) => void;
    sendStatusMessage(streamId: number, level: string, code: string, description: string): void;
  };
  /** FlvSession only: the express request (HTTP) or the upgrade request (WebSocket). */
  req?: { socket?: { destroy(): void } };
  /** FlvSession only: express response, or a ws WebSocket. */
  res?: { headersSent?: boolean; statusCode?: number };
}

export type NmsEvent = 'prePublish' | 'postPublish' | 'donePublish' | 'prePlay' | 'postPlay' | 'donePlay';

export interface NodeMediaServer {
  on(event: NmsEvent, listener: (session: NmsSession) => void): void;
  run(): Promise<void>;
  stop(): Promise<void>;
  /** Internal listeners, reached only to learn when they are bound. */
  rtmpServer: { tcpServer?: Listenable };
  httpServer: { httpServer?: Listenable };
}

type NmsConstructor = new (config: NmsConfig) => NodeMediaServer;

const requireHere = createRequire(import.meta.url);

export function loadNodeMediaServer(): NmsConstructor {
  return requireHere('node-media-server') as NmsConstructor;
}

/** NMS logs through console.log at debug level; the child lowers it to keep its pipe quiet. */
export function setNmsLogLevel(level: 'debug' | 'info' | 'warn' | 'error'): void {
  const logger = requireHere('node-media-server/src/core/logger.js') as { level: string };
  logger.level = level;
}

/** Resolves with the bound port once `server` listens (NMS gives no callback of its own). */
export function whenListening(server: Listenable | undefined, what: string): Promise<number> {
  if (!server) return Promise.reject(new Error(`node-media-server created no ${what} listener (API changed?)`));
  return new Promise((resolve) => {
    server.once('listening', () => {
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : 0);
    });
  });
}
