import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import { lvbSign, toTxTime } from '../../shared/domain/lvbAuth';
import { checkIngestRequest, type GateConfig, type GateRequest } from './ingestGate';

const NOW = 1_800_000_000;
const PUSH_KEY = 'push-key-0123';
const PLAY_KEY = 'play-key-4567';

function signed(key: string, stream: string, expiresAt: number): Record<string, string> {
  const txTime = toTxTime(expiresAt);
  return { txSecret: lvbSign(nodeCrypto, key, stream, txTime), txTime };
}

const open: GateConfig = { appName: 'live', pushKey: PUSH_KEY };
const playAuth: GateConfig = { ...open, playKey: PLAY_KEY };

const req = (over: Partial<GateRequest>): GateRequest => ({
  action: 'publish',
  app: 'live',
  streamName: 'room1',
  query: signed(PUSH_KEY, 'room1', NOW + 60),
  nowSeconds: NOW,
  ...over,
});

describe('checkIngestRequest', () => {
  it.each<[string, GateConfig, Partial<GateRequest>, ReturnType<typeof checkIngestRequest>]>([
    ['signed push', open, {}, { ok: true }],
    ['lowercase txTime signed as sent', open, {
      query: (() => {
        const txTime = toTxTime(NOW + 60).toLowerCase();
        return { txSecret: lvbSign(nodeCrypto, PUSH_KEY, 'room1', txTime), txTime };
      })(),
    }, { ok: true }],
    ['push at the expiry second', open, { query: signed(PUSH_KEY, 'room1', NOW) }, { ok: true }],
    ['push one second after expiry', open, { query: signed(PUSH_KEY, 'room1', NOW - 1) }, { ok: false, reason: 'expired' }],
    ['push without params', open, { query: {} }, { ok: false, reason: 'missing' }],
    ['push with only txTime', open, { query: { txTime: toTxTime(NOW + 60) } }, { ok: false, reason: 'missing' }],
    ['push signed for another stream', open, { query: signed(PUSH_KEY, 'room2', NOW + 60) }, { ok: false, reason: 'bad-signature' }],
    ['push signed with the play key', playAuth, { query: signed(PLAY_KEY, 'room1', NOW + 60) }, { ok: false, reason: 'bad-signature' }],
    ['push with a repeated txSecret', open, {
      query: { txSecret: ['a'.repeat(32), 'b'.repeat(32)], txTime: toTxTime(NOW + 60) },
    }, { ok: false, reason: 'malformed' }],
    ['push to another app', open, { app: 'other' }, { ok: false, reason: 'wrong-app' }],
    ['push with an empty stream name', open, { streamName: '' }, { ok: false, reason: 'bad-stream-name' }],
    ['play, play auth off', open, { action: 'play', query: {} }, { ok: true }],
    ['play of another app, play auth off', open, { action: 'play', app: 'x', query: {} }, { ok: false, reason: 'wrong-app' }],
    ['unsigned play, play auth on', playAuth, { action: 'play', query: {} }, { ok: false, reason: 'missing' }],
    ['play signed with the push key', playAuth, { action: 'play' }, { ok: false, reason: 'bad-signature' }],
    ['signed play', playAuth, { action: 'play', query: signed(PLAY_KEY, 'room1', NOW + 60) }, { ok: true }],
    ['expired play', playAuth, { action: 'play', query: signed(PLAY_KEY, 'room1', NOW - 5) }, { ok: false, reason: 'expired' }],
  ])('%s', (_name, config, over, expected) => {
    expect(checkIngestRequest(nodeCrypto, config, req(over))).toEqual(expected);
  });

  it('honours the grace period after txTime', () => {
    const r = req({ query: signed(PUSH_KEY, 'room1', NOW - 30) });
    expect(checkIngestRequest(nodeCrypto, { ...open, graceSeconds: 30 }, r)).toEqual({ ok: true });
    expect(checkIngestRequest(nodeCrypto, { ...open, graceSeconds: 29 }, r)).toEqual({ ok: false, reason: 'expired' });
  });
});
