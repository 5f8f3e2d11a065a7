// Test support: a realtime server on 127.0.0.1:0 over the fake engine, TIM-compat clients that
// record their events, and a raw-frame client for protocol-level tests.
import http from 'node:http';
import { WebSocket } from 'ws';
import { silentLogger } from '../../node/infra/logger';
import { createTimCompat, EVENT, type TimInstance } from '../../tim/timCompat';
import type { TimEvent, TimMessage } from '../../tim/timTypes';
import { FakeEngine } from './fakeEngine.testkit';
import { attachRealtime, type RealtimeHandle, type RealtimeOptions } from './realtimeServer';

export interface Studio {
  engine: FakeEngine;
  server: http.Server;
  realtime: RealtimeHandle;
  endpoint: string;
  close(): Promise<void>;
}

export async function startStudio(options: Partial<RealtimeOptions> = {}, engine = new FakeEngine()): Promise<Studio> {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const realtime = attachRealtime(server, engine, { log: silentLogger(), ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    engine,
    server,
    realtime,
    endpoint: `ws://127.0.0.1:${port}${options.path ?? '/realtime'}`,
    async close() {
      await realtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface RecordingClient {
  tim: TimInstance;
  events: TimEvent[];
  messages(): TimMessage[];
  named(name: string): TimEvent[];
}

export function timClient(studio: Studio, SDKAppID?: number): RecordingClient {
  const TIM = createTimCompat({
    endpoint: studio.endpoint,
    WebSocket,
    reconnectBaseMs: 20,
    reconnectMaxMs: 200,
    requestTimeoutMs: 3_000,
  });
  const tim = TIM.create({ SDKAppID: SDKAppID ?? studio.engine.sdkAppId });
  const events: TimEvent[] = [];
  for (const name of Object.values(EVENT)) tim.on(name, (e) => events.push(e as TimEvent));
  return {
    tim,
    events,
    messages: () => events.filter((e) => e.name === EVENT.MESSAGE_RECEIVED).flatMap((e) => e.data as TimMessage[]),
    named: (name) => events.filter((e) => e.name === name),
  };
}

export async function waitFor<T>(probe: () => T | undefined | false, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface RawFrame {
  t: string;
  seq?: number;
  ok?: boolean;
  code?: number;
  message?: string;
  data?: unknown;
  groupID?: string;
  events?: unknown[];
  type?: string;
}

/** A client that speaks raw frames, for refusals and malformed input. */
export async function rawClient(endpoint: string, wsOptions: ConstructorParameters<typeof WebSocket>[2] = {}) {
  const ws = new WebSocket(endpoint, wsOptions);
  const frames: RawFrame[] = [];
  ws.on('message', (d) => frames.push(JSON.parse(String(d)) as RawFrame));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    frames,
    send(frame: unknown): void {
      ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    },
    acks: () => frames.filter((f) => f.t === 'ack'),
    ack: (seq: number) => waitFor(() => frames.find((f) => f.t === 'ack' && f.seq === seq), 15_000, `ack ${seq}`),
    close: () => ws.terminate(),
  };
}
