// The ingest's CSS-style admission rule (txSecret = md5(KEY + StreamName + txTime)): pushes need
// the push key's txSecret for their stream; plays need the play key's only when play auth is on.
// Pure, so table-tested.
import { type CryptoPort } from '../../shared/domain/cryptoPort';
import { type LvbQueryFailure, type QueryLike, verifyLvbQuery } from '../../shared/domain/lvbAuth';

export type IngestAction = 'publish' | 'play';

export type GateRefusal = LvbQueryFailure | 'wrong-app' | 'bad-stream-name';

export type GateDecision = { ok: true } | { ok: false; reason: GateRefusal };

export interface GateConfig {
  appName: string;
  pushKey: string;
  /** Play auth is on exactly when this is set. */
  playKey?: string;
  /** CSS's "authentication validity period" added to txTime; the studio uses 0. */
  graceSeconds?: number;
}

export interface GateRequest {
  action: IngestAction;
  /** AppName as the client sent it (RTMP connect `app`, or the first path segment). */
  app: string;
  /** Bare stream name: last path segment, no query, no extension. */
  streamName: string;
  query: QueryLike;
  nowSeconds: number;
}

/** Mirrors node-media-server's own path rule, so anything it would mangle is refused up front. */
const STREAM_NAME = /^[A-Za-z0-9_-]{1,255}$/;

export function checkIngestRequest(crypto: CryptoPort, config: GateConfig, req: GateRequest): GateDecision {
  if (req.app !== config.appName) return { ok: false, reason: 'wrong-app' };
  if (!STREAM_NAME.test(req.streamName)) return { ok: false, reason: 'bad-stream-name' };
  const key = req.action === 'publish' ? config.pushKey : config.playKey;
  if (key === undefined) return { ok: true };
  const verdict = verifyLvbQuery(crypto, {
    key,
    streamName: req.streamName,
    query: req.query,
    nowSeconds: req.nowSeconds,
    graceSeconds: config.graceSeconds ?? 0,
  });
  return verdict.ok ? { ok: true } : { ok: false, reason: verdict.reason };
}
