// Test wiring for the IM engine: an engine on a ManualTime clock, a fastify app with the REST routes
// (driven by inject(), no port), admin UserSigs and recording sessions. Not used in production.
import Fastify, { type FastifyInstance } from 'fastify';
import { genUserSig } from '../../shared/domain/userSig';
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import { silentLogger } from '../../node/infra/logger';
import { ImEngine, type ImEngineOptions } from './engine';
import { type GroupEvent, type OptPlatform, type SessionRef } from './engineApi';
import { registerImRest } from './restRoutes';
import { ManualTime } from './timers';

export const SDKAPPID = 1400000000;
export const SECRET = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
export const ADMIN = 'administrator';

export interface RecordingSession {
  ref: SessionRef;
  events: GroupEvent[];
}

export function recordingSession(sessionId: string, userId?: string, platform: OptPlatform = 'Web'): RecordingSession {
  const events: GroupEvent[] = [];
  const ref: SessionRef = { sessionId, platform, sink: { deliver: (e) => void events.push(...e) } };
  if (userId !== undefined) ref.userId = userId;
  return { ref, events };
}

export interface Harness {
  engine: ImEngine;
  app: FastifyInstance;
  time: ManualTime;
  adminSig: string;
  /** POSTs a body (object → JSON, string → as is) to /v4/<command> with the admin's query. */
  call(command: string, body: unknown, query?: Record<string, string | undefined>): Promise<Record<string, unknown>>;
  sig(userId: string, expireSeconds?: number): string;
  close(): Promise<void>;
}

export async function startHarness(
  dataDir: string,
  overrides: Partial<ImEngineOptions> = {},
  time: ManualTime = new ManualTime(),
): Promise<Harness> {
  const engine = new ImEngine({
    sdkAppId: SDKAPPID,
    secretKey: SECRET,
    adminIdentifier: ADMIN,
    dataDir,
    clock: time,
    timers: time,
    crypto: nodeCrypto,
    log: silentLogger(),
    ...overrides,
  });
  const app = Fastify();
  registerImRest(app, engine);
  await app.ready();
  const sig = (userId: string, expireSeconds = 86400) =>
    genUserSig(nodeCrypto, {
      sdkAppId: SDKAPPID,
      secretKey: SECRET,
      identifier: userId,
      expireSeconds,
      nowSeconds: Math.floor(time.now() / 1000),
    });
  const adminSig = sig(ADMIN);
  return {
    engine,
    app,
    time,
    adminSig,
    sig,
    async call(command, body, query = {}) {
      const params = new URLSearchParams();
      const merged: Record<string, string | undefined> = {
        sdkappid: String(SDKAPPID),
        identifier: ADMIN,
        // Fresh per call: tests move the clock by days.
        usersig: sig(ADMIN),
        random: '12345',
        contenttype: 'json',
        ...query,
      };
      for (const [k, v] of Object.entries(merged)) if (v !== undefined) params.set(k, v);
      const res = await app.inject({
        method: 'POST',
        url: `/v4/${command}?${params.toString()}`,
        headers: { 'content-type': 'application/json' },
        payload: typeof body === 'string' ? body : JSON.stringify(body),
      });
      if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${res.body}`);
      return res.json() as Record<string, unknown>;
    },
    async close() {
      await app.close();
      engine.dispose();
    },
  };
}
